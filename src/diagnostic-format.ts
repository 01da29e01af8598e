/**
 * Diagnostics as text, in the `file:line:column: severity [rule] message` form editors understand.
 */
import type { Diagnostic, Severity } from './model.js';

/** One diagnostic on one line. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity} [${d.rule}] ${d.message.replace(/\s+/g, ' ')}`;
}

/** Counts by severity, e.g. `2 errors, 5 warnings, 1 info`. */
export function summarizeDiagnostics(list: readonly Diagnostic[]): string {
  const count = (s: Severity) => list.filter((d) => d.severity === s).length;
  const parts = [
    [count('error'), 'error', 'errors'],
    [count('warning'), 'warning', 'warnings'],
    [count('info'), 'info', 'info'],
  ] as const;
  const text = parts.filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
  return text.length > 0 ? text.join(', ') : 'no diagnostics';
}
