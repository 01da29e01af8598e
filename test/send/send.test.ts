import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RecipientKeys } from '../../src/send/recipient-keys.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { cli, SECRET, sendProject } from './send-helpers.js';

const keys = new RecipientKeys(SECRET);

/** Every ledger file of a day, one after the other (one file per writer). */
function ledgerText(dir: string, date: string): string {
  const ledger = join(dir, '.digestcast/ledger');
  return readdirSync(ledger)
    .filter((f) => f.startsWith(`${date}.`))
    .map((f) => readFileSync(join(ledger, f), 'utf8'))
    .join('');
}

/** Header lines unfolded (RFC 5322 folding), for matching. */
function unfold(raw: string): string {
  return raw.replace(/\r\n[ \t]+/g, ' ');
}
let sink: SmtpSink | undefined;
afterEach(async () => {
  await sink?.close();
  sink = undefined;
});

const SUBSCRIBERS = 'alice@example.org\nBob Example <bob@example.org>, carol@example.net';

describe('messages', () => {
  it('one per subscriber, with list headers, a stable Message-ID, text and HTML parts, and their own unsubscribe link', async () => {
    sink = await startSmtpSink();
    const dir = sendProject();
    const run = await cli(dir, ['send', '--date', '2025-10-17'], { SMTP_URL: sink.url(), SUBSCRIBERS });
    expect(run.code).toBe(0);
    expect(run.out).toContain('delivered: 3');
    expect(sink.messages).toHaveLength(3);
    for (const m of sink.messages) {
      expect(m.to).toHaveLength(1);
      const address = m.to[0]!;
      const id = keys.idOf(address);
      const token = keys.tokenOf(address);
      const h = m.parsed.headers;
      expect(m.parsed.to && 'value' in m.parsed.to ? m.parsed.to.value.map((v) => v.address!.toLowerCase()) : []).toEqual([address]);
      expect(h.get('cc')).toBeUndefined();
      expect(h.get('bcc')).toBeUndefined();
      expect(m.parsed.messageId).toBe(`<digest.2025-10-17.${keys.messageRefOf('2025-10-17', id)}@feeds.example.org>`);
      expect(m.raw).not.toContain(id);
      expect(m.secure).toBe(true);
      expect(unfold(m.raw)).toMatch(/^List-Archive: <https:\/\/feeds\.example\.org\/papers\/>\r?$/im);
      expect(unfold(m.raw)).toMatch(/^List-Help: <https:\/\/feeds\.example\.org\/papers\/>\r?$/im);
      expect(unfold(m.raw)).toMatch(/^List-ID: .*<digest\.feeds\.example\.org>/im);
      const listUnsubscribe = /^List-Unsubscribe: (.*)$/im.exec(unfold(m.raw))?.[1];
      expect(listUnsubscribe).toBe(`<mailto:unsubscribe@feeds.example.org?subject=unsubscribe%20${token}>, <https://feeds.example.org/unsubscribe?token=${token}>`);
      expect(unfold(m.raw)).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/im);
      expect(m.parsed.subject).toBe('arXiv 每日速递 · 2025-10-17 · 2 篇');
      expect(m.parsed.text).toContain('第三篇：新的方法');
      expect(m.parsed.html).toContain(`href="https://feeds.example.org/unsubscribe?token=${token}"`);
      expect(m.parsed.text).toContain(`退订：https://feeds.example.org/unsubscribe?token=${token}`);
      expect(m.raw).not.toContain('digestcast.invalid');
    }
  });

  it('without an HTTPS unsubscribe URL: mailto only, and no List-Unsubscribe-Post', async () => {
    sink = await startSmtpSink();
    const dir = sendProject({ unsubscribeUrl: undefined });
    expect((await cli(dir, ['send'], { SMTP_URL: sink.url(), SUBSCRIBERS: 'alice@example.org' })).code).toBe(0);
    const [m] = sink.messages;
    expect(m!.raw).not.toMatch(/^List-Unsubscribe-Post:/im);
    expect(unfold(m!.raw)).toMatch(/^List-Unsubscribe: <mailto:unsubscribe@feeds\.example\.org\?subject=unsubscribe%20[0-9a-f]{32}\.[\w-]{22}>\r?$/im);
    expect(m!.parsed.html).toContain('href="mailto:unsubscribe@feeds.example.org?subject=unsubscribe%20');
  });

  it('the footer links the unsubscribe page (GET), the header the one-click endpoint (POST), when both are set', async () => {
    sink = await startSmtpSink();
    const dir = sendProject({ unsubscribeUrl: 'https://feeds.example.org/unsubscribe', oneClickUnsubscribeUrl: 'https://api.feeds.example.org/one-click' });
    expect((await cli(dir, ['send'], { SMTP_URL: sink.url(), SUBSCRIBERS: 'alice@example.org' })).code).toBe(0);
    const [m] = sink.messages;
    const token = keys.tokenOf('alice@example.org');
    expect(/^List-Unsubscribe: (.*)$/im.exec(unfold(m!.raw))?.[1]).toBe(`<mailto:unsubscribe@feeds.example.org?subject=unsubscribe%20${token}>, <https://api.feeds.example.org/one-click?token=${token}>`);
    expect(unfold(m!.raw)).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/im);
    expect(m!.parsed.html).toContain(`href="https://feeds.example.org/unsubscribe?token=${token}"`);
    expect(m!.parsed.html).not.toContain('one-click');
  });

  it('with only a one-click endpoint, the footer links mailto: a GET must never reach the POST-only endpoint', async () => {
    sink = await startSmtpSink();
    const dir = sendProject({ unsubscribeUrl: undefined, oneClickUnsubscribeUrl: 'https://api.feeds.example.org/one-click' });
    expect((await cli(dir, ['send'], { SMTP_URL: sink.url(), SUBSCRIBERS: 'alice@example.org' })).code).toBe(0);
    const [m] = sink.messages;
    expect(unfold(m!.raw)).toMatch(/^List-Unsubscribe: <mailto:[^>]+>, <https:\/\/api\.feeds\.example\.org\/one-click\?token=/im);
    expect(m!.parsed.html).not.toContain('one-click');
    expect(m!.parsed.html).toContain('href="mailto:unsubscribe@feeds.example.org?subject=unsubscribe%20');
  });

  it('cannot be made to carry extra headers through a subscriber name', async () => {
    sink = await startSmtpSink();
    const dir = sendProject({}, { 'subs.csv': 'email,name\nmallory@example.org,"Mallory\r\nBcc: victim@example.com\r\nX-Evil: 1"\n' });
    expect((await cli(dir, ['send', '--subscribers', 'subs.csv'], { SMTP_URL: sink.url() })).code).toBe(0);
    const [m] = sink.messages;
    expect(m!.to).toEqual(['mallory@example.org']);
    const headerBlock = m!.raw.slice(0, m!.raw.indexOf('\r\n\r\n'));
    expect(headerBlock).not.toMatch(/^bcc:/im);
    expect(headerBlock).not.toMatch(/^x-evil:/im);
  });
});

describe('exactly once', () => {
  it('a re-run sends nothing, and the ledger holds ids, not addresses', async () => {
    sink = await startSmtpSink();
    const dir = sendProject();
    expect((await cli(dir, ['send'], { SMTP_URL: sink.url(), SUBSCRIBERS })).code).toBe(0);
    const again = await cli(dir, ['send'], { SMTP_URL: sink.url(), SUBSCRIBERS: `${SUBSCRIBERS}\nALICE@example.org` });
    expect(again.code).toBe(0);
    expect(again.out).toContain('delivered: 0');
    expect(again.out).toContain('3 already sent');
    expect(sink.messages).toHaveLength(3);
    const ledger = ledgerText(dir, '2025-10-18');
    expect(ledger).toContain(keys.idOf('alice@example.org'));
    expect(ledger).not.toMatch(/alice|bob|carol/i);
    expect(ledger.trim().split('\n').at(-1)).toMatch(/"status":"complete"/);
  });

  it('retries temporary failures (421, 450, dropped connection) and delivers one copy each', async () => {
    sink = await startSmtpSink({
      onRecipient: (address, attempt) => (address === 'alice@example.org' && attempt <= 2 ? 450 : undefined),
      onData: (to, attempt) => (to[0] === 'bob@example.org' && attempt === 1 ? 421 : undefined),
      dropOnData: (n) => n === 3,
    });
    const dir = sendProject();
    const run = await cli(dir, ['send'], { SMTP_URL: sink.url(), SUBSCRIBERS });
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const got = sink.byRecipient();
    expect([...got.keys()].sort()).toEqual(['alice@example.org', 'bob@example.org', 'carol@example.net']);
    for (const [, list] of got) expect(list).toHaveLength(1);
  });

  it('records permanent rejections, does not retry them, reports ids not addresses, and goes on with the others', async () => {
    let bounceAttempts = 0;
    sink = await startSmtpSink({ onRecipient: (address) => (address.startsWith('bounce') ? (bounceAttempts++, 550) : undefined) });
    const dir = sendProject();
    const run = await cli(dir, ['send'], { SMTP_URL: sink.url(), SUBSCRIBERS: `${SUBSCRIBERS}\nbounce1@example.org\nbounce2@example.org` });
    expect(run.code).toBe(0);
    expect(bounceAttempts).toBe(2);
    expect(sink.messages).toHaveLength(3);
    expect(run.out).toContain(`bounced: 2 (2× 550 5.1.1; ids ${[keys.idOf('bounce1@example.org'), keys.idOf('bounce2@example.org')].map((i) => i.slice(0, 8)).join(' ')})`);
    expect(run.out + run.err).not.toMatch(/bounce\d@/);
    const again = await cli(dir, ['send'], { SMTP_URL: sink.url(), SUBSCRIBERS: `${SUBSCRIBERS}\nbounce1@example.org\nbounce2@example.org` });
    expect(again.out).toContain('2 bounced earlier');
    expect(bounceAttempts).toBe(2);
  });

  it('suppresses an address after the configured number of consecutive days of bounces (days of one catch-up run count once)', async () => {
    sink = await startSmtpSink({ onRecipient: (address) => (address === 'gone@example.org' ? 550 : undefined) });
    const dir = sendProject({ suppressAfterBounceDays: 2 });
    const env = { SMTP_URL: sink.url(), SUBSCRIBERS: 'gone@example.org\nalice@example.org' };
    await cli(dir, ['send', '--date', '2025-10-16'], env);
    // The same run day again (a catch-up): still one day of bounces.
    await cli(dir, ['send', '--date', '2025-10-17'], env);
    expect(readdirSync(join(dir, '.digestcast'))).not.toContain('suppressions.txt');
    // As if the earlier bounces had been on the days before.
    const bounces = join(dir, '.digestcast/bounces');
    for (const f of readdirSync(bounces)) writeFileSync(join(bounces, f), readFileSync(join(bounces, f), 'utf8').replace(/"on":"\d{4}-\d{2}-\d{2}"/g, (_m) => '"on":"2000-01-01"'));
    await cli(dir, ['send', '--date', '2025-10-18'], env);
    const suppressions = readFileSync(join(dir, '.digestcast/suppressions.txt'), 'utf8');
    expect(suppressions).toContain(`${keys.suppressionRefOf(keys.idOf('gone@example.org'))} bounced-2-days 2025-10-18`);
    const again = await cli(dir, ['send', '--date', '2025-10-18'], { ...env, SUBSCRIBERS: 'gone@example.org\nalice@example.org\nbob@example.org' });
    expect(again.out).toContain('1 suppressed');
  });

  it('leaves recipients that keep failing temporarily for the next run, exits non-zero, and the next run delivers', async () => {
    let failing = true;
    sink = await startSmtpSink({ onRecipient: (address) => (failing && address === 'carol@example.net' ? 451 : undefined) });
    const dir = sendProject({ retries: 2 });
    const first = await cli(dir, ['send'], { SMTP_URL: sink.url(), SUBSCRIBERS });
    expect(first.code).toBe(4);
    expect(first.out).toContain(`deferred (left for the next run): 1 (ids ${keys.idOf('carol@example.net').slice(0, 8)}`);
    expect(first.out).toContain('day complete: no');
    failing = false;
    const second = await cli(dir, ['send'], { SMTP_URL: sink.url(), SUBSCRIBERS });
    expect(second.code).toBe(0);
    expect(second.out).toContain('delivered: 1');
    for (const [, list] of sink.byRecipient()) expect(list).toHaveLength(1);
  });

  it('stops at once on an authentication failure, with a clear message and no password in it', async () => {
    sink = await startSmtpSink({ auth: { user: 'papers', pass: 'right-password' } });
    const dir = sendProject();
    const run = await cli(dir, ['send'], { SMTP_URL: sink.url('papers', 'wrong-Passw0rd'), SUBSCRIBERS });
    expect(run.code).toBe(3);
    expect(run.out).toMatch(/OUTAGE: SMTP authentication failed .*535.*; \d not attempted, nothing counted against anyone\. Check the user and password in SMTP_URL/);
    expect(run.out + run.err).not.toContain('wrong-Passw0rd');
    expect(sink.messages).toHaveLength(0);
    const ok = await cli(dir, ['send'], { SMTP_URL: sink.url('papers', 'right-password'), SUBSCRIBERS });
    expect(ok.code).toBe(0);
    expect(sink.messages).toHaveLength(3);
  });

  it('sends at most send.maxPerRun a run; the next run goes on', async () => {
    sink = await startSmtpSink();
    const dir = sendProject({ maxPerRun: 2 });
    const first = await cli(dir, ['send'], { SMTP_URL: sink.url(), SUBSCRIBERS });
    expect(first.code).toBe(0);
    expect(first.out).toContain('deferred by send.maxPerRun: 1');
    expect(first.out).toContain('day complete: no');
    const second = await cli(dir, ['send'], { SMTP_URL: sink.url(), SUBSCRIBERS });
    expect(second.out).toContain('delivered: 1');
    expect(second.out).toContain('day complete: yes');
    expect(sink.messages).toHaveLength(3);
  });
});

describe('options', () => {
  it('--dry-run counts and sends nothing', async () => {
    sink = await startSmtpSink();
    const dir = sendProject();
    const run = await cli(dir, ['send', '--dry-run'], { SMTP_URL: sink.url(), SUBSCRIBERS: `${SUBSCRIBERS}\nwrong@` });
    expect(run.code).toBe(0);
    expect(run.out).toContain('dry run: would send 2025-10-18 via smtp: 3 subscribers (1 invalid, 0 duplicates dropped)');
    expect(run.out).toContain('would send: 3');
    expect(run.err).toContain('skipped subscriber at SUBSCRIBERS line 3 (w***@***): not a valid email address');
    expect(sink.messages).toHaveLength(0);
    expect(readdirSync(join(dir, '.digestcast'))).not.toContain('ledger');
  });

  it('--to sends one test copy outside the ledger', async () => {
    sink = await startSmtpSink();
    const dir = sendProject();
    const run = await cli(dir, ['send', '--to', 'owner@example.org'], { SMTP_URL: sink.url(), SUBSCRIBERS });
    expect(run.code).toBe(0);
    expect(run.out).toContain('test copy of 2025-10-18 sent to o***@e***.org');
    expect(sink.messages.map((m) => m.to[0])).toEqual(['owner@example.org']);
    const real = await cli(dir, ['send'], { SMTP_URL: sink.url(), SUBSCRIBERS: 'owner@example.org' });
    expect(real.out).toContain('delivered: 1');
    // The test copy has a Message-ID of its own: sharing the real one could make Gmail hide the real message.
    const [test, sent] = sink.messages;
    expect(test!.parsed.messageId).toMatch(/^<digest\.2025-10-18\.test-[0-9a-f]{16}@feeds\.example\.org>$/);
    expect(sent!.parsed.messageId).not.toBe(test!.parsed.messageId);
  });

  it('--shard k/n splits subscribers into disjoint groups with their own ledgers', async () => {
    sink = await startSmtpSink();
    const dir = sendProject();
    const many = Array.from({ length: 30 }, (_, i) => `reader${i}@example.org`).join('\n');
    const first = await cli(dir, ['send', '--shard', '1/2'], { SMTP_URL: sink.url(), SUBSCRIBERS: many });
    const second = await cli(dir, ['send', '--shard', '2/2'], { SMTP_URL: sink.url(), SUBSCRIBERS: many });
    expect(first.code + second.code).toBe(0);
    expect(sink.messages).toHaveLength(30);
    expect(new Set(sink.messages.map((m) => m.to[0])).size).toBe(30);
    const files = readdirSync(join(dir, '.digestcast/ledger'));
    expect(files).toHaveLength(2);
    expect(files.map((f) => /"shard":"(\d\/2)"/.exec(readFileSync(join(dir, '.digestcast/ledger', f), 'utf8'))?.[1]).sort()).toEqual(['1/2', '2/2']);
    const all = await cli(dir, ['send'], { SMTP_URL: sink.url(), SUBSCRIBERS: many });
    expect(all.out).toContain('30 already sent');
    expect((await cli(dir, ['send', '--shard', '3/2'], {})).code).toBe(2);
  });

  it('honours per-subscriber source filters from the CSV', async () => {
    sink = await startSmtpSink();
    const dir = sendProject({}, { 'subs.csv': 'email,name,sources\nbio@example.org,Bio,biorxiv\nall@example.org,All,\nmed@example.org,Med,medrxiv\n' });
    const run = await cli(dir, ['send', '--subscribers', 'subs.csv', '--date', '2025-10-18'], { SMTP_URL: sink.url() });
    expect(run.out).toContain('1 filtered');
    const got = sink.byRecipient();
    expect(got.get('bio@example.org')![0]!.parsed.subject).toBe('bioRxiv 每日速递 · 2025-10-18 · 1 篇');
    expect(got.get('bio@example.org')![0]!.parsed.text).not.toContain('第四篇');
    expect(got.get('all@example.org')![0]!.parsed.subject).toBe('arXiv · bioRxiv 每日速递 · 2025-10-18 · 2 篇');
    expect(got.has('med@example.org')).toBe(false);
  });

  it('without SMTP_URL, writes .eml files to the outbox, and refuses to in CI', async () => {
    const dir = sendProject();
    const run = await cli(dir, ['send'], { SUBSCRIBERS });
    expect(run.code).toBe(0);
    expect(run.out).toContain('via outbox');
    expect(readdirSync(join(dir, '.digestcast/outbox/2025-10-18'))).toHaveLength(3);
    const ci = await cli(sendProject(), ['send'], { SUBSCRIBERS, GITHUB_ACTIONS: 'true' });
    expect(ci.code).toBe(1);
    expect(ci.err).toContain('SMTP_URL is not set in CI');
  });

  it('needs UNSUBSCRIBE_SECRET and a From address to send over SMTP', async () => {
    sink = await startSmtpSink();
    const noSecret = await cli(sendProject(), ['send'], { SMTP_URL: sink.url(), SUBSCRIBERS, UNSUBSCRIBE_SECRET: undefined });
    expect(noSecret.code).toBe(1);
    expect(noSecret.err).toContain('UNSUBSCRIBE_SECRET is not set');
    const noFrom = await cli(sendProject({ from: undefined }), ['send'], { SMTP_URL: sink.url(), SUBSCRIBERS });
    expect(noFrom.err).toContain('set "send.from"');
  });
});

describe('unsubscribe', () => {
  it('suppresses by address or by token, stores neither the address nor the ledger id, and send honours it (old lists by id too)', async () => {
    sink = await startSmtpSink();
    const dir = sendProject();
    expect((await cli(dir, ['unsubscribe', 'Bob@Example.org'], {})).out).toBe('suppressed B***@E***.org\n');
    expect((await cli(dir, ['unsubscribe', `unsubscribe ${keys.tokenOf('carol@example.net')}`], {})).code).toBe(0);
    // A pasted subject split into two arguments (as the Unsubscribe workflow's `read -a` does) works too.
    expect((await cli(dir, ['unsubscribe', 'unsubscribe', keys.tokenOf('dave@example.org')], {})).code).toBe(0);
    const list = readFileSync(join(dir, '.digestcast/suppressions.txt'), 'utf8');
    expect(list).toContain(keys.suppressionRefOf(keys.idOf('dave@example.org')));
    expect(list).not.toContain(keys.idOf('dave@example.org'));
    // A list written by an earlier version names ledger ids: still honoured.
    writeFileSync(join(dir, '.digestcast/suppressions.txt'), `${list}${keys.idOf('erin@example.org')} unsubscribed 2025-10-01\n`);
    const forged = await cli(dir, ['unsubscribe', `${keys.idOf('alice@example.org')}.AAAAAAAAAAAAAAAAAAAAAA`], {});
    expect(forged.code).toBe(1);
    expect(readFileSync(join(dir, '.digestcast/suppressions.txt'), 'utf8')).not.toMatch(/@/);
    const run = await cli(dir, ['send'], { SMTP_URL: sink.url(), SUBSCRIBERS: `${SUBSCRIBERS}\nerin@example.org` });
    expect(run.out).toContain('3 suppressed');
    expect(sink.messages.map((m) => m.to[0])).toEqual(['alice@example.org']);
  });
});
