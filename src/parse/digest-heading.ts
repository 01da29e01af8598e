/**
 * Headings, file names and status lines of digests: which source and day a block belongs to,
 * and whether a day is empty or failed.
 */
import type { SourceId } from '../model.js';

/** Display names of the known sources, as their sites spell them. */
export const KNOWN_SOURCE_NAMES: Readonly<Record<string, string>> = {
  arxiv: 'arXiv',
  biorxiv: 'bioRxiv',
  medrxiv: 'medRxiv',
  chemrxiv: 'ChemRxiv',
  ssrn: 'SSRN',
  psyarxiv: 'PsyArXiv',
  osf: 'OSF',
};

const DATE = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/;
/** Words in a heading that are neither source nor date. */
const FILLER = /\b(?:papers?|digest|daily|issue)\b|每日论文|每日速递|论文速递|论文|日报|速递|[#:：|()（）[\]【】-]/gi;

/** Paper counts and decoration around a source name: `(12 篇)`, `共 3 篇`, `12 papers`, emoji. */
const COUNT_AND_DECORATION = /(?<![A-Za-z\d])\d+\s*(?:篇|条|项)?|共|篇|\p{Extended_Pictographic}|\uFE0F|[，,、。!！]/gu;
/** A preprint server's name inside a longer heading: `arXiv 精选`, `medRxiv 最新论文`. */
const SERVER_NAME = /(?<![A-Za-z])([A-Za-z]*rxiv|SSRN)(?![A-Za-z])/i;

/** Lower-case id of a source name (`BioRxiv` → `biorxiv`, `Chem Rxiv` → `chemrxiv`). */
export function sourceIdOf(name: string): SourceId {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Display name for a source id, falling back to the spelling found in the digest. */
export function sourceDisplayName(id: SourceId, spelling?: string): string {
  return KNOWN_SOURCE_NAMES[id] ?? spelling ?? id;
}

/** Whether a text is a date as the reader writes it (`YYYY-MM-DD`; its month names a search bundle, its day a page). */
export function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text);
}

/** Validates a calendar date and returns it as `YYYY-MM-DD`. */
export function toIsoDate(year: string | number, month: string | number, day: string | number): string | undefined {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (!Number.isInteger(y) || y < 1990 || y > 2999 || m < 1 || m > 12 || d < 1) return undefined;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > last) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Finds a date (`2025-10-17`, `2025/10/17`, `2025年10月17日`) in a text. */
export function findDate(text: string): string | undefined {
  const m = DATE.exec(text);
  return m ? toIsoDate(m[1]!, m[2]!, m[3]!) : undefined;
}

/** What a heading says: a date, a source name, both, or neither. */
export interface HeadingInfo {
  date?: string;
  /** Source name as spelled in the heading. */
  sourceName?: string;
}

/** Reads `# Arxiv 2024-09-04 Papers`, `# arXiv 2026-05-22`, `# 2024-09-04 每日论文`, `## bioRxiv`. */
export function readHeading(text: string): HeadingInfo {
  const date = findDate(text);
  const rest = text.replace(DATE, ' ').replace(FILLER, ' ').replace(COUNT_AND_DECORATION, ' ').replace(/\s+/g, ' ').trim();
  const info: HeadingInfo = {};
  if (date) info.date = date;
  // A source name is a short Latin name (`arXiv`, `BioRxiv`, `chemRxiv`, `SSRN`); a Chinese
  // sub-heading such as `## 说明` is not a source, but one that names a preprint server is.
  if (/^[A-Za-z][A-Za-z0-9 .-]{0,30}$/.test(rest) && rest.split(' ').length <= 3) info.sourceName = rest;
  else {
    const server = SERVER_NAME.exec(text);
    if (server) info.sourceName = server[1]!;
  }
  return info;
}

/** What a file name says: `2025-10-17-arxiv.md` → date and source; `2025-10-17.md` → date only. */
export function readFileName(path: string): HeadingInfo {
  const base = path.split(/[\\/]/).pop() ?? path;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[-_](.+?))?\.(?:md|markdown|txt)$/i.exec(base);
  if (!m) return {};
  const info: HeadingInfo = {};
  const date = toIsoDate(m[1]!, m[2]!, m[3]!);
  if (date) info.date = date;
  if (m[4]) info.sourceName = m[4];
  return info;
}

/** A status line in place of a table; `error` is the upstream error text as written. */
export type StatusLine = { status: 'empty' } | { status: 'failed'; error: string };

const EMPTY = /^(?:当天|今日|今天|本日)?(?:没有|未|无)(?:抓取到|获取到|找到|检索到)?(?:任何)?(?:有效|新的?)?(?:论文|文章|结果)|^no (?:valid |new )?(?:papers?|results?|articles?)\b/i;
const FAILED = /^(?:抓取|获取|爬取|下载|请求)(?:失败|出错|错误)\s*[：:]?\s*|^(?:fetch(?:ing)?|download|request)\s+(?:failed|error)\s*[：:]?\s*|^error\s*[：:]\s*/i;

/** Reads `> 当天没有抓取到有效论文。` (empty) and `> 抓取失败：<error>` (failed); anything else is not a status. */
export function readStatusLine(quote: string): StatusLine | undefined {
  const text = quote.trim();
  const failed = FAILED.exec(text);
  if (failed) return { status: 'failed', error: text.slice(failed[0].length).trim() || text };
  if (EMPTY.test(text)) return { status: 'empty' };
  return undefined;
}
