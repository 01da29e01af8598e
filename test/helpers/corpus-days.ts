/**
 * The real corpus read into whole days (every source of a day merged, per-source and combined
 * files alike), as the build sees them.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Day } from '../../src/model.js';
import { mergeDays } from '../../src/parse/merge-days.js';
import { parseDigest } from '../../src/parse/parse-digest.js';
import { corpusFiles } from './corpus.js';

let cached: Day[] | undefined;

/** Every day of the corpus, oldest first (read once per test file). */
export function corpusDays(): Day[] {
  cached ??= mergeDays(corpusFiles().map((file) => parseDigest(readFileSync(file, 'utf8'), basename(file)))).days;
  return cached;
}
