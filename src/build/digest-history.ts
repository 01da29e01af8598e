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
import type { Day, Diagnostic, FetchFailureReason } from '../model.js';
import { sha256 } from '../hash.js';
import type { DigestFileRef, Project } from '../open-project.js';
import { codeIdentity } from '../package-info.js';
import { mergeDays } from '../parse/merge-days.js';
import type { ParsedDigest } from '../parse/parse-digest.js';
import { type DayOutline, outlineOf, type SourceOutline } from '../project/day-outline.js';
import { archiveEntryBytes, type ArchiveRef } from '../feeds/feed-set.js';
import { readDigestBytesSync } from '../digest-files.js';
import { parseDigestBytes, readOneDigest } from '../read-digests.js';
import { readFileName } from '../parse/digest-heading.js';
import { eventLoopTurn, shareOut } from '../share-out.js';
import { MIN_DIGESTS_FOR_THREADS, RenderThreadUnavailable } from './render-threads.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { type BuildStateFormat, readBuildState } from './build-state-file.js';
import { ParseCache } from './parse-cache.js';
import { arrayAt, booleanAt, diagnosticAt, fieldPath, isoDateArrayAt, isoDateAt, numberArrayAt, numberAt, objectAt, oneOfAt, optionalAt, recordAt, shapeCheck, stringArrayAt, stringAt } from './shape-check.js';

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

/** The history file: outlines by file key and by date, and the code that made them. */
interface HistoryFile {
  format: typeof HISTORY_FORMAT.format;
  version: typeof HISTORY_FORMAT.version;
  /** The code that wrote it (outlines are parse results): other code starts afresh. */
  code: string;
  files: Record<string, FileRecord>;
  days: Record<string, DayRecord>;
}

const STATUSES = ['papers', 'empty', 'failed'] as const satisfies readonly SourceOutline['status'][];
const FAILURE_REASONS = ['rate-limited', 'server-error', 'timeout', 'connection', 'http-error', 'no-content', 'unknown'] as const satisfies readonly FetchFailureReason[];

/**
 * Checks a history file's shape by hand: it holds every paper id of the history, which a schema
 * library checks several times slower than this loop (keep it to `HistoryFile`'s types).
 */
const historyFileShape = shapeCheck<HistoryFile>((json) => {
  const file = objectAt(json, '');
  stringAt(file.code, 'code');
  recordAt(file.files, 'files', (value, path) => {
    const record = objectAt(value, path);
    isoDateArrayAt(record.dates, fieldPath(path, 'dates'));
    booleanAt(record.readable, fieldPath(path, 'readable'));
    arrayAt(record.diagnostics, fieldPath(path, 'diagnostics'), diagnosticAt);
  });
  recordAt(file.days, 'days', (value, path) => {
    const record = objectAt(value, path);
    stringAt(record.key, fieldPath(path, 'key'));
    const outline = objectAt(record.outline, fieldPath(path, 'outline'));
    isoDateAt(outline.date, fieldPath(path, 'outline.date'));
    arrayAt(outline.sources, fieldPath(path, 'outline.sources'), (value, path) => {
      const source = objectAt(value, path);
      stringAt(source.source, fieldPath(path, 'source'));
      stringAt(source.sourceName, fieldPath(path, 'sourceName'));
      oneOfAt(source.status, STATUSES, fieldPath(path, 'status'));
      optionalAt(source.failure, fieldPath(path, 'failure'), (value, path) => {
        const failure = objectAt(value, path);
        oneOfAt(failure.reason, FAILURE_REASONS, fieldPath(path, 'reason'));
        optionalAt(failure.httpStatus, fieldPath(path, 'httpStatus'), numberAt);
        stringAt(failure.detail, fieldPath(path, 'detail'));
      });
      numberAt(source.count, fieldPath(path, 'count'));
    });
    stringArrayAt(record.ids, fieldPath(path, 'ids'));
    numberArrayAt(record.bytes, fieldPath(path, 'bytes'));
    arrayAt(record.diagnostics, fieldPath(path, 'diagnostics'), diagnosticAt);
  });
});

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
  /** The given days in full (merged from their digests' parse results), in no particular order; kept in memory for later calls. */
  loadDays(dates: Iterable<string>): Promise<Day[]>;
  /** A day in full, read again from the parse cache and not kept (for outputs rendered a few days at a time). */
  readDay(date: string): Promise<Day>;
  /** The digest files that make a day (with their content hashes): what a render thread reads it from. */
  filesOf(date: string): DigestFileRef[];
  /** Every paper of a day, each once, in the day's order. */
  idsOf(date: string): readonly string[];
  /** Saves the outlines and the new parse results for the next build; a failure becomes a note. */
  save(): Promise<void>;
}

/**
 * Parses digests elsewhere (in a render thread): each given file (one that could be read, with
 * its bytes) parsed, its result written into the parse cache folder, its record returned in the
 * order given, and the days they speak of merged (`parseBatch`).
 */
export type ParseElsewhere = (files: { path: string; name: string; hash: string; bytes: Uint8Array }[]) => Promise<ParsedElsewhere>;

/** What a thread's parse gives besides `ParsedBatch`: whether it parsed each file (else the cache had it), and its cache's note. */
export interface ParsedElsewhere extends ParsedBatch {
  parsed: boolean[];
  notes: string[];
}

/** What parsing a batch of digests gives: a record per file, and each day they speak of merged from them (`fileKeys`: the files, in order). */
export interface ParsedBatch {
  files: ParsedFileRecord[];
  days: { date: string; fileKeys: string[]; record: Omit<DayRecord, 'key'> }[];
}

/**
 * Parses a batch of digests (`parse`: one file's result, through the parse cache) and merges
 * the days they speak of from them alone: the history takes such a day as it is when the
 * batch's files are all the files of that day (nearly always: a day's files are parsed
 * together), so that a first build need not read every result back.
 */
export async function parseBatch(refs: readonly { name: string; hash?: string | undefined }[], parse: (i: number) => Promise<ParsedDigest>): Promise<ParsedBatch> {
  const digests: ParsedDigest[] = [];
  for (let i = 0; i < refs.length; i++) digests.push(await parse(i));
  const files = digests.map((digest, i) => parsedFileRecord(digest, refs[i]!.hash !== undefined && digest.date !== undefined));
  const dates = [...new Set(files.flatMap((f) => f.dates))].sort();
  const days = dates.map((date) => {
    const using = refs.flatMap((ref, i) => (files[i]!.dates.includes(date) ? [i] : []));
    const { day, diagnostics } = assembleDay(date, using.map((i) => digests[i]!));
    return { date, fileKeys: using.map((i) => fileKeyOf(refs[i]!)), record: dayRecordOf(day, diagnostics) };
  });
  return { files, days };
}

/**
 * A digest's parse result by its content hash, from the cache (without reading the file), or
 * parsed from the file when the cache has none; then the file must still be the bytes the build
 * hashed.
 */
export function cachedDigest(ref: DigestFileRef, cache: ParseCache): ParsedDigest {
  const { hash } = ref;
  if (!hash) throw new Error(`${ref.name}: a digest that could not be read has no parse result`);
  return cache.get(ref.name, hash, () => {
    const bytes = readDigestBytesSync(ref.path, ref.name);
    if (!(bytes instanceof Uint8Array) || sha256(bytes) !== hash) throw new Error(`${ref.name} changed while the build was running; run the build again`);
    return parseDigestBytes(bytes, ref.name);
  }).parsed;
}

/** A digest file's key in the history: its content hash and name. */
function fileKeyOf(ref: { name: string; hash?: string | undefined }): string {
  return ref.hash ? `${ref.hash}:${ref.name}` : `unreadable:${ref.name}`;
}

/** A merged day's record, but its key: its outline, its papers' ids and archive entry sizes (each paper once), its merge diagnostics. */
function dayRecordOf(day: Day, diagnostics: Diagnostic[]): Omit<DayRecord, 'key'> {
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
  return { outline: outlineOf(day), ids, bytes: sizes, diagnostics };
}

/** How to open the history. */
export interface HistoryOptions {
  /** Helpers (render threads) that parse digests beside this thread when many are to be parsed (a first build), one function each. */
  parseElsewhere?: readonly ParseElsewhere[] | undefined;
}

/** Digests are shared out to parse this many at a time. */
const PARSE_BATCH = 12;
/** What parsing a digest gives the history, besides the parse result in the cache. */
interface ParsedFileRecord {
  dates: string[];
  readable: boolean;
  diagnostics: Diagnostic[];
}


/** The parse result of a digest file as the history keeps it, for a file that could be read. */
function parsedFileRecord(digest: ParsedDigest, readable: boolean): ParsedFileRecord {
  return { dates: [...new Set(digest.days.map((d) => d.date))], readable, diagnostics: digest.diagnostics };
}

/** A day merged from the parse results of the files that speak of it (their other days left out). */
export function assembleDay(date: string, digests: readonly ParsedDigest[]): { day: Day; diagnostics: Diagnostic[] } {
  // Merging is per day and source: the files' other days are left out.
  const merged = mergeDays(digests.map((d) => ({ ...d, days: d.days.filter((s) => s.date === date) })));
  const day = merged.days.find((d) => d.date === date) ?? { date, sources: [] };
  return { day, diagnostics: merged.diagnostics };
}

/** Reads the project's digest history: outlines from the last build where the files are the same, the rest parsed (by `parseElsewhere` too, when there are many). */
export async function openHistory(project: Project, options: HistoryOptions = {}): Promise<DigestHistory> {
  const code = codeIdentity();
  const { files, listingDiagnostics, bytes, notes: fileNotes } = await project.digestFiles();
  const historyPath = join(project.dirs.cache, 'history.json');
  const notes: string[] = [...fileNotes];
  const read = await readBuildState(historyPath, HISTORY_FORMAT, historyFileShape, 'digest history', 'reading every digest again');
  if (read.note) notes.push(read.note);
  const previous = read.value?.code === code ? read.value : undefined;
  const cache = await ParseCache.load(project.parseCacheDir, code);

  const keyOf = fileKeyOf;
  // Parse results are held only while a day that needs them is merged (`pinned`), else read from the cache again.
  const pinned = new Map<string, ParsedDigest>();
  // Once parsed, a digest is read by the hash the build took of it (its bytes are let go).
  const parse = async (ref: DigestFileRef): Promise<ParsedDigest> =>
    pinned.get(keyOf(ref)) ?? (ref.hash && !bytes.has(ref.path) ? cachedDigest(ref, cache) : (await readOneDigest(ref.path, ref.name, { cache, preloaded: bytes.get(ref.path) })).digest);

  // Outlines made anew this time (not taken from the history file): the file is then out of date.
  let remade = previous === undefined;
  const fileRecords = new Map<string, FileRecord>();
  // Days merged as their files were parsed, taken when those are all the day's files.
  const merged = new Map<string, ParsedBatch['days'][number]>();
  const takeBatch = (refs: readonly DigestFileRef[], batch: ParsedBatch) => {
    refs.forEach((ref, i) => fileRecords.set(keyOf(ref), batch.files[i]!));
    for (const day of batch.days) merged.set(day.date, day);
    remade ||= refs.some((ref) => ref.hash);
  };
  const parseHere = async (refs: readonly DigestFileRef[]) => {
    takeBatch(refs, await parseBatch(refs, (i) => parse(refs[i]!)));
    // Written a batch at a time, and then no longer held in memory.
    cache.flush();
    // Parsing here never waits for I/O: the threads' answers (and their next batches) are taken between batches, also
    // between those a thread that is gone hands back, which its helper loop would otherwise parse here one after another.
    await eventLoopTurn();
  };
  const toParse: DigestFileRef[] = [];
  for (const ref of files) {
    const known = ref.hash ? previous?.files[keyOf(ref)] : undefined;
    if (known) {
      cache.keep(ref.name, ref.hash!);
      fileRecords.set(keyOf(ref), known);
    } else toParse.push(ref);
  }
  // Many digests to parse (a first build, new code): the project says so (`Project.largeWork`), and threads help.
  const parsingMany = toParse.length >= MIN_DIGESTS_FOR_THREADS;
  if (parsingMany) project.largeWork();
  const helpers = parsingMany ? (options.parseElsewhere ?? []) : [];
  // Batches of whole days (by the date in the file names), so that a day's files are parsed and merged together.
  const batches: DigestFileRef[][] = [];
  for (const ref of toParse) {
    const last = batches[batches.length - 1];
    const date = readFileName(ref.name).date;
    if (last && (last.length < PARSE_BATCH || readFileName(last[last.length - 1]!.name).date === date)) last.push(ref);
    else batches.push([ref]);
  }
  await shareOut(
    batches,
    helpers.map((parseElsewhere) => async (batch: DigestFileRef[]) => {
      // A file that could not be read is left to this thread (its diagnostic needs no parsing).
      // (A file whose recorded hash was reused has not been read yet: it is read now, to be sent, if it is still those bytes.)
      const sent = batch.flatMap((ref) => {
        const held = bytes.get(ref.path)?.bytes;
        const read = held ?? (ref.hash ? readDigestBytesSync(ref.path, ref.name) : undefined);
        return read instanceof Uint8Array && (held !== undefined || sha256(read) === ref.hash) ? [{ ref, bytes: read }] : [];
      });
      const readable = sent.map(({ ref }) => ref);
      let parsed: ParsedElsewhere;
      try {
        parsed = await parseElsewhere(sent.map(({ ref, bytes: read }) => ({ path: ref.path, name: ref.name, hash: ref.hash!, bytes: read })));
      } catch (error) {
        // A thread out of its heap or gone: this thread parses the batch.
        if (!(error instanceof RenderThreadUnavailable)) throw error;
        const note = error.note('parsed its digests');
        if (!notes.includes(note)) notes.push(note);
        return parseHere(batch);
      }
      readable.forEach((ref, i) => cache.adopt(ref.name, ref.hash!, parsed.parsed[i] ?? true));
      for (const note of parsed.notes) if (!notes.includes(note)) notes.push(note);
      takeBatch(readable, parsed);
      const unreadable = batch.filter((ref) => !readable.includes(ref));
      if (unreadable.length > 0) await parseHere(unreadable);
    }),
    parseHere,
  );

  // Every digest is parsed or known: its bytes are no longer needed (the whole history's are tens of MB).
  bytes.clear();

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
  const assemble = async (date: string): Promise<{ day: Day; diagnostics: Diagnostic[] }> => assembleDay(date, await Promise.all((filesOfDay.get(date) ?? []).map(parse)));

  const dates = [...filesOfDay.keys()].sort();
  // Each day's key (its files, in listing order), and the days merged from the batch their files were parsed in (all of them).
  const dayKeys = new Map<string, string>();
  const fromBatch = new Map<string, Omit<DayRecord, 'key'>>();
  for (const date of dates) {
    const fileKeys = filesOfDay.get(date)!.map(keyOf);
    dayKeys.set(date, sha256(fileKeys.join('\n')));
    const day = merged.get(date);
    if (day && day.fileKeys.length === fileKeys.length && day.fileKeys.every((k, i) => k === fileKeys[i])) fromBatch.set(date, day.record);
  }
  merged.clear();
  const toAssemble = dates.filter((date) => previous?.days[date]?.key !== dayKeys.get(date) && !fromBatch.has(date));
  // A file's parse result is held from the first day it speaks of that is merged to the last (days in date order).
  const uses = new Map<string, number>();
  for (const date of toAssemble) for (const ref of filesOfDay.get(date)!) uses.set(keyOf(ref), (uses.get(keyOf(ref)) ?? 0) + 1);
  const dayRecords = new Map<string, DayRecord>();
  for (const date of dates) {
    const key = dayKeys.get(date)!;
    const known = previous?.days[date];
    if (known?.key === key) {
      dayRecords.set(date, known);
      continue;
    }
    remade = true;
    const batched = fromBatch.get(date);
    if (batched) {
      dayRecords.set(date, { key, ...batched });
      continue;
    }
    const refs = filesOfDay.get(date)!;
    const digests = await Promise.all(refs.map(parse));
    refs.forEach((ref, i) => {
      const fileKey = keyOf(ref);
      const left = (uses.get(fileKey) ?? 1) - 1;
      uses.set(fileKey, left);
      if (left <= 0) pinned.delete(fileKey);
      else pinned.set(fileKey, digests[i]!);
    });
    const { day, diagnostics } = assembleDay(date, digests);
    dayRecords.set(date, { key, ...dayRecordOf(day, diagnostics) });
  }

  const firstDay = new Map<string, string>();
  // For each date, where in its ids the papers first listed that day are (what `archiveRefs` takes, without looking each id up again).
  const firstListed = new Map<string, number[]>();
  const prefixKeys = new Map<string, string>();
  let prefix = '';
  let papers = 0;
  for (const date of dates) {
    const record = dayRecords.get(date)!;
    const first: number[] = [];
    for (let i = 0; i < record.ids.length; i++) {
      const id = record.ids[i]!;
      if (firstDay.has(id)) continue;
      firstDay.set(id, date);
      first.push(i);
    }
    firstListed.set(date, first);
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
    dayKeys,
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
        const first = firstListed.get(date)!;
        // Within a day, last listed first (as `archiveRefs` of a catalog).
        for (let k = first.length - 1; k >= 0; k--) refs.push({ id: ids[first[k]!]!, date, bytes: sizes[first[k]!]! });
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
    async readDay(date) {
      const day = loaded.get(date) ?? (await assemble(date)).day;
      // A result parsed again for it (its cache entry was gone) is written, not held.
      cache.flush();
      return day;
    },
    filesOf(date) {
      return filesOfDay.get(date) ?? [];
    },
    idsOf(date) {
      return dayRecords.get(date)?.ids ?? [];
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
      if (cache.changed) await cache.save();
      await writeFileAtomic(historyPath, JSON.stringify(file)).catch((error: unknown) => notes.push(`digest history not saved (${(error as Error).message}); the next build reads every digest again`));
      const cacheNote = cache.note;
      if (cacheNote) notes.push(cacheNote);
    },
  };
}
