/**
 * The day's RIS parsed back with citation.js (@citation-js/plugin-ris): one record per paper,
 * the fields as they went in, CRLF line ends, and no value that can end a record early.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-ris';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.js';
import { citationTitles, dayPapers, oneLine } from '../../src/exports/paper-facts.js';
import { renderRis, RIS_EOL } from '../../src/exports/ris.js';
import type { Day, Paper } from '../../src/model.js';
import { hasCorpus } from '../helpers/corpus.js';
import { corpusDays } from '../helpers/corpus-days.js';
import { HOSTILE_ABSTRACT, hostile, hostileDay, hostileOrder } from './hostile-day.js';

const config = defaultConfig();

/** A RIS record as citation.js reads it: tag → value, or values for repeated tags. */
type RisRecord = Record<string, string | string[]>;

function parseRis(text: string): RisRecord[] {
  return text === '' ? [] : (plugins.input.chainLink(text) as RisRecord[]);
}

const list = (value: string | string[] | undefined) => (value === undefined ? [] : [value].flat());

function expectRecordOf(record: RisRecord, paper: Paper) {
  const titles = citationTitles(paper, config);
  expect(record.TI).toBe(titles.main);
  expect(record.TT).toBe(titles.translated);
  expect(list(record.AU)).toEqual(paper.authors.map(oneLine).filter(Boolean));
  if (paper.id.startsWith('arxiv:')) expect(record.AN).toBe(`arXiv:${paper.id.slice(6)}`);
  if (paper.id.startsWith('doi:')) expect(record.DO).toBe(paper.id.slice(4));
  expect(record.AB).toBe(oneLine(paper.summary) || undefined);
  expect(record.PY).toBe((paper.publishedDate ?? paper.date).slice(0, 4));
}

describe.skipIf(!hasCorpus)('RIS export of the real corpus', () => {
  it('reads back one record per paper with its titles, authors, ids and abstract, every day', () => {
    let papers = 0;
    for (const day of corpusDays()) {
      const listed = dayPapers(day);
      const text = renderRis(day, config);
      const records = parseRis(text);
      expect(records.length, day.date).toBe(listed.length);
      expect(text.match(/^TY {2}- /gm)?.length ?? 0).toBe(listed.length);
      expect(text.match(/^ER {2}- $/gm)?.length ?? 0).toBe(listed.length);
      records.forEach((record, i) => expectRecordOf(record, listed[i]!.paper));
      papers += listed.length;
    }
    expect(papers).toBeGreaterThan(1000);
  });
});

describe('RIS export of hostile text', () => {
  const text = renderRis(hostileDay(), config);
  const records = parseRis(text);

  it('ends every line in CRLF, as the RIS specification asks, and every line is a tag line', () => {
    expect(RIS_EOL).toBe('\r\n');
    expect(text.endsWith('ER  - \r\n')).toBe(true);
    const lines = text.split('\r\n').slice(0, -1);
    for (const line of lines) expect(line).toMatch(/^[A-Z][A-Z0-9] {2}- /);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('keeps a record per paper though an abstract holds lines that look like tags', () => {
    expect(records).toHaveLength(hostileOrder.length);
    records.forEach((record, i) => expectRecordOf(record, hostileOrder[i]!));
    expect(records[0]!.AB).toBe(oneLine(HOSTILE_ABSTRACT));
    expect(list(records[0]!.AU)).not.toContain('Injected');
  });

  it('writes the type, dates, links and notes reference managers read', () => {
    const [specials, , biorxiv, , , javascript] = records;
    expect(specials).toMatchObject({ TY: 'JOUR', PY: '2025', DA: '2025/10/15', T2: 'arXiv', DB: 'arXiv', UR: 'https://arxiv.org/abs/2510.00001', L1: 'http://arxiv.org/pdf/2510.00001v3' });
    expect(list(specials!.N1)).toEqual([hostile.specials.titleNote, oneLine(hostile.specials.summaryNote!)]);
    expect(biorxiv).toMatchObject({ TY: 'JOUR', DO: '10.1101/2024.10.18.619016', T2: 'bioRxiv', UR: 'https://doi.org/10.1101/2024.10.18.619016' });
    expect(biorxiv!.L1).toBeUndefined(); // the doi.org link is a landing page, not a PDF
    expect(javascript!.TY).toBe('GEN');
    expect(javascript!.UR).toBeUndefined();
    expect(text).not.toContain('javascript:');
  });

  it('reads as CSL-JSON with the English title as original and the Chinese as its translation', () => {
    const [item] = plugins.input.chain(text, { generateGraph: false });
    expect(item).toMatchObject({ 'original-title': citationTitles(hostile.specials, config).main, title: citationTitles(hostile.specials, config).translated, URL: 'https://arxiv.org/abs/2510.00001' });
    expect(item).not.toHaveProperty('DOI');
  });

  it('writes an empty day as an empty file', () => {
    const empty: Day = { date: '2025-10-19', sources: [] };
    expect(renderRis(empty, config)).toBe('');
  });
});
