/**
 * The send lock: while a send runs, `locks/` in the state folder holds a file naming it (pid,
 * host, shard, start). A second send in the same folder whose recipients overlap (the same
 * shard, or any send next to an unsharded one) refuses to start. A lock left by a process that
 * is gone (a crash, a kill) is taken over: on this host when its pid no longer runs, from
 * another host when it has not been refreshed for `staleAfterMs`.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs';
import { z } from 'zod';
import { listStateDir } from './state-files.js';

/** Another send holds the lock. */
export class SendLockError extends Error {
  override name = 'SendLockError';
}

const lockSchema = z.object({ pid: z.number().int(), host: z.string(), label: z.string(), startedAt: z.string(), instance: z.string().optional() });
type LockInfo = z.infer<typeof lockSchema>;

/** This process, told apart from an earlier one that had the same pid (a container, a reboot). */
const INSTANCE = randomBytes(8).toString('hex');

/** Whether a lock's holder is gone: on this host, its process (pid and instance) no longer runs; elsewhere, it was not refreshed for `staleAfterMs`. */
function isStale(other: LockInfo, mtimeMs: number, staleAfterMs: number): boolean {
  if (other.host !== hostname()) return Date.now() - mtimeMs > staleAfterMs;
  if (other.pid === process.pid) return other.instance !== undefined && other.instance !== INSTANCE;
  return !alive(other.pid);
}

function readLock(path: string): { info: LockInfo; mtimeMs: number } | undefined {
  try {
    return { info: lockSchema.parse(JSON.parse(readFileSync(path, 'utf8'))), mtimeMs: statSync(path).mtimeMs };
  } catch {
    return undefined; // removed meanwhile, or being written: a lock is written whole before it is checked
  }
}

/** A send holding a lock in `stateDir` right now, described for a message; undefined when there is none. */
export function liveSendLock(stateDir: string, staleAfterMs = DEFAULT_STALE_MS): string | undefined {
  const dir = join(stateDir, 'locks');
  for (const name of listStateDir(dir).filter((n) => n.endsWith('.lock'))) {
    const lock = readLock(join(dir, name));
    if (lock && !isStale(lock.info, lock.mtimeMs, staleAfterMs)) return `${lock.info.label === 'all' ? 'all subscribers' : `shard ${lock.info.label}`}, pid ${lock.info.pid} on ${lock.info.host}, started ${lock.info.startedAt}`;
  }
  return undefined;
}

/** How long a lock of another host may go without a refresh before it counts as left behind. */
export const DEFAULT_STALE_MS = 10 * 60_000;

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
  release(): void;
  /** Stale locks taken over, for the log. */
  tookOver: string[];
}

/**
 * Takes the send lock for `label` (`all` or `k/n`) in `stateDir`, or throws SendLockError naming
 * who holds it and what to do.
 */
export function acquireSendLock(stateDir: string, label: string, writerId: string, staleAfterMs = DEFAULT_STALE_MS): SendLock {
  const dir = join(stateDir, 'locks');
  mkdirSync(dir, { recursive: true });
  const info: LockInfo = { pid: process.pid, host: hostname(), label, startedAt: new Date().toISOString(), instance: INSTANCE };
  const own = join(dir, `send.${writerId}.lock`);
  const fd = openSync(own, 'wx');
  writeSync(fd, JSON.stringify(info));
  closeSync(fd);

  const tookOver: string[] = [];
  for (const name of listStateDir(dir)) {
    const path = join(dir, name);
    if (path === own || !name.endsWith('.lock')) continue;
    const lock = readLock(path);
    if (!lock || !overlaps(label, lock.info.label)) continue;
    const other = lock.info;
    if (isStale(other, lock.mtimeMs, staleAfterMs)) {
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
  const refresh = () => {
    if (released) return;
    const now = new Date();
    try {
      utimesSync(own, now, now);
    } catch {
      /* the lock file was removed by hand: nothing to refresh */
    }
  };
  // Refreshed on a timer, so a long send is never taken for one left behind by another host.
  const timer = setInterval(refresh, Math.max(1000, Math.floor(staleAfterMs / 3)));
  timer.unref();
  return {
    tookOver,
    release: () => {
      if (released) return;
      released = true;
      clearInterval(timer);
      rmSync(own, { force: true });
    },
  };
}
