/**
 * The day's BibTeX parsed back with Better BibTeX's own parser (@retorquere/bibtex-parser, what
 * Zotero's Better BibTeX imports with): no errors, one entry per paper, unique and stable keys,
 * titles, DOIs and arXiv ids as they went in.
 */
import { parse, type Entry } from '@retorquere/bibtex-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, validateConfig } from '../../src/config/schema.js';
import { bibtexText } from '../../src/exports/bibtex-text.js';
import { renderBibtex } from '../../src/exports/bibtex.js';
import { baseCitationKey, citationKeys } from '../../src/exports/citation-key.js';
import { citationTitles, dayPapers, oneLine } from '../../src/exports/paper-facts.js';
import type { Day, Paper } from '../../src/model.js';
import { hasCorpus } from '../helpers/corpus.js';
import { corpusDays } from '../helpers/corpus-days.js';
import { HOSTILE_ABSTRACT, HOSTILE_TEXT, hostile, hostileDay, hostileOrder } from './hostile-day.js';

const config = defaultConfig();

/**
 * Parses BibTeX with Better BibTeX's parser, failing on any error. Titles are compared as
 * written: on import into Zotero, Better BibTeX also turns English titles into sentence case
 * (Zotero's convention), which `sentenceCase: false` leaves out here.
 */
function parseBib(text: string, sentenceCase = false): Entry[] {
  const library = sentenceCase ? parse(text) : parse(text, { sentenceCase: false });
  expect(library.errors).toEqual([]);
  return library.entries;
}

/** What each paper's entry must carry back, whatever the parser's own representation. */
function expectRoundTrip(entry: Entry, paper: Paper) {
  const titles = citationTitles(paper, config);
  expect(entry.fields.title).toBe(titles.main);
  if (paper.id.startsWith('arxiv:')) {
    expect(entry.type).toBe('misc');
    expect(entry.fields.eprint).toBe(paper.id.slice(6));
    expect(entry.fields.archiveprefix).toBe('arXiv');
  } else if (paper.id.startsWith('doi:')) {
    expect(entry.fields.doi).toBe(paper.id.slice(4));
  }
  if (titles.translated) expect(entry.fields.note).toBe(`中文标题：${titles.translated}`);
  else expect(entry.fields.note).toBeUndefined();
  if (oneLine(paper.summary)) expect(entry.fields.abstract).toBe(oneLine(paper.summary));
  expect(entry.fields.author?.length ?? 0).toBe(paper.authors.filter((a) => a.trim()).length);
}

describe.skipIf(!hasCorpus)('BibTeX export of the real corpus', () => {
  /** Every corpus day with its papers, its BibTeX and that BibTeX parsed back (the parser is slow: once). */
  let read: { day: Day; listed: ReturnType<typeof dayPapers>; text: string; entries: Entry[] }[];
  beforeAll(() => {
    read = corpusDays().map((day) => {
      const text = renderBibtex(day, config);
      return { day, listed: dayPapers(day), text, entries: parseBib(text) };
    });
  }, 120_000);

  it('reads back without errors: one entry per paper, unique keys, titles and ids intact, every day', () => {
    let papers = 0;
    for (const { day, listed, entries } of read) {
      expect(entries.length, day.date).toBe(listed.length);
      const keys = entries.map((e) => e.key.toLowerCase());
      expect(new Set(keys).size, day.date).toBe(keys.length);
      entries.forEach((entry, i) => expectRoundTrip(entry, listed[i]!.paper));
      papers += listed.length;
    }
    expect(papers).toBeGreaterThan(1000);
  });

  it('gives a paper the same key on every day it is listed, and in every build', () => {
    const keyOf = new Map<string, string>();
    let repeats = 0;
    for (const { day, listed, text, entries } of read) {
      expect(renderBibtex(day, config)).toBe(text);
      entries.forEach((entry, i) => {
        const id = listed[i]!.paper.id;
        if (keyOf.has(id)) repeats++;
        else keyOf.set(id, entry.key);
        expect(entry.key, id).toBe(keyOf.get(id));
      });
    }
    expect(repeats).toBeGreaterThan(0);
  });
});

describe('BibTeX export of hostile text', () => {
  const text = renderBibtex(hostileDay(), config);
  const entries = parseBib(text);

  it('keeps every brace balanced and every TeX special literal', () => {
    expect(entries.map((e) => e.key)).toEqual(['arxiv2510_00001', 'arxiv2510_00002', 'biorxiv2024_10_18_619016', 'medrxiv2024_10_01_24314650', 'medrxiv2024_10_01_24314650b', 'other_' + baseCitationKey(hostile.javascript).slice(6)]);
    entries.forEach((entry, i) => expectRoundTrip(entry, hostileOrder[i]!));
    const [specials] = entries;
    expect(specials!.fields.title).toBe(`English: ${HOSTILE_TEXT}`);
    expect(specials!.fields.abstract).toBe(oneLine(HOSTILE_ABSTRACT));
    let depth = 0;
    for (const c of text.replace(/\\[{}]/g, '')) {
      depth += c === '{' ? 1 : c === '}' ? -1 : 0;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
  });

  it('writes the types, ids and dates reference managers need', () => {
    const [specials, , biorxiv, untitled, , javascript] = entries;
    expect(specials!.fields).toMatchObject({ year: '2025', month: '10', date: '2025-10-15', url: 'https://arxiv.org/abs/2510.00001' });
    expect(text).toContain('  month = oct,\n');
    expect(biorxiv!.type).toBe('article');
    expect(biorxiv!.fields).toMatchObject({ journal: 'bioRxiv', doi: '10.1101/2024.10.18.619016', url: 'https://doi.org/10.1101/2024.10.18.619016', year: '2025', title: '海马体 $\\alpha$ 波' });
    expect(untitled!.fields.title).toBe('（无标题）medRxiv 10.1101/2024.10.01.24314650');
    expect(javascript!.type).toBe('misc');
    expect(javascript!.fields.url).toBeUndefined();
    expect(javascript!.fields.howpublished).toBe('Other {x}');
    expect(text).not.toContain('javascript:');
  });

  it('keeps author names apart: a name with "and" braced whole, names with commas as given', () => {
    const authors = entries[0]!.fields.author!;
    expect(authors[0]).toEqual({ name: 'Alice and Bob Consortium' });
    expect(authors[1]).toEqual({ name: "O'Brien, Jr., Pat, III" });
    expect(authors[2]).toEqual({ lastName: '张三' });
    expect(authors).toHaveLength(4);
  });

  it('labels the Chinese title in the language of the config', () => {
    const en = validateConfig({ language: 'en' });
    if (!en.ok) throw new Error('config');
    const entry = parseBib(renderBibtex(hostileDay(), en.config))[0]!;
    expect(entry.fields.note).toBe(`Translated title: 中文：${HOSTILE_TEXT}`);
  });

  it('writes an empty day as a file without entries', () => {
    const empty: Day = { date: '2025-10-19', sources: [] };
    expect(parseBib(renderBibtex(empty, config))).toEqual([]);
  });
});

describe('BibTeX as Zotero imports it', () => {
  it('keeps acronyms and names with capitals when Better BibTeX sentence-cases a title', () => {
    const day: Day = { date: '2024-09-04', sources: [{ ...hostileDay().sources[0]!, papers: [{ ...hostile.formula, titleEn: 'HiPrompt: Tuning-free Higher-Resolution Generation with Hierarchical MLLM Prompts' }] }] };
    const [entry] = parseBib(renderBibtex(day, config), true);
    expect(entry!.fields.title).toMatch(/^HiPrompt: Tuning-free higher-resolution generation with hierarchical MLLM prompts$/);
  });
});

describe('citation keys', () => {
  it('are made from the id alone', () => {
    expect(baseCitationKey({ id: 'arxiv:2510.14981', source: 'arxiv' })).toBe('arxiv2510_14981');
    expect(baseCitationKey({ id: 'arxiv:hep-th/9901001', source: 'arxiv' })).toBe('arxiv_hep_th_9901001');
    expect(baseCitationKey({ id: 'doi:10.1101/2024.10.01.24314650', source: 'medrxiv' })).toBe('medrxiv2024_10_01_24314650');
    expect(baseCitationKey({ id: 'url:https://x.example/a.pdf', source: '化学' })).toMatch(/^paper_?[0-9a-f]{10}$/);
  });

  it('get a letter, then a number, after the first paper that would clash (case-insensitively)', () => {
    const same = Array.from({ length: 28 }, () => ({ id: 'arxiv:2510.1', source: 'arxiv' }));
    const keys = citationKeys(same);
    expect(keys.slice(0, 3)).toEqual(['arxiv2510_1', 'arxiv2510_1b', 'arxiv2510_1c']);
    expect(keys.at(-1)).toBe('arxiv2510_1_28');
    expect(new Set(keys).size).toBe(28);
  });
});

describe('bibtexText', () => {
  it('writes each special as a command, and breaks each ligature, so Better BibTeX reads back the characters', () => {
    const all = String.raw`\ { } % & # _ $ ~ ^ < > -- ''`;
    expect(bibtexText(all)).toBe(String.raw`\textbackslash{} \textbraceleft{} \textbraceright{} \% \& \# \_ \$ \textasciitilde{} \textasciicircum{} \textless{} \textgreater{} -{}- '{}'`);
    expect(parseBib(`@misc{k, title = {${bibtexText(all)}}}`)[0]!.fields.title).toBe(all);
  });
});
