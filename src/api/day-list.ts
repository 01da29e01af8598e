/**
 * The documents of a paged list of days (the API's index, each source's index): a head document
 * with the newest days and the list of pages, and one document per page. Shared by
 * `index-documents.ts` and `source-index-documents.ts`, which say what a day entry holds.
 */
import type { OutputFile } from '../project/output-file.js';
import { apiJson } from './api-json.js';
import { API_VERSION } from './api-version.js';
import { pagesOfDays } from './day-pages.js';

/** A page in the head document's list of pages. */
export interface ApiPageRef {
  number: number;
  /** Oldest and newest day on the page. */
  from: string;
  to: string;
  days: number;
  papers: number;
  complete: boolean;
  url: string;
}

/** What a list of days is made of. */
export interface DayListSpec<E extends { date: string }> {
  /** Entries, one per day, any order. */
  entries: readonly E[];
  /** Papers listed on an entry's day. */
  papersOf: (entry: E) => number;
  pageSize: number;
  headPath: string;
  pagePath: (page: number) => string;
  /** Absolute URL of an output path. */
  url: (path: string) => string;
  /** Fields that come first in every document of the list (`source`, `sourceName`). */
  identity: Record<string, unknown>;
  /** Links every page carries besides `self`, `older`, `newer` (the head document's, the API index's). */
  pageLinks: Record<string, string>;
  /** The head document's fields after `totals` and `links` (`site`, `sources`). */
  headFields: Record<string, unknown>;
  /** The head document's links besides `self`, `firstPage`, `lastPage`. */
  headLinks: Record<string, string>;
}

/** Renders the head document and every page (pages oldest first, after the head). */
export function dayListDocuments<E extends { date: string }>(spec: DayListSpec<E>): OutputFile[] {
  const pages = pagesOfDays(spec.entries, spec.pageSize);
  const newestFirst = <T>(list: readonly T[]) => [...list].reverse();
  const papersOf = (days: readonly E[]) => days.reduce((sum, d) => sum + spec.papersOf(d), 0);
  const refs: ApiPageRef[] = pages.map((p) => ({
    number: p.number,
    from: p.days[0]!.date,
    to: p.days[p.days.length - 1]!.date,
    days: p.days.length,
    papers: papersOf(p.days),
    complete: p.complete,
    url: spec.url(spec.pagePath(p.number)),
  }));
  const all = pages.flatMap((p) => p.days);
  const last = pages.length;
  const head = {
    version: API_VERSION,
    ...spec.identity,
    pageSize: spec.pageSize,
    totals: { days: all.length, papers: papersOf(all), pages: last },
    links: {
      self: spec.url(spec.headPath),
      ...spec.headLinks,
      ...(last > 0 ? { firstPage: spec.url(spec.pagePath(1)), lastPage: spec.url(spec.pagePath(last)) } : {}),
    },
    ...spec.headFields,
    pages: newestFirst(refs),
    days: newestFirst(all.slice(-spec.pageSize)),
  };
  const files: OutputFile[] = [{ path: spec.headPath, content: apiJson(head) }];
  for (const page of pages) {
    const document = {
      version: API_VERSION,
      ...spec.identity,
      page: page.number,
      pageSize: spec.pageSize,
      complete: page.complete,
      counts: { days: page.days.length, papers: papersOf(page.days) },
      links: {
        self: spec.url(spec.pagePath(page.number)),
        ...spec.pageLinks,
        ...(page.number > 1 ? { older: spec.url(spec.pagePath(page.number - 1)) } : {}),
        ...(page.number < last ? { newer: spec.url(spec.pagePath(page.number + 1)) } : {}),
      },
      days: newestFirst(page.days),
    };
    files.push({ path: spec.pagePath(page.number), content: apiJson(document) });
  }
  return files;
}
