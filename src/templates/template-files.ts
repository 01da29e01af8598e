/**
 * Finding and compiling the user-editable templates (`templates/` in the project, falling back
 * to the ones shipped with digestcast), with errors that name the file and line.
 */
import { readFile } from 'node:fs/promises';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import type Handlebars from 'handlebars';
import runtimeModule from 'handlebars/runtime.js';
import { filesUnder } from '../files-under.js';
import { sha256 } from '../hash.js';
import { CODE_DIR } from '../package-info.js';
import { writeFileAtomicSync } from '../write-file-atomic.js';
import { BUILTIN_TEMPLATES_DIR } from './builtin-templates.js';
import { COMPILED_LAYOUT_PATH, readCompiledLayout } from './compiled-layout.js';

export { BUILTIN_TEMPLATES_DIR };

/** A Handlebars environment that renders compiled templates (the runtime: no parser, no compiler). */
export type HandlebarsEnvironment = Pick<typeof Handlebars, 'template' | 'registerHelper'>;

const require = createRequire(import.meta.url);

/** Handlebars' runtime: the environment minus the parser and compiler (its package types it as an empty module). */
const HandlebarsRuntime = runtimeModule as unknown as typeof Handlebars;

/** The whole of Handlebars (parser and compiler), loaded only when a template must be compiled: a build whose templates are all compiled already (in the cache) needs the runtime alone. */
function handlebarsCompiler(): typeof Handlebars {
  return require('handlebars') as typeof Handlebars;
}

/** The shipped templates, compiled when the package is built (`precompileTemplates`): looked up before the project's cache. */
const SHIPPED_COMPILED_DIR = join(CODE_DIR, 'compiled-templates');

/** A template that cannot be used: names the file and the line. */
export class TemplateError extends Error {
  override name = 'TemplateError';
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    detail: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${detail}`);
  }
}

/** Where a template file is: the project's templates folder first, then the shipped one. */
export function resolveTemplate(templatesDir: string, name: string): string {
  const own = join(templatesDir, name);
  return existsSync(own) ? own : join(BUILTIN_TEMPLATES_DIR, name);
}

/** Reads a template file (project first, then shipped). */
export async function readTemplate(templatesDir: string, name: string, displayRoot = process.cwd()): Promise<{ path: string; display: string; source: string }> {
  const path = resolveTemplate(templatesDir, name);
  try {
    return { path, display: relative(displayRoot, path) || path, source: await readFile(path, 'utf8') };
  } catch (error) {
    throw new TemplateError(relative(displayRoot, path) || path, undefined, `cannot read template: ${(error as Error).message}`);
  }
}

/** A Handlebars environment of our own (escaping on), with the few helpers templates use. */
export function createHandlebars(): HandlebarsEnvironment {
  const hb = HandlebarsRuntime.create();
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  return hb;
}

/**
 * Compiles a Handlebars template, reporting syntax errors with the file and line.
 * `escape: false` is for plain-text outputs (email text part, subject). With `cacheDir`, the
 * compiled template (Handlebars' precompiled JavaScript) is kept there between commands, keyed
 * by the source, the options and Handlebars' version, and loaded instead of compiling again.
 */
export function compileTemplate<T>(hb: HandlebarsEnvironment, source: string, display: string, options: { escape?: boolean; cacheDir?: string | undefined } = {}): (context: T) => string {
  const compileOptions = { strict: false, noEscape: options.escape === false };
  const name = compiledTemplateName(source, compileOptions);
  const cachePath = options.cacheDir === undefined ? undefined : join(options.cacheDir, 'templates', name);
  // The package's own compiled templates first: a project with the shipped templates compiles none (and loads no compiler).
  const cached = cachedTemplate<T>(hb, join(SHIPPED_COMPILED_DIR, name)) ?? (cachePath === undefined ? undefined : cachedTemplate<T>(hb, cachePath));
  const render = cached ?? compileChecked<T>(hb, source, display, compileOptions, cachePath);
  return (context: T) => {
    try {
      return render(context);
    } catch (error) {
      throw new TemplateError(display, undefined, (error as Error).message);
    }
  };
}

/** A template compiled by an earlier command, or undefined when there is none or it is unusable (then it is compiled again). */
function cachedTemplate<T>(hb: HandlebarsEnvironment, path: string): Handlebars.TemplateDelegate<T> | undefined {
  let spec: string;
  try {
    spec = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return hb.template<T>(evaluateSpec(spec));
  } catch {
    return undefined;
  }
}

/** Compiles `source` (syntax errors name the file and line); with `cachePath`, keeps the compiled template there (a failure to keep it only costs the next command a compile). */
function compileChecked<T>(hb: HandlebarsEnvironment, source: string, display: string, compileOptions: CompileOptions, cachePath: string | undefined): Handlebars.TemplateDelegate<T> {
  // What `Handlebars.compile` does, in two steps: the JavaScript source of the template, then the template.
  const spec = checkedSpec(source, display, compileOptions);
  if (cachePath !== undefined) {
    try {
      writeFileAtomicSync(cachePath, spec);
    } catch {
      // Only saves work.
    }
  }
  return hb.template<T>(evaluateSpec(spec));
}

type CompileOptions = { strict: boolean; noEscape: boolean };

/** The JavaScript source of a compiled template (`Handlebars.precompile`); a syntax error names the file and line. */
function checkedSpec(source: string, display: string, compileOptions: CompileOptions): string {
  const compiler = handlebarsCompiler();
  try {
    compiler.parse(source);
  } catch (error) {
    const message = (error as Error).message;
    const line = /line (\d+)/.exec(message)?.[1];
    throw new TemplateError(display, line ? Number(line) : undefined, message.split('\n').filter(Boolean).pop() ?? message);
  }
  return compiler.precompile(source, compileOptions) as unknown as string;
}

/** Files of the templates folder that are compiled as Handlebars templates as they are (site pages, feed and OPML style sheets, the email's text). */
const TEMPLATE_FILE = /\.(?:hbs|xsl)$/;

/** The file a compiled template is kept in: its source, the options and Handlebars' version. */
function compiledTemplateName(source: string, compileOptions: CompileOptions): string {
  return `${sha256(JSON.stringify([HandlebarsRuntime.VERSION, compileOptions, source]))}.js`;
}

/**
 * Compiles the shipped templates into `outDir` (`npm run build`: `dist/compiled-templates/`,
 * emptied first), named as `compileTemplate` looks them up, so that a build with them compiles
 * none: each template file of `templatesDir` (`TEMPLATE_FILE`), the email layout's HTML (MJML's
 * output, shipped compiled) and `more` (templates that are no file: the default subject lines),
 * with escaping and without (how each is used is known only where it is loaded). A shipped
 * template that does not compile fails the build, naming the file and line. Returns how many were written.
 */
export function precompileTemplates(templatesDir: string, outDir: string, more: readonly string[] = []): number {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const sources = filesUnder(templatesDir)
    .filter((path) => TEMPLATE_FILE.test(path))
    .map((path) => ({ display: path, source: readFileSync(join(templatesDir, path), 'utf8') }));
  const layoutPath = join('email', COMPILED_LAYOUT_PATH);
  const layout = readCompiledLayout(join(templatesDir, layoutPath));
  if (layout) sources.push({ display: layoutPath, source: layout.html });
  sources.push(...more.map((source) => ({ display: source, source })));
  let written = 0;
  for (const { display, source } of sources) {
    for (const noEscape of [false, true]) {
      const compileOptions = { strict: false, noEscape };
      // Named first: Handlebars adds its own settings to the options it is given.
      const name = compiledTemplateName(source, compileOptions);
      writeFileSync(join(outDir, name), checkedSpec(source, display, compileOptions));
      written++;
    }
  }
  return written;
}

/** The template spec object that `Handlebars.precompile`'s JavaScript source evaluates to. */
function evaluateSpec(spec: string): ReturnType<typeof Handlebars.precompile> {
  return new Function(`return (${spec});`)() as ReturnType<typeof Handlebars.precompile>;
}
