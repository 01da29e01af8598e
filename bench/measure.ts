/**
 * Timing helpers for the benchmarks: warm up, repeat, report the median.
 */

/** Median wall time of `fn` in milliseconds over repeated runs (after warm-up), at least `minRuns` and about `budgetMs`. */
export async function medianMs(fn: () => unknown | Promise<unknown>, options: { warmup?: number; minRuns?: number; budgetMs?: number } = {}): Promise<number> {
  const { warmup = 2, minRuns = 5, budgetMs = 3000 } = options;
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < minRuns || (performance.now() - start < budgetMs && times.length < 200)) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Prints an aligned table of rows. */
export function printTable(rows: (string | number)[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  for (const row of rows) console.log(row.map((cell, i) => (typeof cell === 'number' ? String(cell).padStart(widths[i]!) : String(cell).padEnd(widths[i]!))).join('  '));
}

/** `1234567` → `1.18 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1048576) return `${(bytes / 1048576).toFixed(2)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}
