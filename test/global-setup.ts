/**
 * One temporary folder for the whole test run (projects, outboxes, ledgers), removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'digestcast-tests-'));
  process.env.DIGESTCAST_TEST_TMP = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
