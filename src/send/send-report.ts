/**
 * What a send did, and how it is told to people: counts and recipient ids, never addresses.
 */
import { redact } from './redact.js';

/** Counts and ids of one day's send. */
export interface SendReport {
  date: string;
  dryRun: boolean;
  transport: 'smtp' | 'outbox';
  subscribers: number;
  invalid: number;
  duplicates: number;
  skipped: { alreadySent: number; suppressed: number; filtered: number; rejectedEarlier: number; otherShard: number };
  toSend: number;
  sent: number;
  rejected: { id: string; code?: number; reason: string }[];
  unsent: { id: string; reason: string }[];
  deferred: number;
  notAttempted: number;
  /** The day is done for this shard: everyone deliverable got it (recorded in the ledger). */
  complete: boolean;
  authFailure?: string;
}

/** Whether a report means the run failed (someone deliverable is left without the day). */
export function sendFailed(report: SendReport): boolean {
  return report.unsent.length > 0 || report.notAttempted > 0 || report.authFailure !== undefined;
}

/** A report with nothing counted yet. */
export function emptyReport(date: string, transport: 'smtp' | 'outbox', list: { subscribers: unknown[]; problems: unknown[]; duplicates: number }, dryRun: boolean): SendReport {
  return {
    date,
    dryRun,
    transport,
    subscribers: list.subscribers.length,
    invalid: list.problems.length,
    duplicates: list.duplicates,
    skipped: { alreadySent: 0, suppressed: 0, filtered: 0, rejectedEarlier: 0, otherShard: 0 },
    toSend: 0,
    sent: 0,
    rejected: [],
    unsent: [],
    deferred: 0,
    notAttempted: 0,
    complete: false,
  };
}

/** The report as lines for people: counts, ids (8 characters), never addresses. */
export function formatSendReport(report: SendReport): string[] {
  const s = report.skipped;
  const lines = [
    `${report.dryRun ? 'dry run: would send' : 'send'} ${report.date} via ${report.transport}: ${report.subscribers} subscribers (${report.invalid} invalid, ${report.duplicates} duplicates dropped)`,
    `  ${report.dryRun ? 'would send' : 'sent'}: ${report.dryRun ? report.toSend : report.sent}`,
    `  skipped: ${s.alreadySent} already sent, ${s.suppressed} suppressed, ${s.filtered} filtered (sources or no papers), ${s.rejectedEarlier} rejected earlier${s.otherShard ? `, ${s.otherShard} in other shards` : ''}`,
  ];
  if (!report.dryRun) {
    lines.push(`  failed permanently: ${report.rejected.length}${report.rejected.length ? ` (${summarizeCodes(report.rejected)}; ids ${report.rejected.slice(0, 10).map((r) => r.id.slice(0, 8)).join(' ')}${report.rejected.length > 10 ? ' …' : ''})` : ''}`);
    lines.push(`  failed temporarily (left for the next run): ${report.unsent.length}${report.unsent.length ? ` (ids ${report.unsent.slice(0, 10).map((r) => r.id.slice(0, 8)).join(' ')}; last error: ${report.unsent[report.unsent.length - 1]!.reason})` : ''}`);
    if (report.deferred) lines.push(`  deferred by send.maxPerRun: ${report.deferred} (they get it on the next run)`);
    if (report.authFailure) lines.push(`  STOPPED: SMTP authentication failed (${report.authFailure}); ${report.notAttempted} not attempted. Check the user and password in SMTP_URL (Gmail, QQ and 163 need an app password or authorisation code).`);
    lines.push(`  day complete: ${report.complete ? 'yes' : 'no'}`);
  }
  return lines.map((l) => redact(l));
}

function summarizeCodes(rejected: { code?: number }[]): string {
  const counts = new Map<string, number>();
  for (const r of rejected) counts.set(String(r.code ?? 'no code'), (counts.get(String(r.code ?? 'no code')) ?? 0) + 1);
  return [...counts.entries()].map(([code, n]) => `${n}× ${code}`).join(', ');
}
