/**
 * Temporary digestcast projects for build tests: a digests/ folder, an optional config, and
 * helpers to build and read what lands in out/.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildSite, type BuildOptions, type BuildResult } from '../../src/build/build-site.js';
import { loadConfig } from '../../src/config/load-config.js';
import { openProject } from '../../src/open-project.js';
import type { Catalog } from '../../src/project/catalog.js';
import { tempDir } from './tmp.js';

/** Creates a project folder with the given files (paths relative to it). */
export function makeProject(files: Record<string, string>, name = 'digestcast-project-'): string {
  const dir = tempDir(name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** Builds a project with its config file (if any). */
export async function buildProject(dir: string, options: Pick<BuildOptions, 'force' | 'renderThreads'> = {}): Promise<BuildResult> {
  const config = await loadConfig(dir);
  return buildSite({ projectDir: dir, config, ...options });
}

/** The catalog of a project's digests, read the way every command reads it. */
export async function catalogOf(dir: string): Promise<Catalog> {
  return (await (await openProject(dir)).digests()).catalog;
}

/** Reads a file from a project's out/. */
export function readOut(dir: string, path: string): string {
  return readFileSync(join(dir, 'out', path), 'utf8');
}

const HEADER_2025 = '| 标题 | 作者 | PDF链接 |  摘要 |\n|------|------|--------|------|';

/** A per-source digest in the 2025 layout. */
export function digest2025(source: string, date: string, rows: string[]): string {
  return `# ${source} ${date}\n\n${HEADER_2025}\n${rows.join('\n')}\n`;
}

/** A table row of the 2025 layout. */
export function row(title: string, author: string, pdf: string, summary: string): string {
  return `| ${title} | ${author} | [PDF](${pdf}) | ${summary} |`;
}

/** Hostile text for escaping tests: markup, entities, CDATA ends, control characters. */
export const HOSTILE_TITLE = '<script>alert("x")</script> & ]]> \u0001控制\u0008 ]]> </title>';
export const HOSTILE_SUMMARY = '摘要 </content> <img src=x onerror=alert(1)> & &amp; ]]> \u000b </mj-text> ]]>';
export const HOSTILE_AUTHOR = 'Eve "Mallory" & <a href=x>Co</a>';

/**
 * Three days of digests: repeats (a paper listed again, as v2), an empty and a failed source,
 * a combined-only day, and one hostile row.
 */
export function historyFixture(): Record<string, string> {
  return {
    'digests/2025-10-16-arxiv.md': digest2025('arxiv', '2025-10-16', [
      row('第一篇：耦合扩散采样', 'Hadi Alzayer', 'http://arxiv.org/pdf/2510.00001v1', '第一篇的摘要。\n\n第二段。'),
      row('第二篇：$\\pi$-Flow', 'Haiwen Diao', 'http://arxiv.org/pdf/2510.00002v1', '用 $\\ell_2$ 损失。代码：https://github.com/example/pi-flow 。'),
      row(HOSTILE_TITLE, HOSTILE_AUTHOR, 'http://arxiv.org/pdf/2510.00009v1', HOSTILE_SUMMARY),
    ]),
    'digests/2025-10-17-arxiv.md': digest2025('arxiv', '2025-10-17', [
      row('第三篇：新的方法', 'Nupur Kumari', 'http://arxiv.org/pdf/2510.00003v1', '第三篇的摘要。'),
      row('第一篇：耦合扩散采样（修订）', 'Hadi Alzayer', 'http://arxiv.org/pdf/2510.00001v2', '第一篇的新版本。'),
    ]),
    'digests/2025-10-17-biorxiv.md': '# biorxiv 2025-10-17\n\n> 当天没有抓取到有效论文。\n',
    'digests/2025-10-17-medrxiv.md': "# medrxiv 2025-10-17\n\n> 抓取失败：HTTPSConnectionPool(host='api.medrxiv.org', port=443): Read timed out.\n",
    'digests/2025-10-18.md': `# 2025-10-18 每日论文\n\n## arXiv\n\n${HEADER_2025}\n${row('第四篇：组合式机器', 'Wenqian Zhang', 'https://arxiv.org/pdf/2510.00004v1', '第四篇的摘要。')}\n\n## bioRxiv\n\n${HEADER_2025}\n${row('第五篇：海马体', 'Kember, J.', 'https://www.biorxiv.org/content/10.64898/2025.10.16.000005v1.full.pdf', '第五篇的摘要。')}\n`,
    'digestcast.config.json': JSON.stringify({ siteUrl: 'https://feeds.example.org/papers/', title: '测试速递', author: { name: 'Test Owner', email: 'owner@example.org' } }),
  };
}

/** The DOI landing page a bioRxiv row of `fullTextFixture` carries instead of a PDF link. */
export const DOI_LANDING = 'https://doi.org/10.1101/2024.10.18.619016';
/** The bioRxiv full-text HTML page (not a PDF, not the abstract page) a row of `fullTextFixture` carries. */
export const RXIV_FULL_HTML = 'https://www.biorxiv.org/content/10.1101/2024.10.19.000002v1.full';

/**
 * One day whose rows link their full text in each way the digests do: an arXiv PDF, a doi.org
 * landing page (the abstract page itself), a bioRxiv `.full` HTML page, a medRxiv `.full.pdf`.
 */
export function fullTextFixture(): Record<string, string> {
  return {
    'digests/2025-10-17.md': `# 2025-10-17 每日论文\n\n## arXiv\n\n${HEADER_2025}\n${row('甲：arXiv 论文', 'A', 'http://arxiv.org/pdf/2510.00001v1', '摘要甲。')}\n\n## bioRxiv\n\n${HEADER_2025}\n${row('乙：DOI 论文', 'B', DOI_LANDING, '摘要乙。')}\n${row('丙：全文页', 'C', RXIV_FULL_HTML, '摘要丙。')}\n\n## medRxiv\n\n${HEADER_2025}\n${row('丁：medRxiv PDF', 'D', 'https://www.medrxiv.org/content/10.1101/2025.05.13.25327498v1.full.pdf', '摘要丁。')}\n`,
    'digestcast.config.json': JSON.stringify({ siteUrl: 'https://feeds.example.org/papers/', title: '测试速递' }),
  };
}
