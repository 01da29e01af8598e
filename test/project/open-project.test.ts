import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSite } from '../../src/build/build-site.js';
import { openProject, Project } from '../../src/open-project.js';
import { sendDay } from '../../src/send/send-day.js';
import { historyFixture, makeProject } from '../helpers/project.js';

const quiet = { log: () => undefined, warn: () => undefined };

describe('openProject', () => {
  it('reads the config and resolves every folder against the project folder', async () => {
    const dir = makeProject({
      ...historyFixture(),
      'digestcast.config.json': JSON.stringify({ siteUrl: 'https://feeds.example.org/', digestsDir: 'daily', outDir: 'public', stateDir: 'state', templatesDir: 'tpl' }),
    });
    const project = await openProject(dir);
    expect(project.config.siteUrl).toBe('https://feeds.example.org/');
    expect(project.dirs).toEqual({
      root: dir,
      digests: join(dir, 'daily'),
      out: join(dir, 'public'),
      state: join(dir, 'state'),
      templates: join(dir, 'tpl'),
      cache: join(dir, 'state', 'cache'),
    });
  });

  it('fails with the key when the config is wrong, before reading anything', async () => {
    const dir = makeProject({ 'digestcast.config.json': JSON.stringify({ feeds: { days: 'seven' } }) });
    await expect(openProject(dir)).rejects.toThrow(/feeds\.days/);
  });

  it('reads the digests and the email templates once, however often and however concurrently they are asked for', async () => {
    const dir = makeProject(historyFixture());
    const project = await openProject(dir);
    expect(project.digestsRead).toBe(false);
    const [a, b] = await Promise.all([project.digests(), project.digests()]);
    expect(a).toBe(b);
    expect(a.parseCache).toEqual({ hits: 0, misses: 5 });
    expect(a.catalog.days.map((d) => d.date)).toEqual(['2025-10-18', '2025-10-17', '2025-10-16']);
    expect(await project.emailTemplates()).toBe(await project.emailTemplates());
    expect(await project.siteTemplates()).toBe(await project.siteTemplates());
  });

  it('lets `run` send the very catalog its build read: the digests are not read again in between', async () => {
    const dir = makeProject(historyFixture());
    const project = new Project(dir, (await openProject(dir)).config);
    const build = await buildSite({ projectDir: dir, config: project.config, project });
    expect(build.upToDate).toBe(false);
    expect(project.digestsRead).toBe(true);
    // Were the digests read again, the send would find none.
    renameSync(join(dir, 'digests'), join(dir, 'digests-moved'));
    const report = await sendDay({ projectDir: dir, config: project.config, project, env: { SUBSCRIBERS: 'reader@example.org' }, date: '2025-10-18', ...quiet });
    expect(report).toMatchObject({ date: '2025-10-18', transport: 'outbox', delivered: 1, complete: true });
    expect(existsSync(join(dir, '.digestcast/outbox/2025-10-18'))).toBe(true);
  });

  it('after an up-to-date build, which reads no digest, gives the catalog from the parse cache', async () => {
    const dir = makeProject(historyFixture());
    await buildSite({ projectDir: dir, config: (await openProject(dir)).config });
    const project = await openProject(dir);
    const build = await buildSite({ projectDir: dir, config: project.config, project });
    expect(build.upToDate).toBe(true);
    expect(project.digestsRead).toBe(false);
    const { parseCache, catalog } = await project.digests();
    expect(parseCache).toEqual({ hits: 5, misses: 0 });
    expect(catalog.entries.length).toBe(build.stats.entries);
  });
});
