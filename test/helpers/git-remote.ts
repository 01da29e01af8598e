/**
 * Real git for state-branch tests: a bare repository standing in for GitHub, and shallow
 * clones standing in for runners (what actions/checkout gives).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './tmp.js';

/** Runs git with a fixed identity; returns stdout. */
export const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });

/** A bare "GitHub" remote with one commit on main, and shallow clones of it (what actions/checkout gives). */
export function remoteAndClone(): { remote: string; clone: () => string } {
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

