import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileTemplate, createHandlebars, TemplateError } from '../../src/templates/template-files.js';
import { PROJECT_DIR } from '../helpers/corpus.js';
import { tempDir } from '../helpers/tmp.js';

const SOURCE = '<p>{{title}}</p>{{#each items}}<i>{{this}}</i>{{/each}}';
const VIEW = { title: 'A & <b>', items: ['x<y', 'z'] };

/** The compiled templates kept in `cacheDir`. */
function cached(cacheDir: string): string[] {
  try {
    return readdirSync(join(cacheDir, 'templates')).map((name) => join(cacheDir, 'templates', name));
  } catch {
    return [];
  }
}

describe('compiled templates kept between commands', () => {
  it('render as a fresh compile does, and are what the next command renders with', () => {
    const cacheDir = tempDir('template-cache-');
    const fresh = compileTemplate<typeof VIEW>(createHandlebars(), SOURCE, 'x.hbs')(VIEW);
    expect(fresh).toBe('<p>A &amp; &lt;b&gt;</p><i>x&lt;y</i><i>z</i>');
    expect(compileTemplate<typeof VIEW>(createHandlebars(), SOURCE, 'x.hbs', { cacheDir })(VIEW)).toBe(fresh);
    const [file] = cached(cacheDir);
    expect(cached(cacheDir)).toHaveLength(1);
    expect(compileTemplate<typeof VIEW>(createHandlebars(), SOURCE, 'x.hbs', { cacheDir })(VIEW)).toBe(fresh);
    // A change made to the kept template shows: the next command did not compile again.
    writeFileSync(file!, readFileSync(file!, 'utf8').replaceAll('<p>', '<p class=\\"kept\\">'));
    expect(compileTemplate<typeof VIEW>(createHandlebars(), SOURCE, 'x.hbs', { cacheDir })(VIEW)).toBe(fresh.replace('<p>', '<p class="kept">'));
  });

  it('are kept apart by their options: the same source unescaped is another template', () => {
    const cacheDir = tempDir('template-cache-');
    expect(compileTemplate<typeof VIEW>(createHandlebars(), SOURCE, 'x.hbs', { cacheDir })(VIEW)).toBe('<p>A &amp; &lt;b&gt;</p><i>x&lt;y</i><i>z</i>');
    expect(compileTemplate<typeof VIEW>(createHandlebars(), SOURCE, 'x.hbs', { cacheDir, escape: false })(VIEW)).toBe('<p>A & <b></p><i>x<y</i><i>z</i>');
    expect(cached(cacheDir)).toHaveLength(2);
  });

  it('damaged, are compiled again (and kept anew)', () => {
    const cacheDir = tempDir('template-cache-');
    const fresh = compileTemplate<typeof VIEW>(createHandlebars(), SOURCE, 'x.hbs', { cacheDir })(VIEW);
    const [file] = cached(cacheDir);
    writeFileSync(file!, '{"compiler": [8, ');
    expect(compileTemplate<typeof VIEW>(createHandlebars(), SOURCE, 'x.hbs', { cacheDir })(VIEW)).toBe(fresh);
    expect(compileTemplate<typeof VIEW>(createHandlebars(), SOURCE, 'x.hbs', { cacheDir })(VIEW)).toBe(fresh);
  });

  it('are never made of a template with a syntax error: that is reported with its file and line, every time', () => {
    const cacheDir = tempDir('template-cache-');
    for (let i = 0; i < 2; i++) {
      expect(() => compileTemplate(createHandlebars(), '<p>\n{{#each items}}\n', 'site/day.hbs', { cacheDir })).toThrow(TemplateError);
      expect(() => compileTemplate(createHandlebars(), '<p>\n{{#each items}}\n', 'site/day.hbs', { cacheDir })).toThrow(/^site\/day\.hbs:\d+: /);
    }
    expect(cached(cacheDir)).toEqual([]);
  });
});

describe('loading the site templates', () => {
  it('needs only the Handlebars runtime once they are compiled and kept', () => {
    const cacheDir = tempDir('template-cache-');
    // Prints the CommonJS modules of Handlebars the process loaded (its compiler: dist/cjs/handlebars.js and compiler/*).
    const script = `import { createRequire } from 'node:module';
      const { loadSiteTemplates } = await import(${JSON.stringify(join(PROJECT_DIR, 'src/templates/load-site-templates.ts'))});
      const site = await loadSiteTemplates(${JSON.stringify(join(PROJECT_DIR, 'templates'))}, undefined, { cacheDir: ${JSON.stringify(cacheDir)} });
      if (!site.opmlStylesheet({ title: 'T' }).includes('T')) throw new Error('not rendered');
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter((p) => p.includes('/handlebars/dist/cjs/'));
      process.stdout.write(JSON.stringify(loaded.map((p) => p.split('/handlebars/dist/cjs/')[1])));`;
    const handlebarsLoaded = () =>
      JSON.parse(execFileSync(process.execPath, ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', script], { encoding: 'utf8' })) as string[];
    expect(handlebarsLoaded()).toContain('handlebars/compiler/compiler.js');
    expect(cached(cacheDir)).toHaveLength(5);
    expect(handlebarsLoaded().filter((p) => !p.startsWith('handlebars.runtime.js') && !p.startsWith('handlebars/'))).toEqual([]);
    expect(handlebarsLoaded().filter((p) => p.startsWith('handlebars/compiler/'))).toEqual([]);
  });
});
