/**
 * A runner lost mid-send: the sending process is killed (SIGKILL: no final state push, as when
 * a job times out or its runner dies), and the next run starts on another machine from the
 * state branch alone. Real git (a bare origin, two clones), a real SMTP server, real processes.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { historyFixture } from '../helpers/project.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { remoteAndClone } from '../helpers/git-remote.js';
import { cli, CLI_PROCESS_ARGS, SECRET } from './send-helpers.js';

let sink: SmtpSink | undefined;
afterEach(async () => {
  await sink?.close();
  sink = undefined;
});

const CHECKPOINT = 20;

/** Writes the test project (digests, config) into a runner's checkout. */
function layProject(dir: string): void {
  const files = historyFixture();
  const config = JSON.parse(files['digestcast.config.json']!) as Record<string, unknown>;
  config.send = { from: '论文速递 <papers@feeds.example.org>', ratePerSecond: 0, retries: 1, retryBaseMs: 5, maxConnections: 1, checkpointEvery: CHECKPOINT, checkpointSeconds: 60, allowPlaintextHosts: ['127.0.0.1'] };
  files['digestcast.config.json'] = JSON.stringify(config);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

describe('a runner lost mid-send', () => {
  it(`with --checkpoint, the next runner repeats at most one checkpoint (${CHECKPOINT}) plus what was in flight`, async () => {
    const subscribers = Array.from({ length: 200 }, (_, i) => `reader${String(i).padStart(3, '0')}@example.org`).join('\n');
    let child: ReturnType<typeof spawn> | undefined;
    sink = await startSmtpSink({ parse: false, onAccepted: (n) => (n === 105 ? child?.kill('SIGKILL') : undefined) });
    const { remote, clone } = remoteAndClone();
    const first = clone();
    layProject(first);
    const env = { ...process.env, SMTP_URL: sink.url(), SUBSCRIBERS: subscribers, UNSUBSCRIBE_SECRET: SECRET };
    child = spawn(process.execPath, [...CLI_PROCESS_ARGS, 'send', '--date', '2025-10-18', '--checkpoint'], { cwd: first, env, stdio: 'pipe' });
    const exit = await new Promise<NodeJS.Signals | null>((resolve) => child!.on('exit', (_code, signal) => resolve(signal)));
    expect(exit).toBe('SIGKILL');
    const beforeLoss = sink.messages.length;
    expect(beforeLoss).toBeGreaterThanOrEqual(105);
    expect(execFileSync('git', ['ls-tree', '-r', '--name-only', 'digestcast-state'], { cwd: remote, encoding: 'utf8' })).toContain('ledger/2025-10-18.');

    // Another runner, another machine: only the state branch carries over.
    const second = clone();
    layProject(second);
    expect((await cli(second, ['state', 'pull'], {})).code).toBe(0);
    const rerun = await cli(second, ['send', '--date', '2025-10-18', '--checkpoint'], { SMTP_URL: sink.url(), SUBSCRIBERS: subscribers });
    expect(rerun.code, rerun.out + rerun.err).toBe(0);
    const got = sink.byRecipient();
    expect(got.size).toBe(200);
    const repeated = [...got.values()].filter((list) => list.length > 1).length;
    // One checkpoint of unsaved lines, plus the messages in flight (maxConnections 1 → at most 2 workers).
    expect(repeated).toBeLessThanOrEqual(CHECKPOINT + 2);
    for (const [, list] of got) expect(list.length).toBeLessThanOrEqual(2);
    // Every copy of a message is the same message: a receiving server or client can drop the duplicate.
    for (const [, list] of got) expect(new Set(list.map((m) => /^Message-ID: (.*)$/im.exec(m.raw)?.[1])).size).toBe(1);
    // And the end of the second run was pushed: a third runner sends nothing.
    const third = clone();
    layProject(third);
    await cli(third, ['state', 'pull'], {});
    const again = await cli(third, ['send', '--date', '2025-10-18'], { SMTP_URL: sink.url(), SUBSCRIBERS: subscribers });
    expect(again.out).toContain('200 already sent');
    // The state branch, every version of it, holds ids only: no address, and nothing a message carries
    // (its Message-ID, its unsubscribe token) that would let someone holding one find that person's lines.
    const history = execFileSync('git', ['log', '-p', 'digestcast-state'], { cwd: remote, encoding: 'utf8' });
    expect(history).not.toMatch(/@example\.org|reader\d/);
    const messageIds = [...got.values()].map((list) => /^Message-ID: <digest\.[\d-]+\.([0-9a-f]+)@/im.exec(list[0]!.raw)?.[1]);
    expect(messageIds.every((ref) => ref && !history.includes(ref))).toBe(true);
    const tokens = [...got.values()].map((list) => /token=([0-9a-f]{32})\./.exec(list[0]!.raw)?.[1] ?? /unsubscribe%20([0-9a-f]{32})\./.exec(list[0]!.raw)?.[1]);
    expect(tokens.every((t) => t && !history.includes(t))).toBe(true);
    console.log(`[lost runner] ${beforeLoss} accepted before SIGKILL; ${repeated} of 200 mailed twice after the next run (checkpoint ${CHECKPOINT})`);
  });
});
