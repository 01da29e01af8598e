/**
 * Temporary folders under the test run's own folder (removed after the run; see global-setup.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new empty folder for one test. */
export function tempDir(prefix = 'tmp-'): string {
  return mkdtempSync(join(process.env.DIGESTCAST_TEST_TMP ?? tmpdir(), prefix));
}
