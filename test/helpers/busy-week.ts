/**
 * A synthetic busy week from the real corpus: the per-source digests of seven of its busiest
 * days (2024–2025, 180 to 430 papers each; 2,379 in all), dated as seven consecutive days, as
 * in late October 2024 when 2,300+ papers came in a week. The rows are the corpus's own; only
 * the dates move.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { corpusFiles } from './corpus.js';

const BUSY_DAYS = ['2024-09-04', '2024-10-21', '2024-11-12', '2025-01-17', '2024-12-24', '2025-02-11', '2024-09-28'];

/** Digest files (`digests/<date>-<source>.md` → content) for `start` and the six days after it. */
export function busyWeekDigests(start = '2024-10-21'): Record<string, string> {
  const files: Record<string, string> = {};
  const first = new Date(`${start}T00:00:00Z`).getTime();
  BUSY_DAYS.forEach((day, i) => {
    const date = new Date(first + i * 86_400_000).toISOString().slice(0, 10);
    for (const path of corpusFiles().filter((f) => basename(f).startsWith(`${day}-`))) {
      const source = basename(path).slice(day.length + 1);
      files[`digests/${date}-${source}`] = readFileSync(path, 'utf8').replaceAll(day, date);
    }
  });
  return files;
}
