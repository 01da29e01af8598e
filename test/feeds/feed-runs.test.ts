/**
 * `FeedRuns`: a feed's entries in runs of a day. A whole day's run is taken from the store by
 * its key; a level that did not fit is measured from kept sizes without making its text; only
 * the text of the runs a feed is made of is kept, and a day cut short is never kept.
 */
import { describe, expect, it } from 'vitest';
import type { EntryStore } from '../../src/feeds/entry-store.js';
import type { ContentLevel } from '../../src/feeds/feed-document.js';
import { FeedRuns } from '../../src/feeds/feed-runs.js';

interface Entry {
  date: string;
  id: string;
}

const days: Record<string, Entry[]> = {
  '2025-10-17': [
    { date: '2025-10-17', id: 'a' },
    { date: '2025-10-17', id: 'b' },
  ],
  '2025-10-16': [{ date: '2025-10-16', id: 'c' }],
};
const list = [...days['2025-10-17']!, ...days['2025-10-16']!];

function runsWith(store: EntryStore, made: string[]) {
  return new FeedRuns<Entry, 'atom'>(
    store,
    '*',
    (e) => e.date,
    (date, run) => (run.length === days[date]!.length ? `key-${date}` : undefined),
    (format, level: ContentLevel, run) => {
      made.push(run.map((e) => e.id).join(''));
      return run.map((e) => `<${level} ${e.id}/>`).join('\n');
    },
    () => '\n',
  );
}

function mapStore(): EntryStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, get: (k) => map.get(k), set: (k, v) => void map.set(k, v) };
}

describe('FeedRuns', () => {
  it('makes each day once, keeps the text of the kept level and the size of every run measured', () => {
    const store = mapStore();
    const made: string[] = [];
    const runs = runsWith(store, made);
    expect(runs.bytes('atom', 'full', list)).toBe(Buffer.byteLength('<full a/>\n<full b/>') + Buffer.byteLength('<full c/>'));
    expect(runs.body('atom', 'links', list)).toBe('<links a/>\n<links b/>\n<links c/>');
    expect(runs.body('atom', 'links', list)).toBe('<links a/>\n<links b/>\n<links c/>');
    expect(made).toEqual(['ab', 'c', 'ab', 'c']);
    runs.keep('atom', 'links', list);
    runs.keepSizes();
    expect([...store.map.keys()].sort()).toEqual([
      'run atom links * key-2025-10-16',
      'run atom links * key-2025-10-17',
      'size atom full * key-2025-10-16',
      'size atom full * key-2025-10-17',
      'size atom links * key-2025-10-16',
      'size atom links * key-2025-10-17',
    ]);
  });

  it('takes kept runs and sizes as they are: the next build makes nothing of the days it kept', () => {
    const store = mapStore();
    const first = runsWith(store, []);
    first.bytes('atom', 'full', list);
    first.body('atom', 'links', list);
    first.keep('atom', 'links', list);
    first.keepSizes();
    store.map.set('run atom links * key-2025-10-16', '<from the store/>');
    const made: string[] = [];
    const next = runsWith(store, made);
    expect(next.bytes('atom', 'full', list)).toBe(first.bytes('atom', 'full', list));
    expect(next.body('atom', 'links', list)).toBe('<links a/>\n<links b/>\n<from the store/>');
    expect(made).toEqual([]);
  });

  it('never keeps a day cut short (its run is not the whole day)', () => {
    const store = mapStore();
    const made: string[] = [];
    const runs = runsWith(store, made);
    const cut = list.slice(0, 1);
    expect(runs.body('atom', 'full', cut)).toBe('<full a/>');
    runs.keep('atom', 'full', cut);
    runs.keepSizes();
    expect(store.map.size).toBe(0);
    expect(runs.body('atom', 'full', cut)).toBe('<full a/>');
    expect(made).toEqual(['a', 'a']);
  });
});
