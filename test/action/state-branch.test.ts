/**
 * The Action's ledger persistence (.github/scripts/state-branch.sh) against a real git remote
 * (a bare repository on disk): first run, later runs, a fresh checkout, two shards at once.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../helpers/corpus.js';
import { tempDir } from '../helpers/tmp.js';

const SCRIPT = join(PROJECT_DIR, '.github/scripts/state-branch.sh');
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
const state = (cwd: string, command: 'restore' | 'save') => execFileSync('bash', [SCRIPT, command], { cwd, encoding: 'utf8' });

/** A bare "GitHub" remote with one commit on main, and a clone of it (what actions/checkout gives). */
function remoteAndClone(): { remote: string; clone: () => string } {
  const root = tempDir('state-');
  const remote = join(root, 'remote.git');
  git(root, 'init', '--quiet', '--bare', '-b', 'main', remote);
  const seed = join(root, 'seed');
  git(root, 'clone', '--quiet', remote, seed);
  writeFileSync(join(seed, 'README.md'), 'project\n');
  git(seed, 'add', '.');
  git(seed, 'commit', '--quiet', '-m', 'init');
  git(seed, 'push', '--quiet', 'origin', 'HEAD:main');
  let n = 0;
  return {
    remote,
    clone: () => {
      const dir = join(root, `clone-${n++}`);
      git(root, 'clone', '--quiet', '--depth=1', `file://${remote}`, dir);
      return dir;
    },
  };
}

/** Makes `clone`'s next push race with `other`: a pre-push hook has `other` save first (once). */
function raceOnNextPush(clone: string, other: string): void {
  const hook = join(clone, '.git/hooks/pre-push');
  writeFileSync(hook, `#!/bin/sh\nif [ ! -f "${clone}/.raced" ]; then touch "${clone}/.raced"; (cd "${other}" && bash "${SCRIPT}" save >/dev/null); fi\nexit 0\n`, { mode: 0o755 });
}

function writeLedger(dir: string, name: string, lines: string[]): void {
  mkdirSync(join(dir, '.digestcast/ledger'), { recursive: true });
  writeFileSync(join(dir, '.digestcast/ledger', name), lines.map((l) => `${l}\n`).join(''));
}

describe('state-branch.sh', () => {
  it('starts empty, saves the ledger to its own branch, and restores it in a fresh checkout', () => {
    const { remote, clone } = remoteAndClone();
    const first = clone();
    expect(state(first, 'restore')).toContain('no digestcast-state branch yet');
    writeLedger(first, '2025-10-17.jsonl', ['{"status":"sent","id":"a"}']);
    writeFileSync(join(first, '.digestcast/suppressions.txt'), 'bbbb unsubscribed 2025-10-17\n');
    mkdirSync(join(first, '.digestcast/outbox'), { recursive: true });
    writeFileSync(join(first, '.digestcast/outbox/x.eml'), 'To: someone@example.org\n');
    expect(state(first, 'save')).toContain('saved the send state to digestcast-state');
    const files = git(remote, 'ls-tree', '-r', '--name-only', 'digestcast-state').trim().split('\n').sort();
    // Only the state: never the outbox (it holds addresses).
    expect(files).toEqual(['README.md', 'ledger/2025-10-17.jsonl', 'suppressions.txt']);
    expect(git(remote, 'ls-tree', '-r', '--name-only', 'main').trim()).toBe('README.md');

    const second = clone();
    expect(state(second, 'restore')).toContain('restored the send state from digestcast-state (1 ledger files)');
    expect(readFileSync(join(second, '.digestcast/ledger/2025-10-17.jsonl'), 'utf8')).toContain('"id":"a"');
    writeLedger(second, '2025-10-17.jsonl', ['{"status":"sent","id":"a"}', '{"status":"sent","id":"c"}']);
    expect(state(second, 'save')).toContain('saved');
    expect(state(second, 'save')).toContain('send state unchanged');
    expect(git(remote, 'rev-list', '--count', 'digestcast-state').trim()).toBe('2');
  });

  it('lets two shards save one after the other without losing either ledger or suppression', () => {
    const { remote, clone } = remoteAndClone();
    const a = clone();
    const b = clone();
    state(a, 'restore');
    state(b, 'restore');
    writeLedger(a, '2025-10-17.shard-1-of-2.jsonl', ['{"status":"sent","id":"a1"}']);
    writeFileSync(join(a, '.digestcast/suppressions.txt'), 'aaaa unsubscribed 2025-10-17\n');
    writeLedger(b, '2025-10-17.shard-2-of-2.jsonl', ['{"status":"sent","id":"b1"}']);
    writeFileSync(join(b, '.digestcast/suppressions.txt'), 'bbbb bounced-3-days 2025-10-17\n');
    state(a, 'save');
    // b saves on top of the tip a pushed, keeping both shards' files and both suppressions.
    expect(state(b, 'save')).toContain('saved');
    const files = git(remote, 'ls-tree', '-r', '--name-only', 'digestcast-state').trim().split('\n');
    expect(files).toEqual(expect.arrayContaining(['ledger/2025-10-17.shard-1-of-2.jsonl', 'ledger/2025-10-17.shard-2-of-2.jsonl']));
    const suppressions = git(remote, 'show', 'digestcast-state:suppressions.txt');
    expect(suppressions).toContain('aaaa unsubscribed');
    expect(suppressions).toContain('bbbb bounced-3-days');
    expect(existsSync(join(a, '.digestcast/ledger/2025-10-17.shard-1-of-2.jsonl'))).toBe(true);
  });

  it('retries when another shard pushed between its fetch and its push', () => {
    const { remote, clone } = remoteAndClone();
    const a = clone();
    const b = clone();
    writeLedger(a, '2025-10-18.shard-1-of-2.jsonl', ['{"status":"sent","id":"a1"}']);
    writeLedger(b, '2025-10-18.shard-2-of-2.jsonl', ['{"status":"sent","id":"b1"}']);
    state(a, 'save');
    writeLedger(a, '2025-10-19.shard-1-of-2.jsonl', ['{"status":"sent","id":"a2"}']);
    raceOnNextPush(b, a);
    const out = state(b, 'save');
    expect(out).toContain('push rejected (attempt 1); retrying on the new tip');
    expect(out).toContain('saved the send state');
    const files = git(remote, 'ls-tree', '-r', '--name-only', 'digestcast-state').trim().split('\n');
    expect(files).toEqual(expect.arrayContaining(['ledger/2025-10-18.shard-1-of-2.jsonl', 'ledger/2025-10-18.shard-2-of-2.jsonl', 'ledger/2025-10-19.shard-1-of-2.jsonl']));
  });
});
