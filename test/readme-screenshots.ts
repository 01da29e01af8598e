/**
 * `npm run screenshots`: the README's pictures, made from the example digest with the
 * current templates in headless Chromium (Debian's chromium). Writes .github/readme/*.png.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSite } from '../src/build/build-site.js';
import { loadConfig } from '../src/config/load-config.js';
import { openBrowserSession } from './helpers/browser.js';

// Without a Chinese font Chromium draws every Chinese character as a box; refuse rather than write such pictures.
if (!hasChineseFont()) {
  console.error('no Chinese font found (fc-list :lang=zh is empty): install one, e.g. apt-get install fonts-noto-cjk, then run npm run screenshots again');
  process.exit(1);
}

const root = resolve(import.meta.dirname, '..');
const target = join(root, '.github/readme');
const project = mkdtempSync(join(tmpdir(), 'digestcast-shots-'));
try {
  cpSync(join(root, 'digests'), join(project, 'digests'), { recursive: true });
  const config = await loadConfig(root);
  await buildSite({ projectDir: project, config: { ...config, templatesDir: join(root, 'templates') } });
  const session = await openBrowserSession(join(project, 'out'));
  mkdirSync(target, { recursive: true });
  const shots = [
    { page: 'email/2025-10-17.html', file: 'email.png', width: 640, height: 1000, dark: false },
    { page: 'email/2025-10-17.html', file: 'email-phone-dark.png', width: 375, height: 760, dark: true },
    { page: 'index.html', file: 'index.png', width: 1000, height: 900, dark: false },
  ];
  for (const shot of shots) {
    const tab = await session.browser.newPage();
    await tab.setViewport({ width: shot.width, height: shot.height, deviceScaleFactor: 1 });
    await tab.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: shot.dark ? 'dark' : 'light' }]);
    await tab.goto(session.url + shot.page, { waitUntil: 'load' });
    await tab.screenshot({ path: join(target, shot.file) as `${string}.png` });
    await tab.close();
    console.log(`wrote .github/readme/${shot.file}`);
  }
  await session.close();
} finally {
  rmSync(project, { recursive: true, force: true });
}

function hasChineseFont(): boolean {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return true; // no fontconfig tool to ask: let Chromium try
  }
}
