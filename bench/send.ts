/**
 * Send benchmark: `digestcast send` to N subscribers through a loopback SMTP sink in another
 * process, with the connection pool, against sending the same messages without pooling
 * (one connection per message) in the same run. Prints messages per second and the peak
 * memory above what the subscriber list itself takes, for each N; then the cost of
 * `--checkpoint` (the state pushed to a bare git repository on disk while sending) against the
 * same send without it.
 */
import { execFileSync, fork } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import { defaultConfig, type Config } from '../src/config/schema.js';
import { renderDayEmail } from '../src/email/render-email.js';
import { Project } from '../src/open-project.js';
import { composeMessage, messageIdOf } from '../src/send/compose-message.js';
import { RecipientKeys } from '../src/send/recipient-keys.js';
import { sendDay } from '../src/send/send-day.js';
import { SendSession } from '../src/send/send-session.js';
import { listSettings } from '../src/send/send-settings.js';
import { buildSubscriberList, entriesFromList } from '../src/send/subscribers.js';
import { printTable } from './measure.js';

const SECRET = 'bench-secret-0123456789abcdef';

/** Runs the send benchmark for each subscriber count. */
export async function benchSend(counts: number[]): Promise<void> {
  const projectRoot = resolve(import.meta.dirname, '..');
  const sink = fork(join(import.meta.dirname, 'smtp-sink-process.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const port = await new Promise<number>((res) => sink.stdout!.once('data', (d: Buffer) => res((JSON.parse(d.toString()) as { port: number }).port)));
  const smtpUrl = `smtp://127.0.0.1:${port}?ignoreTLS=true`;
  const project = mkdtempSync(join(tmpdir(), 'digestcast-bench-send-'));
  try {
    mkdirSync(join(project, 'digests'));
    cpSync(join(projectRoot, 'digests'), join(project, 'digests'), { recursive: true });
    const base = defaultConfig();
    const config: Config = {
      ...base,
      siteUrl: 'https://bench.example.org/',
      send: { ...base.send, from: 'Bench <bench@example.org>', ratePerSecond: 0, maxConnections: 8, maxPerRun: 10_000_000, retryBaseMs: 10, allowPlaintextHosts: ['127.0.0.1'] },
    };
    // Digests and templates read once, outside the timed sends (the project falls back to the shipped templates).
    const opened = new Project(project, config);
    const { catalog } = await opened.digests();
    const templates = await opened.emailTemplates();
    const email = renderDayEmail(catalog.days[0]!, catalog, config, templates);

    // Baseline: the same messages without pooling, a new connection per message, 8 at a time.
    const baselineN = 1000;
    const keys = new RecipientKeys(SECRET);
    const settings = listSettings(config, true);
    const unpooled = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: false });
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < baselineN) {
          const i = next++;
          const address = `base${i}@example.org`;
          await unpooled.sendMail(composeMessage(email, { address }, messageIdOf(email.date, keys.messageRefOf(email.date, keys.idOf(address)), settings.messageIdDomain), keys.tokenOf(address), settings));
        }
      }),
    );
    const baselineRate = baselineN / ((performance.now() - t0) / 1000);
    unpooled.close();

    const rows: (string | number)[][] = [['subscribers', 'sent', 'seconds', 'messages/s', 'vs unpooled', 'subscriber list', 'peak live heap above list', 'peak RSS']];
    rows.push([`${baselineN} (baseline: no pool)`, baselineN, round((baselineN / baselineRate) * 1, 2), Math.round(baselineRate), '1.00x', '', '', '']);
    for (const n of counts) {
      rmSync(join(project, '.digestcast'), { recursive: true, force: true });
      const subscribers = Array.from({ length: n }, (_, i) => `reader${i}@example.org`).join('\n');
      gc();
      const beforeList = process.memoryUsage().heapUsed;
      const list = buildSubscriberList(entriesFromList(subscribers));
      gc();
      const listBytes = process.memoryUsage().heapUsed - beforeList;
      void list.subscribers.length;
      gc();
      const heapStart = process.memoryUsage().heapUsed;
      // Live memory: sampled right after a full collection, so garbage waiting for the GC does not count.
      let peakLive = heapStart;
      let peakRss = process.memoryUsage().rss;
      const sampler = setInterval(() => {
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        gc();
        peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
      }, 250);
      const start = performance.now();
      const report = await sendDay({
        projectDir: project,
        config,
        env: { SMTP_URL: smtpUrl, SUBSCRIBERS: subscribers, UNSUBSCRIBE_SECRET: SECRET },
        project: opened,
        log: () => undefined,
        warn: () => undefined,
      });
      const seconds = (performance.now() - start) / 1000;
      clearInterval(sampler);
      const rate = report.delivered / seconds;
      rows.push([
        String(n),
        report.delivered,
        round(seconds, 2),
        Math.round(rate),
        `${(rate / baselineRate).toFixed(1)}x`,
        mb(listBytes),
        mb(peakLive - heapStart),
        mb(peakRss),
      ]);
    }
    console.log(`\n## send — pooled SMTP (8 connections) to a loopback sink in another process; email ${(email.htmlBytes / 1024).toFixed(1)} KB HTML`);
    printTable(rows);

    // --checkpoint: the same send, the state pushed to a bare repository while sending.
    const n = Math.min(...counts);
    const subscribers = Array.from({ length: n }, (_, i) => `reader${i}@example.org`).join('\n');
    const env = { SMTP_URL: smtpUrl, SUBSCRIBERS: subscribers, UNSUBSCRIBE_SECRET: SECRET };
    const git = (...args: string[]) => execFileSync('git', args, { cwd: project, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' } });
    const bare = mkdtempSync(join(tmpdir(), 'digestcast-bench-state-'));
    execFileSync('git', ['init', '--quiet', '--bare', bare]);
    git('init', '--quiet');
    git('remote', 'add', 'origin', bare);
    const checkpointRows: (string | number)[][] = [['send', 'subscribers', 'seconds', 'messages/s', 'vs no checkpoint', 'state pushes', 'most a lost runner repeats']];
    let plainRate = 0;
    for (const checkpoint of [false, true]) {
      rmSync(join(project, '.digestcast'), { recursive: true, force: true });
      const session = new SendSession({ projectDir: project, config, dryRun: false, warn: () => undefined, ...(checkpoint ? { checkpoint: {} } : {}) });
      const start = performance.now();
      const report = await sendDay({ projectDir: project, config, env, project: opened, session, log: () => undefined, warn: () => undefined });
      await session.close();
      const seconds = (performance.now() - start) / 1000;
      const rate = report.delivered / seconds;
      if (!checkpoint) plainRate = rate;
      checkpointRows.push([
        checkpoint ? `--checkpoint (every ${config.send.checkpointEvery})` : 'no checkpoint (baseline)',
        report.delivered,
        round(seconds, 2),
        Math.round(rate),
        `${(rate / plainRate).toFixed(2)}x`,
        checkpoint ? (session.checkpoint?.saves ?? 0) : 0,
        checkpoint ? `${config.send.checkpointEvery} + in flight` : 'everything (no push until the end)',
      ]);
    }
    rmSync(bare, { recursive: true, force: true });
    console.log('\n## send --checkpoint — the state pushed to a bare git repository on disk while sending');
    printTable(checkpointRows);
  } finally {
    sink.kill('SIGTERM');
    rmSync(project, { recursive: true, force: true });
  }
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
