/**
 * Compiles MJML in a worker thread, so that loading MJML (about half a second) and compiling
 * the layout overlap with reading digests and writing feeds on the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compileMjmlSource, type MjmlInput } from './mjml-compile.js';

const input = workerData as MjmlInput;
compileMjmlSource(input).then(
  (result) => parentPort!.postMessage({ ok: true, result }),
  (error: Error & { errors?: unknown[] }) => parentPort!.postMessage({ ok: false, message: error.message, errors: error.errors ?? [] }),
);
