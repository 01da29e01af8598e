/**
 * A day in brief: each source's status and paper count, what lists of days are made from
 * (the build keeps these for the whole history, not the days themselves).
 */
import type { Day, FetchFailureReason, SourceDay } from '../model.js';
import { type DayOutline as HistoryDayOutline, outlineOf, type SourceOutline as HistorySourceOutline, sourceOutlineOf } from '../project/day-outline.js';

/** Why a source's fetch failed, in the API: the kind and the HTTP status, never the upstream error text. */
export interface ApiFailure {
  reason: FetchFailureReason;
  httpStatus?: number;
}

/** One source on one day, in brief (the history's outline, its failure without the upstream text). `count`: papers the digest lists (a paper listed on an earlier day counts again). */
export type SourceOutline = Omit<HistorySourceOutline, 'failure'> & { failure?: ApiFailure };

/** A day in brief; sources in the day's order (arXiv, bioRxiv, medRxiv, others A–Z). */
export interface DayOutline {
  date: string;
  sources: SourceOutline[];
}

/** The outline of a full day. */
export function dayOutline(day: Day): DayOutline {
  return apiOutline(outlineOf(day));
}

/** The API's outline of a day as the build keeps it for the history (`project/day-outline.ts`). */
export function apiOutline(outline: HistoryDayOutline): DayOutline {
  return { date: outline.date, sources: outline.sources.map(apiSourceOutline) };
}

/** The outline of one source's day. */
export function sourceOutline(source: SourceDay): SourceOutline {
  return apiSourceOutline(sourceOutlineOf(source));
}

function apiSourceOutline(s: HistorySourceOutline): SourceOutline {
  return { source: s.source, sourceName: s.sourceName, status: s.status, count: s.count, ...(s.failure ? { failure: apiFailure(s.failure) } : {}) };
}

/** A fetch failure without the upstream error text (which may hold hosts, paths or tokens). */
function apiFailure(failure: ApiFailure): ApiFailure {
  return failure.httpStatus !== undefined ? { reason: failure.reason, httpStatus: failure.httpStatus } : { reason: failure.reason };
}

/** Papers listed on a day, across sources. */
export function outlinePapers(outline: DayOutline): number {
  return outline.sources.reduce((sum, s) => sum + s.count, 0);
}
