/**
 * The whole digest history as a build sees it: every file and every day in outline (dates,
 * statuses, counts, paper ids, diagnostics), kept between builds in `history.json` beside the
 * parse cache, and the days themselves loaded in full only when asked for (`loadDays`).
 *
 * A day's outline is reused while the digest files that make it are the same bytes under the
 * same names (its `key`); a file not seen before is parsed, and a day whose files changed is
 * merged again. So a build after one new day parses and merges that day only, and holds in
 * memory only the days it renders.
 */
import { join } from 'node:path';
import { z } from 'zod';
import type { Day, Diagnostic } from '../model.js';
import { sha256 } from '../hash.js';
import type { DigestFileRef, Project } from '../open-project.js';
import { codeIdentity } from '../package-info.js';
import { mergeDays } from '../parse/merge-days.js';
import type { ParsedDigest } from '../parse/parse-digest.js';
import { type DayOutline, outlineOf } from '../project/day-outline.js';
import { archiveEntryBytes, type ArchiveRef } from '../feeds/feed-set.js';
import { readOneDigest } from '../read-digests.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { type BuildStateFormat, readBuildState } from './build-state-file.js';
import { ParseCache } from './parse-cache.js';
import { diagnosticSchema } from './state-schemas.js';

/** The history file's format. */
export const HISTORY_FORMAT = { format: 'digestcast-history', version: 1 } as const satisfies BuildStateFormat;

/** One digest file without its papers: the days it speaks of, whether it could be read, its diagnostics. */
interface FileRecord {
  dates: string[];
  readable: boolean;
  diagnostics: Diagnostic[];
}

/** One day without its papers' contents: what makes it (`key`), its outline, its papers' ids and archive entry sizes, and its merge diagnostics. */
interface DayRecord {
  key: string;
  outline: DayOutline;
  /** Every paper of the day, each once, in the day's order. */
  ids: string[];
  /** `archiveEntryBytes` of each of `ids`. */
  bytes: number[];
  diagnostics: Diagnostic[];
}

const sourceOutlineSchema = z.object({
  source: z.string(),
  sourceName: z.string(),
  status: z.enum(['papers', 'empty', 'failed']),
  failure: z
    .object({
      reason: z.enum(['rate-limited', 'server-error', 'timeout', 'connection', 'http-error', 'no-content', 'unknown']),
      httpStatus: z.number().optional(),
      detail: z.string(),
    })
    .optional(),
  count: z.number(),
});

const historyFileSchema = z.object({
  format: z.literal(HISTORY_FORMAT.format),
  version: z.literal(HISTORY_FORMAT.version),
  /** The code that wrote it (outlines are parse results): other code starts afresh. */
  code: z.string(),
  files: z.record(z.string(), z.object({ dates: z.array(z.string()), readable: z.boolean(), diagnostics: z.array(diagnosticSchema) })),
  days: z.record(
    z.string(),
    z.object({
      key: z.string(),
      outline: z.object({ date: z.string(), sources: z.array(sourceOutlineSchema) }),
      ids: z.array(z.string()),
      bytes: z.array(z.number()),
      diagnostics: z.array(diagnosticSchema),
    }),
  ),
});

type HistoryFile = z.infer<typeof historyFileSchema>;

/** The history of a project's digests (see the module comment). */
export interface DigestHistory {
  /** Every day's outline, newest first. */
  outlines: DayOutline[];
  /** For each paper id, the day it was first listed. */
  firstDay: Map<string, string>;
  /**
   * For each date, a key of everything up to and including that day (its files and all earlier
   * days'): what a day's page and email depend on (earlier listings included).
   */
  prefixKeys: Map<string, string>;
  /** For each date, a key of that day's files alone: what outputs made of the day alone depend on. */
  dayKeys: Map<string, string>;
  /** Listing, file and merge diagnostics, in that order. */
  diagnostics: Diagnostic[];
  stats: { digestFiles: number; readableFiles: number; days: number; papers: number; entries: number };
  parseCache: { hits: number; misses: number };
  /** Why a state file was ignored. */
  notes: string[];
  /** Whether `save` would write anything: an outline was made anew (a new or changed digest, or no usable history file) or a digest parsed. */
  readonly changed: boolean;
  /** The first listings of the history as archive refs, in the order `planArchive` takes them. */
  archiveRefs(): ArchiveRef[];
  /** The given days in full (merged from their digests' parse results), in no particular order. */
  loadDays(dates: Iterable<string>): Promise<Day[]>;
  /** Saves the outlines and the new parse results for the next build; a failure becomes a note. */
  save(): Promise<void>;
}

/** Reads the project's digest history: outlines from the last build where the files are the same, the rest parsed. */
export async function openHistory(project: Project): Promise<DigestHistory> {
  const code = codeIdentity();
  const { files, listingDiagnostics, bytes } = await project.digestFiles();
  const historyPath = join(project.dirs.cache, 'history.json');
  const notes: string[] = [];
  const read = await readBuildState(historyPath, HISTORY_FORMAT, historyFileSchema, 'digest history', 'reading every digest again');
  if (read.note) notes.push(read.note);
  const previous = read.value?.code === code ? read.value : undefined;
  const cache = await ParseCache.load(project.parseCacheDir, code);

  const keyOf = (ref: DigestFileRef) => (ref.hash ? `${ref.hash}:${ref.name}` : `unreadable:${ref.name}`);
  const parsed = new Map<string, ParsedDigest>();
  const parse = async (ref: DigestFileRef): Promise<ParsedDigest> => {
    const key = keyOf(ref);
    let digest = parsed.get(key);
    if (!digest) {
      digest = (await readOneDigest(ref.path, ref.name, { cache, preloaded: bytes.get(ref.path) })).digest;
      parsed.set(key, digest);
    }
    return digest;
  };

  // Outlines made anew this time (not taken from the history file): the file is then out of date.
  let remade = previous === undefined;
  const fileRecords = new Map<string, FileRecord>();
  for (const ref of files) {
    const key = keyOf(ref);
    const known = ref.hash ? previous?.files[key] : undefined;
    if (known) {
      cache.keep(ref.name, ref.hash!);
      fileRecords.set(key, known);
      continue;
    }
    const digest = await parse(ref);
    if (ref.hash) remade = true;
    const readable = ref.hash !== undefined && digest.date !== undefined;
    fileRecords.set(key, { dates: [...new Set(digest.days.map((d) => d.date))], readable, diagnostics: digest.diagnostics });
  }

  // Which files speak of each day, in listing order.
  const filesOfDay = new Map<string, DigestFileRef[]>();
  for (const ref of files) {
    for (const date of fileRecords.get(keyOf(ref))!.dates) {
      const list = filesOfDay.get(date) ?? [];
      list.push(ref);
      filesOfDay.set(date, list);
    }
  }

  const loaded = new Map<string, Day>();
  let savedAfterMisses = -1;
  const assemble = async (date: string): Promise<{ day: Day; diagnostics: Diagnostic[] }> => {
    const digests = await Promise.all((filesOfDay.get(date) ?? []).map(parse));
    // Merging is per day and source: the files' other days are left out.
    const merged = mergeDays(digests.map((d) => ({ ...d, days: d.days.filter((s) => s.date === date) })));
    const day = merged.days.find((d) => d.date === date) ?? { date, sources: [] };
    return { day, diagnostics: merged.diagnostics };
  };

  const dates = [...filesOfDay.keys()].sort();
  const dayRecords = new Map<string, DayRecord>();
  for (const date of dates) {
    const key = sha256(filesOfDay.get(date)!.map(keyOf).join('\n'));
    const known = previous?.days[date];
    if (known?.key === key) {
      dayRecords.set(date, known);
      continue;
    }
    const { day, diagnostics } = await assemble(date);
    loaded.set(date, day);
    remade = true;
    const ids: string[] = [];
    const sizes: number[] = [];
    const seen = new Set<string>();
    for (const source of day.sources) {
      for (const paper of source.papers) {
        if (seen.has(paper.id)) continue;
        seen.add(paper.id);
        ids.push(paper.id);
        sizes.push(archiveEntryBytes(paper));
      }
    }
    dayRecords.set(date, { key, outline: outlineOf(day), ids, bytes: sizes, diagnostics });
  }

  const firstDay = new Map<string, string>();
  const prefixKeys = new Map<string, string>();
  let prefix = '';
  let papers = 0;
  for (const date of dates) {
    const record = dayRecords.get(date)!;
    for (const id of record.ids) if (!firstDay.has(id)) firstDay.set(id, date);
    papers += record.outline.sources.reduce((n, s) => n + s.count, 0);
    prefix = sha256(`${prefix}\n${date}\n${record.key}`);
    prefixKeys.set(date, prefix);
  }

  const isChanged = () => savedAfterMisses !== cache.misses && (remade || cache.misses > 0 || Object.keys(previous?.days ?? {}).length !== dates.length);

  const diagnostics = [...listingDiagnostics];
  for (const ref of files) diagnostics.push(...fileRecords.get(keyOf(ref))!.diagnostics);
  for (const date of dates) diagnostics.push(...dayRecords.get(date)!.diagnostics);

  return {
    outlines: dates.map((d) => dayRecords.get(d)!.outline).reverse(),
    firstDay,
    prefixKeys,
    dayKeys: new Map(dates.map((d) => [d, dayRecords.get(d)!.key])),
    diagnostics,
    stats: { digestFiles: files.length, readableFiles: [...fileRecords.values()].filter((r) => r.readable).length, days: dates.length, papers, entries: firstDay.size },
    get parseCache() {
      return { hits: cache.hits, misses: cache.misses };
    },
    notes,
    get changed() {
      return isChanged();
    },
    archiveRefs() {
      const refs: ArchiveRef[] = [];
      for (const date of dates) {
        const { ids, bytes: sizes } = dayRecords.get(date)!;
        // Within a day, last listed first (as `archiveRefs` of a catalog).
        for (let i = ids.length - 1; i >= 0; i--) if (firstDay.get(ids[i]!) === date) refs.push({ id: ids[i]!, date, bytes: sizes[i]! });
      }
      return refs;
    },
    async loadDays(wanted) {
      const days: Day[] = [];
      for (const date of new Set(wanted)) {
        let day = loaded.get(date);
        if (!day && filesOfDay.has(date)) loaded.set(date, (day = (await assemble(date)).day));
        if (day) days.push(day);
      }
      return days;
    },
    async save() {
      // Once per change: `run` saves after its build and again only if sending parsed more.
      if (!isChanged()) return;
      savedAfterMisses = cache.misses;
      const file: HistoryFile = {
        ...HISTORY_FORMAT,
        code,
        files: Object.fromEntries(files.filter((ref) => ref.hash).map((ref) => [keyOf(ref), fileRecords.get(keyOf(ref))!])),
        days: Object.fromEntries(dates.map((d) => [d, dayRecords.get(d)!])),
      };
      // Both only save work: a build whose state cannot be written goes on, and says so.
      if (cache.changed) {
        await cache.save().catch((error: unknown) => notes.push(`parse cache not saved (${(error as Error).message}); the next build parses the digests it needs again`));
      }
      await writeFileAtomic(historyPath, JSON.stringify(file)).catch((error: unknown) => notes.push(`digest history not saved (${(error as Error).message}); the next build reads every digest again`));
      const cacheNote = cache.note;
      if (cacheNote) notes.push(cacheNote);
    },
  };
}
