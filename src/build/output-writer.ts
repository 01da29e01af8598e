/**
 * Writes build outputs into `out/`: only files whose content changed, and removes the files
 * an earlier build wrote that this one no longer produces (never anything else in `out/`).
 */
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import type { OutputFile } from '../project/output-file.js';
import { mapLimit } from '../map-limit.js';
import { sha256 } from '../hash.js';
import { writeFileAtomic } from '../write-file-atomic.js';

/** What the previous build wrote: its fingerprint and each file's hash. */
export interface BuildManifest {
  fingerprint: string;
  files: Record<string, string>;
}

/** Reads the manifest of the previous build (undefined when there is none). */
export async function readManifest(path: string): Promise<BuildManifest | undefined> {
  try {
    const m = JSON.parse(await readFile(path, 'utf8')) as BuildManifest;
    return m && typeof m.fingerprint === 'string' && m.files ? m : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the manifest atomically. */
export async function writeManifest(path: string, manifest: BuildManifest): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(manifest, null, 1));
}

/** Whether every file of a manifest is still in `outDir`. */
export async function outputsPresent(outDir: string, manifest: BuildManifest): Promise<boolean> {
  for (const path of Object.keys(manifest.files)) {
    try {
      await stat(join(outDir, path));
    } catch {
      return false;
    }
  }
  return true;
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
