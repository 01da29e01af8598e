/**
 * The send state on its git branch (`digestcast state pull|push`) against real git: a bare
 * repository standing in for GitHub and shallow clones standing in for runners. First run, a
 * fresh checkout, a runner holding a stale copy, many runners pushing at once.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pullState, pushState } from '../../src/send/state-branch.js';
import { cli } from '../send/send-helpers.js';
import { git, remoteAndClone } from '../helpers/git-remote.js';


const line = (id: string, n: number) => JSON.stringify({ status: 'sent', id: id.padEnd(32, '0'), at: `2025-10-17T00:00:${String(n % 60).padStart(2, '0')}Z`, messageId: `<m${n}>` });

function writeState(dir: string, path: string, lines: string[]): void {
  const full = join(dir, '.digestcast', path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, lines.map((l) => `${l}\n`).join(''));
}

const branchFiles = (remote: string) => git(remote, 'ls-tree', '-r', '--name-only', 'digestcast-state').trim().split('\n').sort();
const branchFile = (remote: string, path: string) => git(remote, 'show', `digestcast-state:${path}`);
const state = (dir: string) => ({ repoDir: dir, stateDir: join(dir, '.digestcast') });

describe('digestcast state pull/push', () => {
  it('starts empty, pushes only the state to its own branch, and pulls it into a fresh checkout', async () => {
    const { remote, clone } = remoteAndClone();
    const first = clone();
    expect((await cli(first, ['state', 'pull'], {})).out).toContain('no origin digestcast-state branch yet');
    writeState(first, 'ledger/2025-10-17.w1.jsonl', [line('a', 1)]);
    writeState(first, 'suppressions.txt', [`${'b'.repeat(32)} unsubscribed 2025-10-17`, 'private@example.org']);
    writeState(first, 'outbox/2025-10-17/x.eml', ['To: someone@example.org']);
    writeState(first, 'locks/send.w1.lock', ['{}']);
    writeState(first, 'local-secret', ['secret-secret-secret']);
    const pushed = await cli(first, ['state', 'push'], {});
    expect(pushed.code).toBe(0);
    expect(pushed.out).toContain('pushed the send state to origin digestcast-state: 2 files');
    expect(pushed.err).toContain('1 plain address in suppressions.txt kept off the branch');
    // Only the state: never the outbox, locks or the local secret, and no address at all.
    expect(branchFiles(remote)).toEqual(['README.md', 'ledger/2025-10-17.w1.jsonl', 'suppressions.txt']);
    expect(branchFile(remote, 'suppressions.txt')).not.toContain('@');
    expect(git(remote, 'ls-tree', '-r', '--name-only', 'main').trim()).toBe('README.md');
    expect((await cli(first, ['state', 'push'], {})).out).toContain('is up to date');

    const second = clone();
    expect((await cli(second, ['state', 'pull'], {})).out).toContain('pulled the send state from origin digestcast-state: 2 files updated');
    expect(readFileSync(join(second, '.digestcast/ledger/2025-10-17.w1.jsonl'), 'utf8')).toBe(`${line('a', 1)}\n`);
  });

  it('never loses a line: a runner with a stale copy of a ledger merges by union instead of overwriting', async () => {
    const { remote, clone } = remoteAndClone();
    const fresh = clone();
    const stale = clone();
    const all = Array.from({ length: 201 }, (_, i) => line(`x${i}`, i));
    // The stale runner pulled when the ledger had 100 lines; the other one went on to 201 and pushed.
    writeState(stale, 'ledger/2025-10-17.w1.jsonl', all.slice(0, 100));
    writeState(stale, 'ledger/2025-10-18.w2.jsonl', [line('new', 1)]);
    writeState(stale, 'bounces/w2.jsonl', [JSON.stringify({ id: 'c'.repeat(32), day: '2025-10-18', event: 'bounced' })]);
    writeState(fresh, 'ledger/2025-10-17.w1.jsonl', all);
    writeState(fresh, 'bounces/w1.jsonl', [JSON.stringify({ id: 'd'.repeat(32), day: '2025-10-17', event: 'bounced' })]);
    await pushState(state(fresh));
    await pushState(state(stale));
    expect(branchFile(remote, 'ledger/2025-10-17.w1.jsonl').trim().split('\n')).toHaveLength(201);
    expect(branchFiles(remote)).toEqual(['README.md', 'bounces/w1.jsonl', 'bounces/w2.jsonl', 'ledger/2025-10-17.w1.jsonl', 'ledger/2025-10-18.w2.jsonl']);
    // A pull brings the stale runner up to date without dropping what only it has.
    await pullState(state(stale));
    expect(readFileSync(join(stale, '.digestcast/ledger/2025-10-17.w1.jsonl'), 'utf8').trim().split('\n')).toHaveLength(201);
  });

  it('eight runners pushing at once all land, retrying with jitter on the new tip', async () => {
    const { remote, clone } = remoteAndClone();
    const runners = Array.from({ length: 8 }, () => clone());
    runners.forEach((dir, r) => {
      writeState(dir, `ledger/2025-10-17.w${r}.jsonl`, Array.from({ length: 50 }, (_, i) => line(`r${r}n${i}`, i)));
      writeState(dir, 'suppressions.txt', [`${String(r).repeat(32)} unsubscribed 2025-10-17`]);
    });
    const results = await Promise.all(runners.map((dir) => pushState(state(dir))));
    expect(results.every((r) => r.files >= 1)).toBe(true);
    expect(results.some((r) => r.attempts > 1)).toBe(true);
    const files = branchFiles(remote).filter((f) => f.startsWith('ledger/'));
    expect(files).toHaveLength(8);
    for (let r = 0; r < 8; r++) expect(branchFile(remote, `ledger/2025-10-17.w${r}.jsonl`).trim().split('\n')).toHaveLength(50);
    expect(branchFile(remote, 'suppressions.txt').trim().split('\n')).toHaveLength(8);
  });

  it('pushes to another branch everything, and again whatever a reset branch lost; never a line with an address', async () => {
    const { remote, clone } = remoteAndClone();
    const dir = clone();
    writeState(dir, 'ledger/2025-10-17.w1.jsonl', [line('a', 1)]);
    writeState(dir, 'suppressions.txt', [`${'b'.repeat(32)} unsubscribed 2025-10-17`, `# removed bob@example.org by hand`, `${'c'.repeat(32)} carol@example.net`]);
    expect((await pushState(state(dir))).addressesKeptPrivate).toBe(2);
    // Another branch: a manifest of the first must not make it look up to date.
    expect((await pushState({ ...state(dir), branch: 'other-state' })).files).toBe(2);
    expect(git(remote, 'ls-tree', '-r', '--name-only', 'other-state')).toContain('ledger/2025-10-17.w1.jsonl');
    // The branch is deleted and re-created: files the manifest calls unchanged are pushed again.
    git(remote, 'update-ref', '-d', 'refs/heads/digestcast-state');
    expect((await pushState(state(dir))).files).toBe(2);
    expect(branchFiles(remote)).toEqual(['README.md', 'ledger/2025-10-17.w1.jsonl', 'suppressions.txt']);
    expect(branchFile(remote, 'suppressions.txt')).toBe(`${'b'.repeat(32)} unsubscribed 2025-10-17\n`);
    // A damaged line stays local (the next send names it), instead of stopping every runner that pulls it.
    writeState(dir, 'ledger/2025-10-18.w1.jsonl', [line('d', 2), '{"status":"sen']);
    const pushed = await pushState(state(dir));
    expect(pushed.damagedKeptOff).toBe(1);
    expect(branchFile(remote, 'ledger/2025-10-18.w1.jsonl')).toBe(`${line('d', 2)}\n`);
  });

  it('refuses to pull while a send runs in the folder (it would replace files the send appends to)', async () => {
    const { clone } = remoteAndClone();
    const dir = clone();
    await pushState(state(dir));
    const { acquireSendLock } = await import('../../src/send/send-lock.js');
    const lock = acquireSendLock(join(dir, '.digestcast'), 'all', 'w-test');
    try {
      await expect(pullState(state(dir))).rejects.toThrow(/a send is running in .* \(all subscribers, pid \d+/);
    } finally {
      lock.release();
    }
    await expect(pullState(state(dir))).resolves.toMatchObject({ branchExisted: false });
  });
});
