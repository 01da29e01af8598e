/**
 * RFC 5005 archive pages: once a page carries fh:archive it never changes, however many days
 * are added; the page that may still grow is published without fh:archive; walking
 * prev-archive from the subscription feed reaches every paper once.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAtomFeed } from 'feedsmith';
import { describe, expect, it } from 'vitest';
import { archivePages } from '../../src/feeds/archive-pages.js';
import { atomProblems } from '../helpers/feed-validation.js';
import { buildProject, digest2025, makeProject, readOut, row, catalogOf } from '../helpers/project.js';

const SITE = 'https://feeds.example.org/papers/';

function day(date: string, count: number, source = 'arxiv'): [string, string] {
  const n = Number(date.replaceAll('-', '').slice(2));
  const first = source === 'arxiv' ? 0 : 50;
  const rows = Array.from({ length: count }, (_, i) => row(`${date} 第 ${i} 篇`, `作者 ${i}`, `http://arxiv.org/pdf/${String(n).slice(0, 4)}.${String((n % 100) * 100 + first + i).padStart(5, '0')}v1`, '这是一段相当长的摘要。'.repeat(30)));
  return [`digests/${date}-${source}.md`, digest2025(source, date, rows)];
}

/** Every archive page under out/ (all scopes) that carries fh:archive, path → bytes. */
function finalPages(dir: string): Map<string, string> {
  const out = join(dir, 'out');
  const pages = new Map<string, string>();
  for (const path of readdirSync(out, { recursive: true, encoding: 'utf8' })) {
    if (!/(^|\/)archive\/[^/]+\.xml$/.test(path)) continue;
    const xml = readFileSync(join(out, path), 'utf8');
    if (xml.includes('<fh:archive/>')) pages.set(path, xml);
  }
  return pages;
}

describe('archive pages', () => {
  it('never change once marked fh:archive: rebuilt with one more day, and with a new month', async () => {
    const dates = ['2025-09-26', '2025-09-28', '2025-09-30', '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04'];
    const dir = makeProject({ ...Object.fromEntries(dates.map((d) => day(d, 30))), 'digestcast.config.json': JSON.stringify({ siteUrl: SITE, feeds: { days: 2, maxBytes: 20_000 } }) });
    await buildProject(dir);
    const first = finalPages(dir);
    expect(first.size).toBeGreaterThanOrEqual(4);

    for (const [next, count] of [['2025-10-05', 30], ['2025-10-06', 1], ['2025-11-01', 30]] as const) {
      const before = finalPages(dir);
      const [path, content] = day(next, count);
      writeFileSync(join(dir, path), content);
      await buildProject(dir);
      const after = finalPages(dir);
      for (const [page, xml] of before) expect(after.get(page), `${page} after adding ${next}`).toBe(xml);
      expect(after.size).toBeGreaterThanOrEqual(before.size);
    }
    // The month that ended is final as a whole: no page of September or October is open.
    const open = readdirSync(join(dir, 'out/archive')).filter((f) => !finalPages(dir).has(`archive/${f}`));
    expect(open.every((f) => f.startsWith('2025-11'))).toBe(true);
  });

  it('chain every paper once from the subscription feed, the open page without fh:archive', async () => {
    const dates = ['2025-09-28', '2025-09-30', '2025-10-01', '2025-10-02', '2025-10-03'];
    const dir = makeProject({ ...Object.fromEntries(dates.map((d) => day(d, 30))), 'digestcast.config.json': JSON.stringify({ siteUrl: SITE, feeds: { days: 1, maxBytes: 20_000 } }) });
    await buildProject(dir);
    const { entries, pages } = await walk(dir, 'atom.xml');
    // Only the newest page (it holds the newest day) is open.
    pages.forEach((url, i) => expect(readOut(dir, url.slice(SITE.length)).includes('<fh:archive/>'), url).toBe(i > 0));
    expect(pages.length).toBeGreaterThan(2);
    expect(entries.map((e) => e.id).sort()).toEqual((await catalogOf(dir)).entries.map((e) => e.paper.url).sort());
  });
});

/** Entries (id, source category, link) met walking prev-archive from a subscription feed, and the pages walked. */
async function walk(dir: string, feed: string): Promise<{ entries: { id: string; source: string; href: string; page: string }[]; pages: string[] }> {
  let url = parseAtomFeed(readOut(dir, feed)).links!.find((l) => l.rel === 'prev-archive')?.href;
  const entries: { id: string; source: string; href: string; page: string }[] = [];
  const pages: string[] = [];
  while (url) {
    const xml = readOut(dir, url.slice(SITE.length));
    expect(await atomProblems(xml, url)).toEqual([]);
    pages.push(url);
    const doc = parseAtomFeed(xml);
    // Links resolve against the page's own xml:base, not the address it was fetched from: a stored copy resolves them too.
    const base = /<feed [^>]*xml:base="([^"]+)"/.exec(xml)?.[1];
    expect(base, `${url} has an xml:base`).toBe(url);
    for (const e of doc.entries ?? []) entries.push({ id: e.id!, source: e.categories![0]!.term!, href: new URL(e.links![0]!.href!, base).href, page: url });
    url = doc.links!.find((l) => l.rel === 'prev-archive')?.href;
  }
  return { entries, pages };
}

describe('lean archive layout', () => {
  const dates = ['2025-09-28', '2025-09-30', '2025-10-01', '2025-10-02', '2025-10-03'];
  const files = { ...Object.fromEntries(dates.flatMap((d) => [day(d, 20), day(d, 15, 'biorxiv')])), 'digestcast.config.json': JSON.stringify({ siteUrl: SITE, feeds: { days: 1, maxBytes: 20_000 } }) };

  it('archive entries carry no abstract: id, title, date, source and a link to the abstract on its day page', async () => {
    const dir = makeProject(files);
    await buildProject(dir);
    const { entries, pages } = await walk(dir, 'atom.xml');
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) {
      const xml = readOut(dir, page.slice(SITE.length));
      expect(xml).not.toContain('<content');
      expect(xml).not.toContain('<summary');
      expect(xml).not.toContain('这是一段相当长的摘要');
    }
    for (const e of entries) {
      const [file, anchor] = e.href.slice(SITE.length).split('#');
      expect(file, e.id).toMatch(/^\d{4}-\d{2}-\d{2}\.html$/);
      const html = readOut(dir, file!);
      // The day page has the paper under that anchor, with its whole abstract.
      const article = new RegExp(`<article[^>]* id="${anchor!.replaceAll('.', '\\.')}"[\\s\\S]*?</article>`).exec(html)?.[0];
      expect(article, e.href).toContain(`href="${e.id}"`);
      expect(article, e.href).toContain('这是一段相当长的摘要。'.repeat(30));
    }
  });

  it('only the all-sources feed has archives: every paper once, each entry telling its source; a source feed links to none', async () => {
    const dir = makeProject(files);
    await buildProject(dir);
    const catalog = await catalogOf(dir);
    const all = await walk(dir, 'atom.xml');
    expect(all.entries.map((e) => e.id).sort()).toEqual(catalog.entries.map((e) => e.paper.url).sort());
    for (const source of ['arxiv', 'biorxiv']) {
      // A source's history is in the all-sources archive, told by its category.
      const mine = all.entries.filter((e) => e.source === source).map((e) => e.id);
      expect(mine.sort()).toEqual(catalog.entries.filter((e) => e.paper.source === source).map((e) => e.paper.url).sort());
      // Its own feeds link to no archive (one that mixed in other sources would be a wrong history), and none is written.
      for (const feed of ['atom.xml', 'rss.xml']) expect(readOut(dir, `${source}/${feed}`)).not.toContain('prev-archive');
      expect(existsSync(join(dir, `out/${source}/archive`))).toBe(false);
    }
  });
});

describe('archivePages', () => {
  const entries = (spec: [string, number][]) => spec.flatMap(([date, n]) => Array.from({ length: n }, (_, i) => ({ date, i })));
  const cut = (list: { date: string }[], newest: string) => archivePages(list, (e) => e.date, () => 10, 35, newest).map((p) => `${p.name}:${p.entries.length}${p.isArchive ? '' : ' open'}`);

  it('fills pages with whole days, oldest first, a month at a time', () => {
    expect(cut(entries([['2025-09-29', 2], ['2025-09-30', 2], ['2025-10-01', 1], ['2025-10-02', 2], ['2025-10-03', 2]]), '2025-10-03')).toEqual(['2025-09:2', '2025-09-p2:2', '2025-10:3', '2025-10-p2:2 open']);
  });

  it('splits only a day too big for one page', () => {
    expect(cut(entries([['2025-10-01', 1], ['2025-10-02', 7]]), '2025-10-02')).toEqual(['2025-10:1', '2025-10-p2:3 open', '2025-10-p3:3 open', '2025-10-p4:1 open']);
  });
});
