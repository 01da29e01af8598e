/**
 * Every OPML the site offers, imported whole by real readers (newsboat, rss2email) and parsed
 * with feedparser and feedsmith, gives every paper of the feeds exactly once. The site is
 * served over HTTP on 127.0.0.1; readers that are not installed are skipped, saying so.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, normalize } from 'node:path';
import { promisify } from 'node:util';
import { parseAtomFeed, parseOpml } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProject, historyFixture, makeProject, readOut, catalogOf } from '../helpers/project.js';
import { tempDir } from '../helpers/tmp.js';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';

async function has(command: string, args: string[]): Promise<boolean> {
  try {
    await run(command, args, { timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

const tools = {
  newsboat: await has('newsboat', ['-v']),
  r2e: await has('r2e', ['--version']),
  feedparser: existsSync(PYTHON) && (await has(PYTHON, ['-c', 'import feedparser'])),
  sqlite: existsSync(PYTHON) && (await has(PYTHON, ['-c', 'import sqlite3'])),
};
for (const [tool, present] of Object.entries(tools)) {
  if (!present) console.warn(`[digestcast tests] ${tool} is not installed: the OPML import check with it is skipped (Debian: ${tool === 'r2e' ? 'rss2email' : tool === 'feedparser' ? 'python3-feedparser' : tool === 'sqlite' ? 'python3' : tool})`);
}

let server: Server;
let dir: string;
let site: string;
/** Abstract-page URLs of every paper the feeds hold. */
let expected: string[];
/** The OPML files the site links to. */
let offered: string[];

beforeAll(async () => {
  let root = '';
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^\/+/, '');
    const file = join(root, path);
    if (path.startsWith('..') || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': path.endsWith('.xml') ? 'application/atom+xml' : 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  site = `http://127.0.0.1:${port}/`;
  dir = makeProject({ ...historyFixture(), 'digestcast.config.json': JSON.stringify({ siteUrl: site, title: '测试速递' }) });
  root = join(dir, 'out');
  await buildProject(dir);
  expected = (await catalogOf(dir)).entries.map((e) => new URL(e.paper.url).href).sort();
  offered = [...new Set([...readOut(dir, 'index.html').matchAll(/href="([^"]+\.opml)"/g)].map((m) => m[1]!))].sort();
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Feed URLs an OPML lists (outlines at any depth). */
function feedUrls(opml: string): string[] {
  const walk = (outlines: { xmlUrl?: string; outlines?: unknown[] }[] = []): string[] => outlines.flatMap((o) => [...(o.xmlUrl ? [o.xmlUrl] : []), ...walk(o.outlines as never)]);
  return walk(parseOpml(opml).body?.outlines as never);
}

describe('OPML files the site offers', () => {
  it('are all.opml and sources.opml (feeds.opml, the old address, is sources.opml), and the index page says which to pick', () => {
    expect(offered).toEqual(['all.opml', 'sources.opml']);
    expect(readOut(dir, 'index.html')).toContain('二选一');
    expect(readOut(dir, 'feeds.opml')).toBe(readOut(dir, 'sources.opml'));
    expect(feedUrls(readOut(dir, 'all.opml'))).toEqual([`${site}atom.xml`]);
    expect(feedUrls(readOut(dir, 'sources.opml'))).toEqual(['arxiv', 'biorxiv', 'medrxiv'].map((s) => `${site}${s}/atom.xml`));
  });

  it('give every paper once, read with feedsmith', async () => {
    for (const file of offered) {
      const ids: string[] = [];
      for (const url of feedUrls(readOut(dir, file))) ids.push(...parseAtomFeed(await (await fetch(url)).text()).entries?.map((e) => e.id!) ?? []);
      expect(ids.sort(), file).toEqual(expected);
    }
  });

  it.skipIf(!tools.feedparser)('give every paper once, read with python feedparser', async () => {
    const script = 'import sys, json, feedparser\nids = []\nfor url in sys.argv[1:]:\n    d = feedparser.parse(url)\n    assert not d.bozo, (url, d.bozo_exception)\n    ids += [e.id for e in d.entries]\nprint(json.dumps(ids))';
    for (const file of offered) {
      const { stdout } = await run(PYTHON, ['-c', script, ...feedUrls(readOut(dir, file))], { timeout: 60_000 });
      expect((JSON.parse(stdout) as string[]).sort(), file).toEqual(expected);
    }
  });

  it.skipIf(!tools.newsboat || !tools.sqlite)('give every paper once, imported whole into newsboat', async () => {
    for (const file of offered) {
      const home = tempDir('newsboat-');
      writeFileSync(join(home, 'config'), '');
      const args = ['-C', join(home, 'config'), '-c', join(home, 'cache.db'), '-u', join(home, 'urls')];
      const env = { ...process.env, HOME: home };
      await run('newsboat', [...args, '-i', join(dir, 'out', file)], { env, timeout: 60_000 });
      await run('newsboat', [...args, '-x', 'reload'], { env, timeout: 60_000 });
      const { stdout } = await run(PYTHON, ['-c', 'import sqlite3, sys, json; print(json.dumps([r[0] for r in sqlite3.connect(sys.argv[1]).execute("select guid from rss_item")]))', join(home, 'cache.db')]);
      expect((JSON.parse(stdout) as string[]).sort(), file).toEqual(expected);
    }
  });

  it.skipIf(!tools.r2e)('give every paper once, imported whole into rss2email (one mail per paper)', async () => {
    for (const file of offered) {
      const home = tempDir('r2e-');
      const mail = join(home, 'mail');
      mkdirSync(mail);
      const sendmail = join(home, 'sendmail');
      writeFileSync(sendmail, `#!/bin/sh\ncat > "$(mktemp -p '${mail}' mail.XXXXXX)"\n`);
      chmodSync(sendmail, 0o755);
      const config = join(home, 'r2e.cfg');
      const base = ['-c', config, '-d', join(home, 'data.json')];
      const env = { ...process.env, HOME: home };
      await run('r2e', [...base, 'new', 'reader@example.org'], { env, cwd: home, timeout: 60_000 });
      writeFileSync(config, readFileSync(config, 'utf8').replace(/^email-protocol = .*$/m, 'email-protocol = sendmail').replace(/^sendmail = .*$/m, `sendmail = ${sendmail}`));
      await run('r2e', [...base, 'opmlimport', join(dir, 'out', file)], { env, cwd: home, timeout: 60_000 });
      await run('r2e', [...base, 'run'], { env, cwd: home, timeout: 120_000 });
      const urls = readdirSync(mail).map((m) => /^X-RSS-URL: (.*)$/m.exec(readFileSync(join(mail, m), 'utf8'))?.[1]?.trim() ?? `(no X-RSS-URL in ${m})`);
      expect(urls.sort(), file).toEqual(expected);
    }
  });
});
