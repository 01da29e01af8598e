/**
 * The build's state files (build manifest, parse cache) are checked when read: one that is
 * damaged, of another format version or of another shape is ignored, the build is still right
 * (everything rebuilt, every digest parsed again), and a one-line note says why.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { filesUnder } from '../../src/files-under.js';
import { buildProject, historyFixture, makeProject } from '../helpers/project.js';
import { memoryIo } from '../helpers/io.js';

const MANIFEST = '.digestcast/build-manifest.json';
const CACHE = '.digestcast/cache/parsed-digests.json';

/** Every file of out/, by path. */
function outTree(dir: string): Record<string, string> {
  return Object.fromEntries(filesUnder(join(dir, 'out')).map((path) => [path, readFileSync(join(dir, 'out', path), 'utf8')]));
}

/** A built project, its out/ tree, and a function that rewrites one of its state files. */
async function builtProject() {
  const dir = makeProject(historyFixture());
  const first = await buildProject(dir);
  expect(first.notes).toEqual([]);
  const tree = outTree(dir);
  const edit = (path: string, change: (json: Record<string, any>) => void) => {
    const json = JSON.parse(readFileSync(join(dir, path), 'utf8')) as Record<string, any>;
    change(json);
    writeFileSync(join(dir, path), JSON.stringify(json));
  };
  const damage = (path: string) => writeFileSync(join(dir, path), readFileSync(join(dir, path), 'utf8').slice(0, 200));
  return { dir, tree, digests: first.parseCache.misses, edit, damage };
}

describe('build manifest', () => {
  const cases = [
    ['damaged (cut off)', (p: Awaited<ReturnType<typeof builtProject>>) => p.damage(MANIFEST), /^build manifest ignored: not JSON \(.+\); rebuilding everything$/],
    ['of another version', (p: Awaited<ReturnType<typeof builtProject>>) => p.edit(MANIFEST, (m) => (m.version = 1)), /^build manifest ignored: format 1, expected 2; rebuilding everything$/],
    ['from before formats were numbered', (p: Awaited<ReturnType<typeof builtProject>>) => p.edit(MANIFEST, (m) => (delete m.format, delete m.version)), /^build manifest ignored: format 1, expected 2; rebuilding everything$/],
    ['of another shape (stats missing)', (p: Awaited<ReturnType<typeof builtProject>>) => p.edit(MANIFEST, (m) => delete m.stats), /^build manifest ignored: not the shape digestcast writes \(stats: .+\); rebuilding everything$/],
    ['of another shape (a file hash a number)', (p: Awaited<ReturnType<typeof builtProject>>) => p.edit(MANIFEST, (m) => (m.files['atom.xml'] = 1)), /^build manifest ignored: not the shape digestcast writes \(files\.atom\.xml: .+\); rebuilding everything$/],
  ] as const;
  for (const [what, spoil, note] of cases) {
    it(`${what}: is ignored, everything is rebuilt, and a note says why`, async () => {
      const project = await builtProject();
      spoil(project);
      const result = await buildProject(project.dir);
      expect(result.upToDate).toBe(false);
      expect(result.written).toBe(result.outputs);
      expect(result.notes).toHaveLength(1);
      expect(result.notes[0]).toMatch(note);
      expect(outTree(project.dir)).toEqual(project.tree);
      // The manifest written then is good again.
      const next = await buildProject(project.dir);
      expect(next).toMatchObject({ upToDate: true, notes: [] });
    });
  }

  it('is a note on stderr from the command line', async () => {
    const project = await builtProject();
    project.edit(MANIFEST, (m) => (m.version = 1));
    const io = memoryIo(project.dir);
    expect(await main(['build'], io)).toBe(0);
    expect(io.err()).toContain('digestcast build: build manifest ignored: format 1, expected 2; rebuilding everything\n');
    expect(io.out()).toMatch(/^digestcast build: .* written, 0 unchanged\)/);
  });
});

describe('parse cache', () => {
  const cases = [
    ['damaged (cut off)', (p: Awaited<ReturnType<typeof builtProject>>) => p.damage(CACHE), /^parse cache ignored: not JSON \(.+\); parsing every digest again$/],
    ['of another version', (p: Awaited<ReturnType<typeof builtProject>>) => p.edit(CACHE, (c) => (c.version = 3)), /^parse cache ignored: format 3, expected 2; parsing every digest again$/],
    ['of another format', (p: Awaited<ReturnType<typeof builtProject>>) => p.edit(CACHE, (c) => (c.format = 'digestcast-build-manifest')), /^parse cache ignored: a "digestcast-build-manifest" file, expected "digestcast-parse-cache"; parsing every digest again$/],
    [
      'of another shape (a cached record missing a field)',
      (p: Awaited<ReturnType<typeof builtProject>>) => p.edit(CACHE, (c) => delete Object.values<Record<string, unknown>>(c.entries)[0]!.readable),
      /^parse cache ignored: not the shape digestcast writes \(entries\.[0-9a-f]+:[^.]+\.md\.readable: .+\); parsing every digest again$/,
    ],
    [
      'of another shape (a source day without its papers)',
      (p: Awaited<ReturnType<typeof builtProject>>) => p.edit(CACHE, (c) => delete Object.values<{ parsed: { days: Record<string, unknown>[] } }>(c.entries).find((e) => e.parsed.days.length > 0)!.parsed.days[0]!.papers),
      /^parse cache ignored: not the shape digestcast writes \(entries\..+\.parsed\.days\.0: not a source day \(date, source, status, papers\)\); parsing every digest again$/,
    ],
  ] as const;
  for (const [what, spoil, note] of cases) {
    it(`${what}: is ignored, every digest is parsed again, and a note says why`, async () => {
      const project = await builtProject();
      spoil(project);
      const result = await buildProject(project.dir, { force: true });
      expect(result.parseCache).toEqual({ hits: 0, misses: project.digests });
      expect(result.notes).toHaveLength(1);
      expect(result.notes[0]).toMatch(note);
      expect(outTree(project.dir)).toEqual(project.tree);
      const next = await buildProject(project.dir, { force: true });
      expect(next.parseCache).toEqual({ hits: project.digests, misses: 0 });
      expect(next.notes).toEqual([]);
    });
  }

  it('written by other code is ignored without a note: that is how code changes reach the results', async () => {
    const project = await builtProject();
    project.edit(CACHE, (c) => (c.code = '0.0.1+0000000000000000.00000000'));
    const result = await buildProject(project.dir, { force: true });
    expect(result.parseCache).toEqual({ hits: 0, misses: project.digests });
    expect(result.notes).toEqual([]);
  });
});
