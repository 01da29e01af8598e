/**
 * What a build publishes beyond feeds and pages (issue 14): every day's exports and API
 * document, the API's lists (each checked against its JSON Schema), the topic feeds and their
 * OPML list, all linked from where a reader finds them.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAtomFeed, parseOpml } from 'feedsmith';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR, hasCorpus } from '../helpers/corpus.js';
import { filesUnder } from '../../src/files-under.js';
import { matchesTopic } from '../../src/project/topics.js';
import { apiValidators, schemaErrors, schemaOfPath } from '../helpers/api-schemas.js';
import { buildProject, catalogOf, makeProject, readOut } from '../helpers/project.js';

const CORPUS = CORPUS_DIR;
const SITE = 'https://feeds.example.org/papers/';
const TOPICS = [
  { id: 'diffusion', title: '扩散模型', keywords: ['diffusion', '扩散'] },
  { id: 'llm', title: '大语言模型', keywords: ['LLM', '大语言模型', 'large language model'] },
];

describe.skipIf(!hasCorpus)('a build publishes exports, the JSON API and topic feeds', () => {
  let dir: string;
  beforeAll(async () => {
    dir = makeProject({ 'digestcast.config.json': JSON.stringify({ siteUrl: SITE, topics: TOPICS, feeds: { days: 3 } }) });
    mkdirSync(join(dir, 'digests'), { recursive: true });
    for (const f of readdirSync(CORPUS).filter((n) => /^2025-(09-30|10-17|10-31|11-30)/.test(n))) copyFileSync(join(CORPUS, f), join(dir, 'digests', f));
    await buildProject(dir);
  });

  it('every day has its three exports, linked from its page, and its API document', async () => {
    const { outlines } = await catalogOf(dir);
    expect(outlines.length).toBeGreaterThan(2);
    for (const { date } of outlines) {
      const page = readOut(dir, `${date}.html`);
      for (const ext of ['bib', 'ris', 'csv']) {
        expect(page, date).toContain(`href="export/${date}.${ext}"`);
        expect(readOut(dir, `export/${date}.${ext}`).length, `${date}.${ext}`).toBeGreaterThan(0);
      }
      expect(JSON.parse(readOut(dir, `api/daily/${date}.json`)).date).toBe(date);
    }
  });

  it('every API document validates against its schema', () => {
    const validators = apiValidators();
    const files = filesUnder(join(dir, 'out/api'));
    expect(files).toContain('latest.json');
    expect(files).toContain('index.json');
    // The schemas themselves are published beside the documents, as they are in schemas/api/.
    for (const name of ['daily', 'latest', 'index', 'index-page', 'source-index', 'source-index-page']) {
      expect(readOut(dir, `api/schemas/${name}.schema.json`)).toBe(readFileSync(join(import.meta.dirname, `../../schemas/api/${name}.schema.json`), 'utf8'));
    }
    for (const file of files.filter((f) => !f.startsWith('schemas/'))) {
      const validate = validators[schemaOfPath(`api/${file}`)];
      expect(validate(JSON.parse(readOut(dir, `api/${file}`))), `${file}: ${schemaErrors(validate)}`).toBe(true);
    }
  });

  it('each topic has its feeds, holding exactly the matching papers of the feed window, listed in topics.opml and on the index', async () => {
    const catalog = await catalogOf(dir);
    const window = new Set(catalog.outlines.slice(0, 3).map((d) => d.date));
    for (const topic of TOPICS) {
      const feed = parseAtomFeed(readOut(dir, `topics/${topic.id}.atom`));
      const expected = catalog.entries.filter((e) => window.has(e.paper.date) && matchesTopic(e.paper, topic)).map((e) => new URL(e.paper.url).href);
      expect(expected.length, topic.id).toBeGreaterThan(0);
      expect(feed.entries!.map((e) => e.id)).toEqual(expected);
      for (const ext of ['rss', 'json']) expect(readOut(dir, `topics/${topic.id}.${ext}`).length).toBeGreaterThan(0);
    }
    const opml = parseOpml(readOut(dir, 'topics.opml'));
    const urls = JSON.stringify(opml.body);
    for (const topic of TOPICS) expect(urls).toContain(`${SITE}topics/${topic.id}.atom`);
    expect(readOut(dir, 'index.html')).toContain('href="topics/diffusion.atom"');
    // Feed discovery: every page names the topic feeds too.
    expect(readOut(dir, '2025-10-17.html')).toMatch(/<link rel="alternate" type="application\/atom\+xml" title="[^"]+ · 扩散模型" href="topics\/diffusion\.atom">/);
    expect(readFileSync(join(dir, 'out/topics.opml'), 'utf8')).toContain('扩散模型');
  });

  it('has the search page and a search bundle per month; a new day re-indexes its month only', async () => {
    expect(readOut(dir, 'search.html')).toContain('search.js');
    expect(readOut(dir, 'index.html')).toContain('href="search.html"');
    const months = JSON.parse(readOut(dir, 'pagefind/months.json')) as { months: string[] };
    expect(months.months).toEqual(['2025-11', '2025-10', '2025-09']);
    const entryTime = (month: string) => statSync(join(dir, 'out/pagefind', month, 'pagefind-entry.json')).mtimeMs;
    const before = Object.fromEntries(months.months.map((m) => [m, entryTime(m)]));
    for (const f of readdirSync(CORPUS).filter((n) => n.startsWith('2025-10-31'))) copyFileSync(join(CORPUS, f), join(dir, 'digests', f.replace('2025-10-31', '2025-11-29')));
    for (const f of readdirSync(join(dir, 'digests')).filter((n) => n.startsWith('2025-11-29'))) {
      const path = join(dir, 'digests', f);
      writeFileSync(path, readFileSync(path, 'utf8').replaceAll('2025-10-31', '2025-11-29'));
    }
    await buildProject(dir);
    expect(entryTime('2025-11')).not.toBe(before['2025-11']);
    expect(entryTime('2025-10')).toBe(before['2025-10']);
    expect(entryTime('2025-09')).toBe(before['2025-09']);
  });
});

describe.skipIf(!hasCorpus)('search disabled (search.enabled: false)', () => {
  it('writes no search page or index, and links to none', async () => {
    const dir = makeProject({ 'digestcast.config.json': JSON.stringify({ siteUrl: SITE, search: { enabled: false } }) });
    mkdirSync(join(dir, 'digests'), { recursive: true });
    for (const f of readdirSync(CORPUS).filter((n) => n.startsWith('2025-10-17'))) copyFileSync(join(CORPUS, f), join(dir, 'digests', f));
    await buildProject(dir);
    expect(existsSync(join(dir, 'out/search.html'))).toBe(false);
    expect(existsSync(join(dir, 'out/pagefind'))).toBe(false);
    expect(readOut(dir, 'index.html')).not.toContain('search.html');
    expect(readOut(dir, '2025-10-17.html')).not.toContain('search.html');
  });
});
