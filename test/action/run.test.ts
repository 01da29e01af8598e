/**
 * `digestcast run` and `digestcast fetch`: catching up on missed days, fetching from an
 * upstream over HTTP, and the whole daily job end to end as the Action runs it.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchCommand } from '../../src/cli/fetch-command.js';
import { buildCatalog } from '../../src/project/catalog.js';
import { daysToSend } from '../../src/send/catch-up.js';
import type { Day } from '../../src/model.js';
import { PROJECT_DIR } from '../helpers/corpus.js';
import { atomProblems } from '../helpers/feed-validation.js';
import { memoryIo } from '../helpers/io.js';
import { digest2025, makeProject, row } from '../helpers/project.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { tempDir } from '../helpers/tmp.js';

const execFileAsync = promisify(execFile);
let sink: SmtpSink | undefined;
afterEach(async () => {
  await sink?.close();
  sink = undefined;
});

function day(date: string, papers: number): Day {
  return {
    date,
    sources: [
      {
        date,
        source: 'arxiv',
        sourceName: 'arXiv',
        status: papers > 0 ? 'papers' : 'empty',
        file: 'x',
        line: 1,
        papers: Array.from({ length: papers }, (_, i) => ({ id: `arxiv:${date}.${i}`, date, source: 'arxiv', title: 't', authors: [], pdfUrl: 'http://x/', url: 'http://x/', summary: '', file: 'x', line: 1 })),
      },
    ],
  };
}

describe('catching up', () => {
  const catalog = buildCatalog([day('2025-10-14', 2), day('2025-10-15', 0), day('2025-10-16', 3), day('2025-10-17', 1), day('2025-10-18', 5)]);
  it('sends the open days among the newest ones with papers, oldest first', () => {
    expect(daysToSend(catalog, 3, () => false, true)).toEqual(['2025-10-16', '2025-10-17', '2025-10-18']);
    expect(daysToSend(catalog, 3, (d) => d === '2025-10-17', true)).toEqual(['2025-10-16', '2025-10-18']);
    expect(daysToSend(catalog, 3, () => true, true)).toEqual([]);
  });
  it('gives a list that never sent only the newest day', () => {
    expect(daysToSend(catalog, 3, () => false, false)).toEqual(['2025-10-18']);
  });
});

describe('digestcast fetch', () => {
  it('downloads recent digests, keeps good files from error pages, and says what happened', async () => {
    const files: Record<string, [number, string]> = {
      '/d/2025-10-17-arxiv.md': [200, digest2025('arxiv', '2025-10-17', [row('标题', '作者', 'http://arxiv.org/pdf/2510.00001v1', '摘要')])],
      '/d/2025-10-17-biorxiv.md': [200, '<html><body>rate limited</body></html>'],
      '/d/2025-10-16-arxiv.md': [200, '# arxiv 2025-10-16\n\n> 当天没有抓取到有效论文。\n'],
      '/d/2025-10-16-biorxiv.md': [500, 'oops'],
    };
    const server = createServer((req, res) => {
      const [status, body] = files[req.url ?? ''] ?? [404, 'not found'];
      res.writeHead(status).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const dir = makeProject({
        'digestcast.config.json': JSON.stringify({ upstream: { urlTemplate: `http://127.0.0.1:${port}/d/{date}-{source}.md`, sources: ['arxiv', 'biorxiv'], days: 2 } }),
        'digests/2025-10-17-biorxiv.md': '# biorxiv 2025-10-17\n\n> 当天没有抓取到有效论文。\n',
      });
      const io = memoryIo(dir);
      const code = await fetchCommand([], io, () => new Date('2025-10-17T03:00:00Z'));
      expect(code).toBe(1);
      expect(io.out()).toContain('2025-10-17-arxiv.md: written');
      expect(io.out()).toContain('2025-10-16-arxiv.md: written');
      expect(io.err()).toContain('2025-10-17-biorxiv.md: rejected (does not read as the digest of 2025-10-17)');
      expect(io.err()).toContain('2025-10-16-biorxiv.md: failed (HTTP 500)');
      expect(readFileSync(join(dir, 'digests/2025-10-17-biorxiv.md'), 'utf8')).toContain('当天没有抓取到有效论文');
      const again = memoryIo(dir);
      await fetchCommand(['--date', '2025-10-17'], again);
      expect(again.out()).toContain('2025-10-17-arxiv.md: unchanged');
      const none = memoryIo(makeProject({}));
      expect(await fetchCommand(['--if-configured'], none)).toBe(0);
      expect(none.out()).toContain('nothing to fetch');
    } finally {
      server.close();
    }
  });
});

describe('the daily job, end to end', () => {
  it('copies the repository, runs the job twice with a day in between and once more, and every subscriber gets every day once', async () => {
    const repo = copyRepository();
    // As `npm ci` builds it (`prepare`): compiled, then the CLI bundled (`dist/digestcast-cli.cjs`, started by `dist/digestcast.js`, what `npx digestcast` runs).
    execFileSync(process.execPath, [join(PROJECT_DIR, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: repo });
    execFileSync(process.execPath, ['scripts/bundle-cli.mjs'], { cwd: repo });
    execFileSync(process.execPath, ['scripts/precompile-templates.mjs'], { cwd: repo });
    sink = await startSmtpSink();
    const subscribers = ['ada@example.org', 'Grace Hopper <grace@example.net>', 'linus@example.com'];
    const env = {
      ...process.env,
      SMTP_URL: sink.url(),
      SUBSCRIBERS: subscribers.join('\n'),
      UNSUBSCRIBE_SECRET: 'e2e-secret-0123456789abcdef',
      DIGESTCAST_SITE_URL: 'https://papers.example.org/digest/',
      GITHUB_ACTIONS: 'true',
      // The launcher's code cache (src/cli/code-cache.ts): this test's own, so that the runs after the first take their code from it.
      DIGESTCAST_CODE_CACHE: tempDir('code-cache-'),
      DIGESTCAST_CODE_CACHE_REPORT: '1',
    };
    writeFileSync(join(repo, 'digestcast.config.json'), JSON.stringify({ title: '论文每日速递', send: { from: '论文速递 <papers@papers.example.org>', ratePerSecond: 0, retryBaseMs: 10, allowPlaintextHosts: ['127.0.0.1'] } }));
    // Asynchronously: the SMTP server lives in this process and must keep answering.
    const job = async () => {
      try {
        const { stdout, stderr } = await execFileAsync(process.execPath, ['dist/digestcast.js', 'run'], { cwd: repo, env, encoding: 'utf8' });
        return `${stdout}${stderr}`;
      } catch (error) {
        const e = error as { status: number; stdout: string; stderr: string };
        throw new Error(`digestcast run exited ${e.status}:\n${e.stdout}\n${e.stderr}`);
      }
    };

    const first = await job();
    expect(first).toContain('send 2025-10-17 via smtp: 3 subscribers');
    // The shipped templates and the default subject line come compiled with the package (dist/compiled-templates): the run compiled none.
    const compiledHere = join(repo, '.digestcast/cache/templates');
    expect(existsSync(compiledHere) ? readdirSync(compiledHere).filter((f) => f.endsWith('.js')) : []).toEqual([]);
    writeFileSync(join(repo, 'digests/2025-10-18-arxiv.md'), digest2025('arxiv', '2025-10-18', [row('新的一天：第一篇', 'A. Author', 'http://arxiv.org/pdf/2510.20001v1', '新一天的摘要。'), row('新的一天：第二篇', 'B. Author', 'http://arxiv.org/pdf/2510.20002v1', '另一段摘要。')]));
    const second = await job();
    // From the code cache, whose code calls the launcher's import() (Pagefind's search index was written again).
    expect(second).toContain('code cache: used');
    expect(second).toContain('send 2025-10-18 via smtp: 3 subscribers');
    expect(second).not.toContain('send 2025-10-17');
    const third = await job();
    expect(third).toContain('up to date, nothing written');
    expect(third).toContain('nothing to send');

    const got = sink.byRecipient();
    expect([...got.keys()].sort()).toEqual(['ada@example.org', 'grace@example.net', 'linus@example.com']);
    for (const [address, messages] of got) {
      expect(messages.map((m) => m.parsed.subject).sort(), address).toEqual(['arXiv 每日速递 · 2025-10-17 · 10 篇', 'arXiv 每日速递 · 2025-10-18 · 2 篇']);
    }

    const out = join(repo, 'out');
    const atom = readFileSync(join(out, 'atom.xml'), 'utf8');
    expect(await atomProblems(atom)).toEqual([]);
    expect(parseAtomFeed(atom).entries).toHaveLength(12);
    expect(parseAtomFeed(atom).links).toContainEqual(expect.objectContaining({ rel: 'self', href: 'https://papers.example.org/digest/atom.xml' }));
    expect(parseRssFeed(readFileSync(join(out, 'rss.xml'), 'utf8')).items).toHaveLength(12);
    expect(parseJsonFeed(readFileSync(join(out, 'feed.json'), 'utf8')).items).toHaveLength(12);
    for (const file of ['index.html', '2025-10-17.html', '2025-10-18.html', 'email/2025-10-17.html', 'email/2025-10-18.txt', 'issues.xml', 'feeds.opml']) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    for (const file of walk(out)) {
      const text = readFileSync(file, 'utf8');
      for (const address of ['ada@example.org', 'grace@example.net', 'linus@example.com', 'e2e-secret']) {
        expect(text.includes(address), `${address} in ${relative(out, file)}`).toBe(false);
      }
    }

    // The built CLI compiles MJML in a worker thread: a broken partial still names its file and line.
    const footer = join(repo, 'templates/email/partials/footer.mjml');
    writeFileSync(footer, readFileSync(footer, 'utf8').replace('<mj-column>', '<mj-column>\n      <mj-bogus>x</mj-bogus>'));
    const broken = await execFileAsync(process.execPath, ['dist/digestcast.js', 'build'], { cwd: repo, env, encoding: 'utf8' }).catch((e: { code: number; stderr: string }) => e);
    expect((broken as { code: number }).code).toBe(1);
    expect((broken as { stderr: string }).stderr).toMatch(/templates\/email\/partials\/footer\.mjml:3: Element mj-bogus doesn't exist/);

    // Started through a symlink, as npm's bin does (`npx digestcast`).
    const link = join(repo, 'digestcast-link.js');
    symlinkSync(join(repo, 'dist/digestcast.js'), link);
    expect((await execFileAsync(process.execPath, [link, '--help'], { cwd: repo, env, encoding: 'utf8' })).stdout).toContain('Usage: digestcast <command>');
    // The bundle is strict code, as its sources (ES modules) are: its first statement is the directive.
    expect(readFileSync(join(repo, 'dist/digestcast-cli.cjs'), 'utf8').split('\n').slice(0, 2)).toEqual(['#!/usr/bin/env node', '"use strict";']);
  }, 120_000);
});

/** The project as a clean clone would have it (no node_modules, out/, dist/, state), with node_modules linked. */
function copyRepository(): string {
  const target = tempDir('repo-');
  const skip = new Set(['node_modules', 'out', 'dist', '.digestcast', '.git', 'coverage']);
  for (const name of readdirSync(PROJECT_DIR)) {
    if (skip.has(name)) continue;
    cpSync(join(PROJECT_DIR, name), join(target, name), { recursive: true });
  }
  symlinkSync(join(PROJECT_DIR, 'node_modules'), join(target, 'node_modules'), 'dir');
  return target;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
