/**
 * One MJML compile, with validation on and includes enabled on purpose; in this thread or in
 * a worker (when running from the built JavaScript, where a worker can load this module).
 */
import { Worker } from 'node:worker_threads';

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

/** Compiles in this thread. Throws MJML's ValidationError (with `errors`) on invalid MJML. */
export async function compileMjmlSource(input: MjmlInput): Promise<{ html: string; errors: MjmlIssue[] }> {
  const { default: mjml2html } = await import('mjml');
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

/** Compiles in a worker thread when running compiled JavaScript, else in this thread. */
export function compileMjml(input: MjmlInput): Promise<{ html: string; errors: MjmlIssue[] }> {
  if (!import.meta.url.endsWith('.js') || process.env.DIGESTCAST_MJML_IN_THREAD) return compileMjmlSource(input);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./mjml-worker.js', import.meta.url), { workerData: input });
    worker.once('message', (message: { ok: true; result: { html: string; errors: MjmlIssue[] } } | { ok: false; message: string; errors: MjmlIssue[] }) => {
      if (message.ok) resolve(message.result);
      else reject(Object.assign(new Error(message.message), { errors: message.errors }));
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
