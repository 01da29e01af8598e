/**
 * `digestcast build`: digests → `out/` (feeds, archives, pages, OPML, style sheets, email previews).
 * The I/O edge around the pure renderers. It hashes the digests first; when nothing that goes
 * into the outputs changed since the last build (digests, config, templates, digestcast's
 * code) and the outputs are still there, it stops.
 *
 * Otherwise it works in proportion to what changed. The history is read in outline
 * (`digest-history.ts`: only new or changed digests are parsed). Each day page, email preview
 * and archive page has a key of everything it is made of (the context below, the days up to its
 * own, its neighbours); one whose key is the last build's is not rendered at all. Only the days
 * that what is rendered needs are loaded in full. The feeds, the index page and the small files
 * that change with every new day are always rendered. Each file is written as soon as it is
 * rendered, and only when its content changed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { cleanStrings } from '../text/escape.js';
import { boundedMemo } from '../text/bounded-memo.js';
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import type { FeedReport } from '../feeds/feed-set.js';
import type { Day, Diagnostic } from '../model.js';
import { filesUnder } from '../files-under.js';
import { codeIdentity, PACKAGE_DIR, packageInfo } from '../package-info.js';
import { BUILTIN_TEMPLATES_DIR } from '../templates/builtin-templates.js';
import { type BuildManifest, type BuildStats, type OutputRecord, OutputWriter, outputsNamedIn, outputsPresent, readManifest, writeManifest } from './output-writer.js';
import { MIN_DIGESTS_FOR_THREADS, type RenderThread, RenderThreadPool, renderThreadCount, RenderThreadUnavailable, REQUESTS_QUEUED } from './render-threads.js';
import type { DigestHistory } from './digest-history.js';
import { eventLoopTurn, oneAtATime, shareOut } from '../share-out.js';
import type { DayOutline } from '../project/day-outline.js';
import type { Catalog, CatalogEntry } from '../project/catalog.js';
import type { DayChunk, DayUnitJob, DayUnitKind } from './day-units.js';
import type { OutputFile } from '../project/output-file.js';
import { isSearchMonth, sitePaths } from '../project/site-paths.js';
import { sha256 } from '../hash.js';
import { Project } from '../open-project.js';

/**
 * What to build: an opened project (`run` builds, then sends from the same one), or a project
 * folder and its config.
 */
export type BuildOptions = (
  | { project: Project }
  | {
      /** Project folder: config paths are relative to it. */
      projectDir: string;
      config: Config;
    }
) & {
  /** Render even when nothing changed. */
  force?: boolean;
  /** Render threads to start beside the build's own (at most one per chunk of days to render). Default: none for a few days, else `renderThreadCount()` (the cores, or `DIGESTCAST_RENDER_THREADS`). */
  renderThreads?: number;
};

export type { BuildStats };

export interface BuildResult {
  outDir: string;
  stats: BuildStats;
  diagnostics: Diagnostic[];
  /** Nothing changed since the last build: outputs were left as they were. */
  upToDate: boolean;
  outputs: number;
  written: number;
  /** Outputs not rendered at all: what they are made of had not changed since the last build. */
  skipped: number;
  removed: number;
  parseCache: { hits: number; misses: number };
  /** What each subscription feed holds and why it was trimmed (from the last build that rendered). */
  feeds: FeedReport[];
  /** Reading (hashing, the history, parsing what changed), rendering, writing, the search index (Pagefind). */
  timings: { readMs: number; renderMs: number; writeMs: number; searchMs: number; totalMs: number };
  /** State files that were there but ignored (damaged, another format version or shape), one line each saying why; a render thread that could not do its work. */
  notes: string[];
  /** Render threads this build started beside its own (0: it did everything in its own thread). */
  renderThreads: number;
}

/** Builds `out/` from the digests folder. */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const project = 'project' in options ? options.project : new Project(options.projectDir, options.config);
  const { config } = project;
  const { out: outDir, templates: templatesDir } = project.dirs;
  // Threads beside this one, started only for much work: parsing a first build's digests, rendering many days.
  const pool = new RenderThreadPool(options.renderThreads ?? renderThreadCount(), { projectRoot: project.dirs.root, templatesDir, outDir, parseCacheDir: project.parseCacheDir, cacheDir: project.dirs.cache, code: codeIdentity(), config });
  // A first build of a long history (no history yet, many digests) parses them all: its threads start now, loading their code while the digests are hashed.
  if (pool.limit > 0 && !existsSync(join(project.dirs.cache, 'history.json')) && digestEntries(project.dirs.digests) >= MIN_DIGESTS_FOR_THREADS) {
    for (let i = 0; i < pool.limit; i++) pool.thread(i);
  }
  try {
    return await buildWith(options, project, pool, started);
  } finally {
    await pool.close();
  }
}

/** The build itself (`buildSite`), with its render threads. */
async function buildWith(options: BuildOptions, project: Project, pool: RenderThreadPool, started: number): Promise<BuildResult> {
  const { config } = project;
  const { out: outDir, state: stateDir, templates: templatesDir } = project.dirs;
  const info = packageInfo();

  // Hash first: it is all an up-to-date build needs (and what is parsed below is these bytes).
  const { hashes } = await project.digestFiles();
  const context = contextKey(config, templatesDir, codeIdentity());
  // The API's schemas are published as they are (`apiSchemaFiles`): they count for the up-to-date check, not in any output's key.
  const schemas = filesUnder(API_SCHEMAS_DIR).map((path) => `${path}:${sha256(readFileSync(join(API_SCHEMAS_DIR, path)))}`);
  const fingerprint = sha256(JSON.stringify({ context, schemas, digests: [...hashes].sort() }));
  const manifestPath = join(stateDir, 'build-manifest.json');
  const { value: previous, note: manifestNote } = await readManifest(manifestPath);
  const notes = manifestNote === undefined ? [] : [manifestNote];
  // The outputs of the build before (with their hashes and keys); a manifest that could not be used still names them (`outputsNamedIn`), for those no longer made to be removed.
  const earlier = previous ?? (manifestNote === undefined ? undefined : await outputsNamedIn(manifestPath));
  const searchMonthsBuilt = Object.keys(previous?.search ?? {});
  const searchPresent = searchMonthsBuilt.every((month) => existsSync(join(outDir, sitePaths.searchBundle(month), 'pagefind-entry.json'))) && (searchMonthsBuilt.length === 0 || existsSync(join(outDir, sitePaths.searchManifest)));
  if (!options.force && previous?.fingerprint === fingerprint && searchPresent && outputsPresent(outDir, previous)) {
    const totalMs = performance.now() - started;
    return {
      outDir,
      stats: previous.stats,
      diagnostics: previous.diagnostics,
      upToDate: true,
      outputs: Object.keys(previous.files).length,
      written: 0,
      skipped: Object.keys(previous.files).length,
      removed: 0,
      parseCache: { hits: 0, misses: 0 },
      feeds: previous.feeds,
      timings: { readMs: totalMs, renderMs: 0, writeMs: 0, searchMs: 0, totalMs },
      notes,
      renderThreads: 0,
    };
  }

  // Started first, so that MJML (needed only when a project changed its email templates) can
  // start compiling in its worker early.
  const emailTemplatesLoading = project.emailTemplates();
  // The reader and renderers are loaded only now: an up-to-date build does not need them.
  const renderersLoading = Promise.all([
    import('../feeds/feed-set.js'),
    import('../site/pages.js'),
    import('../email/email-previews.js'),
    import('../project/catalog.js'),
    import('./day-units.js'),
    import('../api/api-documents.js'),
    import('../site/search-page.js'),
    import('../site/page-views.js'),
    import('../search/search-index.js'),
    import('../templates/load-search-templates.js'),
  ]);
  renderersLoading.catch(() => undefined); // awaited below; a failure is reported there
  // Each thread is kept a few requests ahead (a helper loop each), so that it never waits for this one.
  const parseElsewhere = Array.from({ length: pool.limit * REQUESTS_QUEUED.parsing }, (_, i) => (files: Parameters<RenderThread['parse']>[0]) => pool.thread(i % pool.limit).parse(files));
  const [history, entryCache] = await Promise.all([
    project.history({ parseElsewhere }),
    import('./entry-cache.js').then(({ EntryCache }) => EntryCache.load(join(project.dirs.cache, 'feed-entries.utf16'), codeIdentity())),
  ]);
  if (entryCache.note !== undefined) notes.push(entryCache.note);
  const readMs = performance.now() - started;

  const renderStart = performance.now();
  const siteTemplates = await project.siteTemplates();
  const [feeds, site, { emailPreview }, { buildCatalog, recentDates, sourcesOf }, dayUnits, api, { renderSearchPage }, { siteView }, search, { loadSearchTemplates }] = await renderersLoading;
  const { outlines, prefixKeys, dayKeys, firstDay } = history;
  const newest = outlines[0]?.date ?? '';
  const generator = { ...(info.homepage ? { uri: info.homepage } : {}), version: info.version };
  // What every output is made of besides the days: code, config, templates, the sources.
  const sources = sourcesOf(outlines);
  const keyOf = (...parts: (string | boolean | undefined)[]) => sha256(JSON.stringify([context, sources, ...parts]));

  // The outputs that are rendered only when what they are made of changed.
  const units: OutputUnit[] = [];
  outlines.forEach(({ date }, i) => {
    // A day's page and API document say where each paper was first listed (the days before it count); its exports are made of the day alone.
    const keys: Record<DayUnitKind, string> = {
      page: keyOf('day', prefixKeys.get(date), outlines[i + 1]?.date, outlines[i - 1]?.date),
      exports: keyOf('export', dayKeys.get(date)),
      api: keyOf('api', prefixKeys.get(date)),
    };
    for (const kind of dayUnits.DAY_UNIT_KINDS) units.push({ paths: dayUnits.dayUnitPaths(kind, date), key: keys[kind], dates: [date], reads: 'chunk', day: { kind, date, key: keys[kind] } });
  });
  const emailTemplates = config.email.previewDays > 0 ? await emailTemplatesLoading : undefined;
  for (const { date } of outlines.slice(0, config.email.previewDays)) {
    units.push({ paths: [sitePaths.emailHtml(date), sitePaths.emailText(date)], key: keyOf('email', prefixKeys.get(date)), dates: [date], reads: 'window', render: (c) => emailPreview(date, c, config, emailTemplates!).files });
  }
  const pages = feeds.planArchive(history.archiveRefs(), config, newest);
  pages.forEach((page, i) => {
    const dates = [...new Set(page.entries.map((e) => e.date))];
    const key = keyOf('archive', page.name, page.isArchive, pages[i - 1]?.name, pages[i + 1]?.name, prefixKeys.get(dates[dates.length - 1]!), sha256(page.entries.map((e) => e.id).join('\n')));
    units.push({ paths: [sitePaths.archive(page.name)], key, dates, reads: 'own-days', render: (c) => [feeds.renderArchivePage(pages, i, entryLookup(c), config, generator)] });
  });

  // The search index: a Pagefind bundle per month, written again only for months whose days changed.
  const searchFormat = config.search.enabled ? search.searchIndexFormat() : '';
  const searchKeys: Record<string, string> = {};
  for (const { date, sources: daySources } of config.search.enabled ? outlines : []) {
    // A month gets a bundle only when it has papers (Pagefind writes none for no records).
    if (daySources.every((s) => s.count === 0)) continue;
    const month = date.slice(0, 7);
    searchKeys[month] = sha256(`${searchKeys[month] ?? keyOf('search', searchFormat)}\n${date}:${dayKeys.get(date)}`);
  }
  const searchMonths = Object.keys(searchKeys).filter((m) => options.force || previous?.search?.[m] !== searchKeys[m] || !existsSync(join(outDir, sitePaths.searchBundle(m), 'pagefind-entry.json')));
  // Bundles of months no longer there: those the last build made, and any left on disk (after a damaged manifest, say).
  const searchGone = [...new Set([...searchMonthsBuilt, ...bundledMonths(join(outDir, sitePaths.searchFolder))])].filter((m) => !(m in searchKeys));

  const writer = new OutputWriter(outDir, earlier);
  const stale = units.filter((unit) => {
    if (!options.force && unit.paths.every((path) => writer.isCurrent(path, unit.key))) {
      for (const path of unit.paths) writer.keep(path);
      return false;
    }
    return true;
  });
  // Until this build has finished, the manifest vouches only for what it keeps as it is: a build
  // that stops half-way (an error, a cancelled job) leaves no record claiming a file it may have
  // rewritten (those keep their path, so that a later build still removes them if it no longer
  // makes them, but no hash or key: the next build renders and writes them again).
  const staleUnits = new Set(stale);
  const kept = new Set(units.filter((u) => !staleUnits.has(u)).flatMap((u) => u.paths));
  await writeManifest(manifestPath, {
    fingerprint: '',
    files: Object.fromEntries(Object.entries(earlier?.files ?? {}).map(([path, record]) => [path, kept.has(path) ? record : { hash: '' }])),
    search: Object.fromEntries(Object.entries(previous?.search ?? {}).filter(([m, key]) => searchKeys[m] === key && !searchMonths.includes(m))),
    stats: history.stats,
    feeds: [],
    diagnostics: [],
  });

  // The days to hold in full: those the feeds show, and those of the email previews to render.
  // Day units and archive pages read their days a few at a time (and let them go); so does the search index, a month at a time.
  const window = new Set(outlines.slice(0, Math.max(1, config.feeds.issueDays)).map((d) => d.date));
  for (const source of [undefined, ...sources.map((s) => s.id)]) for (const date of recentDates({ outlines }, config.feeds.days, source)) window.add(date);
  for (const unit of stale) if (unit.reads === 'window') for (const date of unit.dates) window.add(date);
  // A day the window holds is taken from it; any other is read for the output that needs it, and let go.
  const readDay = (date: string) => history.readDay(date);

  let renderMs = 0;
  let reports: FeedReport[] = [];
  let writeMs = 0;
  const emit = async (files: OutputFile[], key?: string) => {
    const writeStart = performance.now();
    for (const file of files) await writer.write(file, key);
    writeMs += performance.now() - writeStart;
    // The render threads' answers are taken (and their next chunks sent) between this thread's outputs: its own work need
    // not wait for the event loop otherwise (days are read synchronously; unchanged outputs are not written), and the
    // threads would run out of chunks while it renders the feeds and archive pages.
    await eventLoopTurn();
  };
  // A day's page, exports and API document are rendered in chunks of days: in render threads
  // beside this one when there are many (a cold build), and here once this thread's own work is done.
  const chunks = dayChunks(stale, outlines);
  if (chunks.length >= MIN_CHUNKS_FOR_THREADS) project.largeWork();
  // Threads are started for rendering only when there are many chunks, or when asked for; those that parsed are used either way.
  const threadsToUse = chunks.length >= MIN_CHUNKS_FOR_THREADS || options.renderThreads !== undefined ? pool.limit : pool.started;
  const renderHelpers = Array.from({ length: Math.min(threadsToUse, chunks.length) }, (_, i) => pool.thread(i));
  const chunkContext = { outDir, config, siteTemplates, outlines, readDay };
  // The feeds (a few MB of text on a long history) are let go once written.
  const renderFeeds = async (catalog: Catalog) => {
    // A day's entries of a feed are made of its days up to it (where each paper was first listed), the config and the code: its prefix key.
    const dayKeyOf = boundedMemo((date: string) => {
      const prefix = prefixKeys.get(date);
      return prefix === undefined ? undefined : keyOf('feed-day', prefix);
    });
    const rendered = feeds.renderSubscriptionFeeds(catalog, config, generator, feeds.archiveChain(pages), entryCache, dayKeyOf);
    await emit(rendered.files);
    return rendered.reports;
  };
  let ownWorkDone = false;
  const ownWork = async () => {
    // The window is loaded here, once the threads have their first chunks.
    const catalog = buildCatalog(await history.loadDays(window), { outlines, firstDay });
    reports = await renderFeeds(catalog);
    await emit([site.renderIndexPage(catalog, config, siteTemplates), ...site.renderSiteAssets(config, siteTemplates)]);
    await emit(api.apiListDocuments(outlines.map(api.apiOutline), config));
    await emit(apiSchemaFiles());
    if (config.search.enabled) await emit(renderSearchPage(config, cleanStrings(siteView(config, catalog)), { layout: siteTemplates.layout, ...(await loadSearchTemplates(templatesDir, project.dirs.root)) }));
    for (const unit of stale) if (unit.reads === 'window') await emit(unit.render(catalog), unit.key);
    // Archive pages, oldest first, each from its own days (a day shared with the page before is read once).
    let held = new Map<string, Day>();
    for (const unit of stale) {
      if (unit.reads !== 'own-days') continue;
      const days = new Map<string, Day>();
      for (const date of unit.dates) days.set(date, held.get(date) ?? (await readDay(date)));
      held = days;
      await emit(unit.render(buildCatalog([...days.values()], { outlines, firstDay })), unit.key);
    }
    ownWorkDone = true;
  };
  const handedBack = (error: RenderThreadUnavailable) => {
    const note = error.note('rendered its days');
    if (!notes.includes(note)) notes.push(note);
  };
  // One chunk at a time here: this thread's own, and those a thread hands back (all it had been sent, when it is gone).
  const renderHere = oneAtATime(async (units: OutputUnit[]) => {
    writer.adopt(await dayUnits.renderDayChunk(dayChunk(units, history, earlier), chunkContext));
    // (A chunk handed back by a thread that is gone is rendered here outside `shareOut`'s own loop: the other threads' answers are taken after it all the same.)
    await eventLoopTurn();
  });
  await shareOut(
    chunks,
    // Each thread is kept several chunks ahead while this one does its own work, a few once it renders chunks too.
    renderHelpers.flatMap((thread) =>
      Array.from({ length: REQUESTS_QUEUED.whileBusy }, (_, i) => ({
        // No more for a thread that is gone; more than `sharing` only while this thread is busy, and only its fair share of what is left.
        takesMore: (left: number) => thread.available && (i < REQUESTS_QUEUED.sharing || (!ownWorkDone && i < Math.ceil(left / (renderHelpers.length + 1)))),
        run: async (units: OutputUnit[]) => {
          try {
            writer.adopt(await thread.render(dayChunk(units, history, earlier), outlines));
          } catch (error) {
            // A thread out of its heap (a huge day) or gone: this thread renders the chunk (its outputs are written again whole).
            if (!(error instanceof RenderThreadUnavailable)) throw error;
            handedBack(error);
            await renderHere(units);
          }
        },
      })),
    ),
    renderHere,
    ownWork,
  );
  await writer.settled();
  renderMs = performance.now() - renderStart - writeMs;

  const searchStart = performance.now();
  const monthDays = (month: string) => () => Promise.all(outlines.filter((d) => d.date.startsWith(`${month}-`)).map((d) => readDay(d.date)));
  if (!config.search.enabled) await rm(join(outDir, sitePaths.searchFolder), { recursive: true, force: true });
  else if (searchMonths.length + searchGone.length > 0 || !existsSync(join(outDir, sitePaths.searchManifest))) {
    await search.writeSearchIndex(outDir, [...searchMonths.map((month) => ({ month, days: monthDays(month) })), ...searchGone.map((month) => ({ month, days: [] }))], config);
  }
  const searchMs = performance.now() - searchStart;

  const writeStart = performance.now();
  const done = await writer.finish();
  // The history and the entry cache are saved side by side (one's file is written while the other is encoded).
  const [, entryCacheFailure] = await Promise.all([
    history.save(),
    entryCache.save().then(
      () => undefined,
      (error: unknown) => `feed entry cache not saved (${(error as Error).message}); the next build serialises every feed entry again`,
    ),
  ]);
  notes.push(...history.notes, ...(entryCacheFailure !== undefined ? [entryCacheFailure] : []));
  const stats: BuildStats = history.stats;
  await writeManifest(manifestPath, { fingerprint, files: done.files, search: searchKeys, stats, feeds: reports, diagnostics: history.diagnostics });
  writeMs += performance.now() - writeStart;
  return {
    outDir,
    stats,
    diagnostics: history.diagnostics,
    upToDate: false,
    outputs: Object.keys(done.files).length,
    written: done.written,
    skipped: done.skipped,
    removed: done.removed,
    parseCache: history.parseCache,
    feeds: reports,
    timings: { readMs, renderMs, writeMs, searchMs, totalMs: performance.now() - started },
    notes,
    renderThreads: pool.started,
  };
}

/** How many entries the digests folder has (a quick count, before the digests are listed). */
function digestEntries(dir: string): number {
  try {
    return readdirSync(dir).length;
  } catch {
    return 0;
  }
}

/**
 * Outputs rendered together from the same inputs (a day's email preview is two files), with the
 * key of those inputs and the days they need in full. Where its days come from (`reads`):
 * `window`, the days the build holds (the feeds' and email previews'); `own-days`, its own days
 * read for it (archive pages); `chunk`, a chunk of days (a day's units, `day`), rendered here or
 * in a render thread.
 */
type OutputUnit = { paths: string[]; key: string; dates: string[] } & (
  | { reads: 'window' | 'own-days'; render: (catalog: Catalog) => OutputFile[] }
  | { reads: 'chunk'; day: DayUnitJob }
);

/** Fewer chunks of days to render than this, and starting render threads would cost more than they save. */
const MIN_CHUNKS_FOR_THREADS = 4;
/** A chunk of days holds about this many papers (or one day, if that has more). */
const PAPERS_PER_CHUNK = 2000;

/** The day units among `units`, grouped into chunks of days (newest first), each about `PAPERS_PER_CHUNK` papers. */
function dayChunks(units: readonly OutputUnit[], outlines: readonly DayOutline[]): OutputUnit[][] {
  const byDate = new Map<string, OutputUnit[]>();
  for (const unit of units) if (unit.reads === 'chunk') byDate.set(unit.day.date, [...(byDate.get(unit.day.date) ?? []), unit]);
  const chunks: OutputUnit[][] = [];
  let chunk: OutputUnit[] = [];
  let papers = 0;
  for (const outline of outlines) {
    const dayJobs = byDate.get(outline.date);
    if (!dayJobs) continue;
    const count = outline.sources.reduce((n, s) => n + s.count, 0);
    if (chunk.length > 0 && papers + count > PAPERS_PER_CHUNK) {
      chunks.push(chunk);
      chunk = [];
      papers = 0;
    }
    chunk.push(...dayJobs);
    papers += count;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** A chunk as a render thread receives it: its days in full, their papers' first listings, and what the last build recorded of its paths. */
function dayChunk(units: OutputUnit[], history: DigestHistory, previous: Pick<BuildManifest, 'files'> | undefined): DayChunk {
  const jobs = units.flatMap((u) => (u.reads === 'chunk' ? [u.day] : []));
  const dates = [...new Set(jobs.map((j) => j.date))];
  const firstListings = new Map<string, string>();
  for (const date of dates) for (const id of history.idsOf(date)) firstListings.set(id, history.firstDay.get(id) ?? date);
  const records: Record<string, OutputRecord> = {};
  for (const unit of units) for (const path of unit.paths) if (previous?.files[path]) records[path] = previous.files[path]!;
  return { days: dates.map((date) => ({ date, files: history.filesOf(date) })), firstDay: [...firstListings], jobs, previous: records };
}

/** Finds a catalog's entries by paper id. */
function entryLookup(catalog: Catalog): (id: string) => CatalogEntry | undefined {
  const byId = new Map(catalog.entries.map((e) => [e.paper.id, e]));
  return (id) => byId.get(id);
}

/**
 * What every output depends on besides the digests: digestcast's code (version and hash), the
 * config, every template file (the project's and the shipped ones it falls back to).
 */
function contextKey(config: Config, templatesDir: string, code: string): string {
  const templates = [templatesDir, BUILTIN_TEMPLATES_DIR].map((dir) => filesUnder(dir).map((path) => `${path}:${sha256(readFileSync(join(dir, path)))}`));
  return sha256(JSON.stringify({ code, config, templates }));
}

/** Month folders (`2025-10`) under the search folder. */
function bundledMonths(folder: string): string[] {
  try {
    return readdirSync(folder, { withFileTypes: true })
      .filter((e) => e.isDirectory() && isSearchMonth(e.name))
      .map((e) => e.name);
  } catch {
    return [];
  }
}

/** Where the package keeps the API's JSON Schemas. */
const API_SCHEMAS_DIR = join(PACKAGE_DIR, 'schemas', 'api');

/** The API's JSON Schemas (`schemas/api/` of the package), published under `api/schemas/` for agents to validate against. */
function apiSchemaFiles(): OutputFile[] {
  const dir = API_SCHEMAS_DIR;
  return readdirSync(dir)
    .filter((name) => name.endsWith('.schema.json'))
    .sort()
    .map((name) => ({ path: sitePaths.apiSchema(name.slice(0, -'.schema.json'.length)), content: readFileSync(join(dir, name), 'utf8') }));
}
