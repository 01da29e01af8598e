/**
 * The email templates: `templates/email/layout.mjml` (+ partials through mj-include) and
 * `templates/email/text.hbs`, and the subject line from the config.
 *
 * MJML runs once per template change, not once per email: the layout is compiled to HTML
 * with its Handlebars expressions intact (they sit in text and attributes, which MJML copies,
 * and juice inlines the styles into the elements around them), and that HTML is the
 * Handlebars template every day's email is rendered from. The layout of the shipped templates
 * comes compiled (`templates/email/generated/layout.html`, see compiled-layout.ts): with them
 * MJML is never loaded. Changed templates are compiled with MJML and cached in the state
 * folder, keyed by the templates' content and MJML's version.
 *
 * In MJML 5, `mjml2html` returns a promise, and `mj-include` is ignored without a word
 * unless includes are enabled; both are handled here on purpose (await, `ignoreIncludes:
 * false` with an include path scoped to the email folder, and a check that every
 * mj-include was replaced).
 */
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { sha256 } from '../hash.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { BUILTIN_TEMPLATES_DIR, compileTemplate, createHandlebars, resolveTemplate, TemplateError } from './template-files.js';
import { changedFiles, COMPILED_LAYOUT_PATH, emailSourceFiles, formatCompiledLayout, readCompiledLayout, sourcesHash } from './compiled-layout.js';
import type { EmailTemplates, SubjectData } from '../email/email-templates.js';
import type { EmailView } from '../email/email-view.js';
import { compileMjml, MjmlMissingError, type MjmlIssue } from './mjml-compile.js';

const require = createRequire(import.meta.url);

/** MJML's version (of the installed package; `unknown` when it is not installed), part of the compiled-template cache key. */
export function mjmlVersion(): string {
  try {
    return (require('mjml/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Loads and compiles the email templates. `cacheDir` keeps compiled MJML and compiled Handlebars templates between runs. */
export async function loadEmailTemplates(
  templatesDir: string,
  subjectTemplate: string,
  options: { cacheDir?: string; displayRoot?: string } = {},
): Promise<EmailTemplates> {
  const displayRoot = options.displayRoot ?? process.cwd();
  const layoutPath = resolveTemplate(templatesDir, 'email/layout.mjml');
  const emailDir = dirname(layoutPath);
  const display = (path: string) => relative(displayRoot, path) || path;
  const hb = createHandlebars();

  const compiledHtml = await layoutHtml(layoutPath, emailDir, display, options.cacheDir);
  const textPath = resolveTemplate(templatesDir, 'email/text.hbs');
  let textSource: string;
  try {
    textSource = await readFile(textPath, 'utf8');
  } catch (error) {
    throw new TemplateError(display(textPath), undefined, `cannot read template: ${(error as Error).message}`);
  }
  const cacheDir = options.cacheDir;
  const subject = compileTemplate<SubjectData>(hb, subjectTemplate, 'config email.subject', { escape: false, cacheDir });
  return {
    html: compileTemplate<EmailView>(hb, compiledHtml, `${display(layoutPath)} (after MJML)`, { cacheDir }),
    text: compileTemplate<EmailView>(hb, textSource, display(textPath), { escape: false, cacheDir }),
    // A subject is one header line: no line breaks can get into it.
    subject: (data) => subject(data).replace(/[\r\n\t]+/g, ' ').replace(/\s{2,}/g, ' ').trim(),
  };
}

/**
 * The layout as HTML with Handlebars expressions: the compiled layout beside the sources or
 * shipped with digestcast when the `.mjml` files are the ones it was compiled from (MJML is
 * not loaded), else the cached compile, else a compile with MJML (then cached).
 *
 * Up to the worker's start everything here is synchronous (small files), so a caller that
 * starts it before other work gets the MJML compile going in its worker at once.
 */
async function layoutHtml(layoutPath: string, emailDir: string, display: (p: string) => string, cacheDir?: string): Promise<string> {
  const sources = emailSourceFiles(emailDir);
  const hash = sourcesHash(sources);
  const shippedPath = join(BUILTIN_TEMPLATES_DIR, 'email', COMPILED_LAYOUT_PATH);
  for (const path of new Set([join(emailDir, COMPILED_LAYOUT_PATH), shippedPath])) {
    const compiled = readCompiledLayout(path);
    if (compiled?.sourcesHash === hash) return compiled.html;
  }
  const key = sha256(JSON.stringify({ mjml: mjmlVersion(), sources: hash }));
  const cachePath = cacheDir ? join(cacheDir, `email-${key.slice(0, 32)}.html`) : undefined;
  if (cachePath && existsSync(cachePath)) return readFile(cachePath, 'utf8');
  let html: string;
  try {
    html = await compileLayout(layoutPath, emailDir, display);
  } catch (error) {
    if (!(error instanceof MjmlMissingError)) throw error;
    const shipped = readCompiledLayout(shippedPath);
    const changed = shipped ? changedFiles(sources, shipped.files) : [];
    const first = changed[0] ? join(emailDir, changed[0]) : layoutPath;
    const more = changed.length > 1 ? ` (and ${changed.slice(1).map((p) => display(join(emailDir, p))).join(', ')})` : '';
    throw new TemplateError(
      display(first),
      undefined,
      `changed from the shipped email template${more}: compiling it needs the mjml package, which is not installed (${error.message}): run npm install mjml`,
    );
  }
  if (cachePath) {
    await writeFileAtomic(cachePath, html);
  }
  return html;
}

/**
 * Runs MJML on the layout with validation on; problems name the template file and line
 * (`MjmlMissingError` when MJML is not installed). The HTML keeps its Handlebars expressions.
 */
export async function compileLayout(layoutPath: string, emailDir: string, display: (p: string) => string): Promise<string> {
  let source: string;
  try {
    source = readFileSync(layoutPath, 'utf8');
  } catch (error) {
    throw new TemplateError(display(layoutPath), undefined, `cannot read template: ${(error as Error).message}`);
  }
  let result: { html: string; errors: MjmlIssue[] };
  try {
    result = await compileMjml({ source, filePath: layoutPath, includePath: emailDir });
  } catch (error) {
    if (error instanceof MjmlMissingError) throw error;
    const errors = ((error as { errors?: MjmlIssue[] }).errors ?? []) as MjmlIssue[];
    const first = errors[0];
    if (first) {
      const more = errors.length > 1 ? ` (and ${errors.length - 1} more: ${errors.slice(1, 4).map((e) => `line ${e.line}: ${e.message}`).join('; ')})` : '';
      throw new TemplateError(locateInclude(first, layoutPath, emailDir, display), first.line, `${first.message ?? 'invalid MJML'}${more}`);
    }
    const message = (error as Error).message;
    const line = /line (\d+)/i.exec(message)?.[1];
    throw new TemplateError(display(layoutPath), line ? Number(line) : undefined, message.split('\n')[0] ?? message);
  }
  if (/mj-include/.test(result.html)) {
    throw new TemplateError(display(layoutPath), undefined, 'an <mj-include> was not replaced: check its path (relative to the layout, inside the email templates folder)');
  }
  return collapseIndentation(result.html);
}

/**
 * The text of the compiled layout file for an email templates folder (what `npm run
 * compile-email` writes to `generated/layout.html` there): compiled with MJML now.
 */
export async function compiledLayoutFile(emailDir: string, displayRoot = process.cwd()): Promise<string> {
  const files = emailSourceFiles(emailDir);
  const html = await compileLayout(join(emailDir, 'layout.mjml'), emailDir, (path) => relative(displayRoot, path) || path);
  return formatCompiledLayout({ html, mjmlVersion: mjmlVersion(), files });
}

/**
 * Drops the line breaks and indentation between tags and template expressions. A day's email
 * repeats the paper markup hundreds of times, so this buys room under Gmail's size limit;
 * text inside elements keeps its spaces.
 */
export function collapseIndentation(html: string): string {
  return html.replace(/(>|\}\})[ \t]*\n\s*(?=<|\{\{)/g, '$1');
}

/** MJML reports errors inside included files with that file's name in the message; find it. */
function locateInclude(error: MjmlIssue, layoutPath: string, emailDir: string, display: (p: string) => string): string {
  const included = /([\w./-]+\.mjml)/.exec(error.formattedMessage ?? '')?.[1];
  if (included) {
    const path = join(emailDir, included.replace(/^.*?templates\/email\//, ''));
    if (existsSync(path)) return display(path);
  }
  return display(layoutPath);
}
