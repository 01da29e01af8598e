/**
 * `npm run bench [-- <which> [dir]]`: prints figures as ratios against a baseline measured in the same run.
 *   parse [dir]   the reader vs remark-gfm alone (default dir: ../shared/corpus)
 *   build [dir]   cold build, a new day added, nothing changed (each a process of dist/digestcast.js) vs remark-gfm
 *                 parsing the same files; peak memory of each; out/ size against the digests
 *   parse-json [dir] [--runs=N]   only `parse --json` as a process vs remark-gfm parsing the same files
 *                 (the reader's goal of the full-history issue, without the builds); N runs each, medians
 *   history <outDir> [days]   writes a synthetic history of `days` (default 530) days made from the
 *                 sample corpus into outDir (for `build <outDir>` at the full-history scale)
 *   email [dir]   render time per email vs MJML per email; largest HTML and text parts as sent vs email.maxHtmlBytes
 *   topics [dir]  topic matching over 61k papers (the corpus copied) vs a naive lower-case + includes scan
 *   search [dir]  search index (Pagefind bundles per month): cold and newest-month build time vs rendering the
 *                 pages; bundle size and files vs the digests and the day pages; one whole-history bundle for comparison
 *   send [N...]   messages/s and peak memory sending to N subscribers (default 10000 100000)
 */
import { existsSync } from 'node:fs';
import { benchBuild } from './build.js';
import { benchParseJsonProcess } from './build-processes.js';
import { benchEmail } from './email.js';
import { benchParse, DEFAULT_CORPUS } from './parse.js';
import { benchSearchIndex } from './search-index.js';
import { benchSend } from './send.js';
import { benchTopics } from './topics.js';
import { FULL_HISTORY_DAYS, runSyntheticHistory } from './synthetic-history.js';

const [which = 'all', ...rest] = process.argv.slice(2);
if (!['all', 'parse', 'parse-json', 'build', 'email', 'search', 'send', 'history', 'topics'].includes(which)) {
  console.log('usage: npm run bench [-- all|parse|parse-json|build|email|search|send|topics [dir | N...] [--runs=N] | history <outDir> [days] [--force]]');
  process.exit(which === '--help' || which === '-h' ? 0 : 2);
}
console.log(`digestcast benchmarks — node ${process.version}, ${new Date().toISOString()}`);
if (which === 'history') {
  const [outDir, days] = rest.filter((a) => !a.startsWith('--'));
  if (!outDir) {
    console.log('usage: npm run bench -- history <outDir> [days] [--force]');
    process.exit(2);
  }
  process.exit(await runSyntheticHistory(outDir, { corpusDir: DEFAULT_CORPUS, days: Number(days ?? FULL_HISTORY_DAYS), replace: rest.includes('--force') }));
}
if (which === 'all' || which === 'send') {
  const counts = rest.map(Number).filter((n) => Number.isInteger(n) && n > 0);
  await benchSend(which === 'send' && counts.length > 0 ? counts : [10_000, 100_000]);
}
const dir = rest.find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? DEFAULT_CORPUS;
if (which !== 'send' && !existsSync(dir)) {
  console.log(`bench: ${dir} does not exist; pass a folder of digests`);
  process.exit(0);
}
if (which === 'all' || which === 'parse') await benchParse(dir);
if (which === 'all' || which === 'build') await benchBuild(dir);
if (which === 'parse-json') await benchParseJsonProcess(dir, Number(rest.find((a) => a.startsWith('--runs='))?.slice('--runs='.length) ?? 1) || 1);
if (which === 'all' || which === 'email') await benchEmail(dir);
if (which === 'all' || which === 'topics') await benchTopics(dir);
if (which === 'all' || which === 'search') await benchSearchIndex(dir);
