/**
 * Writes build outputs into `out/`: only files whose content changed, and removes the files
 * an earlier build wrote that this one no longer produces (never anything else in `out/`).
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { z } from 'zod';
import type { FeedReport } from '../feeds/feed-set.js';
import type { Diagnostic } from '../model.js';
import type { OutputFile } from '../project/output-file.js';
import { mapLimit } from '../map-limit.js';
import { sha256 } from '../hash.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { type BuildStateFormat, type BuildStateRead, readBuildState } from './build-state-file.js';
import { diagnosticSchema, feedReportSchema } from './state-schemas.js';

/** The build manifest's format (version 1: files without a format name or version). */
export const BUILD_MANIFEST_FORMAT = { format: 'digestcast-build-manifest', version: 2 } as const satisfies BuildStateFormat;

/** Counts that describe what a build published. */
export interface BuildStats {
  days: number;
  papers: number;
  entries: number;
  digestFiles: number;
  readableFiles: number;
}

/** What the previous build wrote: its fingerprint, each file's hash, and what it reported (for an up-to-date build to repeat). */
export interface BuildManifest {
  fingerprint: string;
  files: Record<string, string>;
  stats: BuildStats;
  feeds: FeedReport[];
  diagnostics: Diagnostic[];
}

const buildStatsSchema: z.ZodType<BuildStats> = z.object({
  days: z.number(),
  papers: z.number(),
  entries: z.number(),
  digestFiles: z.number(),
  readableFiles: z.number(),
});

const manifestFileSchema = z.object({
  format: z.literal(BUILD_MANIFEST_FORMAT.format),
  version: z.literal(BUILD_MANIFEST_FORMAT.version),
  fingerprint: z.string(),
  files: z.record(z.string(), z.string()),
  stats: buildStatsSchema,
  feeds: z.array(feedReportSchema),
  diagnostics: z.array(diagnosticSchema),
});

/**
 * Reads the manifest of the previous build: nothing when there is none, and a note when it is
 * there but damaged, of another format version or shape (then everything is rebuilt).
 */
export async function readManifest(path: string): Promise<BuildStateRead<BuildManifest>> {
  return readBuildState(path, BUILD_MANIFEST_FORMAT, manifestFileSchema, 'build manifest', 'rebuilding everything');
}

/** Writes the manifest atomically, with its format. */
export async function writeManifest(path: string, manifest: BuildManifest): Promise<void> {
  const file: z.infer<typeof manifestFileSchema> = { ...BUILD_MANIFEST_FORMAT, ...manifest };
  await writeFileAtomic(path, JSON.stringify(file, null, 1));
}

/** Whether every file of a manifest is still in `outDir`. */
export async function outputsPresent(outDir: string, manifest: BuildManifest): Promise<boolean> {
  // Synchronously: hundreds of existence checks in a row are several times faster than as promises.
  return Object.keys(manifest.files).every((path) => existsSync(join(outDir, path)));
}

/** Writes outputs; returns the new manifest's file hashes and counts. */
export async function writeOutputs(outDir: string, files: readonly OutputFile[], previous: BuildManifest | undefined): Promise<{ hashes: Record<string, string>; written: number; unchanged: number; removed: number }> {
  const hashes: Record<string, string> = {};
  let written = 0;
  let unchanged = 0;
  const jobs = files.map((file) => {
    const path = safeOutputPath(file.path);
    const hash = sha256(file.content);
    hashes[path] = hash;
    return { path, hash, content: file.content, target: join(outDir, path) };
  });
  for (const dir of new Set(jobs.map((j) => dirname(j.target)))) await mkdir(dir, { recursive: true });
  await mapLimit(jobs, 16, async (job) => {
    if (previous?.files[job.path] === job.hash && (await exists(job.target))) {
      unchanged++;
      return;
    }
    await writeFile(job.target, job.content);
    written++;
  });
  let removed = 0;
  for (const path of Object.keys(previous?.files ?? {})) {
    if (path in hashes) continue;
    await rm(join(outDir, safeOutputPath(path)), { force: true });
    removed++;
  }
  return { hashes, written, unchanged, removed };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** An output path must stay inside `out/`. */
function safeOutputPath(path: string): string {
  const clean = normalize(path);
  if (clean.startsWith('..') || clean.startsWith(sep) || clean.includes(`${sep}..${sep}`)) throw new Error(`refusing to write outside the output folder: ${path}`);
  return clean;
}
