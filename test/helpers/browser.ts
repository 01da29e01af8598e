/**
 * Headless Chromium (Debian's `chromium` package) driven by puppeteer-core, and a static
 * file server on loopback for the pages it opens. Tests skip, saying why, where Chromium is absent.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

/** The Chromium binary, or undefined when none is installed. */
export const CHROMIUM_PATH = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(
  (p): p is string => !!p && existsSync(p),
);

if (!CHROMIUM_PATH) {
  console.warn('[digestcast tests] no Chromium found (apt-get install chromium): browser tests are skipped');
}

/** The flags the project runs Chromium with (no sandbox as root, no network chatter). */
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-dev-shm-usage'];

/** Starts headless Chromium. */
export async function launchBrowser(): Promise<Browser> {
  if (!CHROMIUM_PATH) throw new Error('Chromium is not installed');
  return puppeteer.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS, protocolTimeout: 60_000 });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.xsl': 'application/xslt+xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.opml': 'text/x-opml; charset=utf-8',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves a folder on 127.0.0.1 (random port); returns its base URL and a closer. */
export async function serveFolder(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Chromium, a server for a folder, and where screenshots go ($DIGESTCAST_SCREENSHOTS or a temp folder). */
export interface BrowserSession {
  browser: Browser;
  url: string;
  shots: string;
  close: () => Promise<void>;
}

/** Serves `folder` and starts Chromium for one test file. */
export async function openBrowserSession(folder: string): Promise<BrowserSession> {
  const server = await serveFolder(folder);
  const browser = await launchBrowser();
  const shots = process.env.DIGESTCAST_SCREENSHOTS ?? mkdtempSync(join(process.env.DIGESTCAST_TEST_TMP ?? tmpdir(), 'screens-'));
  mkdirSync(shots, { recursive: true });
  return {
    browser,
    url: server.url,
    shots,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
