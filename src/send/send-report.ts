/**
 * What a send did, and how it is told to people: counts and recipient ids, never addresses;
 * and the exit code that turns the Action red exactly when a person should look.
 */
import type { DeliveryOutcome } from './deliver.js';
import type { OutageKind } from './failure-class.js';
import { redact } from './redact.js';

/** Counts and ids of one day's send, by failure class: the delivery's outcome, and what came before it. */
export interface SendReport extends DeliveryOutcome {
  date: string;
  dryRun: boolean;
  transport: 'smtp' | 'outbox';
  subscribers: number;
  invalid: number;
  duplicates: number;
  skipped: { alreadySent: number; suppressed: number; filtered: number; rejectedEarlier: number; otherShard: number; joinedLater: number };
  toSend: number;
  /** A provider-wide failure stopped the run; nothing was counted against anyone. */
  outage?: string;
  /** What kind of outage, for the advice. */
  outageKind?: OutageKind;
  /** The day is done for this shard: everyone deliverable got it (recorded in the ledger). */
  complete: boolean;
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
    skipped: { alreadySent: 0, suppressed: 0, filtered: 0, rejectedEarlier: 0, otherShard: 0, joinedLater: 0 },
    toSend: 0,
    delivered: 0,
    bounced: [],
    deferred: [],
    notAttempted: 0,
    overBudget: 0,
    complete: false,
  };
}

/**
 * Exit codes of `send` and `run`:
 * 0 every deliverable subscriber got the day (or was left by send.maxPerRun); 1 a setup or
 * state problem stopped the run (before sending, or when the state could not be written);
 * 2 wrong usage; 3 outage: the provider refused
 * the sender (login, quota, policy, no TLS) and nothing was counted against anyone; 4 deferred:
 * some subscribers are left for the next run (temporary failures, the run deadline, the state
 * could not be saved); 5 another send holds the lock.
 */
export const EXIT_CODES = { ok: 0, error: 1, usage: 2, outage: 3, deferred: 4, busy: 5 } as const;

/** The exit code for a run's reports. */
export function exitCodeOf(reports: readonly SendReport[]): number {
  if (reports.some((r) => r.stateFailure !== undefined)) return EXIT_CODES.error;
  if (reports.some((r) => r.outage !== undefined)) return EXIT_CODES.outage;
  if (reports.some((r) => r.deferred.length > 0 || r.notAttempted > 0 || r.deadlineReached || r.checkpointFailure)) return EXIT_CODES.deferred;
  return EXIT_CODES.ok;
}

/** Whether a report stops a catch-up: later days would fail the same way. */
export function stopsRun(report: SendReport): boolean {
  return report.outage !== undefined || report.deadlineReached === true || report.checkpointFailure !== undefined || report.stateFailure !== undefined;
}

/** The report as lines for people: counts, ids (8 characters), never addresses. */
export function formatSendReport(report: SendReport): string[] {
  const s = report.skipped;
  const ids = (list: { id: string }[]) => `ids ${list.slice(0, 10).map((r) => r.id.slice(0, 8)).join(' ')}${list.length > 10 ? ' …' : ''}`;
  const lines = [
    `${report.dryRun ? 'dry run: would send' : 'send'} ${report.date} via ${report.transport}: ${report.subscribers} subscribers (${report.invalid} invalid, ${report.duplicates} duplicates dropped)`,
    `  ${report.dryRun ? 'would send' : 'delivered'}: ${report.dryRun ? report.toSend : report.delivered}`,
    `  skipped: ${s.alreadySent} already sent, ${s.suppressed} suppressed, ${s.filtered} filtered (sources, topics or no papers), ${s.rejectedEarlier} bounced earlier${s.joinedLater ? `, ${s.joinedLater} joined after this day` : ''}${s.otherShard ? `, ${s.otherShard} in other shards` : ''}`,
  ];
  if (!report.dryRun) {
    lines.push(`  bounced: ${report.bounced.length}${report.bounced.length ? ` (${summarizeCodes(report.bounced)}; ${ids(report.bounced)})` : ''}`);
    lines.push(`  deferred (left for the next run): ${report.deferred.length}${report.deferred.length ? ` (${ids(report.deferred)}; last error: ${report.deferred[report.deferred.length - 1]!.reason})` : ''}`);
    if (report.overBudget) lines.push(`  deferred by send.maxPerRun: ${report.overBudget} (they get it on the next run)`);
    if (report.outage !== undefined) lines.push(`  OUTAGE: ${OUTAGE_ADVICE[report.outageKind ?? 'sender'](report.outage, report.notAttempted)}`);
    if (report.deadlineReached) lines.push(`  STOPPED at the run deadline (send.runDeadlineSeconds): ${report.notAttempted} not attempted; the next run goes on`);
    if (report.checkpointFailure) lines.push(`  STOPPED: ${report.checkpointFailure}`);
    if (report.stateFailure) lines.push(`  STOPPED: ${report.stateFailure}`);
    lines.push(`  day complete: ${report.complete ? 'yes' : 'no'}`);
  }
  return lines.map((l) => redact(l));
}

const nothingCounted = (n: number) => `${n} not attempted, nothing counted against anyone`;

/** What each kind of outage says: what happened, and what the owner should do. */
const OUTAGE_ADVICE: Record<OutageKind, (reason: string, notAttempted: number) => string> = {
  auth: (r, n) => `SMTP authentication failed (${r}); ${nothingCounted(n)}. Check the user and password in SMTP_URL (Gmail, QQ and 163 need an app password or authorisation code).`,
  tls: (r, n) => `${r}; ${nothingCounted(n)}.`,
  sender: (r, n) => `the provider refused the sender, not a recipient (${r}); ${nothingCounted(n)}. Check the account with your provider (suspended, over its quota, SPF/DKIM/DMARC); the next run sends to everyone left.`,
  breaker: (r, n) => `${r}; looks provider-wide, so ${nothingCounted(n)}. Check the account with your provider; if these really are dead addresses, raise send.outageAfter.`,
  unreachable: (r, n) => `${r}; ${nothingCounted(n)}. Check SMTP_URL's host and port and the provider's status; the next run tries again.`,
  local: (r, n) => `sending failed here, not at the server (${r}); ${nothingCounted(n)}. Check the DKIM settings and the templates; this is the same for every recipient.`,
};

function summarizeCodes(rejected: { code?: number; status?: string }[]): string {
  const counts = new Map<string, number>();
  for (const r of rejected) {
    const key = `${r.code ?? 'no code'}${r.status ? ` ${r.status}` : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()].map(([code, n]) => `${n}× ${code}`).join(', ');
}
