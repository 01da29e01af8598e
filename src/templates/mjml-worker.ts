/**
 * Compiles MJML in a worker thread, so that loading MJML (about half a second) and compiling
 * the layout overlap with reading digests and writing feeds on the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compileMjmlSource, MjmlMissingError, type MjmlInput, type MjmlIssue, type MjmlWorkerMessage } from './mjml-compile.js';

const input = workerData as MjmlInput;
const post = (message: MjmlWorkerMessage) => parentPort!.postMessage(message);
compileMjmlSource(input).then(
  (result) => post({ ok: true, result }),
  (error: Error & { errors?: MjmlIssue[] }) => post({ ok: false, message: error.message, errors: error.errors ?? [], missing: error instanceof MjmlMissingError }),
);
