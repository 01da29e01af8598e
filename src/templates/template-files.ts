/**
 * Finding and compiling the user-editable templates (`templates/` in the project, falling back
 * to the ones shipped with digestcast), with errors that name the file and line.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import Handlebars from 'handlebars';
import { BUILTIN_TEMPLATES_DIR } from './builtin-templates.js';

export { BUILTIN_TEMPLATES_DIR };

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
export function createHandlebars(): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  return hb;
}

/**
 * Compiles a Handlebars template, reporting syntax errors with the file and line.
 * `escape: false` is for plain-text outputs (email text part, subject).
 */
export function compileTemplate<T>(hb: typeof Handlebars, source: string, display: string, options: { escape?: boolean } = {}): (context: T) => string {
  try {
    hb.parse(source);
  } catch (error) {
    const message = (error as Error).message;
    const line = /line (\d+)/.exec(message)?.[1];
    throw new TemplateError(display, line ? Number(line) : undefined, message.split('\n').filter(Boolean).pop() ?? message);
  }
  const render = hb.compile<T>(source, { strict: false, noEscape: options.escape === false });
  return (context: T) => {
    try {
      return render(context);
    } catch (error) {
      throw new TemplateError(display, undefined, (error as Error).message);
    }
  };
}
