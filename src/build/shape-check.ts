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
import { isIsoDate } from '../parse/digest-heading.js';

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

/** A date as the reader writes it (`isIsoDate`). */
export function isoDateAt(value: unknown, path: string): string {
  if (typeof value !== 'string' || !isIsoDate(value)) fail(path, 'a date (YYYY-MM-DD)');
  return value;
}

/** An array of dates (`isoDateAt`), in a tight loop. */
export function isoDateArrayAt(value: unknown, path: string): void {
  if (!Array.isArray(value)) fail(path, 'an array');
  for (let i = 0; i < value.length; i++) isoDateAt(value[i], join(path, i));
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

/** A record whose every key `isKey` takes (`keys` says what a key should be: `months (YYYY-MM)`), and every value as `item` wants it. */
export function recordWithKeysAt(value: unknown, path: string, isKey: (key: string) => boolean, keys: string, item: (value: unknown, path: string) => void): void {
  const record = objectAt(value, path);
  for (const key in record) {
    if (!isKey(key)) fail(path, `keys that are ${keys} (not ${JSON.stringify(key)})`);
    item(record[key], join(path, key));
  }
}

/** An optional field: absent (undefined), or as `check` wants it. */
export function optionalAt(value: unknown, path: string, check: (value: unknown, path: string) => unknown): void {
  if (value !== undefined) check(value, path);
}

/** How each field of a `T` is checked: a table over every key of `T`, so that a field `T` gains fails to type-check until it is checked. */
export type FieldChecks<T> = { [K in keyof T]-?: (value: unknown, path: string) => unknown };

/** An object whose every field is checked by `checks`. */
export function fieldsAt<T>(value: unknown, path: string, checks: FieldChecks<T>): void {
  const record = objectAt(value, path);
  for (const key in checks) checks[key](record[key], join(path, key));
}

/** `check` for an optional field. */
function optional(check: (value: unknown, path: string) => unknown): (value: unknown, path: string) => void {
  return (value, path) => optionalAt(value, path, check);
}

const SEVERITIES = ['error', 'warning', 'info'] as const satisfies readonly Diagnostic['severity'][];

const DIAGNOSTIC_FIELDS: FieldChecks<Diagnostic> = {
  file: stringAt,
  line: numberAt,
  column: numberAt,
  severity: (value, path) => oneOfAt(value, SEVERITIES, path),
  rule: stringAt,
  message: stringAt,
  pdfUrl: optional(stringAt),
};

/** A `Diagnostic`. */
export function diagnosticAt(value: unknown, path: string): void {
  fieldsAt(value, path, DIAGNOSTIC_FIELDS);
}

const LEVELS = ['full', 'short', 'links'] as const satisfies readonly FeedReport['files'][number]['level'][];

const FEED_FILE_FIELDS: FieldChecks<FeedReport['files'][number]> = { path: stringAt, bytes: numberAt, level: (value, path) => oneOfAt(value, LEVELS, path) };

const FEED_REPORT_FIELDS: FieldChecks<FeedReport> = {
  source: optional(stringAt),
  title: stringAt,
  days: numberAt,
  wantedDays: numberAt,
  entries: numberAt,
  wantedEntries: numberAt,
  files: (value, path) => arrayAt(value, path, (file, at) => fieldsAt(file, at, FEED_FILE_FIELDS)),
  reasons: stringArrayAt,
  archivePages: numberAt,
  finalArchivePages: numberAt,
};

/** A `FeedReport` (what a subscription feed holds, in the build manifest). */
export function feedReportAt(value: unknown, path: string): void {
  fieldsAt(value, path, FEED_REPORT_FIELDS);
}

/** A field's path below `path`. */
export { join as fieldPath };
