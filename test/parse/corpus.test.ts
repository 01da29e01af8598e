/**
 * The reader against the real history sample in ../shared/corpus (skipped with a message when absent).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/model.js';
import { readDigests, type DigestSet } from '../../src/read-digests.js';
import { CORPUS_DIR, corpusFiles, hasCorpus } from '../helpers/corpus.js';
import { paperTitle } from '../../src/view/paper-title.js';
import { uiStrings } from '../../src/view/ui-strings.js';

/** What the README calls translator commentary, as it would show in a title (chatter about translating included). */
const COMMENTARY = /[（(]\s*(?:注|译注|说明|解析|翻译说明)|(?:^|\s)注[：:]|翻译说明|解析说明|这段翻译|这段文字|这段英文|翻译成中文|译为[“"：:]|以下是|请帮我|请提供|需要翻译|翻译如下|\*\*|^#/;
/** LaTeX a reader should not see: commands, `{tau}`-style braces, dollars. */
const LEFTOVER_LATEX = /\\[a-zA-Z]+|\{[a-zA-Z]+\}|\$[^$\s]/;

describe.skipIf(!hasCorpus)('real corpus (../shared/corpus)', () => {
  let set: DigestSet;
  let perSource: string[];
  beforeAll(async () => {
    set = await readDigests([CORPUS_DIR], { displayRoot: CORPUS_DIR });
    perSource = corpusFiles().filter((f) => /-[a-z]+\.md$/.test(f));
  });

  it('reads every file', () => {
    expect(set.files).toHaveLength(corpusFiles().length);
    expect(set.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('has one record per distinct PDF URL in every per-source file (100% recall)', () => {
    let expected = 0;
    for (const path of perSource) {
      const text = readFileSync(path, 'utf8');
      const urls = new Set([...text.matchAll(/\[PDF\]\(([^)]*)\)/g)].map((m) => m[1]!));
      const digest = set.files.find((f) => f.file === basename(path))!;
      const got = digest.days.flatMap((d) => [...d.papers, ...(d.otherListings ?? [])].map((p) => p.pdfUrl));
      expect(new Set(got), basename(path)).toEqual(urls);
      expect(got.length, `${basename(path)}: one record per URL`).toBe(urls.size);
      expected += urls.size;
    }
    expect(expected).toBeGreaterThan(3000);
  });

  it('attaches the rest of each logical row to its paper', () => {
    const papers = set.days.flatMap((d) => d.sources.flatMap((s) => s.papers));
    const withAuthor = papers.filter((p) => p.authors.length > 0).length;
    // Only the medRxiv rows of 2025-04-27 have empty cells.
    expect(withAuthor / papers.length).toBeGreaterThan(0.95);
    for (const p of papers) {
      expect(p.url).toMatch(/^https:\/\/(arxiv\.org\/abs\/|doi\.org\/10\.)/);
      expect(p.id).toMatch(/^(arxiv:\d{4}\.\d{4,5}|doi:10\.\d+\/\S+)$/);
    }
  });

  it('keeps titles short, on one line, and free of translator commentary (≤ 0.5%)', () => {
    const papers: Paper[] = set.files.flatMap((f) => f.days.flatMap((d) => d.papers));
    const tooLong = papers.filter((p) => Array.from(p.title).length > 200 || /[\r\n]/.test(p.title));
    expect(tooLong.map((p) => `${p.file}:${p.line}`)).toEqual([]);
    const marked = papers.filter((p) => COMMENTARY.test(p.title));
    const share = marked.length / papers.length;
    console.info(`[corpus] ${papers.length} records, ${marked.length} titles with commentary markers (${(share * 100).toFixed(2)}%)`);
    expect(share).toBeLessThanOrEqual(0.005);
  });

  it('leaves no LaTeX and no empty-looking title for readers', () => {
    const papers: Paper[] = set.files.flatMap((f) => f.days.flatMap((d) => d.papers));
    const latex = papers.filter((p) => [p.title, p.titleEn ?? '', p.summary].some((t) => LEFTOVER_LATEX.test(t)));
    expect(latex.map((p) => `${p.file}:${p.line}`)).toEqual([]);
    // The 2025 medRxiv rows with nothing but a DOI have no title in the model; readers get a label that says so.
    const untitled = papers.filter((p) => p.title === '');
    expect(untitled.length).toBeGreaterThan(0);
    expect(untitled.every((p) => p.source === 'medrxiv' && /^（无标题）medRxiv 10\.1101\/\S+$/.test(paperTitle(p, uiStrings('zh-CN'))))).toBe(true);
    // No title is blank-looking but not empty (spaces only): those would reach readers as is.
    expect(papers.filter((p) => p.title !== '' && p.title.trim() === '')).toEqual([]);
  });

  it('keeps empty and failed days apart, failed ones with a short reason', () => {
    const statuses = set.days.flatMap((d) => d.sources.map((s) => `${d.date} ${s.source} ${s.status}${s.failure ? ` ${s.failure.reason}${s.failure.httpStatus ? ` ${s.failure.httpStatus}` : ''}` : ''}`));
    expect(statuses).toContain('2026-05-01 arxiv empty');
    expect(statuses).toContain('2026-05-30 arxiv failed rate-limited 429');
    expect(statuses).toContain('2026-06-27 medrxiv failed timeout');
  });

  it('lists each paper once per day when per-source and combined files are both read', () => {
    for (const day of set.days) {
      for (const source of day.sources) {
        const ids = source.papers.map((p) => p.id);
        expect(new Set(ids).size, `${day.date} ${source.source}`).toBe(ids.length);
        expect(source.papers.every((p) => /-[a-z]+\.md$/.test(p.file)), `${day.date} ${source.source} records come from the per-source file`).toBe(true);
      }
    }
  });
});
