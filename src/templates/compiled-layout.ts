/**
 * The compiled email layout shipped with digestcast (`templates/email/generated/layout.html`):
 * the MJML layout and partials compiled to HTML once, by `npm run compile-email`, so that a
 * build whose email templates are the shipped ones never loads MJML (about 200 packages and
 * half a second). The file starts with a Handlebars comment (it renders as nothing) naming
 * the MJML version and the content hash of every `.mjml` file it was compiled from; it is
 * used only while the templates hash the same.
 */
import { readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { filesUnder } from '../files-under.js';
import { sha256 } from '../hash.js';

/** Where the compiled layout is, relative to the email templates folder. */
export const COMPILED_LAYOUT_PATH = 'generated/layout.html';

/** The command that writes the compiled layout (named in its header and in errors). */
export const COMPILE_EMAIL_COMMAND = 'npm run compile-email';

/** One `.mjml` file of the email folder: its path relative to the folder (with `/`) and its content's hash. */
export interface EmailSourceFile {
  path: string;
  sha256: string;
}

/** The `.mjml` files of an email templates folder (layout and partials, at any depth), sorted. */
export function emailSourceFiles(emailDir: string): EmailSourceFile[] {
  return filesUnder(emailDir)
    .filter((path) => path.endsWith('.mjml'))
    .map((path) => ({ path: path.split(sep).join('/'), sha256: sha256(readFileSync(join(emailDir, path))) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** One hash of all the files (paths and bytes): what the compiled layout and the cache are keyed by. */
export function sourcesHash(files: readonly EmailSourceFile[]): string {
  return sha256(files.map((f) => `${f.path} ${f.sha256}\n`).join(''));
}

/** A compiled layout file, read back. */
export interface CompiledLayout {
  /** The HTML with Handlebars expressions, as `loadEmailTemplates` uses it (header removed). */
  html: string;
  mjmlVersion: string;
  sourcesHash: string;
  files: EmailSourceFile[];
}

const HEADER = /^\{\{!--\n([\s\S]*?)\n--\}\}\n/;

/** The file's text: the header comment, then the HTML exactly as given. */
export function formatCompiledLayout(layout: Omit<CompiledLayout, 'sourcesHash'>): string {
  const lines = [
    '  GENERATED FILE: do not edit it; edit layout.mjml and partials/*.mjml, then regenerate it with',
    `  \`${COMPILE_EMAIL_COMMAND}\`. It is templates/email/layout.mjml with its partials compiled by`,
    '  MJML, so that building with these templates does not load MJML. digestcast uses it only while',
    '  the .mjml files of this folder hash as listed below; otherwise it compiles them with MJML.',
    `  mjml-version: ${layout.mjmlVersion}`,
    `  sources-sha256: ${sourcesHash(layout.files)}`,
    ...layout.files.map((f) => `  file: ${f.path} sha256: ${f.sha256}`),
  ];
  return `{{!--\n${lines.join('\n')}\n--}}\n${layout.html}`;
}

/** Parses a compiled layout file's text; undefined when it is not one (no or broken header). */
export function parseCompiledLayout(text: string): CompiledLayout | undefined {
  const header = HEADER.exec(text);
  if (!header) return undefined;
  const body = header[1]!;
  const mjmlVersion = /^ {2}mjml-version: (\S+)$/m.exec(body)?.[1];
  const recorded = /^ {2}sources-sha256: ([0-9a-f]{64})$/m.exec(body)?.[1];
  const files = [...body.matchAll(/^ {2}file: (\S+) sha256: ([0-9a-f]{64})$/gm)].map((m) => ({ path: m[1]!, sha256: m[2]! }));
  // The recorded hash must be the files' hash: a header edited by hand is not trusted.
  if (!mjmlVersion || !recorded || recorded !== sourcesHash(files)) return undefined;
  return { html: text.slice(header[0].length), mjmlVersion, sourcesHash: recorded, files };
}

/** Reads the compiled layout at `path`; undefined when there is none or it is not one. */
export function readCompiledLayout(path: string): CompiledLayout | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  return parseCompiledLayout(text);
}

/** Files that are new or different in `current` compared with `compiledFrom` (paths), e.g. to say which template changed. */
export function changedFiles(current: readonly EmailSourceFile[], compiledFrom: readonly EmailSourceFile[]): string[] {
  const before = new Map(compiledFrom.map((f) => [f.path, f.sha256]));
  return current.filter((f) => before.get(f.path) !== f.sha256).map((f) => f.path);
}
