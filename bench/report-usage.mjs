/**
 * Preloaded into a measured child process (`node --import ./bench/report-usage.mjs …`): when the
 * process exits, writes its own peak RSS and CPU time (all threads, e.g. the MJML worker) as
 * JSON to the file DIGESTCAST_BENCH_USAGE names. Plain JavaScript, so the measured process
 * loads no TypeScript loader.
 */
import { writeFileSync } from 'node:fs';

const target = process.env.DIGESTCAST_BENCH_USAGE;
delete process.env.DIGESTCAST_BENCH_USAGE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ maxRssKb: usage.maxRSS, userMs: usage.userCPUTime / 1000, systemMs: usage.systemCPUTime / 1000, uptimeMs: performance.now() }));
  });
}
