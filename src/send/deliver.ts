/**
 * The delivery loop: a few messages in flight at once (the SMTP pool's connections), each
 * retried with exponential backoff on temporary failures, recorded in the ledger the moment
 * the server accepts or permanently rejects it. One bad recipient never stops the others;
 * an authentication failure stops everything at once. Messages are built only when their
 * turn comes, so memory does not grow with the number of subscribers.
 */
import type { SendMailOptions } from 'nodemailer';
import type { LedgerWriter } from './ledger.js';
import { classifyFailure, type MailTransport, type SendFailure } from './transport.js';

/** One recipient to deliver to. */
export interface DeliveryJob {
  id: string;
  /** Builds the message when it is about to be sent. */
  message: () => SendMailOptions;
  messageId: string;
}

export interface DeliveryOptions {
  concurrency: number;
  retries: number;
  retryBaseMs: number;
  /** Most jobs started in this run; the rest are deferred. */
  maxSends: number;
  /** Secrets to keep out of failure reasons. */
  secrets?: readonly (string | undefined)[];
  /** Called with each delivered id (the bounce history forgets it). */
  onSent?: (id: string) => void;
  /** Waits `ms` (tests make it instant). */
  sleep?: (ms: number) => Promise<void>;
}

export interface DeliveryResult {
  /** Messages accepted (a count: nothing per recipient is kept, so memory does not grow with the list). */
  sent: number;
  rejected: { id: string; code?: number; reason: string }[];
  /** Still failing temporarily after all retries: left for the next run. */
  unsent: { id: string; reason: string }[];
  /** Not attempted because of the per-run cap. */
  deferred: number;
  /** Not attempted because the run stopped (authentication failure). */
  notAttempted: number;
  /** Set when the run stopped on an authentication failure. */
  authFailure?: SendFailure;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Delivers jobs through a transport, recording outcomes in the ledger. */
export async function deliver(jobs: Iterable<DeliveryJob>, transport: MailTransport, ledger: LedgerWriter, options: DeliveryOptions): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, rejected: [], unsent: [], deferred: 0, notAttempted: 0 };
  const sleep = options.sleep ?? defaultSleep;
  const iterator = jobs[Symbol.iterator]();
  let started = 0;
  let stopped = false;

  const next = (): DeliveryJob | undefined => {
    if (stopped) return undefined;
    const item = iterator.next();
    if (item.done) return undefined;
    if (started >= options.maxSends) {
      result.deferred++;
      // Count the rest without building anything.
      for (let rest = iterator.next(); !rest.done; rest = iterator.next()) result.deferred++;
      stopped = true;
      return undefined;
    }
    started++;
    return item.value;
  };

  const attempt = async (job: DeliveryJob): Promise<void> => {
    for (let tries = 0; ; tries++) {
      if (result.authFailure) return;
      try {
        await transport.send(job.message(), job.id);
        ledger.append({ status: 'sent', id: job.id, at: new Date().toISOString(), messageId: job.messageId });
        result.sent++;
        options.onSent?.(job.id);
        return;
      } catch (error) {
        const failure = classifyFailure(error, options.secrets);
        if (failure.kind === 'auth') {
          result.authFailure = failure;
          stopped = true;
          return;
        }
        if (failure.kind === 'permanent') {
          ledger.append({ status: 'rejected', id: job.id, at: new Date().toISOString(), ...(failure.code !== undefined ? { code: failure.code } : {}), reason: failure.reason });
          result.rejected.push({ id: job.id, ...(failure.code !== undefined ? { code: failure.code } : {}), reason: failure.reason });
          return;
        }
        if (tries >= options.retries) {
          result.unsent.push({ id: job.id, reason: failure.reason });
          return;
        }
        const delay = options.retryBaseMs * 2 ** tries;
        await sleep(delay + Math.floor(Math.random() * (delay / 4)));
      }
    }
  };

  const worker = async () => {
    for (let job = next(); job; job = next()) await attempt(job);
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  if (result.authFailure) for (let rest = iterator.next(); !rest.done; rest = iterator.next()) result.notAttempted++;
  ledger.sync();
  return result;
}
