/**
 * The send ledger: one append-only file per day (per shard) in the state folder, one JSON line
 * per recipient as soon as the SMTP server accepts (or permanently rejects) the message.
 * It stores recipient ids (HMACs), never addresses. A re-run reads every ledger file of the
 * day, whatever shard wrote it, and skips those already recorded.
 */
import { closeSync, fdatasyncSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export type LedgerRecord =
  | { status: 'sent'; id: string; at: string; messageId: string }
  | { status: 'rejected'; id: string; at: string; code?: number; reason: string }
  | { status: 'complete'; at: string; recipients: number; shard?: string };

/** What the ledger of a day says. */
export interface LedgerState {
  sent: Set<string>;
  rejected: Map<string, { code?: number; reason: string }>;
  /** Shard labels (`all`, `2/4`) that finished the day. */
  completed: Set<string>;
}

/** Folder of a day's ledger files. */
export function ledgerDir(stateDir: string): string {
  return join(stateDir, 'ledger');
}

/** `2025-10-17.jsonl`, or `2025-10-17.shard-2-of-4.jsonl` for a shard. */
export function ledgerFileName(date: string, shard?: { index: number; count: number }): string {
  return shard && shard.count > 1 ? `${date}.shard-${shard.index}-of-${shard.count}.jsonl` : `${date}.jsonl`;
}

/** Whether any ledger was ever written (a list that has sent before). */
export function hasAnyLedger(stateDir: string): boolean {
  try {
    return readdirSync(ledgerDir(stateDir)).some((n) => n.endsWith('.jsonl'));
  } catch {
    return false;
  }
}

/** Reads every ledger file of a day (all shards). A line cut short by a crash is ignored. */
export function readLedger(stateDir: string, date: string): LedgerState {
  const state: LedgerState = { sent: new Set(), rejected: new Map(), completed: new Set() };
  const dir = ledgerDir(stateDir);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.startsWith(`${date}.`) && n.endsWith('.jsonl'));
  } catch {
    return state;
  }
  for (const name of names) {
    for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      let record: LedgerRecord;
      try {
        record = JSON.parse(line) as LedgerRecord;
      } catch {
        continue;
      }
      if (record.status === 'sent') {
        state.sent.add(record.id);
        state.rejected.delete(record.id);
      } else if (record.status === 'rejected' && !state.sent.has(record.id)) {
        const r: { code?: number; reason: string } = { reason: record.reason };
        if (record.code !== undefined) r.code = record.code;
        state.rejected.set(record.id, r);
      } else if (record.status === 'complete') state.completed.add(record.shard ?? 'all');
    }
  }
  return state;
}

/**
 * Appends records to one ledger file. Each record is written to the file before `append`
 * returns (so a killed process loses none it was told about); data is synced to disk every
 * `syncEvery` records and on close.
 */
export class LedgerWriter {
  private fd: number;
  private unsynced = 0;

  constructor(
    stateDir: string,
    fileName: string,
    private readonly syncEvery = 50,
  ) {
    const dir = ledgerDir(stateDir);
    mkdirSync(dir, { recursive: true });
    this.fd = openSync(join(dir, fileName), 'a');
  }

  append(record: LedgerRecord): void {
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
    if (++this.unsynced >= this.syncEvery) this.sync();
  }

  sync(): void {
    if (this.unsynced === 0) return;
    fdatasyncSync(this.fd);
    this.unsynced = 0;
  }

  close(): void {
    if (this.fd < 0) return;
    this.sync();
    closeSync(this.fd);
    this.fd = -1;
  }
}
