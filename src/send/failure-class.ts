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

/** What an outage is, for the advice the report gives. */
export type OutageKind = 'auth' | 'tls' | 'sender' | 'unreachable' | 'breaker' | 'local';

/** A failed attempt: its class, the SMTP reply code and enhanced status, and a reason with no address or secret in it. */
export interface SendFailure {
  class: FailureClass;
  code?: number;
  /** RFC 3463 enhanced status code (`5.1.1`), when the server gave one. */
  status?: string;
  /** The SMTP command that failed (`RCPT TO`, `DATA`, `MAIL FROM`, `CONN`, …). */
  command?: string;
  /** For outages: what kind, so the report can say what to do. */
  kind?: OutageKind;
  /** Set for deferrals that concern the session or the sender, not one recipient (refused connection, timeout, greeting 4xx, MAIL FROM 4xx). */
  session?: boolean;
  reason: string;
}

const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EPROTOCOL', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'EAI_AGAIN']);
const SESSION_COMMANDS = new Set(['CONN', 'EHLO', 'HELO', 'LHLO', 'STARTTLS', 'MAIL FROM']);
/** Replies that name one mailbox when a server gives no enhanced status. */
const MAILBOX_TEXT = /no such (user|mailbox|recipient)|user unknown|unknown (user|recipient)|mailbox (unavailable|not found|disabled|full)|does not exist|recipient rejected|invalid recipient|address rejected/i;

/** Classifies an error from nodemailer (or anything thrown while sending). */
export function classifySendError(error: unknown, secrets: readonly (string | undefined)[] = []): SendFailure {
  const e = (error ?? {}) as { code?: string; responseCode?: number; response?: string; message?: string; command?: string };
  const reason = redact(`${e.code ? `${e.code}: ` : ''}${e.response ?? e.message ?? String(error)}`, secrets).replace(/\s+/g, ' ').slice(0, 300);
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const status = /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(e.response ?? '')?.[1];
  const command = e.command?.toUpperCase();
  const base = { ...(code !== undefined ? { code } : {}), ...(status ? { status } : {}), ...(command ? { command } : {}), reason };

  if (e.code === 'EAUTH' || e.code === 'ENOAUTH' || e.code === 'EOAUTH2' || command?.startsWith('AUTH')) {
    // A 4xx to AUTH ("454 4.7.0 too many login attempts, try later") is not a wrong password.
    if (code !== undefined && code >= 400 && code < 500) return { ...base, class: 'deferred', session: true };
    return { ...base, class: 'outage', kind: 'auth' };
  }
  const badCertificate = /certificate|self[- ]signed|unable to verify|CERT_|altnames|does not match/i.test(e.message ?? '');
  if (e.code === 'ETLS' || command === 'STARTTLS' || e.code === 'EREQUIRETLS' || badCertificate) {
    // A connection reset during the handshake is a network fault; a refused STARTTLS or a bad certificate is not.
    if (!badCertificate && code === undefined && /ECONNRESET|socket hang up|ETIMEDOUT|EPIPE|closed unexpectedly/i.test(e.message ?? '')) return { ...base, class: 'deferred', session: true };
    return {
      ...base,
      class: 'outage',
      kind: 'tls',
      reason: `no TLS with the SMTP server (${reason}). TLS is required so that the password and the mail never cross the network in plaintext or to a server whose certificate is not checked: use smtps://…:465 or a server that offers STARTTLS with a valid certificate, or add the host to send.allowPlaintextHosts if it is on a network you trust`,
    };
  }
  if (code !== undefined && code >= 500) {
    if (command === 'RCPT TO') return { ...base, class: 'bounced' };
    if (command === 'DATA' && status && /^5\.[12]\./.test(status)) return { ...base, class: 'bounced' };
    return { ...base, class: 'outage', kind: 'sender' };
  }
  if (code !== undefined && code >= 400) return { ...base, class: 'deferred', ...(command && SESSION_COMMANDS.has(command) ? { session: true } : {}) };
  if (e.code && CONNECTION_CODES.has(e.code)) return { ...base, class: 'deferred', session: true };
  // Anything else failed here, not at the server (the message could not be made, a bad DKIM key, a bug):
  // the same for every recipient, so the run stops rather than retrying it for each of them.
  return { ...base, class: 'outage', kind: 'local' };
}

/** A rejection that speaks of one mailbox (unknown user, bad domain, mailbox full), not of the sender. */
export function isMailboxFailure(f: SendFailure): boolean {
  if (f.status !== undefined) return /^5\.(1\.(1|2|3|6|10)|2\.\d+)$/.test(f.status);
  return MAILBOX_TEXT.test(f.reason);
}

/** Whether a bounce counts toward suppression: a dead mailbox, not a policy refusal (5.7.x) that may concern the sender. */
export function countsTowardSuppression(f: SendFailure): boolean {
  return f.status === undefined || !f.status.startsWith('5.7.');
}

/** What makes two rejections "the same": reply code and enhanced status. */
function signatureOf(f: SendFailure): string {
  return `${f.code ?? '?'} ${f.status ?? ''}`;
}

/**
 * Tells a provider-wide failure from real bounces: `threshold` rejections in a row with the
 * same reply that does not name a bad mailbox (and no delivery between them), or session-level
 * deferrals that outlast their retries for `threshold` recipients in a row, trip it. Bounces are
 * held back until something shows they were real (a delivery after them, or the end of a run
 * that did not trip), so an outage records nothing against anyone.
 */
export class BounceBreaker {
  private sameInARow = 0;
  private lastSignature = '';
  private sessionInARow = 0;
  private delivered = 0;
  private readonly pending: { id: string; failure: SendFailure }[] = [];
  /** Set when the breaker trips: why the run stops. */
  tripped?: SendFailure;
  /** Bounces held when it tripped (or after): not recorded against anyone, tried again next run. */
  readonly dropped: string[] = [];

  constructor(private readonly threshold: number) {}

  /** A delivery: the bounces held so far were real. Returns them. */
  onDelivered(): { id: string; failure: SendFailure }[] {
    this.delivered++;
    this.sameInARow = 0;
    this.lastSignature = '';
    this.sessionInARow = 0;
    return this.tripped ? [] : this.pending.splice(0);
  }

  /** A bounce: held back; may trip the breaker. */
  onBounce(id: string, failure: SendFailure): void {
    if (this.tripped) {
      this.dropped.push(id);
      return;
    }
    this.pending.push({ id, failure });
    this.sessionInARow = 0;
    // Dead mailboxes in a row are what an old list looks like, not an outage.
    if (isMailboxFailure(failure)) {
      this.sameInARow = 0;
      this.lastSignature = '';
      return;
    }
    const signature = signatureOf(failure);
    this.sameInARow = signature === this.lastSignature ? this.sameInARow + 1 : 1;
    this.lastSignature = signature;
    if (this.sameInARow >= this.threshold) this.trip({ ...failure, class: 'outage', kind: 'breaker', reason: `the same rejection for ${this.sameInARow} different recipients in a row: ${failure.reason}` });
  }

  /** A recipient left deferred after all retries; session-level failures in a row trip the breaker. */
  onDeferred(failure: SendFailure): void {
    this.sessionInARow = failure.session ? this.sessionInARow + 1 : 0;
    if (this.sessionInARow >= this.threshold) {
      this.trip({ ...failure, class: 'outage', kind: 'unreachable', reason: `the server refused or dropped the session for ${this.sessionInARow} recipients in a row: ${failure.reason}` });
    }
  }

  /** Stops on an outage seen directly. */
  trip(failure: SendFailure): void {
    this.tripped ??= failure;
    this.dropped.push(...this.pending.splice(0).map((p) => p.id));
  }

  /**
   * At the end of a run: the bounces still held. When nothing was delivered and every bounce
   * had the same reply, not one that names a bad mailbox, and there were at least as many as
   * the threshold or at least two and they were every recipient tried, that is an outage too,
   * and none is returned.
   */
  settle(attempted: number): { id: string; failure: SendFailure }[] {
    if (this.tripped) return [];
    const first = this.pending[0]?.failure;
    const alike = first !== undefined && !isMailboxFailure(first) && this.pending.every((p) => signatureOf(p.failure) === signatureOf(first));
    if (alike && this.delivered === 0 && this.pending.length >= 2 && (this.pending.length >= this.threshold || this.pending.length === attempted)) {
      this.trip({ ...first, class: 'outage', kind: 'breaker', reason: `every recipient (${this.pending.length}) was refused the same way and none was delivered: ${first.reason}` });
      return [];
    }
    return this.pending.splice(0);
  }
}
