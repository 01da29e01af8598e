/**
 * What a failed send means, in four classes the report and the exit code use:
 *
 * - **bounced**: this recipient's mail was refused: a 5xx reply to RCPT TO, or a 5.1.x/5.2.x
 *   (bad or full mailbox) reply at DATA. Recorded in the ledger; counts toward suppression.
 * - **deferred**: a temporary failure (4xx, timeout, dropped connection): retried, and left for
 *   the next run if it persists. Counts against nobody.
 * - **outage**: the provider refuses the sender, not the recipient: a 5xx greeting, a failed
 *   login, a 5xx to MAIL FROM (suspended account, spent quota, SPF), a policy rejection of the
 *   message at DATA, or no TLS where TLS is required. The run stops at once and records nothing
 *   against anyone.
 *
 * The circuit breaker (`BounceBreaker`) catches outages that look like bounces: the same
 * rejection for many different recipients in a row.
 */
import { redact } from './redact.js';

/** How a failed attempt is handled. */
export type FailureClass = 'bounced' | 'deferred' | 'outage';

/** A failed attempt: its class, the SMTP reply code and enhanced status, and a reason with no address or secret in it. */
export interface SendFailure {
  class: FailureClass;
  code?: number;
  /** RFC 3463 enhanced status code (`5.1.1`), when the server gave one. */
  status?: string;
  /** The SMTP command that failed (`RCPT TO`, `DATA`, `MAIL FROM`, `CONN`, …). */
  command?: string;
  /** Set for failed logins: the owner must fix SMTP_URL. */
  auth?: boolean;
  /** Set when the connection itself failed (refused, timed out, dropped, greeting 4xx). */
  connection?: boolean;
  reason: string;
}

const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EPROTOCOL', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'EAI_AGAIN']);
const SESSION_COMMANDS = new Set(['CONN', 'EHLO', 'HELO', 'LHLO', 'STARTTLS', 'MAIL FROM']);

/** Classifies an error from nodemailer (or anything thrown while sending). */
export function classifySendError(error: unknown, secrets: readonly (string | undefined)[] = []): SendFailure {
  const e = (error ?? {}) as { code?: string; responseCode?: number; response?: string; message?: string; command?: string };
  const reason = redact(`${e.code ? `${e.code}: ` : ''}${e.response ?? e.message ?? String(error)}`, secrets).replace(/\s+/g, ' ').slice(0, 300);
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const status = /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(e.response ?? '')?.[1];
  const command = e.command?.toUpperCase();
  const base = { ...(code !== undefined ? { code } : {}), ...(status ? { status } : {}), ...(command ? { command } : {}), reason };

  if (e.code === 'EAUTH' || e.code === 'ENOAUTH' || e.code === 'EOAUTH2' || command?.startsWith('AUTH')) {
    return code !== undefined && code < 500 && code >= 400 && e.code !== 'EAUTH' ? { ...base, class: 'deferred' } : { ...base, class: 'outage', auth: true };
  }
  if (e.code === 'ETLS' || command === 'STARTTLS' || e.code === 'EREQUIRETLS') {
    return {
      ...base,
      class: 'outage',
      reason: `no TLS with the SMTP server (${reason}). TLS is required so that the password and the mail never cross the network in plaintext: use smtps://…:465 or a server that offers STARTTLS, or add the host to send.allowPlaintextHosts if it is on a network you trust`,
    };
  }
  if (code !== undefined && code >= 500) {
    if (command === 'RCPT TO') return { ...base, class: 'bounced' };
    if (command === 'DATA' && status && /^5\.[12]\./.test(status)) return { ...base, class: 'bounced' };
    return { ...base, class: 'outage' };
  }
  if (code !== undefined && code >= 400) {
    return { ...base, class: 'deferred', ...(command && SESSION_COMMANDS.has(command) && command !== 'MAIL FROM' ? { connection: true } : {}) };
  }
  // No reply code: the connection failed, or the message could not be made (the same for everyone).
  if (e.code && CONNECTION_CODES.has(e.code)) return { ...base, class: 'deferred', connection: true };
  if (e.code === 'EMESSAGE' || e.code === 'EENVELOPE') return { ...base, class: 'outage' };
  return { ...base, class: 'deferred', connection: true };
}

/** A status that speaks of one mailbox (unknown user, bad domain, mailbox full), not of the sender. */
function isMailboxStatus(f: SendFailure): boolean {
  return f.status !== undefined && /^5\.(1\.(1|2|3|6|10)|2\.\d+)$/.test(f.status);
}

/** What makes two rejections "the same": reply code and enhanced status. */
function signatureOf(f: SendFailure): string {
  return `${f.code ?? '?'} ${f.status ?? ''}`;
}

/**
 * Tells a provider-wide failure from real bounces: `threshold` bounces in a row with the same
 * reply (and no delivery between them), or connection failures that outlast their retries for
 * `threshold` recipients in a row, trip it. Bounces are held back until something shows they
 * were real (a delivery after them, or the end of a run that did not trip), so an outage
 * records nothing against anyone.
 */
export class BounceBreaker {
  private sameInARow = 0;
  private lastSignature = '';
  private connectionInARow = 0;
  private delivered = 0;
  private readonly pending: { id: string; failure: SendFailure }[] = [];
  /** Set when the breaker trips: why the run stops. */
  tripped?: SendFailure;
  /** Bounces held when it tripped: not recorded against anyone, tried again next run. */
  readonly dropped: string[] = [];

  constructor(private readonly threshold: number) {}

  /** A delivery: the bounces held so far were real. Returns them. */
  onDelivered(): { id: string; failure: SendFailure }[] {
    this.delivered++;
    this.sameInARow = 0;
    this.lastSignature = '';
    this.connectionInARow = 0;
    return this.pending.splice(0);
  }

  /** A bounce: held back; may trip the breaker. */
  onBounce(id: string, failure: SendFailure): void {
    const signature = signatureOf(failure);
    this.sameInARow = signature === this.lastSignature ? this.sameInARow + 1 : 1;
    this.lastSignature = signature;
    this.pending.push({ id, failure });
    if (this.sameInARow >= this.threshold) this.trip({ ...failure, class: 'outage', reason: `the same rejection for ${this.sameInARow} different recipients in a row: ${failure.reason}` });
  }

  /** A recipient left deferred after all retries; connection failures in a row trip the breaker. */
  onDeferred(failure: SendFailure): void {
    this.connectionInARow = failure.connection ? this.connectionInARow + 1 : 0;
    if (this.connectionInARow >= this.threshold) this.trip({ ...failure, class: 'outage', reason: `the server could not be reached for ${this.connectionInARow} recipients in a row: ${failure.reason}` });
  }

  /** Stops on an outage seen directly. */
  trip(failure: SendFailure): void {
    this.tripped ??= failure;
    this.dropped.push(...this.pending.splice(0).map((p) => p.id));
  }

  /**
   * At the end of a run: the bounces still held. When nothing was delivered and every bounce
   * had the same reply (at least two, and not one that names a bad mailbox), that is an outage
   * too, and none is returned.
   */
  settle(): { id: string; failure: SendFailure }[] {
    if (this.tripped) return [];
    const first = this.pending[0]?.failure;
    if (first && this.delivered === 0 && this.pending.length >= 2 && !isMailboxStatus(first) && this.pending.every((p) => signatureOf(p.failure) === signatureOf(first))) {
      this.trip({ ...first, class: 'outage', reason: `every recipient (${this.pending.length}) was refused the same way and none was delivered: ${first.reason}` });
      return [];
    }
    return this.pending.splice(0);
  }
}
