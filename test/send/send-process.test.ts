/**
 * Sending as real processes and real protocol: a run killed with SIGKILL halfway and re-run,
 * DKIM signatures checked by an independent verifier, and no address or secret anywhere it
 * must not be.
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { cli, CLI_PROCESS_ARGS, SECRET, sendProject } from './send-helpers.js';

let sink: SmtpSink | undefined;
afterEach(async () => {
  await sink?.close();
  sink = undefined;
});


describe('a run killed halfway', () => {
  it('re-run after SIGKILL: every subscriber has exactly one copy', async () => {
    const subscribers = Array.from({ length: 20 }, (_, i) => `reader${String(i).padStart(2, '0')}@example.org`).join('\n');
    let child: ReturnType<typeof spawn> | undefined;
    let killedAt = 0;
    sink = await startSmtpSink({
      beforeReply: (n) => {
        if (n !== 10) return;
        killedAt = n;
        child!.kill('SIGKILL');
        return new Promise<void>(() => undefined); // never answer: the message is not accepted
      },
    });
    const dir = sendProject({ maxConnections: 1 });
    const env = { ...process.env, SMTP_URL: sink.url(), SUBSCRIBERS: subscribers, UNSUBSCRIBE_SECRET: SECRET };
    child = spawn(process.execPath, [...CLI_PROCESS_ARGS, 'send'], { cwd: dir, env, stdio: 'pipe' });
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child!.on('exit', (code, signal) => resolve({ code, signal })));
    expect(exit.signal).toBe('SIGKILL');
    expect(killedAt).toBe(10);
    expect(sink.messages).toHaveLength(9);

    const rerun = await cli(dir, ['send'], { SMTP_URL: sink.url(), SUBSCRIBERS: subscribers });
    expect(rerun.code).toBe(0);
    expect(rerun.out).toContain('delivered: 11');
    expect(rerun.out).toContain('9 already sent');
    const got = sink.byRecipient();
    expect(got.size).toBe(20);
    for (const [address, list] of got) expect(list, address).toHaveLength(1);
  });
});

describe('DKIM', () => {
  it('signs messages, List-Unsubscribe and List-Unsubscribe-Post included, verifiable by mailauth', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const spki = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    sink = await startSmtpSink();
    const dir = sendProject();
    const run = await cli(dir, ['send'], {
      SMTP_URL: sink.url(),
      SUBSCRIBERS: 'alice@example.org',
      DKIM_DOMAIN: 'feeds.example.org',
      DKIM_SELECTOR: 'dc2026',
      DKIM_PRIVATE_KEY: pem.replace(/\n/g, '\\n'),
    });
    expect(run.code).toBe(0);
    const raw = sink.messages[0]!.raw;
    const signature = /^DKIM-Signature:([\s\S]*?)\r\n(?=\S)/im.exec(raw)![1]!.replace(/\s+/g, '');
    const signed = /(?:^|;)h=([^;]+)/.exec(signature)![1]!.toLowerCase().split(":");
    expect(signed).toEqual(expect.arrayContaining(['list-unsubscribe', 'list-unsubscribe-post', 'list-id', 'from', 'subject', 'message-id']));
    const result = await dkimVerify(Buffer.from(raw), {
      resolver: async (name: string, type: string) => {
        if (type === 'TXT' && name === 'dc2026._domainkey.feeds.example.org') return [[`v=DKIM1; k=rsa; p=${spki}`]];
        throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
      },
    } as never);
    expect(result.results[0]!.status.result).toBe('pass');
    expect(run.out + run.err).not.toContain('PRIVATE KEY');
  });
});

describe('privacy', () => {
  it('no subscriber address, SMTP password or secret in logs, out/ or the committed state', async () => {
    const addresses = ['alice.private@example.org', 'bob.hidden@example.net', 'bounce.secret@example.com', 'invalid@@example.org'];
    const password = 'S3cr3t-SMTP-passw0rd';
    sink = await startSmtpSink({ auth: { user: 'papers@feeds.example.org', pass: password }, onRecipient: (a) => (a.startsWith('bounce') ? 550 : undefined) });
    const dir = sendProject();
    const env = { SMTP_URL: sink.url('papers@feeds.example.org', password), SUBSCRIBERS: addresses.join('\n') };
    const logs: string[] = [];
    for (const args of [['build'], ['send', '--dry-run'], ['send'], ['send'], ['send', '--to', 'owner.test@example.org'], ['preview'], ['unsubscribe', 'bob.hidden@example.net']]) {
      const r = await cli(dir, args, env);
      logs.push(r.out, r.err);
    }
    const wrongPassword = await cli(dir, ['send', '--date', '2025-10-16'], { ...env, SMTP_URL: sink.url('papers@feeds.example.org', 'Wr0ng-Passw0rd-xyz') });
    logs.push(wrongPassword.out, wrongPassword.err);
    expect(sink.messages.length).toBeGreaterThan(0);

    const forbidden = [...addresses, 'owner.test@example.org', password, 'Wr0ng-Passw0rd-xyz', SECRET, 'alice.private', 'bob.hidden', 'bounce.secret'];
    const haystacks: [string, string][] = logs.map((l, i) => [`log ${i}`, l]);
    for (const root of ['out', '.digestcast']) {
      for (const file of walk(join(dir, root))) {
        // The outbox and the local secret never leave the machine (.gitignore); everything else may be published or committed.
        if (file.includes(`${root === '.digestcast' ? 'outbox' : '\0'}`)) continue;
        haystacks.push([relative(dir, file), readFileSync(file, 'utf8')]);
      }
    }
    for (const [where, text] of haystacks) {
      for (const secret of forbidden) expect(text.includes(secret), `${secret} found in ${where}`).toBe(false);
    }
  });
});

function walk(dir: string): string[] {
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
