/**
 * Reader benchmark: the full reader (scanner + repair + cells + commentary + LaTeX + merge)
 * against remark + remark-gfm parsing the same texts, in the same process.
 * Also prints the recall of each, measured against the `[PDF](…)` links in the raw text.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Root, TableRow } from 'mdast';
import { remark } from 'remark';
import remarkGfm from 'remark-gfm';
import { clearLatexCache } from '../src/parse/latex.js';
import { mergeDays } from '../src/parse/merge-days.js';
import { parseDigest } from '../src/parse/parse-digest.js';
import { pdfLinksIn } from '../src/parse/pdf-link-marker.js';
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

  // Recall, per file: the distinct links of its `[PDF](…)` cells (as the reader finds them) that
  // came out as records; remark-gfm alone keeps a link when it stands in a table row.
  let links = 0;
  let records = 0;
  let accounted = 0;
  let gfmKept = 0;
  for (const f of files) {
    const urls = new Set([...pdfLinksIn(f.text)].map((l) => l.target).filter(Boolean));
    links += urls.size;
    const parsed = parseDigest(f.text, f.name);
    const asRecord = new Set(parsed.days.flatMap((d) => [...d.papers, ...(d.otherListings ?? [])]).map((p) => p.pdfUrl));
    const inDiagnostic = new Set(parsed.diagnostics.map((d) => d.pdfUrl));
    const found = new Set<string>();
    collectRowLinks(gfm.parse(f.text), found);
    for (const url of urls) {
      const inRecord = holds(asRecord, url);
      if (inRecord) records++;
      if (inRecord || holds(inDiagnostic, url)) accounted++;
      if (holds(found, url)) gfmKept++;
    }
  }

  const mb = bytes / 1048576;
  console.log(`\n## parse — ${files.length} files (${formatBytes(bytes)}) from ${basename(root)}, ${papers} papers after merging`);
  printTable([
    ['reader', 'median ms', 'MB/s', 'vs remark-gfm'],
    ['remark + remark-gfm (parse only)', round(baseline), round(mb / (baseline / 1000)), '1.00x'],
    ['digestcast reader (full, with repair)', round(full), round(mb / (full / 1000)), `${(baseline / full).toFixed(2)}x faster`],
  ]);
  if (links > 0) {
    const pct = (n: number) => `${((n / links) * 100).toFixed(1)}%`;
    console.log(`recall, distinct [PDF](…) links per file that became records: digestcast ${records}/${links} (${pct(records)}); remark-gfm alone keeps ${gfmKept}/${links} in table rows (${pct(gfmKept)})`);
    console.log(`digestcast accounted for ${accounted}/${links} links (${pct(accounted)}) as a record or a diagnostic that carries the link`);
  }
}

function collectRowLinks(tree: Root, found: Set<string>): void {
  const visit = (node: { type: string; children?: unknown[]; url?: string }, inRow: boolean) => {
    if (node.type === 'link' && inRow && node.url) found.add(node.url);
    for (const child of (node.children ?? []) as { type: string }[]) visit(child, inRow || node.type === 'tableRow');
  };
  visit(tree as unknown as { type: string; children: unknown[] }, false);
  void (null as unknown as TableRow);
}

/**
 * Whether `urls` holds the link the pattern caught: the same, or the same continued at a `)`
 * (the pattern stops at the first `)`, a link like `…/a(b)` goes on past it).
 */
function holds(urls: ReadonlySet<string | undefined>, caught: string): boolean {
  if (urls.has(caught)) return true;
  for (const url of urls) if (url?.startsWith(caught) && url[caught.length] === ')') return true;
  return false;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

export const DEFAULT_CORPUS = resolve(import.meta.dirname ?? '.', '../../shared/corpus');
