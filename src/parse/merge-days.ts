/**
 * Per-file results → one `Day` per date, each source once. A day read from both its
 * per-source files and its combined file lists each paper once; per-source files win.
 */
import type { Day, Diagnostic, Paper, SourceDay } from '../model.js';
import type { ParsedDigest } from './parse-digest.js';

const SOURCE_ORDER = ['arxiv', 'biorxiv', 'medrxiv'];

/** Orders sources arXiv, bioRxiv, medRxiv, then the others by name. */
export function compareSources(a: string, b: string): number {
  const ia = SOURCE_ORDER.indexOf(a);
  const ib = SOURCE_ORDER.indexOf(b);
  if (ia !== -1 || ib !== -1) return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib);
  return a.localeCompare(b);
}

/** Merges parsed digests into days (oldest first) and reports conflicts between files. */
export function mergeDays(digests: readonly ParsedDigest[]): { days: Day[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  // Per-source files first: their records and statuses are the reference.
  const ordered = [...digests].sort((a, b) => (a.kind === b.kind ? a.file.localeCompare(b.file) : a.kind === 'source' ? -1 : 1));
  const byKey = new Map<string, { day: SourceDay; ids: Set<string> }>();
  for (const digest of ordered) {
    for (const sourceDay of digest.days) {
      const key = `${sourceDay.date}\u0000${sourceDay.source}`;
      const seen = byKey.get(key);
      if (!seen) {
        byKey.set(key, { day: { ...sourceDay, papers: [...sourceDay.papers], ...(sourceDay.otherListings ? { otherListings: [...sourceDay.otherListings] } : {}) }, ids: new Set(sourceDay.papers.map((p) => p.id)) });
        continue;
      }
      mergeInto(seen, sourceDay, diagnostics);
    }
  }
  const dates = new Map<string, SourceDay[]>();
  for (const { day } of byKey.values()) {
    const list = dates.get(day.date) ?? [];
    list.push(day);
    dates.set(day.date, list);
  }
  const days = [...dates.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, sources]) => ({ date, sources: sources.sort((a, b) => compareSources(a.source, b.source)) }));
  return { days, diagnostics };
}

function mergeInto(target: { day: SourceDay; ids: Set<string> }, other: SourceDay, diagnostics: Diagnostic[]): void {
  const { day } = target;
  const where = { file: other.file, line: other.line, column: 1 };
  const added: Paper[] = other.papers.filter((p) => !target.ids.has(p.id));
  if (added.length > 0) {
    if (day.status !== 'papers') {
      diagnostics.push({ ...where, severity: 'warning', rule: 'status-conflict', message: `${other.sourceName} ${other.date}: ${day.file} says "${day.status}" but this file lists ${added.length} papers; the papers are kept` });
      day.status = 'papers';
      delete day.failure;
    } else {
      diagnostics.push({ ...where, severity: 'info', rule: 'paper-only-in-combined', message: `${added.length} ${other.sourceName} papers of ${other.date} stand only in this file, not in ${day.file}; they are kept` });
    }
    for (const p of added) {
      target.ids.add(p.id);
      day.papers.push(p);
    }
    // Other listings (same paper, another link) of papers this file alone brings.
    const more = (other.otherListings ?? []).filter((p) => added.some((a) => a.id === p.id));
    if (more.length > 0) day.otherListings = [...(day.otherListings ?? []), ...more];
  } else if (day.status !== other.status && !(day.status === 'papers' && other.status === 'papers')) {
    diagnostics.push({ ...where, severity: 'warning', rule: 'status-conflict', message: `${other.sourceName} ${other.date}: this file says "${other.status}" but ${day.file} says "${day.status}"; ${day.file} counts` });
  }
}
