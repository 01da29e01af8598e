/**
 * `digestcast build`: digests → `out/` (feeds, archives, pages, OPML, style sheets, email previews).
 * The I/O edge around the pure renderers. It hashes the digests first; when nothing that goes
 * into the outputs changed since the last build (digests, config, templates, digestcast's
 * code) and the outputs are still there, it stops. Otherwise it parses (reusing cached parse
 * results of unchanged digests), renders, and writes only the files whose content changed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import type { FeedReport } from '../feeds/feed-set.js';
import type { Diagnostic } from '../model.js';
import { filesUnder } from '../files-under.js';
import { codeIdentity, packageInfo } from '../package-info.js';
import { BUILTIN_TEMPLATES_DIR } from '../templates/builtin-templates.js';
import { type BuildStats, outputsPresent, readManifest, writeManifest, writeOutputs } from './output-writer.js';
import { sha256 } from '../hash.js';
import { Project } from '../open-project.js';

/**
 * What to build: an opened project (`run` builds, then sends from the same one), or a project
 * folder and its config.
 */
export type BuildOptions = (
  | { project: Project }
  | {
      /** Project folder: config paths are relative to it. */
      projectDir: string;
      config: Config;
    }
) & {
  /** Render even when nothing changed. */
  force?: boolean;
};

export type { BuildStats };

export interface BuildResult {
  outDir: string;
  stats: BuildStats;
  diagnostics: Diagnostic[];
  /** Nothing changed since the last build: outputs were left as they were. */
  upToDate: boolean;
  outputs: number;
  written: number;
  removed: number;
  parseCache: { hits: number; misses: number };
  /** What each subscription feed holds and why it was trimmed (from the last build that rendered). */
  feeds: FeedReport[];
  timings: { readMs: number; renderMs: number; writeMs: number; totalMs: number };
  /** State files that were there but ignored (damaged, another format version or shape), one line each saying why. */
  notes: string[];
}

/** Builds `out/` from the digests folder. */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const project = 'project' in options ? options.project : new Project(options.projectDir, options.config);
  const { config } = project;
  const { out: outDir, state: stateDir, templates: templatesDir } = project.dirs;
  const info = packageInfo();

  // Hash first: it is all an up-to-date build needs (and what is parsed below is these bytes).
  const { hashes } = await project.digestFiles();
  const fingerprint = buildFingerprint(config, templatesDir, hashes, codeIdentity());
  const manifestPath = join(stateDir, 'build-manifest.json');
  const { value: previous, note: manifestNote } = await readManifest(manifestPath);
  const notes = manifestNote === undefined ? [] : [manifestNote];
  if (!options.force && previous?.fingerprint === fingerprint && (await outputsPresent(outDir, previous))) {
    const totalMs = performance.now() - started;
    return {
      outDir,
      stats: previous.stats,
      diagnostics: previous.diagnostics,
      upToDate: true,
      outputs: Object.keys(previous.files).length,
      written: 0,
      removed: 0,
      parseCache: { hits: 0, misses: 0 },
      feeds: previous.feeds,
      timings: { readMs: totalMs, renderMs: 0, writeMs: 0, totalMs },
      notes,
    };
  }

  // Started first, so that MJML (needed only when a project changed its email templates) can
  // start compiling in its worker early.
  const emailTemplatesLoading = project.emailTemplates();
  // The renderers are loaded only now: an up-to-date build does not need them.
  const renderersLoading = Promise.all([import('../feeds/feed-set.js'), import('../site/pages.js'), import('../email/email-previews.js')]);
  renderersLoading.catch(() => undefined); // awaited below; a failure is reported there
  const { set, catalog, parseCache, cacheNote } = await project.digests();
  if (cacheNote !== undefined) notes.push(cacheNote);
  const readMs = performance.now() - started;

  const renderStart = performance.now();
  const siteTemplates = await project.siteTemplates();
  const [{ renderFeeds }, { renderSite }, { emailPreviews }] = await renderersLoading;
  const feeds = renderFeeds(catalog, config, { ...(info.homepage ? { uri: info.homepage } : {}), version: info.version });
  const files = [...feeds.files, ...renderSite(catalog, config, siteTemplates)];
  files.push(...emailPreviews(catalog, config, await emailTemplatesLoading));
  const renderMs = performance.now() - renderStart;

  const writeStart = performance.now();
  const written = await writeOutputs(outDir, files, previous);
  const stats: BuildStats = {
    days: catalog.days.length,
    papers: catalog.days.reduce((n, d) => n + d.sources.reduce((m, s) => m + s.papers.length, 0), 0),
    entries: catalog.entries.length,
    digestFiles: set.files.length,
    readableFiles: set.readableFiles,
  };
  await writeManifest(manifestPath, { fingerprint, files: written.hashes, stats, feeds: feeds.reports, diagnostics: set.diagnostics });
  const writeMs = performance.now() - writeStart;
  return {
    outDir,
    stats,
    diagnostics: set.diagnostics,
    upToDate: false,
    outputs: files.length,
    written: written.written,
    removed: written.removed,
    parseCache,
    feeds: feeds.reports,
    timings: { readMs, renderMs, writeMs, totalMs: performance.now() - started },
    notes,
  };
}

/**
 * Everything the outputs depend on: digestcast's code (version and hash), the config, every
 * template file (the project's and the shipped ones it falls back to), the digests.
 */
function buildFingerprint(config: Config, templatesDir: string, digests: string[], code: string): string {
  const templates = [templatesDir, BUILTIN_TEMPLATES_DIR].map((dir) => filesUnder(dir).map((path) => `${path}:${sha256(readFileSync(join(dir, path)))}`));
  return sha256(JSON.stringify({ code, config, templates, digests: [...digests].sort() }));
}

