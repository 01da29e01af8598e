/**
 * How far V8 lets the heap grow between full collections, for digestcast's commands run as a
 * program. By default V8 lets a busy heap grow to up to four times what was live at the last
 * full collection before it collects again: a build of a long history, which holds little
 * (a chunk of days, the feeds' window) but allocates fast, then peaks at several times the
 * memory it uses. A growth of `HEAP_GROWING_PERCENT` keeps the peak near what is live, for a
 * little more time spent collecting (`npm run bench -- build` prints both, measured).
 *
 * Only large work is limited (a first build, a whole history parsed): the program starts with
 * V8's own growth, which a small build (a new day) spends less time collecting under, and
 * which its code cache is made under (V8 accepts a code cache only under the flags it was made
 * with: `restoreHeapGrowth` before the cache is written).
 */
import { setFlagsFromString } from 'node:v8';

/** The heap may grow by this many percent of what was live at the last full collection. */
const HEAP_GROWING_PERCENT = 50;

/** Whether Node was started with a heap growth of its own (`--heap-growing-percent=…` among its arguments; `NODE_OPTIONS` may not carry it): then it is left alone. */
function givenToNode(): boolean {
  return process.execArgv.some((arg) => /^--heap[-_]growing[-_]percent\b/.test(arg));
}

/**
 * Limits V8's heap growth from now on (V8 reads it at each full collection, in worker threads
 * too): for a command that turns out to have much to do. `DIGESTCAST_V8_HEAP_GROWTH=default`
 * leaves V8's own, and a growth Node was started with is left as it is.
 */
export function limitHeapGrowth(env: Readonly<Record<string, string | undefined>> = process.env): void {
  if (env.DIGESTCAST_V8_HEAP_GROWTH === 'default' || givenToNode()) return;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/** V8's own heap growth again (its default, 0: V8 decides), as the program started with it: done before the code cache is made. */
export function restoreHeapGrowth(): void {
  if (givenToNode()) return;
  setFlagsFromString('--heap-growing-percent=0');
}
