/**
 * The send state's files on disk: append-only JSON-lines logs whose lines are checked against a
 * schema, a format header, and the union merge that lets several writers share them.
 *
 * Every state file is a set of lines. Writers only ever append, each to a file of its own (a
 * run id in the name), so two copies of the state are merged by taking the union of their
 * lines: nothing a writer recorded can be lost by a merge, whatever order merges happen in.
 * A file that is absent is empty; a file that cannot be read or holds a line that is not what
 * digestcast writes stops the run (a state that is silently taken as empty would mail people
 * who unsubscribed, or mail everyone twice).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fdatasyncSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { z } from 'zod';

/** The state format this digestcast writes; a file with a newer one is refused. */
export const STATE_FORMAT_VERSION = 2;

/** The first line of every JSON-lines state file digestcast writes. */
export interface StateHeader {
  format: string;
  version: number;
}

/** A state file that is unreadable, malformed or from a newer digestcast: the run must stop. */
export class StateError extends Error {
  override name = 'StateError';
}

/** The text of a state file, or undefined when it does not exist (any other error is a StateError). */
export function readStateText(path: string, shownAs = path): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StateError(`cannot read ${shownAs}: ${(error as Error).message}. Fix the file's permissions (or restore it with \`digestcast state pull\`) and run again.`);
  }
}

/** Names in a state folder, or none when it does not exist. */
export function listStateDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new StateError(`cannot list ${dir}: ${(error as Error).message}`);
  }
}

/**
 * Reads a JSON-lines state file: the header (if any) is checked against `format`, every other
 * line against `schema`. A last line without its newline is what a killed writer leaves: it is
 * skipped. Any other bad line throws a StateError naming `file:line`.
 */
export function readJsonLines<T>(path: string, format: string, schema: z.ZodType<T>, shownAs = path): T[] {
  const text = readStateText(path, shownAs);
  if (text === undefined) return [];
  const lines = text.split('\n');
  const records: T[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    const cutShort = i === lines.length - 1 && !text.endsWith('\n');
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      if (cutShort) continue;
      throw new StateError(`${shownAs}:${i + 1}: not a JSON line. The send state is damaged: remove that line (or delete the file and run \`digestcast state pull\` to get the branch's copy), then run again.`);
    }
    if (isHeader(value)) {
      if (value.format !== format) throw new StateError(`${shownAs}:${i + 1}: this is a "${value.format}" file, expected "${format}"`);
      if (value.version > STATE_FORMAT_VERSION) {
        throw new StateError(`${shownAs}:${i + 1}: written by a newer digestcast (state format ${value.version}; this one reads up to ${STATE_FORMAT_VERSION}). Update digestcast before sending.`);
      }
      continue;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      if (cutShort) continue;
      const issue = parsed.error.issues[0];
      throw new StateError(`${shownAs}:${i + 1}: not a valid ${format} record (${issue ? `${issue.path.join('.') || 'record'}: ${issue.message}` : 'invalid'}). Remove that line (or delete the file and run \`digestcast state pull\`), then run again.`);
    }
    records.push(parsed.data);
  }
  return records;
}

function isHeader(value: unknown): value is StateHeader {
  return typeof value === 'object' && value !== null && 'format' in value && 'version' in value && typeof (value as StateHeader).format === 'string' && typeof (value as StateHeader).version === 'number';
}

/** The header line of a state file of this format. */
export function headerLine(format: string): string {
  return `${JSON.stringify({ format, version: STATE_FORMAT_VERSION } satisfies StateHeader)}\n`;
}

/**
 * A name for this writer's files: time and randomness, so no two runs (shards, overlapping
 * runs, runners on other machines) ever write the same file.
 */
export function newWriterId(now = new Date()): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(4).toString('hex')}`;
}

/**
 * Appends JSON lines to one file of its own, with the format header first. Each record reaches
 * the file before `append` returns (a killed process loses none it was told about); data is
 * synced to disk every `syncEvery` records and on close.
 */
export class JsonLinesWriter<T> {
  private fd = -1;
  private unsynced = 0;

  constructor(
    readonly path: string,
    private readonly format: string,
    private readonly syncEvery = 50,
  ) {}

  append(record: T): void {
    if (this.fd < 0) {
      mkdirSync(dirname(this.path), { recursive: true });
      this.fd = openSync(this.path, 'a');
      writeSync(this.fd, headerLine(this.format));
    }
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
    if (++this.unsynced >= this.syncEvery) this.sync();
  }

  sync(): void {
    if (this.fd < 0 || this.unsynced === 0) return;
    fdatasyncSync(this.fd);
    this.unsynced = 0;
  }

  close(): void {
    if (this.fd < 0) return;
    this.sync();
    closeSync(this.fd);
    this.fd = -1;
  }
}

/**
 * The union of two copies of a line-set file, `base` first and then the lines of `other` that
 * `base` lacks, in their order. A last line without its newline (a writer killed mid-line) is
 * left out of both. Merging is commutative as a set and idempotent: no line is ever lost.
 */
export function unionLines(base: string, other: string): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const text of [base, other]) {
    for (const line of completeLines(text)) {
      if (!line.trim() || seen.has(line)) continue;
      seen.add(line);
      out.push(line);
    }
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

/** The lines of a text that end with a newline. */
export function completeLines(text: string): string[] {
  const lines = text.split('\n');
  lines.pop(); // after the last newline: empty, or a line cut short
  return lines.map((l) => l.replace(/\r$/, ''));
}

/** Joins a state-branch path (forward slashes) onto the state folder. */
export function localStatePath(stateDir: string, branchPath: string): string {
  return join(stateDir, ...branchPath.split('/'));
}
