/**
 * A day's outputs that the build renders only when what they are made of changed: its page,
 * its three exports, its API document. `renderDayChunk` renders and writes the units of a few
 * days; the build runs it in this thread or in a render thread (`render-threads.ts`), with the
 * same result.
 */
import { dailyApiDocument } from '../api/daily-document.js';
import type { Config } from '../config/schema.js';
import { renderDayExports } from '../exports/day-exports.js';
import type { Day } from '../model.js';
import { buildCatalog, type Catalog } from '../project/catalog.js';
import type { DayOutline } from '../project/day-outline.js';
import type { DigestFileRef } from '../open-project.js';
import type { OutputFile } from '../project/output-file.js';
import { sitePaths } from '../project/site-paths.js';
import { renderDayPage } from '../site/pages.js';
import type { SiteTemplates } from '../site/site-templates.js';
import { type OutputRecord, OutputWriter } from './output-writer.js';

/** The kinds of a day's units, in the order the build lists them. */
export const DAY_UNIT_KINDS = ['page', 'exports', 'api'] as const;

/** One kind of a day's units. */
export type DayUnitKind = (typeof DAY_UNIT_KINDS)[number];

/** The paths under `out/` of a day's unit. */
export function dayUnitPaths(kind: DayUnitKind, date: string): string[] {
  switch (kind) {
    case 'page':
      return [sitePaths.dayPage(date)];
    case 'exports':
      return (['bib', 'ris', 'csv'] as const).map((format) => sitePaths.export(date, format));
    case 'api':
      return [sitePaths.apiDaily(date)];
  }
}

/**
 * Renders a day's unit from a catalog that holds the day in full (and, for its page, the
 * history in outline and the first listing of each of the day's papers).
 */
function renderDayUnit(kind: DayUnitKind, date: string, catalog: Catalog, config: Config, siteTemplates: SiteTemplates): OutputFile[] {
  switch (kind) {
    case 'page':
      return [renderDayPage(catalog, config, siteTemplates, date)];
    case 'exports':
      // A day's exports are made of the day alone.
      return renderDayExports(dayOf(catalog, date), config);
    case 'api':
      // Its API document says where each paper was first listed.
      return [dailyApiDocument(dayOf(catalog, date), config, (id) => catalog.firstDay.get(id))];
  }
}

function dayOf(catalog: Catalog, date: string): Day {
  const day = catalog.days.find((d) => d.date === date);
  if (!day) throw new Error(`build: ${date} is not among the days loaded in full; its output's dates must name it`);
  return day;
}

/** A day's unit to render, with the key the manifest records for it. */
export interface DayUnitJob {
  kind: DayUnitKind;
  date: string;
  key: string;
}

/**
 * Days to render units of, as a render thread receives them: the days (each with the digest
 * files it is read from, through the parse cache), the first listing of each of their papers,
 * the units, and what the last build recorded of their paths (so that a file whose content did
 * not change is not written again).
 */
export interface DayChunk {
  days: { date: string; files: DigestFileRef[] }[];
  firstDay: [string, string][];
  jobs: DayUnitJob[];
  previous: Record<string, OutputRecord>;
}

/** What rendering a chunk wrote: a record per path (for the manifest), and counts. */
export interface DayChunkResult {
  records: Readonly<Record<string, OutputRecord>>;
  written: number;
  unchanged: number;
}

/** What every chunk is rendered with: the same in every thread. */
export interface DayChunkContext {
  outDir: string;
  config: Config;
  siteTemplates: SiteTemplates;
  /** Every day of the history in outline, newest first. */
  outlines: DayOutline[];
  /** Reads a day in full from its digest files (and does not keep it). */
  readDay: (date: string, files: DigestFileRef[]) => Promise<Day>;
}

/** Renders a chunk's units and writes them under `out/` (only files whose content changed). */
export async function renderDayChunk(chunk: DayChunk, context: DayChunkContext): Promise<DayChunkResult> {
  const days = await Promise.all(chunk.days.map(({ date, files }) => context.readDay(date, files)));
  const catalog = buildCatalog(days, { outlines: context.outlines, firstDay: new Map(chunk.firstDay) });
  const writer = new OutputWriter(context.outDir, { files: chunk.previous });
  for (const job of chunk.jobs) {
    for (const file of renderDayUnit(job.kind, job.date, catalog, context.config, context.siteTemplates)) await writer.write(file, job.key);
  }
  await writer.settled();
  return { records: writer.records, written: writer.written, unchanged: writer.unchanged };
}
