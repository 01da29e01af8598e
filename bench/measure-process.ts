/**
 * Runs a Node program as its own process and measures it: wall time seen from here (spawn to
 * exit, Node start-up included), and the process's own peak RSS and CPU time as reported by
 * bench/report-usage.mjs, preloaded into it.
 */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPORT_USAGE = resolve(import.meta.dirname, 'report-usage.mjs');

/** What one measured process took. */
export interface ProcessUsage {
  wallMs: number;
  /** User + system CPU time of all its threads. */
  cpuMs: number;
  /** Peak resident set size, bytes. */
  maxRssBytes: number;
  /** Its standard output, when asked to keep it. */
  stdout: string;
}

/**
 * Flushes the writes still pending in the kernel (`sync`), where there is such a command: what
 * ran before a measured process (the bench copying a build's folders into place, the last step's
 * outputs) is written out before it starts, not while it runs. (Seen on this project's machine,
 * ext4 and 2 cores: without it, the new-day builds right after the bench copied a build into
 * place were slower, and varied more.)
 */
function flushPendingWrites(): void {
  try {
    execFileSync('sync', { stdio: 'ignore' });
  } catch {
    // (No `sync` here: the measured process may pay for earlier writes.)
  }
}

/**
 * Runs `node <args>` in `cwd` and measures it, after `flushPendingWrites`. Standard output is
 * dropped unless `keepStdout` (it goes to /dev/null, so a large `parse --json` costs the process,
 * not this one); standard error is kept in a file and shown when the process fails.
 */
export async function measureProcess(args: readonly string[], options: { cwd: string; keepStdout?: boolean; env?: Record<string, string> }): Promise<ProcessUsage> {
  flushPendingWrites();
  const dir = mkdtempSync(join(tmpdir(), 'digestcast-bench-proc-'));
  const usageFile = join(dir, 'usage.json');
  const stderrFile = join(dir, 'stderr.txt');
  const stderrFd = openSync(stderrFile, 'w');
  try {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', REPORT_USAGE, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env, DIGESTCAST_BENCH_USAGE: usageFile },
      stdio: ['ignore', options.keepStdout ? 'pipe' : 'ignore', stderrFd],
    });
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const code = await new Promise<number | null>((done, fail) => {
      child.on('error', fail);
      child.on('close', (exitCode) => done(exitCode));
    });
    const wallMs = performance.now() - t0;
    if (code !== 0) {
      const tail = readFileSync(stderrFile, 'utf8').trimEnd().split('\n').slice(-15).join('\n');
      throw new Error(`node ${args.join(' ')} (in ${options.cwd}) exited with ${code}:\n${tail}`);
    }
    const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssKb: number; userMs: number; systemMs: number };
    return { wallMs, cpuMs: usage.userMs + usage.systemMs, maxRssBytes: usage.maxRssKb * 1024, stdout };
  } finally {
    closeSync(stderrFd);
    rmSync(dir, { recursive: true, force: true });
  }
}
