/**
 * Puts a row's cells under the right columns, using the PDF link as the anchor: a row with a
 * literal pipe in a cell, a missing cell, or two rows run together on one line still gives
 * every column its own text, and never shifts the others.
 */
import { hasPdfLink } from './pdf-link-marker.js';
import type { CellSpan } from './scan-blocks.js';

/** How a row had to be repaired to fit its header. */
export type AlignmentRepair = 'merged-extra-cells' | 'missing-cells' | 'split-joined-rows';

/** Cells of one record, indexed like the header; undefined where the row has no such cell. */
export interface AlignedCells {
  cells: (CellSpan | undefined)[];
  repairs: AlignmentRepair[];
}

/** Whether a cell holds a `[PDF](…)` link. */
export function isPdfCell(cell: CellSpan): boolean {
  return hasPdfLink(cell.text);
}

/**
 * Aligns a row's cells to `width` columns whose PDF column is `pdfColumn` (-1: none known).
 * Returns one record per PDF link (two rows joined on one line are split), or one record
 * for a row with no PDF link.
 */
export function alignRow(cells: readonly CellSpan[], width: number, pdfColumn: number): AlignedCells[] {
  const anchors: number[] = [];
  cells.forEach((cell, i) => {
    if (isPdfCell(cell)) anchors.push(i);
  });
  if (pdfColumn < 0 || anchors.length === 0) return [fit(cells, width)];
  if (anchors.length === 1 && cells.length === width && anchors[0] === pdfColumn) {
    return [{ cells: [...cells], repairs: [] }];
  }
  const after = width - pdfColumn - 1;
  const groups: AlignedCells[] = [];
  let from = 0;
  anchors.forEach((anchor, k) => {
    const nextAnchor = anchors[k + 1];
    // Cells after this anchor belong to it until the next record's leading cells begin.
    const to = nextAnchor === undefined ? cells.length : Math.max(anchor + 1, Math.min(anchor + 1 + after, nextAnchor - pdfColumn));
    const aligned = alignAround(cells.slice(from, anchor), cells[anchor]!, cells.slice(anchor + 1, to), pdfColumn, after);
    if (anchors.length > 1) aligned.repairs.push('split-joined-rows');
    groups.push(aligned);
    from = to;
  });
  return groups;
}

function alignAround(before: CellSpan[], anchor: CellSpan, after: CellSpan[], wantBefore: number, wantAfter: number): AlignedCells {
  const repairs: AlignmentRepair[] = [];
  let lead = before;
  if (lead.length > wantBefore) {
    // A literal pipe in a leading cell: the first column (the title) takes the surplus.
    const surplus = lead.length - wantBefore;
    lead = [joinCells(lead.slice(0, surplus + 1)), ...lead.slice(surplus + 1)];
    repairs.push('merged-extra-cells');
  }
  let tail = after;
  if (tail.length > wantAfter && wantAfter > 0) {
    // A literal pipe in a trailing cell: the last column (abstract or English title) takes it.
    tail = [...tail.slice(0, wantAfter - 1), joinCells(tail.slice(wantAfter - 1))];
    repairs.push('merged-extra-cells');
  } else if (tail.length > wantAfter) {
    tail = [];
    repairs.push('merged-extra-cells');
  }
  if (lead.length < wantBefore || tail.length < wantAfter) repairs.push('missing-cells');
  const cells: (CellSpan | undefined)[] = [];
  for (let i = 0; i < wantBefore; i++) cells.push(lead[i]);
  cells.push(anchor);
  for (let i = 0; i < wantAfter; i++) cells.push(tail[i]);
  return { cells, repairs };
}

/** Row without an anchor: cut or pad to the header's width. */
function fit(cells: readonly CellSpan[], width: number): AlignedCells {
  if (cells.length === width) return { cells: [...cells], repairs: [] };
  if (cells.length > width && width > 0) {
    return { cells: [...cells.slice(0, width - 1), joinCells(cells.slice(width - 1))], repairs: ['merged-extra-cells'] };
  }
  const padded: (CellSpan | undefined)[] = [...cells];
  while (padded.length < width) padded.push(undefined);
  return { cells: padded, repairs: cells.length < width ? ['missing-cells'] : [] };
}

/** Joins neighbouring cells back into one, restoring the pipes that separated them. */
function joinCells(cells: readonly CellSpan[]): CellSpan {
  const kept = cells.filter((c) => c.text !== '');
  const first = kept[0] ?? cells[0]!;
  return { text: kept.map((c) => c.text).join(' | '), start: first.start };
}
