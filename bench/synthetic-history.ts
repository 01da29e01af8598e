/**
 * A synthetic digest history at the full-history scale, made from the real sample corpus:
 * the sample days' per-source files copied round-robin onto N consecutive days (default 530),
 * every `YYYY-MM-DD` inside a file shifted by as many days as the file moved (heading,
 * `发布日期` column, status lines), and each paper's arXiv id / bioRxiv-medRxiv DOI replaced by
 * one unique to the copy (so the catalog sees distinct papers, not the same 26 days listed
 * again). Within one pass over the sample (26 days) a paper listed on two sample days keeps
 * one new id, so repeats and version pairs (`v1`/`v2`) stay what they were. Deterministic.
 *
 *   npm run bench -- history <outDir> [days]
 *   node --import tsx bench/synthetic-history.ts <outDir> [--days 530] [--start 2024-09-04] [--force]
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readDigests, readOneDigest } from '../src/read-digests.js';
import { formatBytes } from './measure.js';

/** Days in the history the issue describes (about 530 days since 2024-09). */
export const FULL_HISTORY_DAYS = 530;

/** A per-source digest file of the sample: `YYYY-MM-DD-<source>.md`. */
const PER_SOURCE_FILE = /^(\d{4}-\d{2}-\d{2})-([a-z]+)\.md$/i;

export interface SyntheticHistoryOptions {
  /** Folder of real digests (the sample corpus). */
  corpusDir: string;
  /** Folder to write the history into; created; must be empty unless `replace`. */
  outDir: string;
  days?: number;
  /** First day, `YYYY-MM-DD` (default: the sample's first day). */
  start?: string;
  /** Delete the `.md` files already in `outDir` first. */
  replace?: boolean;
}

/** One generated file and the sample file it was made from. */
export interface GeneratedFile {
  name: string;
  from: string;
  bytes: number;
}

/** What the generator wrote. */
export interface SyntheticHistory {
  outDir: string;
  days: number;
  first: string;
  last: string;
  files: GeneratedFile[];
  bytes: number;
}

/** Writes a synthetic history of per-source digests into `outDir`. */
export function generateSyntheticHistory(options: SyntheticHistoryOptions): SyntheticHistory {
  const days = options.days ?? FULL_HISTORY_DAYS;
  if (!Number.isInteger(days) || days < 1) throw new Error(`days must be a positive whole number (got ${days})`);
  const sample = samplePerSourceFiles(options.corpusDir);
  const sampleDays = [...sample.keys()];
  const start = options.start ?? sampleDays[0]!;
  if (!isIsoDate(start)) throw new Error(`start must be a date written YYYY-MM-DD (got ${start})`);
  prepareOutDir(options.outDir, options.replace ?? false);

  const ids = new IdRemapper();
  const files: GeneratedFile[] = [];
  for (let k = 0; k < days; k++) {
    const date = addDays(start, k);
    const sampleDay = sampleDays[k % sampleDays.length]!;
    const pass = Math.floor(k / sampleDays.length);
    const offset = daysBetween(sampleDay, date);
    for (const { name, source } of sample.get(sampleDay)!) {
      const text = readFileSync(join(options.corpusDir, name), 'utf8');
      const moved = ids.remap(shiftDates(text, offset), pass, date);
      const outName = `${date}-${source}.md`;
      writeFileSync(join(options.outDir, outName), moved);
      files.push({ name: outName, from: name, bytes: Buffer.byteLength(moved) });
    }
  }
  return { outDir: options.outDir, days, first: start, last: addDays(start, days - 1), files, bytes: files.reduce((n, f) => n + f.bytes, 0) };
}

/** A generated file whose reading differs from its sample file's. */
export interface VerifyMismatch {
  file: string;
  from: string;
  expected: string;
  actual: string;
}

/** Totals of the history as the real reader reads it, and the files that did not read like their sample file. */
export interface HistoryCheck {
  files: number;
  days: number;
  /** Papers per day and source, each once per day (as `digestcast parse` counts them). */
  papers: number;
  /** Records of every file (papers plus other listings of a paper), as `parse --json` would give per file. */
  records: number;
  /** Distinct paper ids over the whole history. */
  distinctPapers: number;
  diagnostics: number;
  mismatches: VerifyMismatch[];
}

/**
 * Reads the history with the real reader and checks each generated file against its sample
 * file: the same number of records, other listings and diagnostics per rule, and the same
 * status per source (papers / empty / failed).
 */
export async function checkSyntheticHistory(history: SyntheticHistory, corpusDir: string): Promise<HistoryCheck> {
  const expected = new Map<string, string>();
  const mismatches: VerifyMismatch[] = [];
  let records = 0;
  for (const f of history.files) {
    let want = expected.get(f.from);
    if (want === undefined) {
      want = readingShape((await readOneDigest(join(corpusDir, f.from), f.from)).digest);
      expected.set(f.from, want);
    }
    const { digest } = await readOneDigest(join(history.outDir, f.name), f.name);
    records += digest.days.reduce((n, d) => n + d.papers.length + (d.otherListings?.length ?? 0), 0);
    const got = readingShape(digest);
    if (got !== want) mismatches.push({ file: f.name, from: f.from, expected: want, actual: got });
  }
  const set = await readDigests([history.outDir]);
  const ids = new Set<string>();
  let papers = 0;
  for (const day of set.days) {
    for (const source of day.sources) {
      papers += source.papers.length;
      for (const p of source.papers) ids.add(p.id);
    }
  }
  return { files: set.files.length, days: set.days.length, papers, records, distinctPapers: ids.size, diagnostics: set.diagnostics.length, mismatches };
}

/** A digest's reading, without dates and ids: per source day its status and counts, then diagnostics per rule. */
function readingShape(digest: { days: { source: string; status: string; papers: unknown[]; otherListings?: unknown[] }[]; diagnostics: { rule: string }[] }): string {
  const days = digest.days.map((d) => `${d.source} ${d.status} ${d.papers.length}+${d.otherListings?.length ?? 0}`);
  const rules = new Map<string, number>();
  for (const d of digest.diagnostics) rules.set(d.rule, (rules.get(d.rule) ?? 0) + 1);
  return [days.join(', '), [...rules].sort(([a], [b]) => a.localeCompare(b)).map(([r, n]) => `${r}×${n}`).join(' ')].join(' | ');
}

/** The sample's per-source files by day (days sorted; a day's files sorted by source). */
function samplePerSourceFiles(corpusDir: string): Map<string, { name: string; source: string }[]> {
  const byDay = new Map<string, { name: string; source: string }[]>();
  for (const name of readdirSync(corpusDir).sort()) {
    const m = PER_SOURCE_FILE.exec(name);
    if (!m || !statSync(join(corpusDir, name)).isFile()) continue;
    const list = byDay.get(m[1]!) ?? [];
    list.push({ name, source: m[2]!.toLowerCase() });
    byDay.set(m[1]!, list);
  }
  if (byDay.size === 0) throw new Error(`no per-source digests (YYYY-MM-DD-<source>.md) in ${corpusDir}; pass the sample corpus folder`);
  return new Map([...byDay].sort(([a], [b]) => a.localeCompare(b)));
}

function prepareOutDir(outDir: string, replace: boolean): void {
  mkdirSync(outDir, { recursive: true });
  const present = readdirSync(outDir);
  if (present.length === 0) return;
  if (!replace) throw new Error(`${outDir} is not empty; pass --force to replace the .md files in it, or name a new folder`);
  for (const name of present) if (/\.md$/i.test(name)) rmSync(join(outDir, name));
}

/** Every valid `YYYY-MM-DD` in the text moved by `offset` days. */
export function shiftDates(text: string, offset: number): string {
  if (offset === 0) return text;
  return text.replace(/(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)/g, (date) => (isIsoDate(date) ? addDays(date, offset) : date));
}

/** arXiv ids inside arXiv links (`arxiv.org/pdf/2409.02920v1`): the id part. */
const ARXIV_LINK = /(\barxiv\.org\/(?:pdf|abs|html|format)\/)(\d{4}\.\d{4,5})(?!\d)/gi;
/** bioRxiv/medRxiv DOIs (`10.1101/2024.12.24.629987`, `10.64898/…`, old `10.1101/658153`), in doi.org and content links alike. */
const RXIV_DOI = /(?<![\d.])(10\.\d{4,9}\/)(\d{4}\.\d{2}\.\d{2}\.(\d{6,8})|\d{6})(?![\d])/g;

/**
 * New paper ids for each pass over the sample: the same original id in the same pass gets the
 * same new id. arXiv: `<YYMM of the day first listed>.<5-digit sequence of that month>`; DOIs:
 * `<prefix><YYYY.MM.DD of that day>.<sequence>` (old six-digit DOIs stay six digits).
 */
class IdRemapper {
  private readonly assigned = new Map<string, string>();
  private readonly arxivSequence = new Map<string, number>();
  private doiSequence = 0;

  remap(text: string, pass: number, date: string): string {
    return text
      .replace(ARXIV_LINK, (_, prefix: string, id: string) => prefix + this.arxiv(id, pass, date))
      .replace(RXIV_DOI, (_, prefix: string, suffix: string, seq: string | undefined) => prefix + this.doi(prefix + suffix, seq, pass, date));
  }

  private arxiv(id: string, pass: number, date: string): string {
    const key = `${pass} arxiv:${id.toLowerCase()}`;
    let next = this.assigned.get(key);
    if (!next) {
      const month = date.slice(2, 4) + date.slice(5, 7);
      const n = (this.arxivSequence.get(month) ?? 0) + 1;
      if (n > 99_999) throw new Error(`more than 99999 arXiv papers in ${month}: generate fewer days`);
      this.arxivSequence.set(month, n);
      next = `${month}.${String(n).padStart(5, '0')}`;
      this.assigned.set(key, next);
    }
    return next;
  }

  private doi(doi: string, seq: string | undefined, pass: number, date: string): string {
    const key = `${pass} doi:${doi.toLowerCase()}`;
    let next = this.assigned.get(key);
    if (!next) {
      const n = String(++this.doiSequence);
      next = seq === undefined ? n.padStart(6, '0') : `${date.replaceAll('-', '.')}.${n.padStart(seq.length, '0')}`;
      this.assigned.set(key, next);
    }
    return next;
  }
}

function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Generates, checks with the real reader and prints totals; returns the exit code. */
export async function runSyntheticHistory(outDir: string, options: { corpusDir: string; days?: number; start?: string; replace?: boolean }): Promise<number> {
  const t0 = performance.now();
  let history: SyntheticHistory;
  try {
    history = generateSyntheticHistory({ ...options, outDir: resolve(outDir) });
  } catch (error) {
    console.error(`history: ${(error as Error).message}`);
    return 2;
  }
  const generatedMs = performance.now() - t0;
  const check = await checkSyntheticHistory(history, options.corpusDir);
  console.log(`\n## synthetic history — ${history.outDir}`);
  console.log(
    `${history.days} days (${history.first} … ${history.last}), ${history.files.length} per-source files, ${formatBytes(history.bytes)} (${history.bytes} bytes); ` +
      `written in ${(generatedMs / 1000).toFixed(1)} s from ${new Set(history.files.map((f) => f.from)).size} sample files`,
  );
  console.log(
    `read back by the reader: ${check.files} files, ${check.days} days, ${check.papers} papers (each once per day and source), ` +
      `${check.distinctPapers} distinct paper ids, ${check.records} records, ${check.diagnostics} diagnostics`,
  );
  if (check.mismatches.length === 0) {
    console.log('every generated file reads like its sample file (same records, other listings, statuses and diagnostics per rule)');
    return 0;
  }
  console.log(`${check.mismatches.length} generated files do NOT read like their sample file:`);
  for (const m of check.mismatches.slice(0, 20)) console.log(`  ${m.file} (from ${m.from}): expected ${m.expected}; got ${m.actual}`);
  return 1;
}

const isScript = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isScript) {
  const { values, positionals } = parseArgs({
    options: { days: { type: 'string' }, start: { type: 'string' }, corpus: { type: 'string' }, force: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const [outDir, daysArg] = positionals;
  if (!outDir) {
    console.error('usage: node --import tsx bench/synthetic-history.ts <outDir> [--days 530] [--start YYYY-MM-DD] [--corpus ../shared/corpus] [--force]');
    process.exit(2);
  }
  const { DEFAULT_CORPUS } = await import('./parse.js');
  process.exitCode = await runSyntheticHistory(outDir, {
    corpusDir: values.corpus ?? DEFAULT_CORPUS,
    days: Number(values.days ?? daysArg ?? FULL_HISTORY_DAYS),
    ...(values.start ? { start: values.start } : {}),
    replace: values.force,
  });
}
