/**
 * A day in brief: each source's status and paper count, what lists of days are made from
 * (the build keeps these for the whole history, not the days themselves).
 */
import type { Day, FetchFailureReason, SourceDay, SourceStatus } from '../model.js';
import { type DayOutline as HistoryDayOutline, outlineOf } from '../project/day-outline.js';

/** Why a source's fetch failed, in the API: the kind and the HTTP status, never the upstream error text. */
export interface ApiFailure {
  reason: FetchFailureReason;
  httpStatus?: number;
}

/** One source on one day, in brief. */
export interface SourceOutline {
  source: string;
  sourceName: string;
  status: SourceStatus;
  /** Papers the digest lists (a paper listed on an earlier day counts again). */
  count: number;
  /** For `failed`. */
  failure?: ApiFailure;
}

/** A day in brief. */
export interface DayOutline {
  date: string;
  /** In the day's order (arXiv, bioRxiv, medRxiv, others A–Z). */
  sources: SourceOutline[];
}

/** The outline of a full day. */
export function dayOutline(day: Day): DayOutline {
  return apiOutline(outlineOf(day));
}

/** The API's outline of a day as the build keeps it for the history (`project/day-outline.ts`): the failure without its upstream text. */
export function apiOutline(outline: HistoryDayOutline): DayOutline {
  return {
    date: outline.date,
    sources: outline.sources.map((s) => ({ source: s.source, sourceName: s.sourceName, status: s.status, count: s.count, ...(s.failure ? { failure: apiFailure(s.failure) } : {}) })),
  };
}

/** The outline of one source's day. */
export function sourceOutline(source: SourceDay): SourceOutline {
  const outline: SourceOutline = { source: source.source, sourceName: source.sourceName, status: source.status, count: source.papers.length };
  if (source.failure) outline.failure = apiFailure(source.failure);
  return outline;
}

/** A fetch failure without the upstream error text (which may hold hosts, paths or tokens). */
export function apiFailure(failure: ApiFailure): ApiFailure {
  return failure.httpStatus !== undefined ? { reason: failure.reason, httpStatus: failure.httpStatus } : { reason: failure.reason };
}

/** Papers listed on a day, across sources. */
export function outlinePapers(outline: DayOutline): number {
  return outline.sources.reduce((sum, s) => sum + s.count, 0);
}
