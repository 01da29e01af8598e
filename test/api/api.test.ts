/**
 * The static JSON API: every document validates against its schema in schemas/api/ (every day of
 * the real corpus, the lists of days paged small), holds every paper of its day with its fields
 * unchanged, and keeps hostile text as plain JSON strings.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { apiListDocuments, dailyApiDocument, dayOutline, type DayOutline } from '../../src/api/api-documents.js';
import { apiIndexDocuments } from '../../src/api/index-documents.js';
import { apiSourceIndexDocuments } from '../../src/api/source-index-documents.js';
import { apiLatestDocument } from '../../src/api/latest-document.js';
import type { ApiDailyDocument } from '../../src/api/daily-document.js';
import { defaultConfig } from '../../src/config/schema.js';
import type { Day, Paper } from '../../src/model.js';
import type { OutputFile } from '../../src/project/output-file.js';
import { buildCatalog, type Catalog } from '../../src/project/catalog.js';
import { readDigests } from '../../src/read-digests.js';
import { type ApiSchemaName, apiValidators, schemaErrors, schemaOfPath } from '../helpers/api-schemas.js';
import { CORPUS_DIR, hasCorpus } from '../helpers/corpus.js';
import { HOSTILE_AUTHOR, HOSTILE_SUMMARY, HOSTILE_TITLE } from '../helpers/project.js';

const config = { ...defaultConfig(), siteUrl: 'https://feeds.example.org/papers/', title: '测试速递 "<b>"' };
let validators: Record<ApiSchemaName, ValidateFunction>;

/** Parses an output file and checks it against the schema its path calls for. */
function checked<T = Record<string, unknown>>(file: OutputFile): T {
  expect(file.content.endsWith('\n'), file.path).toBe(true);
  const value = JSON.parse(file.content) as T;
  const validate = validators[schemaOfPath(file.path)];
  expect(validate(value), `${file.path}\n${schemaErrors(validate)}`).toBe(true);
  return value;
}

beforeAll(() => {
  validators = apiValidators();
});

describe('API schemas', () => {
  it('compile in Ajv strict mode (draft 2020-12) and say which document they describe', () => {
    expect(Object.keys(validators)).toHaveLength(6);
  });
});

describe.skipIf(!hasCorpus)('API documents of the real corpus', () => {
  let catalog: Catalog;
  let outlines: DayOutline[];
  beforeAll(async () => {
    catalog = buildCatalog((await readDigests([CORPUS_DIR])).days);
    outlines = catalog.days.map(dayOutline);
  });
  const firstListed = (id: string) => catalog.firstDay.get(id);

  it('give every day a daily document that validates and holds every paper of the day, fields unchanged', () => {
    expect(catalog.days.length).toBeGreaterThan(20);
    let papers = 0;
    for (const day of catalog.days) {
      const file = dailyApiDocument(day, config, firstListed);
      expect(file.path).toBe(`api/daily/${day.date}.json`);
      const doc = checked<ApiDailyDocument>(file);
      const expected = day.sources.flatMap((s) => s.papers);
      expect(doc.papers.map((p) => p.id)).toEqual(expected.map((p) => p.id));
      expect(doc.counts.papers).toBe(expected.length);
      expect(doc.sources.map((s) => [s.source, s.status, s.count])).toEqual(day.sources.map((s) => [s.source, s.status, s.papers.length]));
      doc.papers.forEach((p, i) => {
        const model = expected[i]!;
        const { file: _file, line: _line, ...fields } = model;
        // Every field of the model, unchanged, but where the build read it.
        expect(p).toMatchObject(JSON.parse(JSON.stringify(fields)) as Partial<Paper>);
        expect(p).not.toHaveProperty('file');
        expect(p).not.toHaveProperty('line');
        expect(p.firstListed <= day.date).toBe(true);
        expect(p.pageUrl.startsWith(`https://feeds.example.org/papers/${day.date}.html#`)).toBe(true);
      });
      papers += doc.papers.length;
    }
    expect(papers).toBe(catalog.days.reduce((n, d) => n + d.sources.reduce((m, s) => m + s.papers.length, 0), 0));
  });

  it('keep Chinese titles and LaTeX turned into Unicode, with the LaTeX as written in original', () => {
    const day = catalog.days.find((d) => d.date === '2025-10-17')!;
    const doc = JSON.parse(dailyApiDocument(day, config, firstListed).content) as ApiDailyDocument;
    const piFlow = doc.papers.find((p) => p.id === 'arxiv:2510.14974')!;
    expect(piFlow.summary).toContain('π-Flow');
    expect(piFlow.summary).not.toContain('$\\pi$');
    expect(piFlow.original?.summary).toContain('$\\pi$-Flow');
    expect(piFlow.title).toMatch(/[\u4e00-\u9fff]/);
    expect(piFlow.pageUrl).toBe('https://feeds.example.org/papers/2025-10-17.html#arxiv-2510.14974');
    expect(doc.links.exports).toEqual({
      bibtex: 'https://feeds.example.org/papers/export/2025-10-17.bib',
      ris: 'https://feeds.example.org/papers/export/2025-10-17.ris',
      csv: 'https://feeds.example.org/papers/export/2025-10-17.csv',
    });
  });

  it('say the day a paper listed again was first listed', () => {
    let repeats = 0;
    for (const day of catalog.days) {
      const doc = JSON.parse(dailyApiDocument(day, config, firstListed).content) as ApiDailyDocument;
      for (const p of doc.papers) {
        expect(p.firstListed).toBe(catalog.firstDay.get(p.id));
        if (p.firstListed < day.date) repeats++;
      }
      expect(doc.counts.firstListed).toBe(doc.papers.filter((p) => p.firstListed === day.date).length);
    }
    expect(repeats).toBeGreaterThan(0);
  });

  it('list every day in the index and the source indexes, paged from the oldest day, each page valid and linked', () => {
    const pageSize = 7;
    const files = [...apiIndexDocuments(outlines, config, pageSize), ...apiSourceIndexDocuments(outlines, config, pageSize)];
    const byPath = new Map(files.map((f) => [f.path, f]));
    const docs = new Map(files.map((f) => [f.path, checked<Record<string, any>>(f)]));
    const index = docs.get('api/index.json')!;
    const pages = Math.ceil(outlines.length / pageSize);
    expect(index.totals).toEqual({ days: outlines.length, papers: outlines.reduce((n, o) => n + o.sources.reduce((m, s) => m + s.count, 0), 0), pages });
    expect(index.days.map((d: { date: string }) => d.date)).toEqual(catalog.days.slice(0, pageSize).map((d) => d.date));
    expect(index.pages.map((p: { number: number }) => p.number)).toEqual(Array.from({ length: pages }, (_, i) => pages - i));
    // Following `older` from the newest page visits every day once, newest first.
    const seen: string[] = [];
    for (let url: string | undefined = index.links.lastPage; url; ) {
      const path = url.replace('https://feeds.example.org/papers/', '');
      const page = docs.get(path)!;
      expect(byPath.has(path)).toBe(true);
      seen.push(...page.days.map((d: { date: string }) => d.date));
      url = page.links.older;
    }
    expect(seen).toEqual(catalog.days.map((d) => d.date));
    expect(docs.get('api/index/page-1.json')!.complete).toBe(true);
    expect(docs.get('api/index/page-1.json')!.days.at(-1).date).toBe(catalog.days.at(-1)!.date);
    // Each source's index has the days that source appears on.
    for (const source of index.sources as { source: string; days: number; url: string }[]) {
      const head = docs.get(`api/sources/${source.source}.json`)!;
      expect(head.totals.days).toBe(source.days);
      expect(head.days[0].date).toBe(catalog.days.find((d) => d.sources.some((s) => s.source === source.source))!.date);
    }
    expect(index.sources.map((s: { source: string }) => s.source)).toEqual(['arxiv', 'biorxiv', 'medrxiv']);
  });

  it('keep complete pages byte-identical when a new day arrives', () => {
    const pageSize = 7;
    const before = [...apiIndexDocuments(outlines.slice(1), config, pageSize), ...apiSourceIndexDocuments(outlines.slice(1), config, pageSize)];
    const after = new Map([...apiIndexDocuments(outlines, config, pageSize), ...apiSourceIndexDocuments(outlines, config, pageSize)].map((f) => [f.path, f.content]));
    let stable = 0;
    for (const file of before) {
      const doc = JSON.parse(file.content) as { complete?: boolean; links: { newer?: string } };
      // A complete page that already links a newer page is final.
      if (doc.complete && doc.links.newer) {
        expect(after.get(file.path), file.path).toBe(file.content);
        stable++;
      }
    }
    expect(stable).toBeGreaterThan(3);
  });

  it('give latest.json the newest day in brief, with links to its daily document', () => {
    const [latest] = apiListDocuments(outlines, config);
    expect(latest!.path).toBe('api/latest.json');
    const doc = checked<Record<string, any>>(latest!);
    const newest = catalog.days[0]!;
    expect(doc.date).toBe(newest.date);
    expect(doc.links.daily).toBe(`https://feeds.example.org/papers/api/daily/${newest.date}.json`);
    expect(doc.papers).toBe(newest.sources.reduce((n, s) => n + s.papers.length, 0));
    for (const file of apiListDocuments(outlines, config)) checked(file);
  });
});

/** A day of one source holding the given papers. */
function dayOf(papers: Paper[], extra: Partial<Day['sources'][number]> = {}): Day {
  return { date: '2025-10-17', sources: [{ date: '2025-10-17', source: 'arxiv', sourceName: 'arXiv', status: 'papers', papers, file: 'x.md', line: 1, ...extra }] };
}

function paper(fields: Partial<Paper> = {}): Paper {
  return { id: 'arxiv:2510.00009', version: 1, date: '2025-10-17', source: 'arxiv', title: '标题', authors: ['A'], pdfUrl: 'http://arxiv.org/pdf/2510.00009v1', url: 'https://arxiv.org/abs/2510.00009', summary: '摘要', file: 'digests/x.md', line: 5, ...fields };
}

describe('API documents of hostile and unusual input', () => {
  it('keep hostile text as plain JSON strings: no HTML escaping, nothing lost', () => {
    const hostile = paper({
      title: HOSTILE_TITLE,
      authors: [HOSTILE_AUTHOR, 'Bob, "Jr."\n{x}'],
      summary: `${HOSTILE_SUMMARY}\n\n第二段 {\\bf x} \u2028 \ud800 lone`,
      titleEn: 'A "quoted" {braced} title, with commas',
      extra: { '备注 <b>': '<script>alert(1)</script>' },
      codeUrl: 'javascript:alert(1)',
    });
    const file = dailyApiDocument(dayOf([hostile]), config, () => undefined);
    const doc = checked<ApiDailyDocument>(file);
    const p = doc.papers[0]!;
    expect(p.title).toBe(HOSTILE_TITLE);
    expect(p.authors).toEqual(hostile.authors);
    expect(p.summary).toBe(hostile.summary);
    expect(p.titleEn).toBe(hostile.titleEn);
    expect(p.extra).toEqual(hostile.extra);
    expect(p).not.toHaveProperty('codeUrl');
    expect(file.content).toContain('<script>alert(\\"x\\")</script>');
    expect(file.content).not.toContain('&lt;');
    expect(file.content).not.toContain('&amp;amp;');
    // Control characters and lone surrogates are escaped: the file is well-formed UTF-8.
    expect(file.content).toContain('\\u0001');
    expect(file.content).toContain('\\ud800');
    expect(Buffer.from(file.content, 'utf8').toString('utf8')).toBe(file.content);
  });

  it('leave out links that are not http(s) and never the upstream error text of a failed fetch', () => {
    const bad = paper({ pdfUrl: 'javascript:alert(1)', url: 'data:text/html,x' });
    const day: Day = {
      date: '2025-10-17',
      sources: [
        dayOf([bad]).sources[0]!,
        { date: '2025-10-17', source: 'medrxiv', sourceName: 'medRxiv', status: 'failed', failure: { reason: 'rate-limited', httpStatus: 429, detail: 'HTTPSConnectionPool(host=secret)' }, papers: [], file: 'y.md', line: 3 },
      ],
    };
    const file = dailyApiDocument(day, config, () => undefined);
    const doc = checked<ApiDailyDocument>(file);
    expect(doc.papers[0]).not.toHaveProperty('pdfUrl');
    expect(doc.papers[0]).not.toHaveProperty('url');
    expect(doc.sources[1]).toMatchObject({ status: 'failed', count: 0, failure: { reason: 'rate-limited', httpStatus: 429 } });
    expect(file.content).not.toContain('HTTPSConnectionPool');
    const lists = apiListDocuments([dayOutline(day)], config);
    for (const f of lists) {
      checked(f);
      expect(f.content).not.toContain('HTTPSConnectionPool');
    }
  });

  it('list another PDF link of the same paper that day under otherListings', () => {
    const day = dayOf([paper()], { otherListings: [paper({ version: 2, pdfUrl: 'http://arxiv.org/pdf/2510.00009v2' })] });
    const doc = checked<ApiDailyDocument>(dailyApiDocument(day, config, () => '2025-10-01'));
    expect(doc.papers[0]!.otherListings).toEqual([{ pdfUrl: 'http://arxiv.org/pdf/2510.00009v2', version: 2 }]);
    expect(doc.papers[0]!.firstListed).toBe('2025-10-01');
    expect(doc.counts.firstListed).toBe(0);
  });

  it('write an index without days, and no latest.json, for an empty history', () => {
    const files = apiListDocuments([], config);
    expect(files.map((f) => f.path)).toEqual(['api/index.json']);
    const index = checked<Record<string, any>>(files[0]!);
    expect(index.totals).toEqual({ days: 0, papers: 0, pages: 0 });
    expect(apiLatestDocument([], config)).toBeUndefined();
  });

  it('encode source ids and odd site URLs into valid absolute URLs', () => {
    const outline: DayOutline = { date: '2025-10-17', sources: [{ source: 'chem rxiv/é', sourceName: 'Chem <Rxiv>', status: 'empty', count: 0 }] };
    const files = apiListDocuments([outline], { ...config, siteUrl: 'https://example.org/论文 速递/' });
    expect(files.map((f) => f.path)).toContain('api/sources/chem-rxiv-é.json');
    for (const f of files) checked(f);
  });
});
