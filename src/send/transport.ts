/**
 * Where messages go: an SMTP server from `SMTP_URL` (pooled, rate-limited, optionally DKIM
 * signed), or, without one, the outbox: `.eml` files in the state folder, so the whole job
 * runs with no credentials.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';

/** A place messages are handed to. */
export interface MailTransport {
  kind: 'smtp' | 'outbox';
  /** Where it sends, with no credentials in it. */
  description: string;
  /** Sends one message; `name` names the outbox file. */
  send(message: SendMailOptions, name: string): Promise<void>;
  /** Closes the connections; `force` also those in the middle of a message (it fails, unrecorded). */
  close(options?: { force?: boolean }): void;
}

/** Transport settings taken from the config. */
export interface TransportSettings {
  maxConnections: number;
  ratePerSecond: number;
  timeoutMs: number;
  /** Hosts to which the password and mail may go without TLS (send.allowPlaintextHosts). */
  allowPlaintextHosts?: readonly string[];
  dkim?: { domainName: string; keySelector: string; privateKey: string };
}

/** DKIM headers to sign: the usual set plus both list-unsubscribe headers (RFC 8058 asks for both). */
export const DKIM_HEADER_FIELDS =
  'From:Sender:Reply-To:Subject:Date:Message-ID:To:Cc:MIME-Version:Content-Type:Content-Transfer-Encoding:Content-ID:Content-Description:In-Reply-To:References:List-Id:List-Help:List-Unsubscribe:List-Unsubscribe-Post:List-Subscribe:List-Post:List-Owner:List-Archive';

/** A configuration problem that stops the run before anything is sent. */
export class TransportConfigError extends Error {
  override name = 'TransportConfigError';
}

/** An SMTP transport for `SMTP_URL` (`smtp://user:pass@host:587` or `smtps://…:465`). */
export function smtpTransport(smtpUrl: string, settings: TransportSettings): MailTransport {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new TransportConfigError('SMTP_URL is not a URL: expected smtp://user:password@host:587 or smtps://user:password@host:465');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new TransportConfigError(`SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//`);
  const secure = url.protocol === 'smtps:';
  const flag = (name: string) => url.searchParams.get(name) === 'true';
  // The password and every subscriber's mail cross the network: TLS (smtps://, or STARTTLS on
  // smtp://) is required unless the owner named this host as one that may go without.
  const plaintextAllowed = (settings.allowPlaintextHosts ?? []).some((h) => h.toLowerCase() === url.hostname.toLowerCase());
  if (url.searchParams.get('rejectUnauthorized') === 'false' && !plaintextAllowed) {
    throw new TransportConfigError(`SMTP_URL asks for rejectUnauthorized=false: the server's certificate would not be checked, so anyone on the way could read the password. Remove it, or add "${url.hostname}" to send.allowPlaintextHosts if this server is on a network you trust.`);
  }
  if (!secure && flag('ignoreTLS') && !plaintextAllowed) {
    throw new TransportConfigError(`SMTP_URL asks for ignoreTLS: that would send the password and the mail in plaintext. Remove it, or add "${url.hostname}" to send.allowPlaintextHosts if this server is on a network you trust.`);
  }
  const options = {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    pool: true,
    maxConnections: settings.maxConnections,
    maxMessages: 100,
    ...(settings.ratePerSecond > 0 ? { rateDelta: 1000, rateLimit: Math.max(1, Math.round(settings.ratePerSecond)) } : {}),
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
    requireTLS: !secure && !plaintextAllowed,
    ignoreTLS: plaintextAllowed && flag('ignoreTLS'),
    tls: { rejectUnauthorized: url.searchParams.get('rejectUnauthorized') !== 'false' },
    ...(settings.dkim ? { dkim: { ...settings.dkim, headerFieldNames: DKIM_HEADER_FIELDS } } : {}),
  };
  const transporter: Transporter = nodemailer.createTransport(options);
  return {
    kind: 'smtp',
    description: `${url.protocol}//${url.hostname}:${options.port}`,
    send: async (message) => {
      await transporter.sendMail(message);
    },
    close: (closeOptions) => transporter.close(closeOptions),
  };
}

/** The outbox: each message as `<outboxDir>/<name>.eml`. */
export function outboxTransport(outboxDir: string, dkim?: TransportSettings['dkim']): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix', ...(dkim ? { dkim: { ...dkim, headerFieldNames: DKIM_HEADER_FIELDS } } : {}) });
  mkdirSync(outboxDir, { recursive: true });
  return {
    kind: 'outbox',
    description: `outbox ${outboxDir}`,
    send: async (message, name) => {
      const info = (await transporter.sendMail(message)) as { message: Buffer };
      writeFileSync(join(outboxDir, `${name}.eml`), info.message);
    },
    close: () => transporter.close(),
  };
}
