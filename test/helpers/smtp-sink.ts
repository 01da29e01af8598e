/**
 * A real SMTP server on an ephemeral loopback port (the `smtp-server` package) that records
 * every message it accepts and can misbehave on purpose: temporary (4xx) and permanent (5xx)
 * replies at any stage, dropped connections, slow or hanging replies, rejected logins. It offers
 * STARTTLS (smtp-server's self-signed certificate) unless told to speak plaintext only.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface ReceivedMessage {
  from: string;
  to: string[];
  raw: string;
  parsed: ParsedMail;
  /** Whether the session was encrypted (STARTTLS). */
  secure: boolean;
}

/** A reply with its code and text (an enhanced status code in the text, as servers send it). */
export interface SinkReply {
  code: number;
  text: string;
}

export interface SinkBehaviour {
  /** Reply to RCPT TO: undefined accepts; a code (e.g. 450, 550) or a reply rejects. `attempt` counts per address from 1. */
  onRecipient?: (address: string, attempt: number) => number | SinkReply | undefined;
  /** Reply to DATA the same way (after the message is read). */
  onData?: (to: string[], attempt: number) => number | SinkReply | undefined;
  /** Reply to MAIL FROM: undefined accepts (a suspended account, a spent quota: 5xx). */
  onMailFrom?: (from: string) => SinkReply | undefined;
  /** Offer STARTTLS (default true); false: a plaintext-only server. */
  starttls?: boolean;
  /** Called for every message accepted, with the running count (e.g. to kill a sender mid-run). */
  onAccepted?: (count: number) => void;
  /** Called when a message's data has arrived, before the reply; may delay it. */
  beforeReply?: (count: number) => Promise<void> | void;
  /** Drop the connection instead of replying to the n-th DATA (1-based). */
  dropOnData?: (n: number) => boolean;
  /** Required credentials; others are rejected (535). */
  auth?: { user: string; pass: string };
  /** Parse messages with mailparser (off for benchmarks). */
  parse?: boolean;
}

export interface SmtpSink {
  port: number;
  url: (user?: string, pass?: string) => string;
  messages: ReceivedMessage[];
  /** Messages accepted, by recipient address (lower-cased). */
  byRecipient(): Map<string, ReceivedMessage[]>;
  close(): Promise<void>;
}

/** Starts the sink on 127.0.0.1:0. */
export async function startSmtpSink(behaviour: SinkBehaviour = {}): Promise<SmtpSink> {
  const messages: ReceivedMessage[] = [];
  const rcptAttempts = new Map<string, number>();
  const dataAttempts = new Map<string, number>();
  let dataCount = 0;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: [...(behaviour.starttls === false ? ['STARTTLS'] : []), ...(behaviour.auth ? [] : ['AUTH'])],
    authOptional: !behaviour.auth,
    allowInsecureAuth: true,
    logger: false,
    size: 50 * 1024 * 1024,
    onAuth(auth, _session, callback) {
      if (behaviour.auth && auth.username === behaviour.auth.user && auth.password === behaviour.auth.pass) return callback(null, { user: auth.username });
      const error = new Error('5.7.8 Authentication credentials invalid') as Error & { responseCode: number };
      error.responseCode = 535;
      return callback(error);
    },
    onMailFrom(address, _session, callback) {
      const reply = behaviour.onMailFrom?.(address.address);
      if (reply) return callback(smtpError(reply.code, reply.text));
      return callback();
    },
    onRcptTo(address, _session, callback) {
      const key = address.address.toLowerCase();
      const attempt = (rcptAttempts.get(key) ?? 0) + 1;
      rcptAttempts.set(key, attempt);
      const reply = behaviour.onRecipient?.(key, attempt);
      if (typeof reply === 'object') return callback(smtpError(reply.code, reply.text));
      if (reply) return callback(smtpError(reply, reply >= 500 ? '5.1.1 mailbox unavailable' : '4.2.1 try again later'));
      return callback();
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const n = ++dataCount;
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        if (behaviour.dropOnData?.(n)) {
          // Close the client's connection without a reply: the message is not accepted.
          (session as unknown as { _socket?: { destroy(): void } })._socket?.destroy();
          for (const conn of (server as unknown as { connections: Set<{ _socket: { destroy(): void }; session: SMTPServerSession }> }).connections) {
            if (conn.session === session) conn._socket.destroy();
          }
          return;
        }
        await behaviour.beforeReply?.(n);
        const key = to.join(',');
        const attempt = (dataAttempts.get(key) ?? 0) + 1;
        dataAttempts.set(key, attempt);
        const reply = behaviour.onData?.(to, attempt);
        if (typeof reply === 'object') return callback(smtpError(reply.code, reply.text));
        if (reply) return callback(smtpError(reply, reply >= 500 ? '5.1.1 mailbox unavailable' : '4.3.0 temporary failure'));
        const raw = Buffer.concat(chunks).toString('utf8');
        const parsed = behaviour.parse === false ? ({} as ParsedMail) : await simpleParser(raw);
        messages.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to, raw, parsed, secure: Boolean(session.secure) });
        callback();
        behaviour.onAccepted?.(messages.length);
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: (user, pass) => `smtp://${user ? `${encodeURIComponent(user)}:${encodeURIComponent(pass ?? '')}@` : ''}127.0.0.1:${port}${behaviour.starttls === false ? '' : '?rejectUnauthorized=false'}`,
    messages,
    byRecipient() {
      const map = new Map<string, ReceivedMessage[]>();
      for (const m of messages) for (const to of m.to) map.set(to, [...(map.get(to) ?? []), m]);
      return map;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function smtpError(code: number, text: string): Error {
  const error = new Error(text) as Error & { responseCode: number };
  error.responseCode = code;
  return error;
}
