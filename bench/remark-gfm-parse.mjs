/**
 * The baseline of the build benchmark, run as its own process: reads the files listed (one path
 * a line) in the file given as argument, then parses each with remark + remark-gfm (trees
 * dropped as it goes) and prints `{"parseMs":…,"parseCpuMs":…,"files":…,"bytes":…}`: wall and CPU
 * time of the parse alone, not start-up nor reading. Plain JavaScript: no TypeScript loader in the measured process.
 */
import { readFileSync } from 'node:fs';
import { remark } from 'remark';
import remarkGfm from 'remark-gfm';

const list = process.argv[2];
if (!list) {
  console.error('usage: node bench/remark-gfm-parse.mjs <file listing one digest path a line>');
  process.exit(2);
}
const paths = readFileSync(list, 'utf8').split('\n').filter(Boolean);
const texts = paths.map((path) => readFileSync(path, 'utf8'));
const gfm = remark().use(remarkGfm).freeze();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let nodes = 0;
for (const text of texts) nodes += gfm.parse(text).children.length;
const parseMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const parseCpuMs = (cpu.user + cpu.system) / 1000;
console.log(JSON.stringify({ parseMs, parseCpuMs, files: texts.length, bytes: texts.reduce((n, t) => n + Buffer.byteLength(t), 0), nodes }));
