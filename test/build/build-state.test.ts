/**
 * The build's state files (build manifest, digest history, parse cache entries) are checked when read: one that is
 * damaged, of another format version or of another shape is ignored, the build is still right
 * (everything rebuilt, every digest parsed again), and a one-line note says why.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { filesUnder } from '../../src/files-under.js';
import { decodeEntryCache, encodeEntryCache } from '../../src/build/entry-cache.js';
import { isRecordedOutputPath } from '../../src/build/output-writer.js';
import { buildProject, historyFixture, makeProject } from '../helpers/project.js';
import { memoryIo } from '../helpers/io.js';

const MANIFEST = '.digestcast/build-manifest.json';
const HISTORY = '.digestcast/cache/history.json';
const CACHE_DIR = '.digestcast/cache/parsed';

/** Every file of out/, by path. */
function outTree(dir: string): Record<string, string> {
  return Object.fromEntries(filesUnder(join(dir, 'out')).map((path) => [path, readFileSync(join(dir, 'out', path), 'utf8')]));
}

/** A built project, its out/ tree, and a function that rewrites one of its state files. */
async function builtProject() {
  const dir = makeProject(historyFixture());
  const first = await buildProject(dir);
  expect(first.notes).toEqual([]);
  const tree = outTree(dir);
  const edit = (path: string, change: (json: Record<string, any>) => void) => {
    const json = JSON.parse(readFileSync(join(dir, path), 'utf8')) as Record<string, any>;
    change(json);
    writeFileSync(join(dir, path), JSON.stringify(json));
  };
  const damage = (path: string) => writeFileSync(join(dir, path), readFileSync(join(dir, path), 'utf8').slice(0, 200));
  return { dir, tree, digests: first.parseCache.misses, edit, damage };
}

describe('build manifest', () => {
  const cases = [
    ['damaged (cut off)', (p: Awaited<ReturnType<typeof builtProject>>) => p.damage(MANIFEST), /^build manifest ignored: not JSON \(.+\); rebuilding everything$/],
    ['of another version', (p: Awaited<ReturnType<typeof builtProject>>) => p.edit(MANIFEST, (m) => (m.version = 1)), /^build manifest ignored: format 1, expected 3; rebuilding everything$/],
    ['from before formats were numbered', (p: Awaited<ReturnType<typeof builtProject>>) => p.edit(MANIFEST, (m) => (delete m.format, delete m.version)), /^build manifest ignored: format 1, expected 3; rebuilding everything$/],
    ['of another shape (stats missing)', (p: Awaited<ReturnType<typeof builtProject>>) => p.edit(MANIFEST, (m) => delete m.stats), /^build manifest ignored: not the shape digestcast writes \(stats: .+\); rebuilding everything$/],
    ['of another shape (a file hash a number)', (p: Awaited<ReturnType<typeof builtProject>>) => p.edit(MANIFEST, (m) => (m.files['atom.xml'] = 1)), /^build manifest ignored: not the shape digestcast writes \(files\.atom\.xml: .+\); rebuilding everything$/],
    // A path written otherwise than the writer records it: taken as the manifest said, the file it names would be removed as no longer made.
    [
      'of another shape (a path written otherwise: ./index.html)',
      (p: Awaited<ReturnType<typeof builtProject>>) => p.edit(MANIFEST, (m) => (m.files['./index.html'] = m.files['index.html'])),
      /^build manifest ignored: not the shape digestcast writes \(files: expected keys that are paths of files inside out\/ as digestcast writes them \(not "\.\/index\.html"\)\); rebuilding everything$/,
    ],
    // A path outside out/: taken as the manifest said, every build would fail at its end, refusing to remove it.
    ['of another shape (a path outside out/)', (p: Awaited<ReturnType<typeof builtProject>>) => p.edit(MANIFEST, (m) => (m.files['../digestcast.config.json'] = { hash: '' })), /^build manifest ignored: not the shape digestcast writes \(files: expected keys that are .+ \(not "\.\.\/digestcast\.config\.json"\)\); rebuilding everything$/],
    ['of another shape (a search month that is not a month)', (p: Awaited<ReturnType<typeof builtProject>>) => p.edit(MANIFEST, (m) => (m.search = { '../2025-10': 'k' })), /^build manifest ignored: not the shape digestcast writes \(search: expected keys that are months \(YYYY-MM\) \(not "\.\.\/2025-10"\)\); rebuilding everything$/],
    ['of another shape (a feed report of another level)', (p: Awaited<ReturnType<typeof builtProject>>) => p.edit(MANIFEST, (m) => (m.feeds[0].files[0].level = 'huge')), /^build manifest ignored: not the shape digestcast writes \(feeds\.0\.files\.0\.level: expected one of "full", "short", "links"\); rebuilding everything$/],
  ] as const;
  for (const [what, spoil, note] of cases) {
    it(`${what}: is ignored, everything is rebuilt, and a note says why`, async () => {
      const project = await builtProject();
      spoil(project);
      const result = await buildProject(project.dir);
      expect(result.upToDate).toBe(false);
      expect(result.written).toBe(result.outputs);
      expect(result.notes).toHaveLength(1);
      expect(result.notes[0]).toMatch(note);
      expect(outTree(project.dir)).toEqual(project.tree);
      // The manifest written then is good again.
      const next = await buildProject(project.dir);
      expect(next).toMatchObject({ upToDate: true, notes: [] });
    });
  }

  it("of another version, a day's digests deleted meanwhile: that day's outputs are removed all the same (the manifest still names them)", async () => {
    const project = await builtProject();
    // The day's page, one of its exports, its API document.
    const gone = ['2025-10-16.html', 'export/2025-10-16.csv', 'api/daily/2025-10-16.json'];
    for (const path of gone) expect(existsSync(join(project.dir, 'out', path)), path).toBe(true);
    rmSync(join(project.dir, 'digests/2025-10-16-arxiv.md'));
    // (Names that are not outputs of out/ are passed over: a path outside it, out/ itself, a folder (named as one or not), a path through a file, a NUL.)
    writeFileSync(join(project.dir, 'keep.txt'), 'mine');
    project.edit(MANIFEST, (m) => ((m.version = 2), Object.assign(m.files, { '../keep.txt': { hash: '' }, '.': { hash: '' }, 'export/': { hash: '' }, export: { hash: '' }, 'index.html/x': { hash: '' }, 'a\u0000b': { hash: '' } })));
    const result = await buildProject(project.dir);
    expect(readFileSync(join(project.dir, 'keep.txt'), 'utf8')).toBe('mine');
    expect(result.notes).toEqual(['build manifest ignored: format 2, expected 3; rebuilding everything']);
    expect(result.removed).toBeGreaterThanOrEqual(gone.length);
    for (const path of gone) expect(existsSync(join(project.dir, 'out', path)), path).toBe(false);
    // out/ is what a build from nothing makes of the digests left; nothing else in out/ is touched.
    const fixture = historyFixture();
    delete fixture['digests/2025-10-16-arxiv.md'];
    const cold = makeProject(fixture);
    await buildProject(cold);
    expect(outTree(project.dir)).toEqual(outTree(cold));
  });

  it('naming a folder, a path through a file, a name too long, or another spelling of an output as one no longer made: nothing is removed there, and the build goes on', async () => {
    const project = await builtProject();
    // Paths of files as far as the manifest can tell; in out/, a folder, a path through a file, a name no file system takes,
    // and a name that is index.html where case is folded (macOS, Windows): there, removing it would remove the page just written.
    project.edit(MANIFEST, (m) => Object.assign(m.files, { export: { hash: 'x' }, 'index.html/x': { hash: 'x' }, ['a'.repeat(300)]: { hash: 'x' }, 'Index.html': { hash: 'x' } }));
    // (On this file system Index.html is a file of its own: the owner's, left alone.)
    writeFileSync(join(project.dir, 'out/Index.html'), 'mine');
    const result = await buildProject(project.dir, { force: true });
    expect(result.notes).toEqual([]);
    expect(result.removed).toBe(0);
    expect(readFileSync(join(project.dir, 'out/Index.html'), 'utf8')).toBe('mine');
    rmSync(join(project.dir, 'out/Index.html'));
    expect(outTree(project.dir)).toEqual(project.tree);
  });

  it('naming an output no longer made whatever its name (constructor): it is removed', async () => {
    const project = await builtProject();
    project.edit(MANIFEST, (m) => Object.assign(m.files, { constructor: { hash: 'x' } }));
    writeFileSync(join(project.dir, 'out/constructor'), 'made by an earlier build');
    const result = await buildProject(project.dir, { force: true });
    expect(result.removed).toBe(1);
    expect(existsSync(join(project.dir, 'out/constructor'))).toBe(false);
  });

  it('damaged (cut off), or not a build manifest: names no output, and nothing is removed', async () => {
    for (const spoil of [(p: Awaited<ReturnType<typeof builtProject>>) => p.damage(MANIFEST), (p: Awaited<ReturnType<typeof builtProject>>) => p.edit(MANIFEST, (m) => (m.format = 'digestcast-history'))]) {
      const project = await builtProject();
      writeFileSync(join(project.dir, 'out/CNAME'), 'papers.example.org\n');
      rmSync(join(project.dir, 'digests/2025-10-16-arxiv.md'));
      spoil(project);
      const result = await buildProject(project.dir);
      expect(result.removed).toBe(0);
      // (So the deleted day's page stays: a build cannot tell it from a file of the owner's.)
      expect(existsSync(join(project.dir, 'out/2025-10-16.html'))).toBe(true);
      expect(readFileSync(join(project.dir, 'out/CNAME'), 'utf8')).toBe('papers.example.org\n');
    }
  });

  it('is a note on stderr from the command line', async () => {
    const project = await builtProject();
    project.edit(MANIFEST, (m) => (m.version = 1));
    const io = memoryIo(project.dir);
    expect(await main(['build'], io)).toBe(0);
    expect(io.err()).toContain('digestcast build: build manifest ignored: format 1, expected 3; rebuilding everything\n');
    expect(io.out()).toMatch(/^digestcast build: .* written, 0 unchanged\)/);
  });
});

describe('digest history', () => {
  const cases = [
    ['damaged (cut off)', (p: Awaited<ReturnType<typeof builtProject>>) => p.damage(HISTORY), /^digest history ignored: not JSON \(.+\); reading every digest again$/],
    ['of another version', (p: Awaited<ReturnType<typeof builtProject>>) => p.edit(HISTORY, (c) => (c.version = 2)), /^digest history ignored: format 2, expected 1; reading every digest again$/],
    ['of another format', (p: Awaited<ReturnType<typeof builtProject>>) => p.edit(HISTORY, (c) => (c.format = 'digestcast-build-manifest')), /^digest history ignored: a "digestcast-build-manifest" file, expected "digestcast-history"; reading every digest again$/],
    [
      'of another shape (a day without its outline)',
      (p: Awaited<ReturnType<typeof builtProject>>) => p.edit(HISTORY, (c) => delete Object.values<Record<string, unknown>>(c.days)[0]!.outline),
      /^digest history ignored: not the shape digestcast writes \(days\.\d{4}-\d\d-\d\d\.outline: .+\); reading every digest again$/,
    ],
    [
      'of another shape (a paper id a number)',
      (p: Awaited<ReturnType<typeof builtProject>>) => p.edit(HISTORY, (c) => (Object.values<{ ids: unknown[] }>(c.days)[0]!.ids[0] = 1)),
      /^digest history ignored: not the shape digestcast writes \(days\.\d{4}-\d\d-\d\d\.ids\.0: expected a string\); reading every digest again$/,
    ],
    [
      'of another shape (an archive entry size a string)',
      (p: Awaited<ReturnType<typeof builtProject>>) => p.edit(HISTORY, (c) => (Object.values<{ bytes: unknown[] }>(c.days)[0]!.bytes.push('9'))),
      /^digest history ignored: not the shape digestcast writes \(days\.\d{4}-\d\d-\d\d\.bytes\.\d+: expected a number\); reading every digest again$/,
    ],
    // A date is a search month's name and a page's: a file's day that is not a date would name neither (a month `../x` made every build fail).
    [
      'of another shape (a file\'s day that is not a date)',
      (p: Awaited<ReturnType<typeof builtProject>>) => p.edit(HISTORY, (c) => (Object.values<{ dates: unknown[] }>(c.files)[0]!.dates = ['../x'])),
      /^digest history ignored: not the shape digestcast writes \(files\..+\.dates\.0: expected a date \(YYYY-MM-DD\)\); reading every digest again$/,
    ],
    [
      'of another shape (an outline\'s date that is not a date)',
      (p: Awaited<ReturnType<typeof builtProject>>) => p.edit(HISTORY, (c) => (Object.values<{ outline: { date: string } }>(c.days)[0]!.outline.date = '2025-10')),
      /^digest history ignored: not the shape digestcast writes \(days\.\d{4}-\d\d-\d\d\.outline\.date: expected a date \(YYYY-MM-DD\)\); reading every digest again$/,
    ],
    [
      'of another shape (a diagnostic of another severity)',
      (p: Awaited<ReturnType<typeof builtProject>>) =>
        p.edit(HISTORY, (c) => (Object.values<{ diagnostics: unknown[] }>(c.files)[0]!.diagnostics = [{ file: 'a.md', line: 1, column: 1, severity: 'fatal', rule: 'r', message: 'm' }])),
      /^digest history ignored: not the shape digestcast writes \(files\..+\.diagnostics\.0\.severity: expected one of "error", "warning", "info"\); reading every digest again$/,
    ],
  ] as const;
  for (const [what, spoil, note] of cases) {
    it(`${what}: is ignored, every digest is read again (from the parse cache), and a note says why`, async () => {
      const project = await builtProject();
      spoil(project);
      const result = await buildProject(project.dir, { force: true });
      expect(result.parseCache).toEqual({ hits: project.digests, misses: 0 });
      expect(result.notes).toEqual([expect.stringMatching(note)]);
      expect(outTree(project.dir)).toEqual(project.tree);
      const next = await buildProject(project.dir, { force: true });
      expect(next.notes).toEqual([]);
    });
  }

  it('written by other code is ignored without a note: that is how code changes reach the outlines', async () => {
    const project = await builtProject();
    project.edit(HISTORY, (c) => (c.code = '0.0.1+0000000000000000.00000000'));
    const result = await buildProject(project.dir, { force: true });
    expect(result.parseCache).toEqual({ hits: project.digests, misses: 0 });
    expect(result.notes).toEqual([]);
    expect(outTree(project.dir)).toEqual(project.tree);
  });
});

describe('parse cache entries', () => {
  const entry = (dir: string) => join(CACHE_DIR, readdirSync(join(dir, CACHE_DIR))[0]!);
  const cases = [
    ['damaged (cut off)', (p: Awaited<ReturnType<typeof builtProject>>) => p.damage(entry(p.dir))],
    ['of another version', (p: Awaited<ReturnType<typeof builtProject>>) => p.edit(entry(p.dir), (c) => (c.version = 2))],
    ['of another shape (a source day without its papers)', (p: Awaited<ReturnType<typeof builtProject>>) => p.edit(entry(p.dir), (c) => delete c.entry.parsed.days[0]?.papers && (c.entry.parsed.days = [{}]))],
    ['of another shape (a diagnostic without its line)', (p: Awaited<ReturnType<typeof builtProject>>) => p.edit(entry(p.dir), (c) => (c.entry.parsed.diagnostics = [{ file: 'x.md', column: 1, severity: 'info', rule: 'r', message: 'm' }]))],
    ['of another digest (a file renamed into its place)', (p: Awaited<ReturnType<typeof builtProject>>) => p.edit(entry(p.dir), (c) => (c.key = `0:${c.key}`))],
  ] as const;
  for (const [what, spoil] of cases) {
    it(`${what}: that digest is parsed again, and a note says so`, async () => {
      const project = await builtProject();
      spoil(project);
      rmSync(join(project.dir, HISTORY));
      const result = await buildProject(project.dir, { force: true });
      expect(result.parseCache).toEqual({ hits: project.digests - 1, misses: 1 });
      expect(result.notes).toEqual(['parse cache: 1 entry was damaged or of another format; those digests were parsed again']);
      expect(outTree(project.dir)).toEqual(project.tree);
      rmSync(join(project.dir, HISTORY));
      const next = await buildProject(project.dir, { force: true });
      expect(next.parseCache).toEqual({ hits: project.digests, misses: 0 });
      expect(next.notes).toEqual([]);
    });
  }

  it('keeps one entry per digest: a removed digest\'s entry goes, the old single-file cache too', async () => {
    const project = await builtProject();
    expect(readdirSync(join(project.dir, CACHE_DIR))).toHaveLength(project.digests);
    writeFileSync(join(project.dir, '.digestcast/cache/parsed-digests.json'), '{}');
    const names = readdirSync(join(project.dir, 'digests')).sort();
    rmSync(join(project.dir, 'digests', names[0]!));
    await buildProject(project.dir);
    expect(readdirSync(join(project.dir, CACHE_DIR))).toHaveLength(project.digests - 1);
    expect(existsSync(join(project.dir, '.digestcast/cache/parsed-digests.json'))).toBe(false);
  });
});

describe('feed entry cache', () => {
  const ENTRIES = '.digestcast/cache/feed-entries.utf16';

  it('that cannot be saved (a folder in its place) is a note, the last, and the build is right', async () => {
    const project = await builtProject();
    rmSync(join(project.dir, ENTRIES));
    mkdirSync(join(project.dir, ENTRIES, 'taken'), { recursive: true });
    const result = await buildProject(project.dir, { force: true });
    expect(result.notes.at(-1)).toMatch(/^feed entry cache not saved \(.+\); the next build serialises every feed entry again$/);
    expect(outTree(project.dir)).toEqual(project.tree);
  });
  /** Changes the entries of the cache file (`change` gets them as an object, as the JSON format had them). */
  const editEntries = (dir: string, change: (c: { entries: Record<string, string> }) => void) => {
    const read = decodeEntryCache(readFileSync(join(dir, ENTRIES)));
    if ('problem' in read) throw new Error(read.problem);
    const c = { entries: Object.fromEntries(read.entries) };
    change(c);
    writeFileSync(join(dir, ENTRIES), encodeEntryCache(read.code, Object.entries(c.entries)));
  };

  it('serves entries to the next build, which makes the same feeds; damaged, it is ignored with a note', async () => {
    const project = await builtProject();
    const cached = decodeEntryCache(readFileSync(join(project.dir, ENTRIES)));
    expect('entries' in cached && cached.entries.size).toBeGreaterThan(0);
    // An entry changed in the cache would show in the feeds if the cache is what they are made of.
    const forced = await buildProject(project.dir, { force: true });
    expect(forced.notes).toEqual([]);
    expect(outTree(project.dir)).toEqual(project.tree);
    // Cut off (as a runner stopped while writing it would leave a file that was not written atomically).
    writeFileSync(join(project.dir, ENTRIES), readFileSync(join(project.dir, ENTRIES)).subarray(0, 4000));
    const result = await buildProject(project.dir, { force: true });
    expect(result.notes).toEqual([expect.stringMatching(/^feed entry cache ignored: damaged \(.+\); serialising every feed entry again$/)]);
    expect(outTree(project.dir)).toEqual(project.tree);
  });

  it('damaged inside (a length changed, so its checksum no longer matches), or of another format, is ignored with a note saying which', async () => {
    const project = await builtProject();
    editEntries(project.dir, (c) => (c.entries['k'] = 'text'));
    const file = join(project.dir, ENTRIES);
    writeFileSync(file, Buffer.from(readFileSync(file).toString('utf16le').replace('k\t4\ntext', 'k\t2\ntext'), 'utf16le'));
    const result = await buildProject(project.dir, { force: true });
    expect(result.notes).toEqual(['feed entry cache ignored: damaged (its checksum does not match); serialising every feed entry again']);
    expect(outTree(project.dir)).toEqual(project.tree);
    writeFileSync(file, Buffer.from(readFileSync(file).toString('utf16le').replace('"version":2', '"version":1'), 'utf16le'));
    const other = await buildProject(project.dir, { force: true });
    expect(other.notes).toEqual(['feed entry cache ignored: format 1, expected 2; serialising every feed entry again']);
    expect(outTree(project.dir)).toEqual(project.tree);
  });

  it('is what the feeds are made of: a cached entry is used as it is', async () => {
    const project = await builtProject();
    editEntries(project.dir, (c) => {
      for (const key of Object.keys(c.entries)) c.entries[key] = c.entries[key]!.replace('第三篇：新的方法', '第三篇：从缓存来的标题');
    });
    await buildProject(project.dir, { force: true });
    // Every format's entries come from the cache: Atom and RSS XML, JSON Feed items.
    for (const feed of ['atom.xml', 'rss.xml', 'feed.json']) expect(readFileSync(join(project.dir, 'out', feed), 'utf8')).toContain('从缓存来的标题');
  });

  it('keeps the entries of topic feeds one by one, though the feeds they share items with keep runs', async () => {
    const project = await builtProject();
    writeFileSync(join(project.dir, 'digestcast.config.json'), JSON.stringify({ siteUrl: 'https://feeds.example.org/papers/', title: '测试速递', topics: [{ id: 'methods', title: '方法', keywords: ['方法'] }] }));
    await buildProject(project.dir);
    editEntries(project.dir, (c) => {
      for (const key of Object.keys(c.entries)) if (!/^(run|size|issue) /.test(key)) c.entries[key] = c.entries[key]!.replace('第三篇：新的方法', '第三篇：从缓存来的条目');
    });
    await buildProject(project.dir, { force: true });
    for (const feed of ['topics/methods.atom', 'topics/methods.rss', 'topics/methods.json']) expect(readFileSync(join(project.dir, 'out', feed), 'utf8'), feed).toContain('从缓存来的条目');
    // The subscription feeds are made of runs, not of these entries.
    expect(readFileSync(join(project.dir, 'out', 'atom.xml'), 'utf8')).not.toContain('从缓存来的条目');
  });

  it("keeps a day's entries of a feed as one run, taken whole while that day and every day before it are the same", async () => {
    const project = await builtProject();
    const read = decodeEntryCache(readFileSync(join(project.dir, ENTRIES)));
    const runKeys = 'entries' in read ? [...read.entries.keys()].filter((k) => k.startsWith('run ')) : [];
    // A run per format, level tried, feed (all sources and each source) and day.
    expect(runKeys.length).toBeGreaterThan(0);
    // Only the runs changed: the feeds show the change, so they were made of the runs, not of their entries.
    editEntries(project.dir, (c) => {
      for (const key of Object.keys(c.entries)) if (key.startsWith('run ') || key.startsWith('issue ')) c.entries[key] = c.entries[key]!.replace('第三篇：新的方法', '第三篇：从缓存来的一天');
    });
    await buildProject(project.dir, { force: true });
    // The daily-issue feeds' entries (a day's list each) are kept by their day's key too.
    for (const feed of ['atom.xml', 'rss.xml', 'feed.json', 'issues.xml', 'issues.json']) expect(readFileSync(join(project.dir, 'out', feed), 'utf8')).toContain('从缓存来的一天');
    // Another config (here another site title) makes other keys: no run is taken.
    writeFileSync(join(project.dir, 'digestcast.config.json'), JSON.stringify({ title: 'Another title' }));
    const other = await buildProject(project.dir);
    expect(other.notes).toEqual([]);
    for (const feed of ['atom.xml', 'rss.xml', 'feed.json', 'issues.xml', 'issues.json']) expect(readFileSync(join(project.dir, 'out', feed), 'utf8')).not.toContain('从缓存来的一天');
  });
});

describe('a build manifest\'s paths', () => {
  it('of every output a build writes pass the manifest\'s check: the next build is up to date (topic feeds, email previews, exports, the API, a source\'s feeds)', async () => {
    const dir = makeProject({
      ...historyFixture(),
      'digestcast.config.json': JSON.stringify({ siteUrl: 'https://feeds.example.org/papers/', title: '测试速递', topics: [{ id: 'methods', title: '方法', keywords: ['方法'] }] }),
    });
    await buildProject(dir);
    const paths = Object.keys((JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as { files: Record<string, unknown> }).files);
    expect(paths.filter((path) => !isRecordedOutputPath(path))).toEqual([]);
    for (const kind of [/^topics\//, /^email\//, /^export\//, /^api\//, /^arxiv\//]) expect(paths.some((path) => kind.test(path)), String(kind)).toBe(true);
    expect(await buildProject(dir)).toMatchObject({ upToDate: true, notes: [] });
  });

  it('are taken as the writer records them: normalised, of a file inside out/ (the quick check never takes one the full check refuses)', () => {
    /** The full check, as the writer records a path (`safeOutputPath`): normalised, not outside out/, not a folder. */
    const recorded = (key: string) => {
      const clean = normalize(key);
      return clean === key && !clean.startsWith('..') && !clean.startsWith(sep) && clean !== '.' && !clean.endsWith(sep) && !key.includes('\0');
    };
    for (const key of ['index.html', 'archive/2025-10-p2.xml', 'api/daily/2025-10-17.json', '.nojekyll', 'topics/扩散模型.xml']) expect(isRecordedOutputPath(key), key).toBe(true);
    for (const key of ['./index.html', 'a//b.html', 'a/./b.html', 'a/../b.html', '../x', '/etc/passwd', '.', 'export/', '', '..', 'a\0b']) expect(isRecordedOutputPath(key), key).toBe(false);
    const segment = fc.oneof(fc.constantFrom('.', '..', '', 'a', '-x', '_', '.b', 'c.', 'd..e', '扩散', 'n\0ul'), fc.stringMatching(/^[\w.-]{1,4}$/));
    fc.assert(fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), fc.boolean(), (segments, slash) => {
      const key = `${slash ? '/' : ''}${segments.join('/')}`;
      expect(isRecordedOutputPath(key), key).toBe(recorded(key));
    }), { numRuns: 3000 });
  });
});
