/**
 * Build benchmark at the full-history scale, every step its own process of the built CLI
 * (`node dist/digestcast.js …`, as an owner or the Action runs it): the cold build, the build after
 * the newest day's files are added to a history built without them, the build with nothing
 * changed (each without the search index and with it), the cold build again in one thread and
 * with V8's own heap growth (what the defaults are measured against), `parse --json`, and last a
 * cold build right after the last one's outputs were moved aside, and one right after they were deleted. Baseline, in the same run and also a process of its own:
 * remark + remark-gfm parsing the same files. Prints wall and CPU time, times as ratios
 * against the baseline's parse, the goals of the full-history issue, peak RSS of each process,
 * and out/ by kind of file against the digests' size.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { filesUnder } from '../src/files-under.js';
import { readFileName } from '../src/parse/digest-heading.js';
import { isDigestFileName } from '../src/read-digests.js';
import { formatBytes, printTable } from './measure.js';
import { measureProcess, type ProcessUsage } from './measure-process.js';
import { OUTPUT_KINDS, outputSizes, SITE_KINDS } from './out-size.js';
import { renderThreadCount } from '../src/build/render-threads.js';

const CLI = resolve(import.meta.dirname, '../dist/digestcast.js');
const REMARK_GFM_PARSE = resolve(import.meta.dirname, 'remark-gfm-parse.mjs');
/** Runs of the build with nothing changed (median); the new day runs `NEW_DAY_RUNS` times, the cold build without the search index `COLD_RUNS` times, the other steps once. */
const UNCHANGED_RUNS = 3;
/** New-day runs, each from the same build before it (median). */
const NEW_DAY_RUNS = 5;
/** Cold builds without the search index (median): the new day's goal is a ratio to it, and one cold build varies with the machine's load as much as a new day does. With the search index (a minute or more each), one. */
const COLD_RUNS = 3;

/** Goals of the full-history issue, checked against this run's figures. */
const GOALS = {
  coldVsRemark: 0.2,
  newDayVsCold: 0.1,
  unchangedMs: 900,
  coldRssMb: 400,
  newDayRssMb: 250,
  outVsDigests: 3,
  parseJsonVsRemark: 0.1,
};

/** Runs the process-level build benchmark on a folder of digests. */
export async function benchBuildProcesses(dir: string): Promise<void> {
  const root = resolve(dir);
  if (!existsSync(CLI)) {
    console.log(`build (processes): ${CLI} is missing; run "npm run build" first (npm run bench does)`);
    return;
  }
  const names = readdirSync(root)
    .filter(isDigestFileName)
    .filter((f) => statSync(join(root, f)).isFile())
    .sort();
  const dates = names.map((n) => readFileName(n).date).filter((d): d is string => d !== undefined);
  if (dates.length === 0) {
    console.log(`build (processes): no dated digests (YYYY-MM-DD….md) in ${root}; skipped`);
    return;
  }
  const newest = dates.reduce((a, b) => (b > a ? b : a));
  const newestFiles = names.filter((n) => readFileName(n).date === newest);
  const inputBytes = names.reduce((n, f) => n + statSync(join(root, f)).size, 0);
  const days = new Set(dates).size;

  const benchStart = performance.now();
  const project = mkdtempSync(join(tmpdir(), 'digestcast-bench-history-'));
  const digests = join(project, 'digests');
  // The CLI's code cache (src/cli/code-cache.ts): the bench's own folder, filled by the first build, as on a machine that ran digestcast before.
  const codeCache = join(project, 'code-cache');
  const build = (env: Record<string, string> = {}, args: string[] = []) => measureProcess([CLI, 'build', ...args], { cwd: project, env: { DIGESTCAST_CODE_CACHE: codeCache, ...env } });
  // What a step leaves is moved aside, not deleted, until the bench ends: on ext4, files created in the minutes after
  // thousands were deleted cost far more system time (the kernel passes over recently freed inodes when it allocates one),
  // which would be charged to the next timed step. A cold build right after a deletion is measured once, on its own row.
  const setAside = join(project, 'set-aside');
  let setAsideCount = 0;
  const moveAside = (path: string) => {
    if (!existsSync(path)) return;
    mkdirSync(setAside, { recursive: true });
    renameSync(path, join(setAside, String(setAsideCount++)));
  };
  const clean = () => {
    moveAside(join(project, 'out'));
    moveAside(join(project, '.digestcast'));
  };
  try {
    mkdirSync(digests);
    console.log(`\n## build as processes — ${names.length} digests (${formatBytes(inputBytes)}), ${days} days; newest day ${newest} (${newestFiles.length} files)`);
    console.log(`each step a separate process (node dist/digestcast.js …; wall time from spawn to exit, Node start-up included); the cold build without the search index runs ${COLD_RUNS} times, the other cold builds once, the new day ${NEW_DAY_RUNS} times from the same build before it, "nothing changed" ${UNCHANGED_RUNS} times (medians)`);
    console.log('the code cache (DIGESTCAST_CODE_CACHE) is the bench\'s own, filled by its first build; the fresh checkout starts with an empty one (the Action\'s build step finds what its state pull and fetch steps compiled: somewhat more)');
    console.log('every step twice: without the search index (search.enabled: false; the site the full-history goals were set on) and with it (the default; Pagefind runs as a child process whose time counts in wall time, not in cpu ms or peak RSS)');

    /** Peak RSS in MB. */
    const mb = (u: ProcessUsage) => Math.round(u.maxRssBytes / 1048576);
    /** The steps of one config: the history without its newest day built first (not timed), the new day, nothing changed, then cold (`coldRuns` times: median). */
    const steps = async (config: object, coldRuns: number) => {
      clean();
      moveAside(digests);
      mkdirSync(digests);
      writeFileSync(join(project, 'digestcast.config.json'), JSON.stringify(config));
      // The history's files as they are on an owner's machine: written days before (copied just now, a file would be "racily clean", hashed again by every build, as after a fresh checkout, which is measured on its own below).
      const dayAgo = new Date(Date.now() - 86_400_000);
      for (const f of names) {
        if (newestFiles.includes(f)) continue;
        copyFileSync(join(root, f), join(digests, f));
        utimesSync(join(digests, f), dayAgo, dayAgo);
      }
      const before = await build();
      // The build before the new day, kept to start each new-day run from (a run is short and varies with the machine's load: median of a few).
      const snapshot = join(project, 'before-new-day');
      for (const dir of ['out', '.digestcast']) cpSync(join(project, dir), join(snapshot, dir), { recursive: true });
      const restore = () => {
        clean();
        for (const dir of ['out', '.digestcast']) cpSync(join(snapshot, dir), join(project, dir), { recursive: true });
        for (const f of newestFiles) moveAside(join(digests, f));
      };
      const newDayRuns: ProcessUsage[] = [];
      for (let i = 0; i < NEW_DAY_RUNS; i++) {
        if (i > 0) restore();
        for (const f of newestFiles) copyFileSync(join(root, f), join(digests, f));
        newDayRuns.push(await build());
      }
      // As the daily Action has it: a fresh checkout (every digest written anew, so none keeps the size, times and inode its hash was recorded with) and only what its cache holds restored (not the digests' hashes, not the compiled templates).
      restore();
      for (const state of ['cache/file-hashes.json', 'cache/templates']) moveAside(join(project, '.digestcast', state));
      // The checkout's digests: written anew into a folder of their own, which takes the place of the old one (as a clone has them: none deleted just before).
      const checkedOut = join(project, 'digests-checked-out');
      mkdirSync(checkedOut);
      for (const f of names) copyFileSync(join(root, f), join(checkedOut, f));
      moveAside(digests);
      renameSync(checkedOut, digests);
      // (Hashed again all the same: the recorded hashes are gone. Dated back so that the "nothing changed" runs after it do not hash them again.)
      for (const f of names) utimesSync(join(digests, f), dayAgo, dayAgo);
      const freshCheckout = await build({ DIGESTCAST_CODE_CACHE: mkdtempSync(join(project, 'code-cache-empty-')) });
      moveAside(snapshot);
      const newDay = medianBy(newDayRuns, (u) => u.wallMs);
      const unchangedRuns: ProcessUsage[] = [];
      const unchangedNoCodeCache: ProcessUsage[] = [];
      for (let i = 0; i < UNCHANGED_RUNS; i++) {
        unchangedRuns.push(await build());
        unchangedNoCodeCache.push(await build({ DIGESTCAST_CODE_CACHE: 'off' }));
      }
      const coldRunsMade: ProcessUsage[] = [];
      for (let i = 0; i < coldRuns; i++) {
        clean();
        coldRunsMade.push(await build());
      }
      const cold = medianBy(coldRunsMade, (u) => u.wallMs);
      const out = outputSizes(join(project, 'out'));
      return { before, newDay, newDayWalls: newDayRuns.map((u) => u.wallMs), freshCheckout, unchanged: medianBy(unchangedRuns, (u) => u.wallMs), unchangedNoCodeCache: medianBy(unchangedNoCodeCache, (u) => u.wallMs), cold, coldWalls: coldRunsMade.map((u) => u.wallMs), coldPeakRssMb: Math.max(...coldRunsMade.map(mb)), out };
    };
    /**
     * Every output rendered again with nothing changed (`build --force` on the last cold build: none is written again),
     * as after an upgrade of digestcast, less parsing every digest and serialising every feed entry again; then the cold
     * build again, as the defaults' baseline: in one thread (no render threads), and with V8's own heap growth.
     */
    const coldVariants = async () => {
      const forced = await build({}, ['--force']);
      clean();
      const oneThread = await build({ DIGESTCAST_RENDER_THREADS: '0' });
      clean();
      const defaultHeap = await build({ DIGESTCAST_V8_HEAP_GROWTH: 'default' });
      return { forced, oneThread, defaultHeap };
    };
    const plain = await steps({ search: { enabled: false } }, COLD_RUNS);
    const variants = await coldVariants();
    const searched = await steps({}, 1);
    console.log(`(history without ${newest} built first, not counted: ${seconds(plain.before.wallMs)} s without search, ${seconds(searched.before.wallMs)} s with it)`);
    const stateFiles = filesUnder(join(project, '.digestcast'));
    const stateBytes = stateFiles.reduce((n, f) => n + statSync(join(project, '.digestcast', f)).size, 0);

    const parseJson = await measureProcess([CLI, 'parse', '--json', 'digests'], { cwd: project, env: { DIGESTCAST_CODE_CACHE: codeCache } });

    const list = join(project, 'digest-files.txt');
    writeFileSync(list, `${names.map((f) => join(digests, f)).join('\n')}\n`);
    const remark = await measureProcess([REMARK_GFM_PARSE, list], { cwd: resolve(import.meta.dirname, '..'), keepStdout: true });
    const { parseMs, parseCpuMs } = JSON.parse(remark.stdout) as { parseMs: number; parseCpuMs: number };

    // Last, as it leaves thousands of inodes just freed: a cold build (no search index) right after a cold build's out/ and
    // state were deleted (an owner's `rm -rf out .digestcast` before building again).
    // With its control: the same cold build right after the last one's folders were moved aside (as every cold build above).
    writeFileSync(join(project, 'digestcast.config.json'), JSON.stringify({ search: { enabled: false } }));
    clean();
    await build();
    clean();
    const coldMovedAside = await build();
    rmSync(join(project, 'out'), { recursive: true, force: true });
    rmSync(join(project, '.digestcast'), { recursive: true, force: true });
    const coldAfterDelete = await build();

    const vsRemark = (u: ProcessUsage) => `${(u.wallMs / parseMs).toFixed(2)}x`;
    const cpuVsRemark = (u: ProcessUsage) => `${(u.cpuMs / parseCpuMs).toFixed(2)}x`;
    const met = (ok: boolean) => (ok ? 'yes' : 'NO');
    /** A new day's build (`u`), against the cold build of the same config and the new day's goals. */
    const newDayRow = (label: string, u: ProcessUsage, cold: ProcessUsage) => [label, round(u.wallMs), round(u.cpuMs), vsRemark(u), cpuVsRemark(u), `${(u.wallMs / cold.wallMs).toFixed(3)}x`, mb(u), `≤ ${GOALS.newDayVsCold}x cold, ≤ ${GOALS.newDayRssMb} MB`, met(u.wallMs <= GOALS.newDayVsCold * cold.wallMs && mb(u) <= GOALS.newDayRssMb)];
    /** A variant of the cold build (no search index): its figures, and its time against the default cold build's (`more` after it). */
    const coldVariantRow = (label: string, u: ProcessUsage, more = '') => [label, round(u.wallMs), round(u.cpuMs), vsRemark(u), cpuVsRemark(u), `${(u.wallMs / plain.cold.wallMs).toFixed(2)}x${more}`, mb(u), '', ''];
    const rows = (label: string, r: Awaited<ReturnType<typeof steps>>) => [
      [`cold build${r.coldWalls.length > 1 ? ` (median of ${r.coldWalls.length}; peak RSS the highest of them)` : ''} ${label}`, round(r.cold.wallMs), round(r.cold.cpuMs), vsRemark(r.cold), cpuVsRemark(r.cold), '1.00x', r.coldPeakRssMb, `≤ ${GOALS.coldVsRemark}x remark-gfm, ≤ ${GOALS.coldRssMb} MB`, met(r.cold.wallMs <= GOALS.coldVsRemark * parseMs && r.coldPeakRssMb <= GOALS.coldRssMb)],
      newDayRow(`new day (${newest} added; median of ${NEW_DAY_RUNS}) ${label}`, r.newDay, r.cold),
      newDayRow(`  new day after a fresh checkout (every digest hashed again, an empty code cache: the Action's case) ${label}`, r.freshCheckout, r.cold),
      [`nothing changed (median of ${UNCHANGED_RUNS}) ${label}`, round(r.unchanged.wallMs), round(r.unchanged.cpuMs), vsRemark(r.unchanged), cpuVsRemark(r.unchanged), `${(r.unchanged.wallMs / r.cold.wallMs).toFixed(3)}x`, mb(r.unchanged), `~${GOALS.unchangedMs} ms (≤ 1000 counted met)`, met(r.unchanged.wallMs <= 1000)],
      [`  nothing changed without the code cache (DIGESTCAST_CODE_CACHE=off; in turn with the above) ${label}`, round(r.unchangedNoCodeCache.wallMs), round(r.unchangedNoCodeCache.cpuMs), vsRemark(r.unchangedNoCodeCache), cpuVsRemark(r.unchangedNoCodeCache), `${(r.unchangedNoCodeCache.wallMs / r.unchanged.wallMs).toFixed(2)}x the above`, mb(r.unchangedNoCodeCache), '', ''],
    ];
    printTable([
      ['step (one process each)', 'wall ms', 'cpu ms', 'vs remark-gfm parse', 'cpu vs its cpu', 'vs cold', 'peak RSS MB', 'goal (issue, on wall time)', 'met'],
      ['remark + remark-gfm, parse only (baseline)', round(parseMs), round(parseCpuMs), '1.00x', '1.00x', '', '', '', ''],
      ['remark + remark-gfm process (read + parse)', round(remark.wallMs), round(remark.cpuMs), vsRemark(remark), cpuVsRemark(remark), '', mb(remark), '', ''],
      ...rows('(no search index)', plain),
      coldVariantRow('  every output rendered again, nothing changed (build --force after the cold build: no output written again; as after an upgrade of digestcast, less parsing every digest and serialising every feed entry again)', variants.forced),
      coldVariantRow(`  cold, in one thread (DIGESTCAST_RENDER_THREADS=0; render threads: ${renderThreadCount()} by default here)`, variants.oneThread),
      coldVariantRow(`  cold, right after the last build's out/ and .digestcast/ were moved aside (run last: the control of the next row)`, coldMovedAside),
      coldVariantRow(`  cold, right after the last build's out/ and .digestcast/ were deleted (files created among just-freed inodes; run last)`, coldAfterDelete, ` (${(coldAfterDelete.wallMs / coldMovedAside.wallMs).toFixed(2)}x the above)`),
      coldVariantRow(`  cold, V8's own heap growth (DIGESTCAST_V8_HEAP_GROWTH=default)`, variants.defaultHeap),
      ...rows('(with search index)', searched),
      ['parse --json (reader, whole history)', round(parseJson.wallMs), round(parseJson.cpuMs), vsRemark(parseJson), cpuVsRemark(parseJson), '', mb(parseJson), `≤ ${GOALS.parseJsonVsRemark}x remark-gfm`, met(parseJson.wallMs <= GOALS.parseJsonVsRemark * parseMs)],
    ]);

    for (const [label, r] of [['no search index', plain], ['with search index', searched]] as const) {
      console.log(`new day, every run (${label}): ${r.newDayWalls.map((ms) => `${round(ms)} ms`).join(', ')}`);
      if (r.coldWalls.length > 1) console.log(`cold build, every run (${label}): ${r.coldWalls.map((ms) => `${round(ms)} ms`).join(', ')}`);
    }
    console.log('every measured process starts after the kernel has written out what was pending (sync): the bench\'s own copies are not charged to it');
    console.log(`wall times on a shared machine vary with its load; cpu ms is each process's own CPU time (all threads: render threads and MJML's worker, so it can exceed the wall time)`);
    console.log(`"vs cold" of the variants: against the default cold build without the search index above`);
    console.log('what a step leaves is moved aside, not deleted, until the bench ends (see "right after ... were deleted": on ext4, files created soon after thousands were deleted cost more)');
    console.log('');
    const out = searched.out;
    const ratio = (bytes: number) => `${(bytes / inputBytes).toFixed(2)}x`;
    const site = SITE_KINDS.reduce((n, k) => n + out.byKind[k].bytes, 0);
    const siteFiles = SITE_KINDS.reduce((n, k) => n + out.byKind[k].files, 0);
    printTable([
      ['out/ after the cold build (with search)', 'files', 'bytes', 'vs digests', 'goal (issue)', 'met'],
      ...OUTPUT_KINDS.map((k) => [k, out.byKind[k].files, out.byKind[k].bytes, ratio(out.byKind[k].bytes), '', '']),
      ['the site and feeds (the kinds above exports)', siteFiles, site, ratio(site), `≤ ${GOALS.outVsDigests}x digests`, met(site <= GOALS.outVsDigests * inputBytes)],
      ['out/ in all', out.total.files, out.total.bytes, ratio(out.total.bytes), '', ''],
      ['digests (input)', names.length, inputBytes, '1.00x', '', ''],
      ['.digestcast/ (caches and manifest, not published)', stateFiles.length, stateBytes, ratio(stateBytes), '', ''],
    ]);
    const perDay = out.total.bytes / days;
    console.log(`out/ grows by about ${formatBytes(perDay)} a day at this history's size (${days} days): GitHub Pages' 1 GB would be reached after about ${Math.round(1e9 / perDay)} days of such history`);
    console.log(`this bench took ${((performance.now() - benchStart) / 60_000).toFixed(1)} minutes; what its steps set aside (${setAsideCount} files and folders) is deleted now`);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

/**
 * The reader's step alone, quickly (`npm run bench -- parse-json <dir>`): `parse --json` on the
 * folder as a process of the built CLI against remark + remark-gfm parsing the same files, also a
 * process of its own, measured in the same run; each once, or `runs` times in turn (medians).
 */
export async function benchParseJsonProcess(dir: string, runs = 1): Promise<void> {
  const root = resolve(dir);
  if (!existsSync(CLI)) {
    console.log(`parse --json (process): ${CLI} is missing; run "npm run build" first (npm run bench does)`);
    return;
  }
  const names = readdirSync(root)
    .filter(isDigestFileName)
    .filter((f) => statSync(join(root, f)).isFile())
    .sort();
  const inputBytes = names.reduce((n, f) => n + statSync(join(root, f)).size, 0);
  const work = mkdtempSync(join(tmpdir(), 'digestcast-bench-parse-json-'));
  try {
    const list = join(work, 'digest-files.txt');
    writeFileSync(list, `${names.map((f) => join(root, f)).join('\n')}\n`);
    console.log(`\n## parse --json as a process — ${names.length} digests (${formatBytes(inputBytes)}); ${runs === 1 ? 'each step once' : `median of ${runs} runs each, in turn`}`);
    const parseRuns: ProcessUsage[] = [];
    const remarkRuns: { usage: ProcessUsage; parseMs: number; parseCpuMs: number }[] = [];
    for (let i = 0; i < runs; i++) {
      parseRuns.push(await measureProcess([CLI, 'parse', '--json', '.'], { cwd: root, env: { DIGESTCAST_CODE_CACHE: join(work, 'code-cache') } }));
      const usage = await measureProcess([REMARK_GFM_PARSE, list], { cwd: resolve(import.meta.dirname, '..'), keepStdout: true });
      remarkRuns.push({ usage, ...(JSON.parse(usage.stdout) as { parseMs: number; parseCpuMs: number }) });
    }
    const parseJson = medianBy(parseRuns, (u) => u.wallMs);
    const parseMs = medianBy(remarkRuns, (r) => r.parseMs).parseMs;
    const parseCpuMs = medianBy(remarkRuns, (r) => r.parseCpuMs).parseCpuMs;
    printTable([
      ['step (one process each)', 'wall ms', 'cpu ms', 'vs remark-gfm parse', 'cpu vs its cpu', 'peak RSS MB', 'goal (issue, on wall time)', 'met'],
      ['remark + remark-gfm, parse only (baseline)', round(parseMs), round(parseCpuMs), '1.00x', '1.00x', '', '', ''],
      [
        'parse --json (reader, whole folder)',
        round(parseJson.wallMs),
        round(parseJson.cpuMs),
        `${(parseJson.wallMs / parseMs).toFixed(2)}x`,
        `${(parseJson.cpuMs / parseCpuMs).toFixed(2)}x`,
        Math.round(parseJson.maxRssBytes / 1048576),
        `≤ ${GOALS.parseJsonVsRemark}x remark-gfm`,
        parseJson.wallMs <= GOALS.parseJsonVsRemark * parseMs ? 'yes' : 'NO',
      ],
    ]);
    console.log('wall times on a shared machine vary with its load; cpu ms is each process\'s own CPU time (all threads)');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function medianBy<T>(items: readonly T[], key: (item: T) => number): T {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  return sorted[Math.floor(sorted.length / 2)]!;
}

function round(n: number): number {
  return Math.round(n);
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}
