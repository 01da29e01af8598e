/**
 * Small helpers for reader tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Paper } from '../../src/model.js';
import { type ParsedDigest, parseDigest } from '../../src/parse/parse-digest.js';
import { FIXTURES_DIR } from './corpus.js';

/** Parses Markdown given inline; `file` defaults to a dated per-source name. */
export function parse(markdown: string, file = 'digest.md'): ParsedDigest {
  return parseDigest(markdown, file);
}

/** Parses a fixture from test/fixtures/digests. */
export function parseFixture(name: string): ParsedDigest {
  return parseDigest(readFileSync(join(FIXTURES_DIR, 'digests', name), 'utf8'), name);
}

/** All papers of a parsed digest. */
export function papersOf(digest: ParsedDigest): Paper[] {
  return digest.days.flatMap((d) => d.papers);
}

/** Rule ids of a digest's diagnostics. */
export function rulesOf(digest: ParsedDigest): string[] {
  return digest.diagnostics.map((d) => d.rule);
}

/** A per-source digest with the 2025 layout around the given rows. */
export function table2025(rows: string, heading = '# arxiv 2025-10-17'): string {
  return `${heading}\n\n| 标题 | 作者 | PDF链接 |  摘要 |\n|------|------|--------|------|\n${rows}\n`;
}
