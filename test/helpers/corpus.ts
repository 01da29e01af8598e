/**
 * Where the real digest corpus lives (`../shared/corpus`, beside the project; CI has it too).
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

export const PROJECT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CORPUS_DIR = resolve(PROJECT_DIR, '../shared/corpus');
export const FIXTURES_DIR = join(PROJECT_DIR, 'test/fixtures');

/** Whether the corpus is there; tests that need it skip with a message when it is not. */
export const hasCorpus = existsSync(CORPUS_DIR) && readdirSync(CORPUS_DIR).some((f) => f.endsWith('.md'));

if (!hasCorpus) {
  console.warn(`[digestcast tests] ${CORPUS_DIR} is absent: tests over the real corpus are skipped`);
}

/** Digest files of the corpus (per-source and combined), sorted. */
export function corpusFiles(): string[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => /^\d{4}-\d{2}-\d{2}(?:-[a-z]+)?\.md$/.test(f))
    .sort()
    .map((f) => join(CORPUS_DIR, f));
}
