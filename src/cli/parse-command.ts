/**
 * `digestcast parse <file|dir>... [--json]`: read digests and show what is in them.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { formatDiagnostic, summarizeDiagnostics } from '../diagnostic-format.js';
import type { Paper, SourceDay } from '../model.js';
import { paperRecordsJson } from '../paper-record.js';
import { readDigests } from '../read-digests.js';
import { type CliCommand, type CliIo, UsageError } from './io.js';

export const PARSE_HELP = `Usage: digestcast parse <file|dir>... [--json]

Reads digest files (or every *.md in the folders) and reports what they hold.
  --json     print one JSON array of paper records on stdout (each paper once per day)
  --quiet    do not print diagnostics on stderr
Diagnostics go to stderr as file:line:column: severity [rule] message.
Exit code 0 unless no file could be read.`;

/** Runs `parse`; returns the exit code. */
export async function parseCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { json: { type: 'boolean', default: false }, quiet: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length === 0) throw new UsageError('parse needs at least one digest file or folder');
  // A whole history's records are all held until printed.
  io.limitHeapGrowth?.();
  const set = await readDigests(positionals.map((p) => resolve(io.cwd, p)), { displayRoot: io.cwd });
  if (!values.quiet) for (const d of set.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);

  if (values.json) {
    // Every distinct PDF link has a record: a paper's other listings (another version) follow it.
    // Written piece by piece: a whole history's JSON is tens of megabytes.
    const papers = set.days.flatMap((day) => day.sources.flatMap(listingsInOrder));
    for (const piece of paperRecordsJson(papers)) io.stdout(piece);
  } else {
    for (const file of set.files) {
      const papers = file.days.reduce((n, d) => n + d.papers.length, 0);
      const statuses = file.days.map((d) => `${d.sourceName} ${d.status === 'papers' ? papersCount(d.papers.length) : d.status === 'failed' ? `failed (${d.failure?.reason ?? 'unknown'}${d.failure?.httpStatus ? ` ${d.failure.httpStatus}` : ''})` : 'empty'}`);
      const total = file.days.length > 1 ? ` — ${papersCount(papers)} in all` : '';
      io.stdout(`${file.file}: ${file.date ?? 'no date'}, ${statuses.join('; ') || 'nothing read'}${total} — ${summarizeDiagnostics(file.diagnostics)}\n`);
    }
    const total = set.days.reduce((n, d) => n + d.sources.reduce((m, s) => m + s.papers.length, 0), 0);
    io.stdout(`${set.files.length} files, ${set.days.length} days, ${papersCount(total)} (each once per day) — ${summarizeDiagnostics(set.diagnostics)}\n`);
  }
  if (set.readableFiles === 0) {
    io.stderr('digestcast: no digest could be read; check the paths and the diagnostics above\n');
    return 1;
  }
  return 0;
}

function listingsInOrder(source: SourceDay): Paper[] {
  if (!source.otherListings) return source.papers;
  return [...source.papers, ...source.otherListings].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

function papersCount(n: number): string {
  return `${n} ${n === 1 ? 'paper' : 'papers'}`;
}

export default { help: PARSE_HELP, run: parseCommand } satisfies CliCommand;
