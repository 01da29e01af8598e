/**
 * The send lock: while a send runs, `locks/` in the state folder holds a file naming it (pid,
 * host, shard, start). A second send in the same folder whose recipients overlap (the same
 * shard, or any send next to an unsharded one) refuses to start. A lock left by a process that
 * is gone (a crash, a kill) is taken over: on this host when its pid no longer runs, from
 * another host when it has not been refreshed for `staleAfterMs`.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs';
import { z } from 'zod';
import { listStateDir } from './state-files.js';

/** Another send holds the lock. */
export class SendLockError extends Error {
  override name = 'SendLockError';
}

const lockSchema = z.object({ pid: z.number().int(), host: z.string(), label: z.string(), startedAt: z.string() });
type LockInfo = z.infer<typeof lockSchema>;

/** Whether two sends would mail some of the same people: `all` overlaps everything, `k/n` overlaps `k/n` and any other count. */
function overlaps(a: string, b: string): boolean {
  if (a === 'all' || b === 'all' || a === b) return true;
  return a.split('/')[1] !== b.split('/')[1];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A held lock; `release` when the send ends. */
export interface SendLock {
  /** Marks the lock as still in use (for hosts that judge it by age). */
  refresh(): void;
  release(): void;
  /** Stale locks taken over, for the log. */
  tookOver: string[];
}

/**
 * Takes the send lock for `label` (`all` or `k/n`) in `stateDir`, or throws SendLockError naming
 * who holds it and what to do.
 */
export function acquireSendLock(stateDir: string, label: string, writerId: string, staleAfterMs = 10 * 60_000): SendLock {
  const dir = join(stateDir, 'locks');
  mkdirSync(dir, { recursive: true });
  const host = hostname();
  const info: LockInfo = { pid: process.pid, host, label, startedAt: new Date().toISOString() };
  const own = join(dir, `send.${writerId}.lock`);
  const fd = openSync(own, 'wx');
  writeSync(fd, JSON.stringify(info));
  closeSync(fd);

  const tookOver: string[] = [];
  for (const name of listStateDir(dir)) {
    const path = join(dir, name);
    if (path === own || !name.endsWith('.lock')) continue;
    let other: LockInfo;
    let mtimeMs: number;
    try {
      other = lockSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
      mtimeMs = statSync(path).mtimeMs;
    } catch {
      continue; // removed meanwhile, or being written: a lock is written whole before it is checked
    }
    if (!overlaps(label, other.label)) continue;
    const stale = other.host === host ? !alive(other.pid) : Date.now() - mtimeMs > staleAfterMs;
    if (stale) {
      rmSync(path, { force: true });
      tookOver.push(`a stale send lock (${other.label}, pid ${other.pid} on ${other.host}, started ${other.startedAt}) was left by a run that is gone; taken over`);
      continue;
    }
    rmSync(own, { force: true });
    throw new SendLockError(
      `another send is running in ${stateDir} (${other.label === 'all' ? 'all subscribers' : `shard ${other.label}`}, pid ${other.pid} on ${other.host}, started ${other.startedAt}): refusing to send ${label === 'all' ? 'to the same people' : `shard ${label}`} at the same time. Wait for it to finish; if it is gone, remove ${path}.`,
    );
  }
  let released = false;
  return {
    tookOver,
    refresh: () => {
      if (released) return;
      const now = new Date();
      try {
        utimesSync(own, now, now);
      } catch {
        /* the lock file was removed by hand: nothing to refresh */
      }
    },
    release: () => {
      if (released) return;
      released = true;
      rmSync(own, { force: true });
    },
  };
}
