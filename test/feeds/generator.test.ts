import { join } from 'node:path';
import { parseAtomFeed, parseRssFeed } from 'feedsmith';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.js';
import { buildCatalog, type Catalog } from '../../src/project/catalog.js';
import { type Generator, renderFeeds } from '../../src/feeds/feed-set.js';
import { packageInfoOf } from '../../src/package-info.js';
import { readDigests } from '../../src/read-digests.js';
import { historyFixture, makeProject } from '../helpers/project.js';

describe('the home page digestcast names in its feeds', () => {
  it.each([
    [{}, undefined],
    [{ homepage: 'https://example.org/digestcast#readme' }, 'https://example.org/digestcast#readme'],
    [{ homepage: 'https://example.org/home', repository: 'https://example.org/repo' }, 'https://example.org/home'],
    [{ repository: { type: 'git', url: 'git+https://git.example.org/team/digestcast.git' } }, 'https://git.example.org/team/digestcast'],
    [{ repository: 'github:team/digestcast' }, 'https://github.com/team/digestcast'],
    [{ repository: 'team/digestcast' }, 'https://github.com/team/digestcast'],
    [{ repository: 'git@git.example.org:team/digestcast.git' }, undefined], // no web address to give
    [{ homepage: 'javascript:alert(1)' }, undefined],
  ])('package.json %j → %s', (fields, homepage) => {
    expect(packageInfoOf({ name: 'digestcast', version: '1.2.3', ...fields }).homepage).toBe(homepage);
  });
});

describe('feed generator', () => {
  let catalog: Catalog;
  beforeAll(async () => {
    catalog = buildCatalog((await readDigests([join(makeProject(historyFixture()), 'digests')])).days);
  });
  const render = (generator: Generator) => new Map(renderFeeds(catalog, defaultConfig(), generator).files.map((f) => [f.path, f.content]));

  it('names digestcast, its version and its home page when package.json has one', () => {
    const files = render({ uri: 'https://example.org/digestcast', version: '1.2.3' });
    expect(parseAtomFeed(files.get('atom.xml')!).generator).toMatchObject({ text: 'digestcast', uri: 'https://example.org/digestcast', version: '1.2.3' });
    expect(parseRssFeed(files.get('rss.xml')!).generator).toBe('digestcast 1.2.3 (https://example.org/digestcast)');
  });

  it('names no address at all when package.json has none', () => {
    const files = render({ version: '1.2.3' });
    const atom = parseAtomFeed(files.get('atom.xml')!).generator;
    expect(atom).toMatchObject({ text: 'digestcast', version: '1.2.3' });
    expect(atom?.uri).toBeUndefined();
    expect(parseRssFeed(files.get('rss.xml')!).generator).toBe('digestcast 1.2.3');
    for (const [path, content] of files) if (path.endsWith('.xml')) expect(content, path).toMatch(/<generator(?: version="1\.2\.3")?>digestcast(?: 1\.2\.3)?<\/generator>/);
  });
});
