/**
 * A day in outline: its date and, per source, the status and how many papers it lists. All the
 * index page, the API indexes and the build's planning need of a day, kept for the whole history
 * without its papers (a build holds in full only the days it renders).
 */
import type { Day, FetchFailure, SourceDay, SourceId } from '../model.js';

/** One source of a day in outline. */
export interface SourceOutline {
  source: SourceId;
  sourceName: string;
  status: SourceDay['status'];
  failure?: FetchFailure;
  /** Papers listed (each once). */
  count: number;
}

/** A day in outline (see the module comment). */
export interface DayOutline {
  date: string;
  sources: SourceOutline[];
}

/** The outline of a day. */
export function outlineOf(day: Day): DayOutline {
  return { date: day.date, sources: day.sources.map(sourceOutlineOf) };
}

/** The outline of one source's day. */
export function sourceOutlineOf(s: SourceDay): SourceOutline {
  return { source: s.source, sourceName: s.sourceName, status: s.status, ...(s.failure ? { failure: s.failure } : {}), count: s.papers.length };
}
