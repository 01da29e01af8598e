import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../helpers/corpus.js';
import { buildProject, historyFixture, makeProject } from '../helpers/project.js';

const LOG_IMPORTS = new URL('../helpers/fixtures/log-imports.mjs', import.meta.url).href;
/** What reads and renders digests: a build with nothing to do needs none of it. */
const HEAVY = ['remark', 'remark-gfm', 'unicodeit', 'feed', 'fast-xml-parser', 'handlebars', 'nodemailer'];
const LAZY = ['src/read-digests.ts', 'src/parse/parse-digest.ts', 'src/feeds/feed-set.ts', 'src/site/pages.ts', 'src/email/email-previews.ts', 'src/templates/load-email-templates.ts', 'src/templates/mjml-compile.ts', 'src/templates/load-site-templates.ts'];

describe('a build with nothing to do', () => {
  it('loads neither the reader nor a renderer: it hashes the digests, checks the manifest and stops', async () => {
    const dir = makeProject(historyFixture());
    await buildProject(dir);
    const log = join(dir, 'imports.log');
    const run = (env: Record<string, string>) =>
      execFileSync(process.execPath, ['--import', import.meta.resolve('tsx'), '--import', LOG_IMPORTS, join(PROJECT_DIR, 'src/cli.ts'), 'build'], {
        cwd: dir,
        env: { ...process.env, ...env },
        encoding: 'utf8',
      });
    expect(run({ LOG_IMPORTS: log })).toMatch(/up to date, nothing written/);
    const imported = new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean).map((s) => (s.startsWith('src/') ? s : s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!)));
    expect(imported.has('zod'), 'the log names the packages loaded (the config needs zod)').toBe(true);
    expect(HEAVY.filter((name) => imported.has(name))).toEqual([]);
    // digestcast's own modules that read and render (mjml, for one, is loaded only from these).
    expect(imported.has('src/build/build-site.ts'), 'the log names digestcast modules too').toBe(true);
    expect(LAZY.filter((module) => imported.has(module))).toEqual([]);

    // The same check sees them when there is something to build.
    const rebuildLog = join(dir, 'rebuild.log');
    expect(run({ LOG_IMPORTS: rebuildLog, DIGESTCAST_SITE_URL: 'https://other.example.org/' })).toMatch(/written/);
    expect(existsSync(rebuildLog)).toBe(true);
    const rebuilt = readFileSync(rebuildLog, 'utf8');
    // A package by its name or a path in it (`handlebars/runtime.js`: compiled templates from the cache need only Handlebars' runtime).
    for (const name of ['remark', 'feed', 'handlebars', 'src/read-digests.ts', 'src/feeds/feed-set.ts', 'src/templates/load-email-templates.ts']) expect(rebuilt, name).toMatch(new RegExp(`^${name.replaceAll('.', '\\.')}(?:/.+)?$`, 'm'));
  });
});
