/**
 * Sending as the world fails, against a real SMTP server on loopback: a provider that refuses
 * the sender (not a bounce), a server that hangs, a plaintext server, overlapping sends, a
 * damaged state, a missing subscriber list, new subscribers during a catch-up.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RecipientKeys } from '../../src/send/recipient-keys.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { cli, SECRET, sendProject } from './send-helpers.js';

const keys = new RecipientKeys(SECRET);
let sink: SmtpSink | undefined;
let raw: Server | undefined;
afterEach(async () => {
  await sink?.close();
  sink = undefined;
  await new Promise<void>((resolve) => (raw ? raw.close(() => resolve()) : resolve()));
  raw = undefined;
});

const SUBSCRIBERS = 'alice@example.org\nbob@example.org\ncarol@example.net';

/** Every file under the state folder, with its text (what a run left behind). */
function stateFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (sub: string) => {
    const full = join(dir, '.digestcast', sub);
    if (!existsSync(full)) return;
    for (const entry of readdirSync(full, { withFileTypes: true })) {
      const path = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else files.set(path, readFileSync(join(full, entry.name), 'utf8'));
    }
  };
  walk('');
  return files;
}

/** A list that has sent before (an old complete day), so `run` catches up on every open day. */
function hasSentBefore(dir: string, joined: string[] = []): void {
  mkdirSync(join(dir, '.digestcast/ledger'), { recursive: true });
  writeFileSync(join(dir, '.digestcast/ledger/2025-10-01.old.jsonl'), `${JSON.stringify({ status: 'complete', at: '2025-10-01T01:00:00Z', recipients: 1, shard: 'all' })}\n`);
  if (joined.length) {
    mkdirSync(join(dir, '.digestcast/joined'), { recursive: true });
    writeFileSync(join(dir, '.digestcast/joined/old.jsonl'), joined.map((a) => `${JSON.stringify({ id: keys.idOf(a), since: '2025-10-01' })}\n`).join(''));
  }
}

const nothingAgainstAnyone = (dir: string) => {
  const files = stateFiles(dir);
  for (const [path, text] of files) {
    if (path.startsWith('ledger/')) expect(text, path).not.toContain('"rejected"');
    if (path.startsWith('bounces/')) expect(text.trim().split('\n').length, path).toBeLessThanOrEqual(1);
  }
  expect(files.has('suppressions.txt')).toBe(false);
};

describe('an outage is not a bounce', () => {
  it('a provider refusing the sender on three catch-up days stops each run (exit 3), counts against nobody, and everyone gets every day once it is back', async () => {
    let refusing = true;
    let mailFromTries = 0;
    sink = await startSmtpSink({
      onMailFrom: () => {
        if (!refusing) return undefined;
        mailFromTries++;
        return { code: 550, text: '5.7.1 Sender account suspended: daily sending quota exceeded' };
      },
    });
    const dir = sendProject({ suppressAfterBounceDays: 3 });
    hasSentBefore(dir, ['alice@example.org', 'bob@example.org', 'carol@example.net']);
    const env = { SMTP_URL: sink.url(), SUBSCRIBERS };
    for (let run = 0; run < 3; run++) {
      const r = await cli(dir, ['run', '--no-fetch'], env);
      expect(r.code, r.out + r.err).toBe(3);
      expect(r.out).toContain('OUTAGE: the provider refused the sender, not a recipient');
      expect(r.out).toContain('5.7.1 Sender account suspended');
      // Stopped at once: one day attempted, not three.
      expect(r.out.match(/^send 2025-/gm)).toHaveLength(1);
    }
    expect(mailFromTries).toBeLessThanOrEqual(3 * 3);
    nothingAgainstAnyone(dir);
    refusing = false;
    const back = await cli(dir, ['run', '--no-fetch'], env);
    expect(back.code, back.out + back.err).toBe(0);
    const got = sink.byRecipient();
    for (const address of SUBSCRIBERS.split('\n')) expect(got.get(address)?.map((m) => m.parsed.subject?.match(/\d{4}-\d{2}-\d{2}/)?.[0]).sort(), address).toEqual(['2025-10-16', '2025-10-17', '2025-10-18']);
  });

  it('a 5xx greeting is an outage', async () => {
    raw = createServer((socket) => socket.end('554 5.3.2 Service unavailable: this host does not accept mail\r\n'));
    await new Promise<void>((resolve) => raw!.listen(0, '127.0.0.1', resolve));
    const port = (raw.address() as AddressInfo).port;
    const dir = sendProject({ allowPlaintextHosts: ['127.0.0.1'] });
    const r = await cli(dir, ['send'], { SMTP_URL: `smtp://127.0.0.1:${port}`, SUBSCRIBERS });
    expect(r.code, r.out + r.err).toBe(3);
    expect(r.out).toContain('554 5.3.2 Service unavailable');
    nothingAgainstAnyone(dir);
  });

  it('the same 5xx for many different recipients in a row trips the breaker; those held are not recorded', async () => {
    sink = await startSmtpSink({ onRecipient: () => ({ code: 550, text: '5.7.1 Relaying denied: sender not authorised' }) });
    const dir = sendProject({ outageAfter: 4, maxConnections: 1 });
    const many = Array.from({ length: 12 }, (_, i) => `reader${i}@example.org`).join('\n');
    const r = await cli(dir, ['send'], { SMTP_URL: sink.url(), SUBSCRIBERS: many });
    expect(r.code, r.out).toBe(3);
    expect(r.out).toMatch(/OUTAGE: .*the same rejection for 4 different recipients in a row: .*5\.7\.1 Relaying denied/);
    expect(r.out).toContain('bounced: 0');
    nothingAgainstAnyone(dir);
    // A small list refused alike, with nothing delivered, is an outage too.
    const small = await cli(sendProject(), ['send'], { SMTP_URL: sink.url(), SUBSCRIBERS });
    expect(small.code).toBe(3);
    expect(small.out).toContain('every recipient (3) was refused the same way and none was delivered');
  });

  it('a message refused at DATA for policy is an outage; a 5.1.x at DATA is a bounce', async () => {
    sink = await startSmtpSink({
      onData: (to) => (to[0] === 'bob@example.org' ? { code: 550, text: '5.1.1 mailbox disabled' } : to[0] === 'spam@example.org' ? { code: 554, text: '5.7.1 Message rejected as spam' } : undefined),
    });
    const dir = sendProject({ maxConnections: 1 });
    const first = await cli(dir, ['send', '--date', '2025-10-18'], { SMTP_URL: sink.url(), SUBSCRIBERS });
    expect(first.code).toBe(0);
    expect(first.out).toContain('bounced: 1 (1× 550 5.1.1');
    const policy = await cli(sendProject(), ['send'], { SMTP_URL: sink.url(), SUBSCRIBERS: 'spam@example.org\nalice@example.org' });
    expect(policy.code).toBe(3);
  });
});

describe('a server that hangs', () => {
  it('stops at the run deadline, keeps what was sent, exits 4, and the next run goes on', async () => {
    let hang = true;
    sink = await startSmtpSink({ beforeReply: (n) => (hang && n >= 3 ? new Promise<void>(() => undefined) : undefined) });
    const dir = sendProject({ runDeadlineSeconds: 5, timeoutMs: 120_000, maxConnections: 1 });
    const many = Array.from({ length: 10 }, (_, i) => `reader${i}@example.org`).join('\n');
    const first = await cli(dir, ['send'], { SMTP_URL: sink.url(), SUBSCRIBERS: many });
    expect(first.code, first.out + first.err).toBe(4);
    expect(first.out).toContain('STOPPED at the run deadline');
    expect(first.out).toContain('delivered: 2');
    expect(first.out).toContain('day complete: no');
    hang = false;
    const second = await cli(dir, ['send'], { SMTP_URL: sink.url(), SUBSCRIBERS: many });
    expect(second.code).toBe(0);
    expect(second.out).toContain('2 already sent');
    for (const [, list] of sink.byRecipient()) expect(list).toHaveLength(1);
  });
});

describe('TLS', () => {
  it('refuses to send the password and mail to a server without STARTTLS, unless the host is named', async () => {
    sink = await startSmtpSink({ starttls: false, auth: { user: 'papers', pass: 'pw-Secret-1' } });
    const dir = sendProject({ allowPlaintextHosts: [] });
    const refused = await cli(dir, ['send'], { SMTP_URL: sink.url('papers', 'pw-Secret-1'), SUBSCRIBERS });
    expect(refused.code).toBe(3);
    expect(refused.out).toContain('TLS is required so that the password and the mail never cross the network in plaintext');
    expect(refused.out).toContain('send.allowPlaintextHosts');
    expect(refused.out + refused.err).not.toContain('pw-Secret-1');
    expect(sink.messages).toHaveLength(0);
    const ignoreTls = await cli(dir, ['send'], { SMTP_URL: `${sink.url('papers', 'pw-Secret-1')}?ignoreTLS=true`, SUBSCRIBERS });
    expect(ignoreTls.code).toBe(1);
    expect(ignoreTls.err).toContain('ignoreTLS: that would send the password and the mail in plaintext');
    const allowed = await cli(sendProject(), ['send'], { SMTP_URL: sink.url('papers', 'pw-Secret-1'), SUBSCRIBERS });
    expect(allowed.code).toBe(0);
    expect(sink.messages.map((m) => m.secure)).toEqual([false, false, false]);
  });

  it('sends over STARTTLS, and checks the certificate unless the host is named', async () => {
    sink = await startSmtpSink();
    expect((await cli(sendProject(), ['send'], { SMTP_URL: sink.url(), SUBSCRIBERS })).code).toBe(0);
    expect(sink.messages.map((m) => m.secure)).toEqual([true, true, true]);
    // smtp-server's self-signed certificate: refused when checked…
    const checked = await cli(sendProject({ allowPlaintextHosts: [] }), ['send'], { SMTP_URL: sink.url().replace(/\?.*$/, ''), SUBSCRIBERS });
    expect(checked.code).toBe(3);
    expect(checked.out).toContain('no TLS with the SMTP server');
    // …and turning the check off is a setting for named hosts only.
    const unchecked = await cli(sendProject({ allowPlaintextHosts: [] }), ['send'], { SMTP_URL: sink.url(), SUBSCRIBERS });
    expect(unchecked.code).toBe(1);
    expect(unchecked.err).toContain('rejectUnauthorized=false: the server');
    expect(sink.messages).toHaveLength(3);
  });
});

describe('overlapping sends in one folder', () => {
  it('the second send waits for nothing: it refuses (exit 5) while the first runs; each subscriber gets one copy', async () => {
    sink = await startSmtpSink({ beforeReply: () => new Promise((resolve) => setTimeout(resolve, 150)) });
    const dir = sendProject({ maxConnections: 1 });
    const env = { SMTP_URL: sink.url(), SUBSCRIBERS };
    const first = cli(dir, ['send'], env);
    while (!existsSync(join(dir, '.digestcast/locks')) || readdirSync(join(dir, '.digestcast/locks')).length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await cli(dir, ['send'], env);
    expect(second.code).toBe(5);
    expect(second.err).toMatch(/another send is running in .* \(all subscribers, pid \d+ on .*\): refusing to send to the same people at the same time/);
    const run = await cli(dir, ['run', '--no-fetch'], env);
    expect(run.code).toBe(5);
    expect((await first).code).toBe(0);
    expect(sink.messages).toHaveLength(3);
    expect(readdirSync(join(dir, '.digestcast/locks'))).toEqual([]);
  });

  it('the same shard started twice is refused, another shard is not, and a lock left by a dead process is taken over', async () => {
    sink = await startSmtpSink();
    const dir = sendProject();
    const env = { SMTP_URL: sink.url(), SUBSCRIBERS };
    mkdirSync(join(dir, '.digestcast/locks'), { recursive: true });
    const lock = (pid: number, label: string) => JSON.stringify({ pid, host: execFileSync('hostname', { encoding: 'utf8' }).trim(), label, startedAt: '2025-10-18T01:17:00Z' });
    writeFileSync(join(dir, '.digestcast/locks/send.other.lock'), lock(process.pid, '1/2'));
    expect((await cli(dir, ['send', '--shard', '1/2'], env)).code).toBe(5);
    expect((await cli(dir, ['send', '--shard', '1/3'], env)).code).toBe(5);
    expect((await cli(dir, ['send', '--shard', '2/2'], env)).code).toBe(0);
    // A process that is gone: its lock is stale.
    const dead = Number(execFileSync('sh', ['-c', 'sh -c "echo \\$\\$"'], { encoding: 'utf8' }).trim());
    writeFileSync(join(dir, '.digestcast/locks/send.other.lock'), lock(dead, '1/2'));
    const after = await cli(dir, ['send', '--shard', '1/2'], env);
    expect(after.code).toBe(0);
    expect(after.err).toContain('a stale send lock (1/2, pid');
  });
});

describe('state that cannot be trusted stops the run', () => {
  it('a damaged ledger line, an unreadable or malformed suppression list: exit 1 with file:line, nothing sent', async () => {
    sink = await startSmtpSink();
    const env = { SMTP_URL: sink.url(), SUBSCRIBERS };
    const damaged = sendProject();
    mkdirSync(join(damaged, '.digestcast/ledger'), { recursive: true });
    writeFileSync(join(damaged, '.digestcast/ledger/2025-10-18.w.jsonl'), `{"status":"sent","id":"${'a'.repeat(32)}","at":"x","messageId":"<m>"}\n{"status":"sen\n{"status":"complete","at":"x","recipients":1}\n`);
    const r1 = await cli(damaged, ['send'], env);
    expect(r1.code).toBe(1);
    expect(r1.err).toContain('ledger/2025-10-18.w.jsonl:2: not a JSON line');
    const unreadable = sendProject();
    mkdirSync(join(unreadable, '.digestcast/suppressions.txt'), { recursive: true });
    const r2 = await cli(unreadable, ['send'], env);
    expect(r2.code).toBe(1);
    expect(r2.err).toContain('cannot read suppressions.txt');
    const malformed = sendProject();
    mkdirSync(join(malformed, '.digestcast'), { recursive: true });
    writeFileSync(join(malformed, '.digestcast/suppressions.txt'), `# list\n${keys.idOf('bob@example.org')} unsubscribed 2025-10-17\nbob at example dot org\n\n`);
    const r3 = await cli(malformed, ['send'], env);
    expect(r3.code).toBe(1);
    expect(r3.err).toContain('suppressions.txt:3: expected a recipient id');
    expect(sink.messages).toHaveLength(0);
  });
});

describe('what the owner set up wrong', () => {
  it('an SMTP run with no subscribers (a missing SUBSCRIBERS secret) fails and leaves the day open', async () => {
    sink = await startSmtpSink();
    const dir = sendProject();
    const r = await cli(dir, ['send'], { SMTP_URL: sink.url() });
    expect(r.code).toBe(1);
    expect(r.err).toContain('no subscribers to send 2025-10-18 to over SMTP');
    const run = await cli(dir, ['run', '--no-fetch'], { SMTP_URL: sink.url(), SUBSCRIBERS: '' });
    expect(run.code).toBe(1);
    expect([...stateFiles(dir).keys()].filter((p) => p.startsWith('ledger/'))).toEqual([]);
  });

  it('sending over SMTP with a siteUrl on this machine is refused unless forced', async () => {
    sink = await startSmtpSink();
    const dir = sendProject();
    const config = JSON.parse(readFileSync(join(dir, 'digestcast.config.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'digestcast.config.json'), JSON.stringify({ ...config, siteUrl: 'http://localhost:8080/' }));
    const refused = await cli(dir, ['send'], { SMTP_URL: sink.url(), SUBSCRIBERS });
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('siteUrl is http://localhost:8080/: every link in the mail');
    expect((await cli(dir, ['send', '--allow-local-site-url'], { SMTP_URL: sink.url(), SUBSCRIBERS })).code).toBe(0);
  });

  it('unsubscribe without UNSUBSCRIBE_SECRET refuses instead of storing an id that matches nobody', async () => {
    const dir = sendProject();
    const r = await cli(dir, ['unsubscribe', 'alice@example.org'], { UNSUBSCRIBE_SECRET: '' });
    expect(r.code).toBe(1);
    expect(r.err).toContain('UNSUBSCRIBE_SECRET is not set: refusing');
    expect(existsSync(join(dir, '.digestcast/suppressions.txt'))).toBe(false);
  });
});

describe('a run across catch-up days', () => {
  it('send.maxPerRun caps the whole run, not each day', async () => {
    sink = await startSmtpSink();
    const dir = sendProject({ maxPerRun: 4 });
    hasSentBefore(dir, ['alice@example.org', 'bob@example.org']);
    const env = { SMTP_URL: sink.url(), SUBSCRIBERS: 'alice@example.org\nbob@example.org' };
    const first = await cli(dir, ['run', '--no-fetch'], env);
    expect(first.code, first.out).toBe(0);
    expect(sink.messages).toHaveLength(4);
    expect(first.out).toContain('deferred by send.maxPerRun');
    const second = await cli(dir, ['run', '--no-fetch'], env);
    expect(second.code).toBe(0);
    expect(sink.messages).toHaveLength(6);
  });

  it('a new subscriber gets the days from the one they were first seen on, not the backlog', async () => {
    sink = await startSmtpSink();
    const dir = sendProject();
    hasSentBefore(dir, ['alice@example.org']);
    const r = await cli(dir, ['run', '--no-fetch'], { SMTP_URL: sink.url(), SUBSCRIBERS: 'alice@example.org\nnewbie@example.org' });
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('1 joined after this day');
    const got = sink.byRecipient();
    expect(got.get('alice@example.org')).toHaveLength(3);
    expect(got.get('newbie@example.org')?.map((m) => m.parsed.subject)).toEqual([expect.stringContaining('2025-10-18')]);
    // The next run knows them: joined on 2025-10-18, for good.
    const joined = [...stateFiles(dir)].filter(([p]) => p.startsWith('joined/')).map(([, t]) => t).join('');
    expect(joined).toContain(`"id":"${keys.idOf('newbie@example.org')}","since":"2025-10-18"`);
    expect(joined).not.toContain('newbie');
  });

  it('on a state from before join dates were kept, everyone still gets the whole catch-up', async () => {
    sink = await startSmtpSink();
    const dir = sendProject();
    hasSentBefore(dir);
    const r = await cli(dir, ['run', '--no-fetch'], { SMTP_URL: sink.url(), SUBSCRIBERS: 'alice@example.org\nbob@example.org' });
    expect(r.code).toBe(0);
    expect(sink.messages).toHaveLength(6);
  });
});
