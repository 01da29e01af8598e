/**
 * The send ledger: which recipient got which day. One append-only file per day and writer
 * (`ledger/<date>.<writer>.jsonl`), one JSON line per recipient as soon as the SMTP server
 * accepts (or, for a confirmed bounce, rejects) the message. It stores recipient ids (HMACs),
 * never addresses. A run reads every ledger file of the day, whoever wrote it, and skips those
 * already recorded; since no two writers share a file, copies of the ledger merge by union.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { JsonLinesWriter, listStateDir, readJsonLines } from './state-files.js';

const LEDGER_FORMAT = 'digestcast-ledger';
const recipientId = z.string().regex(/^[0-9a-f]{32}$/, { error: 'expected a 32-character recipient id' });

const ledgerRecordSchema = z.discriminatedUnion('status', [
  // No time and no Message-ID per recipient (the state branch may be public; either could be matched
  // against a message someone holds). Files of earlier versions carry them: still read.
  z.object({ status: z.literal('sent'), id: recipientId, at: z.string().optional(), messageId: z.string().optional() }),
  z.object({ status: z.literal('rejected'), id: recipientId, at: z.string().optional(), code: z.number().int().optional(), reason: z.string() }),
  z.object({ status: z.literal('complete'), at: z.string(), recipients: z.number().int().nonnegative(), shard: z.string().optional() }),
]);

/** One line of a ledger. */
export type LedgerRecord = z.infer<typeof ledgerRecordSchema>;

/** What the ledger of a day says. */
export interface LedgerState {
  sent: Set<string>;
  rejected: Map<string, { code?: number; reason: string }>;
  /** Shard labels (`all`, `2/4`) that finished the day. */
  completed: Set<string>;
}

/** Folder of the ledger files. */
export function ledgerDir(stateDir: string): string {
  return join(stateDir, 'ledger');
}

/** `2025-10-17.<writer>.jsonl`: a file no other run writes. */
export function ledgerFileName(date: string, writerId: string): string {
  return `${date}.${writerId}.jsonl`;
}

/** Whether any ledger was ever written (a list that has sent before). */
export function hasAnyLedger(stateDir: string): boolean {
  return listStateDir(ledgerDir(stateDir)).some((n) => n.endsWith('.jsonl'));
}

/**
 * Reads every ledger file of a day (every writer and shard, and the one-file-per-day files of
 * older versions). A line cut short by a crash is ignored; any other damage throws StateError.
 */
export function readLedger(stateDir: string, date: string): LedgerState {
  const state: LedgerState = { sent: new Set(), rejected: new Map(), completed: new Set() };
  const dir = ledgerDir(stateDir);
  for (const name of listStateDir(dir).filter((n) => n.startsWith(`${date}.`) && n.endsWith('.jsonl')).sort()) {
    for (const record of readJsonLines(join(dir, name), LEDGER_FORMAT, ledgerRecordSchema, `ledger/${name}`)) {
      if (record.status === 'sent') {
        state.sent.add(record.id);
        state.rejected.delete(record.id);
      } else if (record.status === 'rejected' && !state.sent.has(record.id)) {
        state.rejected.set(record.id, { reason: record.reason, ...(record.code !== undefined ? { code: record.code } : {}) });
      } else if (record.status === 'complete') state.completed.add(record.shard ?? 'all');
    }
  }
  return state;
}

/** Appends this run's records of one day to its own ledger file. */
export class LedgerWriter extends JsonLinesWriter<LedgerRecord> {
  constructor(stateDir: string, date: string, writerId: string, syncEvery = 50) {
    super(join(ledgerDir(stateDir), ledgerFileName(date, writerId)), LEDGER_FORMAT, syncEvery);
  }
}
