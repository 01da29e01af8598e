/**
 * Subscribers from the `SUBSCRIBERS` environment variable (addresses separated by newlines or
 * commas, optionally `Name <address>`) and from CSV files (columns `email`, optional `name`,
 * `sources`, `topics`). Invalid addresses, and rows naming a topic the config does not have,
 * are reported masked and skipped; addresses that differ only in case are one subscriber.
 * `sources` and `topics` are lists split at spaces, `;`, `|` or `,` (a comma inside a quoted
 * CSV field: `"diffusion,llm"`; spaces or semicolons need no quotes).
 */
import { parse as parseCsv } from 'csv-parse/sync';
import addressparser from 'nodemailer/lib/addressparser';
import { isValidAddress, maskAddress, normalizeAddress } from './address.js';

export interface Subscriber {
  /** Address as given (case kept for the To header). */
  address: string;
  name?: string;
  /** Sources this subscriber wants (`arxiv`, …); undefined means all. */
  sources?: string[];
  /** Topic ids (`topics` in the config) this subscriber wants: only papers on any of them; undefined means every paper. */
  topics?: string[];
}

/** A subscriber that could not be used; `where` is the input and line, `masked` the address as it may be shown. */
export interface SubscriberProblem {
  where: string;
  masked: string;
  reason: string;
}

export interface SubscriberList {
  subscribers: Subscriber[];
  problems: SubscriberProblem[];
  /** Entries dropped as duplicates of an earlier one (case-insensitive). */
  duplicates: number;
}

/** One entry before checks. */
interface Entry {
  address: string;
  name?: string;
  sources?: string[];
  topics?: string[];
  where: string;
}

/** A list cell (`sources`, `topics`): items split at white space, `;`, `|` or `,`, lower-cased. */
function listCell(cell: string | undefined): string[] {
  return (cell ?? '')
    .split(/[\s;|,]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

/** Entries of a `SUBSCRIBERS` value: newline- or comma-separated, `a@b.c` or `Name <a@b.c>`. */
export function entriesFromList(text: string, label = 'SUBSCRIBERS'): Entry[] {
  const entries: Entry[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    for (const parsed of addressparser(trimmed, { flatten: true })) {
      const entry: Entry = { address: (parsed.address || parsed.name || '').trim(), where: `${label} line ${i + 1}` };
      if (parsed.address && parsed.name) entry.name = parsed.name;
      entries.push(entry);
    }
  });
  return entries;
}

/** Entries of a CSV file's text (header row with at least `email`). */
export function entriesFromCsv(text: string, label: string): Entry[] {
  const rows = parseCsv(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true, relax_column_count: true }) as Record<string, string>[];
  if (rows.length > 0 && !('email' in rows[0]!)) throw new Error(`${label}: the CSV needs an "email" column (found: ${Object.keys(rows[0]!).join(', ')})`);
  return rows.map((row, i) => {
    const entry: Entry = { address: row.email ?? '', where: `${label} line ${i + 2}` };
    if (row.name) entry.name = row.name;
    const sources = listCell(row.sources);
    if (sources.length > 0) entry.sources = sources;
    const topics = listCell(row.topics);
    if (topics.length > 0) entry.topics = [...new Set(topics)];
    return entry;
  });
}

/**
 * Checks and de-duplicates entries (first one wins). `topicIds` are the config's topics: a row
 * naming any other is skipped (a typo would otherwise send that reader nothing, or everything).
 */
export function buildSubscriberList(entries: readonly Entry[], topicIds: readonly string[] = []): SubscriberList {
  const knownTopics = new Set(topicIds);
  const seen = new Set<string>();
  const subscribers: Subscriber[] = [];
  const problems: SubscriberProblem[] = [];
  let duplicates = 0;
  for (const entry of entries) {
    const address = entry.address.trim();
    if (!isValidAddress(address)) {
      problems.push({ where: entry.where, masked: maskAddress(address), reason: address === '' ? 'empty address' : 'not a valid email address' });
      continue;
    }
    const unknown = entry.topics?.filter((t) => !knownTopics.has(t)) ?? [];
    if (unknown.length > 0) {
      const known = topicIds.length > 0 ? `the config's topics are ${topicIds.join(', ')}` : 'the config has no topics';
      problems.push({ where: entry.where, masked: maskAddress(address), reason: `unknown topic${unknown.length > 1 ? 's' : ''} ${unknown.map((t) => `"${t}"`).join(', ')} (${known}); fix the topics column or add the topic to the config` });
      continue;
    }
    const key = normalizeAddress(address);
    if (seen.has(key)) {
      duplicates++;
      continue;
    }
    seen.add(key);
    const subscriber: Subscriber = { address };
    // A display name goes into a header: no line breaks, no control characters.
    const name = entry.name?.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
    if (name) subscriber.name = name;
    if (entry.sources) subscriber.sources = entry.sources;
    if (entry.topics) subscriber.topics = entry.topics;
    subscribers.push(subscriber);
  }
  return { subscribers, problems, duplicates };
}
