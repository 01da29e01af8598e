/**
 * The compiled email layout shipped in templates/email/generated/: current with the shipped
 * templates, used (without loading MJML) while a project's templates are those, and left
 * aside as soon as one changes.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { COMPILE_EMAIL_COMMAND, COMPILED_LAYOUT_PATH, emailSourceFiles, parseCompiledLayout, sourcesHash } from '../../src/templates/compiled-layout.js';
import { compiledLayoutFile, loadEmailTemplates } from '../../src/templates/load-email-templates.js';
import { PROJECT_DIR } from '../helpers/corpus.js';
import { historyFixture, makeProject } from '../helpers/project.js';

const run = promisify(execFile);
const SHIPPED_EMAIL_DIR = join(PROJECT_DIR, 'templates/email');
const SHIPPED_COMPILED = join(SHIPPED_EMAIL_DIR, COMPILED_LAYOUT_PATH);
/** Makes every import or require of mjml fail as if it were not installed, noting each attempt in $REFUSE_MJML_LOG. */
const REFUSE_MJML = new URL('./fixtures/refuse-mjml.mjs', import.meta.url).href;
const CHANGE = '<mj-section><mj-column><mj-text>changed-by-the-test</mj-text></mj-column></mj-section>\n  </mj-body>';

/** A project with a copy of the shipped email templates (`withCompiled`: its generated/ folder too). */
function projectWithTemplates(withCompiled: boolean): string {
  const dir = makeProject(historyFixture());
  cpSync(SHIPPED_EMAIL_DIR, join(dir, 'templates/email'), { recursive: true });
  if (!withCompiled) rmSync(join(dir, 'templates/email/generated'), { recursive: true });
  return dir;
}

function changeLayout(dir: string): void {
  const path = join(dir, 'templates/email/layout.mjml');
  const source = readFileSync(path, 'utf8');
  expect(source, 'the test adds a section before </mj-body>').toContain('</mj-body>');
  writeFileSync(path, source.replace('</mj-body>', CHANGE));
}

function emailCacheFiles(cacheDir: string): string[] {
  return existsSync(cacheDir) ? readdirSync(cacheDir).filter((f) => f.startsWith('email-')) : [];
}

describe('the shipped compiled layout', () => {
  it(`is current with the shipped templates (else run ${COMPILE_EMAIL_COMMAND})`, async () => {
    const stale = `templates/email/${COMPILED_LAYOUT_PATH} is stale: run \`${COMPILE_EMAIL_COMMAND}\` and commit it`;
    const committed = parseCompiledLayout(readFileSync(SHIPPED_COMPILED, 'utf8'));
    expect(committed, `${stale} (its header is missing or broken)`).toBeDefined();
    expect(committed!.sourcesHash, `${stale} (the .mjml files changed since it was compiled)`).toBe(sourcesHash(emailSourceFiles(SHIPPED_EMAIL_DIR)));
    const fresh = parseCompiledLayout(await compiledLayoutFile(SHIPPED_EMAIL_DIR))!;
    expect(committed!.html === fresh.html, `${stale} (MJML ${fresh.mjmlVersion} compiles the templates to other HTML than the file holds)`).toBe(true);
  });

  it('is not trusted when its header was edited by hand', () => {
    const text = readFileSync(SHIPPED_COMPILED, 'utf8');
    expect(parseCompiledLayout(text.replace(/(file: layout\.mjml sha256: )[0-9a-f]/, '$1x'))).toBeUndefined();
    expect(parseCompiledLayout(text.replace(/^\{\{!--\n/, ''))).toBeUndefined();
  });

  it('is used for a project whose templates are the shipped ones byte for byte: nothing is compiled or cached', async () => {
    const dir = projectWithTemplates(false);
    const cacheDir = join(dir, '.digestcast/cache');
    const templates = await loadEmailTemplates(join(dir, 'templates'), '{{date}}', { cacheDir, displayRoot: dir });
    expect(emailCacheFiles(cacheDir)).toEqual([]);
    expect(templates.html).toBeTypeOf('function');
  });

  it('is left aside when a template changed: MJML compiles it (even with a stale generated/ beside it) and the result is cached', async () => {
    const dir = projectWithTemplates(true);
    changeLayout(dir);
    const cacheDir = join(dir, '.digestcast/cache');
    await loadEmailTemplates(join(dir, 'templates'), '{{date}}', { cacheDir, displayRoot: dir });
    const cached = emailCacheFiles(cacheDir);
    expect(cached).toHaveLength(1);
    expect(readFileSync(join(cacheDir, cached[0]!), 'utf8')).toContain('changed-by-the-test');
  });
});

describe('a build in a child process where mjml cannot be imported', () => {
  const cli = (dir: string, log: string) =>
    run(process.execPath, ['--import', import.meta.resolve('tsx'), '--import', REFUSE_MJML, join(PROJECT_DIR, 'src/cli.ts'), 'build'], {
      cwd: dir,
      env: { ...process.env, REFUSE_MJML_LOG: log },
      encoding: 'utf8',
    });

  it('succeeds with the shipped templates, and never tried to load MJML', async () => {
    const dir = makeProject(historyFixture());
    const log = join(dir, 'mjml-imports.log');
    await cli(dir, log);
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '', 'attempts to load mjml').toBe('');
    expect(readFileSync(join(dir, 'out/email/2025-10-18.html'), 'utf8')).toContain('第四篇：组合式机器');
  });

  it('stops on a changed template with an error that names it and says to install mjml', async () => {
    const dir = projectWithTemplates(false);
    changeLayout(dir);
    const log = join(dir, 'mjml-imports.log');
    const failed = await cli(dir, log).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/^digestcast build: templates\/email\/layout\.mjml: changed .*needs the mjml package.*: run npm install mjml\n$/);
    expect(readFileSync(log, 'utf8')).toContain('import mjml');
  });
});
