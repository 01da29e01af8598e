import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/hash.js';
import { openProject } from '../../src/open-project.js';
import { historyFixture, makeProject } from '../helpers/project.js';

/** Sets every digest's mtime `secondsAgo` seconds back: files older than the racy window. */
function ageDigests(dir: string, secondsAgo: number): void {
  const when = new Date(Date.now() - secondsAgo * 1000);
  for (const name of readdirSync(join(dir, 'digests'))) utimesSync(join(dir, 'digests', name), when, when);
}

/** Rewrites a file in place with other bytes of the same size and puts its mtime back: size, mtime and inode are as before. The new text. */
function editKeepingStat(path: string): string {
  const before = statSync(path);
  const text = readFileSync(path, 'utf8');
  const edited = text.replace('a', 'b');
  expect(edited).not.toBe(text);
  writeFileSync(path, edited);
  utimesSync(path, before.atime, before.mtime);
  expect(statSync(path)).toMatchObject({ size: before.size, mtimeMs: before.mtimeMs, ino: before.ino });
  return edited;
}

/** The digest files' hashes as a fresh project (a new command) sees them, and how many it read to hash. */
async function filesSeen(dir: string): Promise<{ hashes: string[]; read: number; notes: string[] }> {
  const files = await (await openProject(dir)).digestFiles();
  return { hashes: files.hashes, read: files.bytes.size, notes: files.notes };
}

describe('recorded digest file hashes', () => {
  it('are reused while a file keeps its size, mtime, ctime and inode: an old, unchanged file is not read again', async () => {
    const dir = makeProject(historyFixture());
    ageDigests(dir, 3600);
    const first = await filesSeen(dir);
    expect(first.read).toBe(5);
    const again = await filesSeen(dir);
    expect(again).toEqual({ hashes: first.hashes, read: 0, notes: [] });
  });

  it('are not trusted for a file modified within the racy window of their recording: an in-place edit keeping size and mtime is seen', async () => {
    const dir = makeProject(historyFixture());
    const name = readdirSync(join(dir, 'digests')).sort()[0]!;
    const path = join(dir, 'digests', name);
    // A whole-millisecond mtime, which `utimesSync` can put back exactly.
    const now = new Date();
    utimesSync(path, now, now);
    const first = await filesSeen(dir);
    // Same size, other bytes, and the mtime put back: the racy-clean rule tells (and the change time).
    const edited = editKeepingStat(path);
    const again = await filesSeen(dir);
    expect(again.hashes).toContain(`digests/${name}:${sha256(edited)}`);
    expect(again.hashes).not.toEqual(first.hashes);
  });

  it('see a file rewritten in place long after, with its old mtime put back, by its change time', async () => {
    const dir = makeProject(historyFixture());
    ageDigests(dir, 3600);
    const first = await filesSeen(dir);
    const name = readdirSync(join(dir, 'digests')).sort()[0]!;
    const path = join(dir, 'digests', name);
    // An hour-old mtime put back (outside the racy window): size, mtime and inode are as recorded.
    const edited = editKeepingStat(path);
    const again = await filesSeen(dir);
    expect(again.read).toBe(1);
    expect(again.hashes).toContain(`digests/${name}:${sha256(edited)}`);
    expect(again.hashes).not.toEqual(first.hashes);
  });

  it('keep the outline of a touched file (mtime changed, same bytes): it is hashed again, not parsed again', async () => {
    const dir = makeProject(historyFixture());
    ageDigests(dir, 3600);
    const project = await openProject(dir);
    const history = await project.history();
    await history.save();
    const name = readdirSync(join(dir, 'digests')).sort()[0]!;
    const now = new Date();
    utimesSync(join(dir, 'digests', name), now, now);
    const next = await openProject(dir);
    const files = await next.digestFiles();
    expect([...files.bytes.keys()]).toEqual([join(dir, 'digests', name)]);
    const again = await next.history();
    expect(again.parseCache).toEqual({ hits: 0, misses: 0 });
    expect(again.outlines).toEqual(history.outlines);
    expect(again.changed).toBe(false);
  });

  it('are ignored with a note when their file is damaged, and every digest is hashed again', async () => {
    const dir = makeProject(historyFixture());
    ageDigests(dir, 3600);
    const first = await filesSeen(dir);
    const statePath = join(dir, '.digestcast/cache/file-hashes.json');
    writeFileSync(statePath, '{"format":"digestcast-file-hashes","version":2,"recordedAt":1,"files":{"digests/x.md":[1,2]}}');
    const damaged = await filesSeen(dir);
    expect(damaged.hashes).toEqual(first.hashes);
    expect(damaged.read).toBe(5);
    expect(damaged.notes).toEqual(['digest file hashes ignored: files.digests/x.md is not [size, mtimeMs, inode, hash, ctimeMs]; hashing every digest again']);
    writeFileSync(statePath, '{"format":');
    const project = await openProject(dir);
    expect((await project.history()).notes).toEqual([expect.stringMatching(/^digest file hashes ignored: not JSON \(.*\); hashing every digest again$/)]);
    // Rewritten whole: the next command trusts it again.
    expect(await filesSeen(dir)).toEqual({ hashes: first.hashes, read: 0, notes: [] });
  });
});
