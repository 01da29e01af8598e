/**
 * Who must not be mailed: `suppressions.txt` in the state folder. Lines are
 * `<id> <reason> <date>` (what digestcast writes: ids, never addresses) or a plain address
 * (for an owner who keeps the file private). `bounces.json` counts consecutive days of
 * permanent rejections, to suppress dead addresses automatically.
 */
import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isValidAddress } from './address.js';
import type { RecipientKeys } from './recipient-keys.js';

export const SUPPRESSIONS_FILE = 'suppressions.txt';
const BOUNCES_FILE = 'bounces.json';

/** Ids that are suppressed, read from the file (addresses in it are turned into ids). */
export function readSuppressions(stateDir: string, keys: RecipientKeys): Set<string> {
  const ids = new Set<string>();
  let text = '';
  try {
    text = readFileSync(join(stateDir, SUPPRESSIONS_FILE), 'utf8');
  } catch {
    return ids;
  }
  for (const line of text.split(/\r?\n/)) {
    const first = line.trim().split(/\s+/)[0] ?? '';
    if (!first || first.startsWith('#')) continue;
    if (/^[0-9a-f]{32}$/.test(first)) ids.add(first);
    else if (isValidAddress(first)) ids.add(keys.idOf(first));
  }
  return ids;
}

/** Adds an id to the suppression list (never the address). */
export function suppress(stateDir: string, id: string, reason: string, date = new Date().toISOString().slice(0, 10)): void {
  const path = join(stateDir, SUPPRESSIONS_FILE);
  mkdirSync(dirname(path), { recursive: true });
  let existing = '';
  try {
    existing = readFileSync(path, 'utf8');
  } catch {
    existing = '# digestcast suppression list: one recipient id (HMAC of the address) per line, then why and when.\n';
    writeFileSync(path, existing);
  }
  if (existing.split('\n').some((l) => l.startsWith(`${id} `) || l.trim() === id)) return;
  appendFileSync(path, `${id} ${reason.replace(/\s+/g, '-')} ${date}\n`);
}

interface BounceEntry {
  streak: number;
  lastDay: string;
}

/** Consecutive days on which each recipient was permanently rejected. */
export class BounceHistory {
  private readonly path: string;
  private entries: Record<string, BounceEntry>;

  constructor(stateDir: string) {
    this.path = join(stateDir, BOUNCES_FILE);
    try {
      this.entries = JSON.parse(readFileSync(this.path, 'utf8')) as Record<string, BounceEntry>;
    } catch {
      this.entries = {};
    }
  }

  /** Records a permanent rejection on `day`; returns the streak of days. */
  rejected(id: string, day: string): number {
    const entry = this.entries[id];
    if (!entry) this.entries[id] = { streak: 1, lastDay: day };
    else if (entry.lastDay !== day) this.entries[id] = { streak: entry.streak + 1, lastDay: day };
    return this.entries[id]!.streak;
  }

  /** A delivery ends a streak. */
  delivered(id: string): void {
    delete this.entries[id];
  }

  save(): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.entries));
    renameSync(tmp, this.path);
  }
}
