/**
 * How far V8 lets the heap grow between full collections, for digestcast's commands run as a
 * program. By default V8 lets a busy heap grow to up to four times what was live at the last
 * full collection before it collects again: a build of a long history, which holds little
 * (a chunk of days, the feeds' window) but allocates fast, then peaks at several times the
 * memory it uses. A growth of `HEAP_GROWING_PERCENT` keeps the peak near what is live, for a
 * little more time spent collecting (`npm run bench -- build` prints both, measured).
 */
import { setFlagsFromString } from 'node:v8';

/** The heap may grow by this many percent of what was live at the last full collection. */
const HEAP_GROWING_PERCENT = 50;

/**
 * Sets V8's heap growth for this process (V8 reads it at each full collection, so it applies
 * from then on, in worker threads too). `DIGESTCAST_V8_HEAP_GROWTH=default` leaves V8's own.
 */
export function limitHeapGrowth(env: Readonly<Record<string, string | undefined>> = process.env): void {
  if (env.DIGESTCAST_V8_HEAP_GROWTH === 'default') return;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
