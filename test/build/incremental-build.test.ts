/**
 * The daily build works in proportion to what changed (issue 13): after one new day it renders
 * that day's page and email, its neighbour's page, the open archive page and what changes with
 * every day (feeds, index), and leaves everything else unrendered. Whatever the sequence of
 * changes, an incremental build's out/ is byte for byte what a build from nothing makes.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, hasCorpus } from '../helpers/corpus.js';
import { filesUnder } from '../../src/files-under.js';
import { buildProject, makeProject } from '../helpers/project.js';

const CORPUS = CORPUS_DIR;
// The search index is left out here (one Pagefind run per month per build would make these the slowest tests); test/build/reach-outputs.test.ts covers its months.
const CONFIG = JSON.stringify({ siteUrl: 'https://feeds.example.org/papers/', feeds: { days: 2, issueDays: 3, maxBytes: 60_000 }, email: { previewDays: 3 }, search: { enabled: false } });

/** The sample corpus by day (26 days over several months, 104 files, per-source and combined): each day's files. */
function corpusDays(): Map<string, string[]> {
  const days = new Map<string, string[]>();
  for (const name of readdirSync(CORPUS).filter((n) => /^\d{4}-\d\d-\d\d(-[a-z]+)?\.md$/.test(n)).sort()) {
    const date = name.slice(0, 10);
    days.set(date, [...(days.get(date) ?? []), name]);
  }
  return days;
}

function tree(dir: string): Record<string, string> {
  return Object.fromEntries(filesUnder(join(dir, 'out')).map((path) => [path, readFileSync(join(dir, 'out', path), 'utf8')]));
}

/** A project with the given corpus files. */
function projectWith(files: string[]): string {
  const dir = makeProject({ 'digestcast.config.json': CONFIG });
  mkdirSync(join(dir, 'digests'), { recursive: true });
  for (const f of files) copyFileSync(join(CORPUS, f), join(dir, 'digests', f));
  return dir;
}

/** What a build from nothing makes of the digests `dir` has now. */
async function coldTree(dir: string): Promise<Record<string, string>> {
  const cold = projectWith([]);
  for (const f of readdirSync(join(dir, 'digests'))) writeFileSync(join(cold, 'digests', f), readFileSync(join(dir, 'digests', f)));
  await buildProject(cold);
  return tree(cold);
}

describe.skipIf(!hasCorpus)('incremental build', () => {
  // (Read only where the corpus is: the suite is skipped otherwise, but its body still runs to list its tests.)
  const days = hasCorpus ? corpusDays() : new Map<string, string[]>();
  const dates = [...days.keys()];
  const older = dates.slice(0, -1).flatMap((d) => days.get(d)!);
  const newest = dates[dates.length - 1]!;

  it('after one new day, renders only what that day changes, and out/ is what a build from nothing makes', async () => {
    const dir = projectWith(older);
    const first = await buildProject(dir);
    expect(first.skipped).toBe(0);
    const before = Object.fromEntries(filesUnder(join(dir, 'out')).map((p) => [p, statSync(join(dir, 'out', p)).mtimeMs]));

    for (const f of days.get(newest)!) copyFileSync(join(CORPUS, f), join(dir, 'digests', f));
    const next = await buildProject(dir);
    // Only the new day's files were parsed; the days read in full are the window the feeds show and what was rendered.
    expect(next.parseCache.misses).toBe(days.get(newest)!.length);
    const changedPaths = filesUnder(join(dir, 'out')).filter((p) => before[p] !== statSync(join(dir, 'out', p)).mtimeMs);
    const dayPages = changedPaths.filter((p) => /^\d{4}-\d\d-\d\d\.html$/.test(p)).sort();
    // The new day's page, and the page before it (its "next day" link).
    expect(dayPages).toEqual([`${dates[dates.length - 2]}.html`, `${newest}.html`]);
    // The emails of the new day only (the other previews are unchanged; the oldest one leaves the window).
    expect(changedPaths.filter((p) => p.startsWith('email/')).sort()).toEqual([`email/${newest}.html`, `email/${newest}.txt`]);
    // The new day's exports and API document; no other day's.
    expect(changedPaths.filter((p) => p.startsWith('export/') || p.startsWith('api/daily/')).sort()).toEqual([`api/daily/${newest}.json`, `export/${newest}.bib`, `export/${newest}.csv`, `export/${newest}.ris`]);
    // Everything not rendered: every other day page, email and final archive page.
    expect(next.skipped).toBeGreaterThan(dates.length - 3);
    expect(next.outputs).toBe(filesUnder(join(dir, 'out')).length);
    expect(tree(dir)).toEqual(await coldTree(dir));
  });

  it('after an old day changes (a paper listed earlier now), a day removed, or the config changed: out/ is what a build from nothing makes', async () => {
    const dir = projectWith(dates.flatMap((d) => days.get(d)!));
    await buildProject(dir);

    // An old day gains a paper that a later day lists: the later day's page now says "first listed on".
    const PDF_ROW = /^\|.*arxiv\.org\/pdf\//;
    const withRows = readdirSync(join(dir, 'digests'))
      .filter((f) => f.endsWith('-arxiv.md') && readFileSync(join(dir, 'digests', f), 'utf8').split('\n').some((l) => PDF_ROW.test(l)))
      .sort();
    const [early, later] = [withRows[0]!, withRows[withRows.length - 2]!];
    expect(early < later).toBe(true);
    const laterRow = readFileSync(join(dir, 'digests', later), 'utf8').split('\n').find((l) => PDF_ROW.test(l))!;
    const earlyText = readFileSync(join(dir, 'digests', early), 'utf8');
    const lastRow = earlyText.split('\n').filter((l) => PDF_ROW.test(l)).at(-1)!;
    writeFileSync(join(dir, 'digests', early), earlyText.replace(lastRow, `${lastRow}\n${laterRow}`));
    const edited = await buildProject(dir);
    expect(edited.parseCache.misses).toBe(1);
    expect(tree(dir)).toEqual(await coldTree(dir));

    // A day in the middle removed: its neighbours link past it, the archive is cut anew.
    for (const f of days.get(dates[3]!)!) rmSync(join(dir, 'digests', f));
    await buildProject(dir);
    expect(tree(dir)).toEqual(await coldTree(dir));

    // The config changes: everything is rendered again.
    writeFileSync(join(dir, 'digestcast.config.json'), CONFIG.replace('"issueDays":3', '"issueDays":4').replace('https://feeds.example.org/papers/', 'https://papers.example.net/'));
    const reconfigured = await buildProject(dir);
    expect(reconfigured.skipped).toBe(0);
    const cold = projectWith([]);
    writeFileSync(join(cold, 'digestcast.config.json'), readFileSync(join(dir, 'digestcast.config.json')));
    for (const f of readdirSync(join(dir, 'digests'))) writeFileSync(join(cold, 'digests', f), readFileSync(join(dir, 'digests', f)));
    await buildProject(cold);
    expect(tree(dir)).toEqual(tree(cold));
  });

  it('renders an output again when its file was deleted from out/, even though its inputs did not change', async () => {
    const dir = projectWith(older);
    await buildProject(dir);
    const page = `${dates[2]}.html`;
    const content = readFileSync(join(dir, 'out', page), 'utf8');
    rmSync(join(dir, 'out', page));
    for (const f of days.get(newest)!) copyFileSync(join(CORPUS, f), join(dir, 'digests', f));
    await buildProject(dir);
    expect(readFileSync(join(dir, 'out', page), 'utf8')).toBe(content);
  });

  it('takes an output replaced by a link to nowhere as missing: written again, whether other inputs changed or nothing did', async () => {
    const dir = projectWith(older);
    await buildProject(dir);
    const [page, other] = [`${dates[2]}.html`, `${dates[1]}.html`];
    const content = readFileSync(join(dir, 'out', page), 'utf8');
    // (Written through the link: the page is then at the link's target, where a reader of out/ finds it.)
    const dangle = (path: string) => {
      rmSync(join(dir, 'out', path));
      symlinkSync(join(dir, `gone-${path}`), join(dir, 'out', path));
    };
    // Nothing changed: not up to date, as the output is not there.
    dangle(page);
    expect((await buildProject(dir)).upToDate).toBe(false);
    expect(readFileSync(join(dir, 'out', page), 'utf8')).toBe(content);
    // A new day: the page's inputs did not change, but it is rendered again.
    const otherContent = readFileSync(join(dir, 'out', other), 'utf8');
    dangle(other);
    for (const f of days.get(newest)!) copyFileSync(join(CORPUS, f), join(dir, 'digests', f));
    await buildProject(dir);
    expect(readFileSync(join(dir, 'out', other), 'utf8')).toBe(otherContent);
  });
});
