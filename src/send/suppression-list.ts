/**
 * Who must not be mailed, and who is on the way there.
 *
 * `suppressions.txt` in the state folder: lines `<ref> <reason> <date>` (what digestcast writes:
 * `RecipientKeys.suppressionRefOf` the id, never an address; earlier versions wrote the id itself),
 * or a plain address (for an owner who keeps the file private; such
 * lines are never pushed to the state branch). Lines are only ever added, so copies merge by
 * union.
 *
 * `bounces/<writer>.jsonl`: an append-only log of confirmed bounces and of the deliveries that
 * end a streak of them, from which the streak of consecutive bounced days of each recipient is
 * worked out (and an address suppressed after `send.suppressAfterBounceDays`).
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { isValidAddress } from './address.js';
import type { RecipientKeys } from './recipient-keys.js';
import { JsonLinesWriter, listStateDir, readJsonLines, readStateText, StateError } from './state-files.js';

export const SUPPRESSIONS_FILE = 'suppressions.txt';
const SUPPRESSIONS_HEADER = '# digestcast suppression list: one recipient id (HMAC of the address) per line, then why and when.\n';
/** The single bounce file of 0.1 (read, never written). */
export const LEGACY_BOUNCES_FILE = 'bounces.json';
const BOUNCES_DIR = 'bounces';
const BOUNCE_FORMAT = 'digestcast-bounces';

/** One line of the suppression list, as read. */
export type SuppressionLine = { kind: 'id'; id: string } | { kind: 'address'; address: string } | { kind: 'comment' };

/** Reads one line of `suppressions.txt`; undefined when it is not a line digestcast understands. */
export function parseSuppressionLine(line: string): SuppressionLine | undefined {
  const first = line.trim().split(/\s+/)[0] ?? '';
  if (!first || first.startsWith('#')) return { kind: 'comment' };
  if (/^[0-9a-f]{32}$/.test(first)) return { kind: 'id', id: first };
  if (isValidAddress(first)) return { kind: 'address', address: first };
  return undefined;
}

/**
 * Refs and ids that are suppressed, read from the file (addresses in it are turned into ids);
 * check a recipient with `RecipientKeys.isSuppressed`. A line
 * that is neither an id, an address nor a comment stops the run: guessing could mail someone
 * who asked not to be.
 */
export function readSuppressions(stateDir: string, keys: RecipientKeys): Set<string> {
  const ids = new Set<string>();
  const text = readStateText(join(stateDir, SUPPRESSIONS_FILE), SUPPRESSIONS_FILE);
  if (text === undefined) return ids;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = parseSuppressionLine(lines[i]!);
    if (!line) {
      if (i === lines.length - 1) continue; // a last line cut short by a crash
      throw new StateError(`${SUPPRESSIONS_FILE}:${i + 1}: expected a recipient id (32 hex characters), an email address or a # comment. Fix or remove that line, then run again.`);
    }
    if (line.kind === 'id') ids.add(line.id);
    else if (line.kind === 'address') ids.add(keys.idOf(line.address));
  }
  return ids;
}

/** Adds a suppression ref to the list (never the address); returns false when it was there already. */
export function suppress(stateDir: string, id: string, reason: string, date = new Date().toISOString().slice(0, 10)): boolean {
  const path = join(stateDir, SUPPRESSIONS_FILE);
  mkdirSync(dirname(path), { recursive: true });
  const existing = readStateText(path, SUPPRESSIONS_FILE);
  if (existing === undefined) appendFileSync(path, SUPPRESSIONS_HEADER);
  else if (existing.split('\n').some((l) => l.startsWith(`${id} `) || l.trim() === id)) return false;
  else if (!existing.endsWith('\n') && existing !== '') appendFileSync(path, '\n');
  appendFileSync(path, `${id} ${reason.replace(/\s+/g, '-')} ${date}\n`);
  return true;
}

const bounceEventSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{32}$/),
  /** The digest day sent. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  event: z.enum(['bounced', 'delivered']),
  /** The (UTC) date it happened: a catch-up that sends three days in one run is one day of bounces. */
  on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});
type BounceEvent = z.infer<typeof bounceEventSchema>;

const legacyBouncesSchema = z.record(z.string(), z.object({ streak: z.number().int().nonnegative(), lastDay: z.string() }));

interface Streak {
  streak: number;
  lastDay: string;
  lastOn?: string;
}

/** Consecutive days on which each recipient's mail bounced, from every writer's log. */
export class BounceHistory {
  private readonly streaks = new Map<string, Streak>();
  private readonly writer: JsonLinesWriter<BounceEvent>;

  constructor(stateDir: string, writerId: string) {
    const legacy = readStateText(join(stateDir, LEGACY_BOUNCES_FILE), LEGACY_BOUNCES_FILE);
    if (legacy !== undefined) {
      let parsed: z.infer<typeof legacyBouncesSchema>;
      try {
        parsed = legacyBouncesSchema.parse(JSON.parse(legacy));
      } catch (error) {
        throw new StateError(`${LEGACY_BOUNCES_FILE}: not a bounce history digestcast wrote (${(error as Error).message.slice(0, 120)}). Restore it from the state branch or remove it, then run again.`);
      }
      for (const [id, entry] of Object.entries(parsed)) this.streaks.set(id, { ...entry });
    }
    const dir = join(stateDir, BOUNCES_DIR);
    const events: BounceEvent[] = [];
    for (const name of listStateDir(dir).filter((n) => n.endsWith('.jsonl'))) {
      events.push(...readJsonLines(join(dir, name), BOUNCE_FORMAT, bounceEventSchema, `${BOUNCES_DIR}/${name}`));
    }
    events.sort((a, b) => a.day.localeCompare(b.day) || (a.event === b.event ? 0 : a.event === 'delivered' ? 1 : -1));
    for (const e of events) this.apply(e);
    this.writer = new JsonLinesWriter(join(dir, `${writerId}.jsonl`), BOUNCE_FORMAT);
  }

  private apply(e: BounceEvent): void {
    const entry = this.streaks.get(e.id);
    const on = e.on ? { lastOn: e.on } : {};
    if (e.event === 'delivered') {
      if (entry && entry.lastDay <= e.day) this.streaks.delete(e.id);
    } else if (!entry) this.streaks.set(e.id, { streak: 1, lastDay: e.day, ...on });
    else if (e.day > entry.lastDay) {
      const sameRunDay = e.on !== undefined && e.on === entry.lastOn;
      this.streaks.set(e.id, { streak: sameRunDay ? entry.streak : entry.streak + 1, lastDay: e.day, ...on });
    }
  }

  /**
   * Records a confirmed bounce of digest day `day`, on the date `on` (today); returns the streak:
   * the digest days in a row that bounced, counting the days of one catch-up run once.
   */
  rejected(id: string, day: string, on = new Date().toISOString().slice(0, 10)): number {
    const e: BounceEvent = { id, day, event: 'bounced', on };
    this.apply(e);
    this.writer.append(e);
    return this.streaks.get(id)!.streak;
  }

  /** A delivery ends a streak (recorded only when there was one). */
  delivered(id: string, day: string): void {
    if (!this.streaks.has(id)) return;
    const e: BounceEvent = { id, day, event: 'delivered', on: new Date().toISOString().slice(0, 10) };
    this.apply(e);
    this.writer.append(e);
  }

  close(): void {
    this.writer.close();
  }
}
