/**
 * Build benchmark. For a small folder (the sample corpus): a cold build of a folder of digests
 * (no out/, no cache) against an incremental build where nothing changed, in the same process;
 * and a cold build in a fresh Node process against Node's own start-up (the 2 s budget is
 * "beyond Node start-up"). For any folder: each step as its own process against remark-gfm
 * (build-processes.ts).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSite } from '../src/build/build-site.js';
import { defaultConfig } from '../src/config/schema.js';
import { isDigestFileName } from '../src/read-digests.js';
import { benchBuildProcesses } from './build-processes.js';
import { formatBytes, medianMs, printTable } from './measure.js';

/** Above this many bytes of digests the in-process medians (5+ cold builds each) are left out. */
const IN_PROCESS_MAX_BYTES = 8 * 1048576;

/** Runs the build benchmark on a folder of digests. */
export async function benchBuild(dir: string): Promise<void> {
  const bytes = readdirSync(dir)
    .filter(isDigestFileName)
    .reduce((n, f) => n + statSync(join(dir, f)).size, 0);
  if (bytes <= IN_PROCESS_MAX_BYTES) await benchBuildInProcess(dir);
  else console.log(`\n## build — in-process medians left out: ${formatBytes(bytes)} of digests is over ${formatBytes(IN_PROCESS_MAX_BYTES)} (each needs 5+ cold builds); the process figures follow`);
  await benchBuildProcesses(dir);
}

/** Cold, forced and unchanged builds in this process (medians), and a cold build as a fresh process. */
async function benchBuildInProcess(dir: string): Promise<void> {
  const project = mkdtempSync(join(tmpdir(), 'digestcast-bench-build-'));
  try {
    mkdirSync(join(project, 'digests'));
    for (const f of readdirSync(dir).filter(isDigestFileName)) cpSync(join(dir, f), join(project, 'digests', f));
    const config = defaultConfig();
    const clean = () => {
      rmSync(join(project, 'out'), { recursive: true, force: true });
      rmSync(join(project, '.digestcast'), { recursive: true, force: true });
    };
    let outputs = 0;
    const cold = await medianMs(
      async () => {
        clean();
        outputs = (await buildSite({ projectDir: project, config })).outputs;
      },
      { warmup: 1, minRuns: 5, budgetMs: 8000 },
    );
    const cachedParse = await medianMs(() => buildSite({ projectDir: project, config, force: true }), { warmup: 1, minRuns: 5, budgetMs: 6000 });
    const incremental = await medianMs(() => buildSite({ projectDir: project, config }), { warmup: 1, minRuns: 10, budgetMs: 3000 });

    const cli = resolve(import.meta.dirname, '../dist/cli.js');
    let processRow: (string | number)[] | undefined;
    if (existsSync(cli)) {
      const time = (args: string[]) => {
        const t0 = performance.now();
        execFileSync(process.execPath, args, { cwd: project, stdio: 'ignore' });
        return performance.now() - t0;
      };
      const startups: number[] = [];
      const colds: number[] = [];
      for (let i = 0; i < 3; i++) {
        startups.push(time(['-e', '']));
        clean();
        colds.push(time([cli, 'build']));
      }
      const startup = Math.min(...startups);
      const coldProcess = Math.min(...colds);
      processRow = ['cold build, fresh node process (min of 3)', round(coldProcess), `${round(coldProcess - startup)} ms beyond node start-up (${round(startup)} ms)`];
    }
    writeFileSync(join(project, '.done'), '');
    console.log(`\n## build — ${readdirSync(join(project, 'digests')).length} digests → ${outputs} files`);
    printTable([
      ['build', 'median ms', 'vs cold'],
      ['cold (no out/, no cache), in process', round(cold), '1.00x'],
      ['forced re-render, parse cache warm', round(cachedParse), `${(cold / cachedParse).toFixed(2)}x faster`],
      ['incremental, nothing changed', round(incremental), `${(cold / incremental).toFixed(1)}x faster`],
      ...(processRow ? [processRow] : []),
    ]);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
