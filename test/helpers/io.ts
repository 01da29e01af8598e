/**
 * An in-memory CliIo for running commands inside tests.
 */
import type { CliIo } from '../../src/cli/io.js';

/** CliIo that collects output; `out()` and `err()` return what was written. */
export function memoryIo(cwd: string, env: Record<string, string | undefined> = {}): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    cwd,
    env,
    out: () => out,
    err: () => err,
  };
}
