/**
 * `digestcast build`: turn digests/ into out/.
 */
import { parseArgs } from 'node:util';
import { buildSite, type BuildResult } from '../build/build-site.js';
import { openProject } from '../open-project.js';
import { formatDiagnostic, summarizeDiagnostics } from '../diagnostic-format.js';
import type { FeedReport } from '../feeds/feed-set.js';
import type { CliCommand, CliIo } from './io.js';

export const BUILD_HELP = `Usage: digestcast build [--config <file>] [--force] [--verbose]

Reads the digests (config "digestsDir", default digests/) and writes feeds, archives,
the site and email previews into "outDir" (default out/).
  --config <file>  config file (default: digestcast.config.json, if present)
  --force          render everything even if nothing changed
  --verbose        also print info-level diagnostics
Exit code 0 on success, 1 when no digest could be read or a template is broken.`;

/** Options shared by commands that build. */
export const BUILD_OPTIONS = {
  config: { type: 'string' },
  force: { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
} as const;

/** Runs `build`; returns the exit code. */
export async function buildCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: BUILD_OPTIONS, strict: true });
  const project = await openProject(io.cwd, { configPath: values.config, env: io.env, onLargeWork: io.limitHeapGrowth });
  const result = await buildSite({ project, force: values.force });
  return reportBuild(result, io, values.verbose);
}

/** Prints a build's diagnostics and summary; returns the exit code. */
export function reportBuild(result: BuildResult, io: CliIo, verbose = false): number {
  for (const d of result.diagnostics) if (verbose || d.severity !== 'info') io.stderr(`${formatDiagnostic(d)}\n`);
  for (const note of result.notes) io.stderr(`digestcast build: ${note}\n`);
  const { stats } = result;
  if (stats.digestFiles === 0 || stats.readableFiles === 0) {
    io.stderr(`digestcast build: no readable digest in the digests folder (${stats.digestFiles} files); nothing to publish\n`);
    return 1;
  }
  const state = result.upToDate ? 'up to date, nothing written' : `${result.written} written, ${result.outputs - result.written} unchanged${result.removed ? `, ${result.removed} removed` : ''}`;
  io.stdout(
    `digestcast build: ${stats.days} days, ${stats.papers} papers, ${stats.entries} feed entries → ${result.outDir} (${result.outputs} files: ${state}) in ${(result.timings.totalMs / 1000).toFixed(2)} s — ${summarizeDiagnostics(result.diagnostics)}\n`,
  );
  for (const feed of result.feeds) io.stdout(`${formatFeedReport(feed)}\n`);
  return 0;
}

const LEVEL_WORDS = { full: 'full entries', short: 'short abstracts', links: 'titles and links only' } as const;

/**
 * One line per subscription feed: days and papers it holds (of those it should), each file's
 * size and content level, its archive pages, and why it trimmed, e.g.
 * `  feed arxiv: 7/7 days, 1400/1400 papers; atom.xml 812 kB short abstracts, … — entries shortened to fit feeds.maxBytes (1000000)`.
 */
export function formatFeedReport(feed: FeedReport): string {
  const files = feed.files.map((f) => `${f.path} ${Math.ceil(f.bytes / 1000)} kB ${LEVEL_WORDS[f.level]}`).join(', ');
  const archive =
    feed.source !== undefined && feed.archivePages === 0
      ? 'history in the all-sources archive'
      : `${feed.archivePages} archive page${feed.archivePages === 1 ? '' : 's'} (${feed.finalArchivePages} final)`;
  const why = feed.reasons.length > 0 ? ` — ${feed.reasons.join('; ')}` : '';
  return `  feed ${feed.source ?? 'all sources'}: ${feed.days}/${feed.wantedDays} days, ${feed.entries}/${feed.wantedEntries} papers; ${files}; ${archive}${why}`;
}

export default { help: BUILD_HELP, run: buildCommand } satisfies CliCommand;
