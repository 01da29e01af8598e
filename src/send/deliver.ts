/**
 * The delivery loop: a few messages in flight at once (the SMTP pool's connections), each
 * retried with exponential backoff on temporary failures, recorded in the ledger the moment
 * the server accepts it. Bounces are recorded once the circuit breaker has ruled out an outage.
 * An outage stops everything at once and counts against nobody; so does the run deadline, which
 * also aborts what is in flight. Messages are built only when their turn comes, so memory does
 * not grow with the number of subscribers.
 */
import type { SendMailOptions } from 'nodemailer';
import { BounceBreaker, classifySendError, type SendFailure } from './failure-class.js';
import type { LedgerWriter } from './ledger.js';
import type { MailTransport } from './transport.js';

/** One recipient to deliver to. */
export interface DeliveryJob {
  id: string;
  /** Builds the message when it is about to be sent. */
  message: () => SendMailOptions;
}

/** Messages a whole run may still start (`send.maxPerRun`, shared by every day of a catch-up). */
export interface SendBudget {
  remaining: number;
}

/** Lets the state be saved while sending: called around every job. */
export interface DeliveryCheckpoint {
  /** Waits, before a job starts, while too much is unsaved. Throws to stop the run. */
  beforeJob(): Promise<void>;
  /** A ledger line was written. */
  recorded(): void;
}

export interface DeliveryOptions {
  concurrency: number;
  retries: number;
  retryBaseMs: number;
  budget: SendBudget;
  /** Stop starting, and abort what is in flight, at this time (ms since the epoch). */
  deadline?: number;
  /** Bounces with the same reply in a row (or unreachable-server failures) that make an outage. */
  outageAfter: number;
  /** Secrets to keep out of failure reasons. */
  secrets?: readonly (string | undefined)[];
  /** A delivery (the bounce history forgets a streak). */
  onDelivered?: (id: string) => void;
  /** A confirmed bounce (counts toward suppression). */
  onBounced?: (id: string, failure: SendFailure) => void;
  checkpoint?: DeliveryCheckpoint;
  /** Waits `ms` (tests make it instant). */
  sleep?: (ms: number) => Promise<void>;
}

/** A confirmed bounce: the recipient, and the server's reply. */
export interface Bounce {
  id: string;
  code?: number;
  status?: string;
  reason: string;
}

/**
 * What a delivery counted, and why it stopped early (if it did): declared once here, carried as
 * is by the delivery's result and by the day's `SendReport`.
 */
export interface DeliveryOutcome {
  /** Messages accepted by the server (a count: nothing per recipient is kept, so memory does not grow with the list). */
  delivered: number;
  /** Confirmed bounces, recorded in the ledger (they count toward suppression). */
  bounced: Bounce[];
  /** Still failing temporarily after all retries, or aborted by the deadline: left for the next run. */
  deferred: { id: string; reason: string }[];
  /** Not started because the run stopped (outage, deadline, state not saved). */
  notAttempted: number;
  /** Not started because of send.maxPerRun (the next run goes on). */
  overBudget: number;
  /** Set when the run deadline stopped it. */
  deadlineReached?: boolean;
  /** Set when saving the state failed and the run stopped. */
  checkpointFailure?: string;
  /** Set when recording an accepted message failed (disk full, permissions): the run stopped, the message is not sent again. */
  stateFailure?: string;
}

/** What `deliver` did: its outcome, and the provider-wide failure that stopped it, if one did. */
export interface DeliveryResult extends DeliveryOutcome {
  /** Set when the run stopped on a provider-wide failure. */
  outage?: SendFailure;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Delivers jobs through a transport, recording outcomes in the ledger. */
export async function deliver(jobs: Iterable<DeliveryJob>, transport: MailTransport, ledger: LedgerWriter, options: DeliveryOptions): Promise<DeliveryResult> {
  const result: DeliveryResult = { delivered: 0, bounced: [], deferred: [], notAttempted: 0, overBudget: 0 };
  const sleep = options.sleep ?? defaultSleep;
  const breaker = new BounceBreaker(options.outageAfter);
  const iterator = jobs[Symbol.iterator]();
  // `halted`: stop now (outage, deadline, state); `exhausted`: start nothing new (send.maxPerRun), finish what runs.
  let halted = false;
  let exhausted = false;
  let attempted = 0;
  let deadlineTimer: NodeJS.Timeout | undefined;
  let onDeadline: () => void = () => undefined;
  const deadlineReached = new Promise<void>((resolve) => (onDeadline = resolve));

  const halt = () => {
    halted = true;
  };
  if (options.deadline !== undefined) {
    deadlineTimer = setTimeout(
      () => {
        result.deadlineReached = true;
        halt();
        onDeadline();
        transport.close({ force: true }); // aborts what hangs; those messages are left for the next run
      },
      Math.max(0, options.deadline - Date.now()),
    );
  }

  const recordBounces = (confirmed: { id: string; failure: SendFailure }[]) => {
    for (const { id, failure } of confirmed) {
      // Only the reply code and status are kept: the server's text may name the recipient.
      ledger.append({ status: 'rejected', id, ...(failure.code !== undefined ? { code: failure.code } : {}), reason: [failure.code, failure.status].filter(Boolean).join(' ') || 'rejected' });
      options.checkpoint?.recorded();
      result.bounced.push({ id, ...(failure.code !== undefined ? { code: failure.code } : {}), ...(failure.status ? { status: failure.status } : {}), reason: failure.reason });
      options.onBounced?.(id, failure);
    }
  };
  const noteOutage = (failure: SendFailure) => {
    result.outage ??= failure;
    halt();
  };

  const next = async (): Promise<DeliveryJob | undefined> => {
    if (halted || exhausted) return undefined;
    if (options.checkpoint) {
      try {
        // A save that hangs must not outlast the deadline.
        await Promise.race([options.checkpoint.beforeJob(), deadlineReached]);
      } catch (error) {
        result.checkpointFailure ??= (error as Error).message;
        halt();
        return undefined;
      }
    }
    if (halted || exhausted) return undefined;
    const item = iterator.next();
    if (item.done) return undefined;
    if (options.budget.remaining <= 0) {
      result.overBudget++;
      for (let rest = iterator.next(); !rest.done; rest = iterator.next()) result.overBudget++;
      exhausted = true;
      return undefined;
    }
    options.budget.remaining--;
    attempted++;
    return item.value;
  };

  /** Records an accepted message; a failure here stops the run (the message must not go again). */
  const recordDelivery = (job: DeliveryJob) => {
    try {
      ledger.append({ status: 'sent', id: job.id });
      options.checkpoint?.recorded();
      result.delivered++;
      options.onDelivered?.(job.id);
      recordBounces(breaker.onDelivered());
    } catch (error) {
      result.stateFailure ??= `could not record a delivered message in the send state (${(error as Error).message}); stopped so that nobody gets it twice. Free disk space or fix permissions in the state folder, then run again`;
      halt();
    }
  };

  const attempt = async (job: DeliveryJob): Promise<void> => {
    for (let tries = 0; ; tries++) {
      let failure: SendFailure;
      try {
        await transport.send(job.message(), job.id);
      } catch (error) {
        failure = classifySendError(error, options.secrets);
        if (halted && (result.deadlineReached || failure.class !== 'bounced')) {
          if (failure.class === 'outage' && !result.deadlineReached) noteOutage(failure);
          result.deferred.push({ id: job.id, reason: result.deadlineReached ? `stopped by the run deadline (${failure.reason})` : failure.reason });
          return;
        }
        if (failure.class === 'outage') {
          breaker.trip(failure);
          noteOutage(failure);
          result.deferred.push({ id: job.id, reason: failure.reason });
          return;
        }
        if (failure.class === 'bounced') {
          breaker.onBounce(job.id, failure);
          if (breaker.tripped) noteOutage(breaker.tripped);
          return;
        }
        const delay = options.retryBaseMs * 2 ** tries + Math.floor(Math.random() * ((options.retryBaseMs * 2 ** tries) / 4));
        const left = options.deadline === undefined ? Infinity : options.deadline - Date.now();
        if (tries >= options.retries || delay >= left) {
          result.deferred.push({ id: job.id, reason: failure.reason });
          breaker.onDeferred(failure);
          if (breaker.tripped) noteOutage(breaker.tripped);
          return;
        }
        await sleep(delay);
        if (halted) {
          result.deferred.push({ id: job.id, reason: result.deadlineReached ? 'stopped by the run deadline' : failure.reason });
          return;
        }
        continue;
      }
      recordDelivery(job);
      return;
    }
  };

  const worker = async () => {
    for (let job = await next(); job; job = await next()) await attempt(job);
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  } finally {
    clearTimeout(deadlineTimer);
  }
  if (halted) for (let rest = iterator.next(); !rest.done; rest = iterator.next()) result.notAttempted++;
  if (!result.stateFailure) {
    try {
      recordBounces(breaker.settle(attempted));
    } catch (error) {
      result.stateFailure = `could not record bounces in the send state: ${(error as Error).message}`;
    }
  }
  if (breaker.tripped) result.outage ??= breaker.tripped;
  // Bounces held when an outage was found are not recorded: those recipients are tried again next run.
  for (const id of breaker.dropped) result.deferred.push({ id, reason: `not counted as a bounce: ${result.outage?.reason ?? 'outage'}` });
  ledger.sync();
  return result;
}
