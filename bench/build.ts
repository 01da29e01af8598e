/**
 * Build benchmark. For a small folder (the sample corpus): a cold build of a folder of digests
 * (no out/, no cache) against an incremental build where nothing changed, in the same process;
 * a cold build in a fresh Node process against Node's own start-up (the 2 s budget is "beyond
 * Node start-up"), and against one whose email templates changed (a comment added), so that MJML
 * is loaded and compiles the layout, as every first build did before the compiled layout was
 * shipped. For any folder: each step as its own process against remark-gfm (build-processes.ts).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

    const cli = resolve(import.meta.dirname, '../dist/digestcast.js');
    let processRows: (string | number)[][] = [];
    if (existsSync(cli)) {
      // Wall time, and CPU time of the whole process (MJML compiles in a worker thread, beside the main one).
      const reportCpu = `data:text/javascript,process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('cpu-us '+(u.user+u.system)+'\\n')})`;
      const time = (args: string[]) => {
        const t0 = performance.now();
        const { status, stderr } = spawnSync(process.execPath, ['--import', reportCpu, ...args], { cwd: project, env: { ...process.env, DIGESTCAST_CODE_CACHE: join(project, 'code-cache') }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
        if (status !== 0) throw new Error(`node ${args.join(' ')} failed: ${stderr}`);
        // The last (largest) figure: a worker thread runs the --import too, and reports when it ends.
        return { wall: performance.now() - t0, cpu: Math.max(...[...stderr.matchAll(/cpu-us (\d+)/g)].map((m) => Number(m[1]))) / 1000 };
      };
      const templates = join(project, 'templates');
      const changeTemplates = () => {
        cpSync(resolve(import.meta.dirname, '../templates/email'), join(templates, 'email'), { recursive: true });
        appendFileSync(join(templates, 'email/layout.mjml'), '\n<!-- changed by the benchmark -->\n');
      };
      const startups: number[] = [];
      const shipped: { wall: number; cpu: number }[] = [];
      const changed: { wall: number; cpu: number }[] = [];
      for (let i = 0; i < 3; i++) {
        startups.push(time(['-e', '']).wall);
        clean();
        rmSync(templates, { recursive: true, force: true });
        shipped.push(time([cli, 'build']));
        clean();
        changeTemplates();
        changed.push(time([cli, 'build']));
      }
      rmSync(templates, { recursive: true, force: true });
      const startup = Math.min(...startups);
      const best = (runs: { wall: number; cpu: number }[]) => ({ wall: Math.min(...runs.map((r) => r.wall)), cpu: Math.min(...runs.map((r) => r.cpu)) });
      const [s, c] = [best(shipped), best(changed)];
      processRows = [
        ['cold build, fresh node process (min of 3)', round(s.wall), `${round(s.wall - startup)} ms beyond node start-up (${round(startup)} ms); CPU ${round(s.cpu)} ms`],
        [
          '  same, email templates changed: MJML loads and compiles (min of 3)',
          round(c.wall),
          `shipped compiled layout: ${(c.wall / s.wall).toFixed(2)}x faster, ${(c.cpu / s.cpu).toFixed(2)}x less CPU time (this: CPU ${round(c.cpu)} ms)`,
        ],
      ];
    }
    writeFileSync(join(project, '.done'), '');
    console.log(`\n## build — ${readdirSync(join(project, 'digests')).length} digests → ${outputs} files`);
    printTable([
      ['build', 'median ms', 'vs cold'],
      ['cold (no out/, no cache), in process', round(cold), '1.00x'],
      ['forced re-render, parse cache warm', round(cachedParse), `${(cold / cachedParse).toFixed(2)}x faster`],
      ['incremental, nothing changed', round(incremental), `${(cold / incremental).toFixed(1)}x faster`],
      ...processRows,
    ]);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
