/**
 * One MJML compile, with validation on and includes enabled on purpose; in this thread or in
 * a worker (when running from the built JavaScript, where a worker can load this module).
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CODE_DIR } from '../package-info.js';

export interface MjmlInput {
  source: string;
  /** The layout's path: mj-include paths are relative to it. */
  filePath: string;
  /** The only folder includes may come from. */
  includePath: string;
}

export interface MjmlIssue {
  line?: number;
  message?: string;
  tagName?: string;
  formattedMessage?: string;
}

/**
 * MJML could not be loaded: it is not installed (or only in part). It is needed only when the
 * email templates differ from the shipped ones, whose compiled layout digestcast ships.
 */
export class MjmlMissingError extends Error {
  override name = 'MjmlMissingError';
}

/** Loads MJML (only here, and only when a template must be compiled). */
async function importMjml() {
  try {
    return await import('mjml');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') throw new MjmlMissingError((error as Error).message.split('\n')[0]);
    throw error;
  }
}

/**
 * Compiles in this thread. Throws MJML's ValidationError (with `errors`) on invalid MJML,
 * `MjmlMissingError` when MJML is not installed.
 */
export async function compileMjmlSource(input: MjmlInput): Promise<{ html: string; errors: MjmlIssue[] }> {
  const { default: mjml2html } = await importMjml();
  const result = await mjml2html(input.source, {
    filePath: input.filePath,
    ignoreIncludes: false,
    includePath: input.includePath,
    validationLevel: 'strict',
    keepComments: false,
    fonts: {},
  });
  return result as unknown as { html: string; errors: MjmlIssue[] };
}

/** What the worker posts back. */
export type MjmlWorkerMessage = { ok: true; result: { html: string; errors: MjmlIssue[] } } | { ok: false; message: string; errors: MjmlIssue[]; missing: boolean };

/** Compiles in a worker thread when running compiled JavaScript (`tsc`'s or the bundle), else (from the TypeScript sources) in this thread. */
export function compileMjml(input: MjmlInput): Promise<{ html: string; errors: MjmlIssue[] }> {
  if (import.meta.url.endsWith('.ts') || process.env.DIGESTCAST_MJML_IN_THREAD) return compileMjmlSource(input);
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(CODE_DIR, 'templates', 'mjml-worker.js'), { workerData: input });
    worker.once('message', (message: MjmlWorkerMessage) => {
      if (message.ok) resolve(message.result);
      else if (message.missing) reject(new MjmlMissingError(message.message));
      else reject(Object.assign(new Error(message.message), { errors: message.errors }));
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
