/**
 * Hand-written shape checks for build state files too big for a schema library to check
 * quickly (the digest history: every paper id of every day; the manifest: every output and
 * diagnostic; the parse cache, read back day by day), and read by every build. Each check walks the parsed JSON
 * once, arrays in a tight loop, and the first problem ends it with its path (`days.2025-10-18.ids.3:
 * expected a string`), as the schema checks name theirs.
 */
import type { FeedReport } from '../feeds/feed-set.js';
import type { Diagnostic } from '../model.js';
import type { ShapeCheck } from './build-state-file.js';

class ShapeProblem extends Error {}

/** Ends the check: `value` at `path` is not what it should be. */
function fail(path: string, expected: string): never {
  throw new ShapeProblem(`${path || 'top level'}: expected ${expected}`);
}

/** `check` as a `ShapeCheck`: throws of `fail` become the problem. */
export function shapeCheck<T>(check: (json: unknown) => void): ShapeCheck<T> {
  return (json) => {
    try {
      check(json);
      return { ok: true, value: json as T };
    } catch (error) {
      if (error instanceof ShapeProblem) return { ok: false, problem: error.message };
      throw error;
    }
  };
}

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/** A plain object (not an array, not null). */
export function objectAt(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object');
  return value as Record<string, unknown>;
}

export function stringAt(value: unknown, path: string): string {
  if (typeof value !== 'string') fail(path, 'a string');
  return value;
}

export function numberAt(value: unknown, path: string): number {
  if (typeof value !== 'number') fail(path, 'a number');
  return value;
}

export function booleanAt(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, 'a boolean');
  return value;
}

/** Exactly `expected` (a format name, a version). */
export function equalAt<T extends string | number>(value: unknown, expected: T, path: string): T {
  if (value !== expected) fail(path, JSON.stringify(expected));
  return expected;
}

/** One of `values`. */
export function oneOfAt<T extends string>(value: unknown, values: readonly T[], path: string): T {
  if (!values.includes(value as T)) fail(path, `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`);
  return value as T;
}

/** An array, each item checked by `item`. */
export function arrayAt(value: unknown, path: string, item: (value: unknown, path: string) => void): void {
  if (!Array.isArray(value)) fail(path, 'an array');
  for (let i = 0; i < value.length; i++) item(value[i], join(path, i));
}

/** An array of strings, in a tight loop. */
export function stringArrayAt(value: unknown, path: string): void {
  if (!Array.isArray(value)) fail(path, 'an array');
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') fail(join(path, i), 'a string');
}

/** An array of numbers, in a tight loop. */
export function numberArrayAt(value: unknown, path: string): void {
  if (!Array.isArray(value)) fail(path, 'an array');
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'number') fail(join(path, i), 'a number');
}

/** An object used as a record, each value checked by `item`. */
export function recordAt(value: unknown, path: string, item: (value: unknown, path: string) => void): void {
  const record = objectAt(value, path);
  for (const key in record) item(record[key], join(path, key));
}

/** An optional field: absent (undefined), or as `check` wants it. */
export function optionalAt(value: unknown, path: string, check: (value: unknown, path: string) => unknown): void {
  if (value !== undefined) check(value, path);
}

const SEVERITIES = ['error', 'warning', 'info'] as const satisfies readonly Diagnostic['severity'][];

/** A `Diagnostic`. */
export function diagnosticAt(value: unknown, path: string): void {
  const d = objectAt(value, path);
  stringAt(d.file, join(path, 'file'));
  numberAt(d.line, join(path, 'line'));
  numberAt(d.column, join(path, 'column'));
  oneOfAt(d.severity, SEVERITIES, join(path, 'severity'));
  stringAt(d.rule, join(path, 'rule'));
  stringAt(d.message, join(path, 'message'));
  optionalAt(d.pdfUrl, join(path, 'pdfUrl'), stringAt);
}

const LEVELS = ['full', 'short', 'links'] as const satisfies readonly FeedReport['files'][number]['level'][];

/** A `FeedReport` (what a subscription feed holds, in the build manifest). */
export function feedReportAt(value: unknown, path: string): void {
  const r = objectAt(value, path);
  optionalAt(r.source, join(path, 'source'), stringAt);
  stringAt(r.title, join(path, 'title'));
  for (const field of ['days', 'wantedDays', 'entries', 'wantedEntries', 'archivePages', 'finalArchivePages'] as const) numberAt(r[field], join(path, field));
  arrayAt(r.files, join(path, 'files'), (value, path) => {
    const file = objectAt(value, path);
    stringAt(file.path, join(path, 'path'));
    numberAt(file.bytes, join(path, 'bytes'));
    oneOfAt(file.level, LEVELS, join(path, 'level'));
  });
  stringArrayAt(r.reasons, join(path, 'reasons'));
}

/** A field's path below `path`. */
export { join as fieldPath };
