/**
 * The upstream error of a `> 抓取失败：…` status line → why the fetch failed, in a few words
 * readers can take in (`抓取失败（HTTP 429，限流）`). The raw error (hundreds of characters of
 * HTTP body and query URL) is kept for build diagnostics, never shown to readers.
 */
import type { FetchFailure, FetchFailureReason } from '../model.js';

/** `HTTP 429`, `HTTP Error 503`, `status code 502`, `429 Client Error`, `502 Bad Gateway`. */
const HTTP_STATUS =
  /\bHTTP(?:\/\d(?:\.\d)?)?\s*(?:error|status(?:\s*code)?)?\s*[:=]?\s*([1-5]\d\d)\b|\bstatus(?:[ _]code)?\s*[:=]?\s*([1-5]\d\d)\b|\b([45]\d\d)\s+(?:client|server)\s+error\b|\b([45]\d\d)\s+(?:too many requests|service unavailable|bad gateway|gateway time-?out|internal server error|forbidden|not found)\b/i;
const RATE_LIMITED = /too many requests|rate[ -]?limit|限流|请求过于频繁/i;
const TIMEOUT = /timed?[ -]?out|timeout|超时/i;
const CONNECTION = /connection|connect|max retries|name or service not known|name resolution|getaddrinfo|dns|refused|reset by peer|ssl|certificate|network|unreachable|连接|网络/i;

/** Readers' words for each reason (the HTTP status, when known, goes before them). */
const REASON_WORDS: Readonly<Record<FetchFailureReason, string>> = {
  'rate-limited': '限流',
  'server-error': '服务器错误',
  timeout: '超时',
  connection: '连接失败',
  'http-error': '请求被拒绝',
  'no-content': '摘要文件不完整',
  unknown: '',
};

/** Reads what kind of failure an upstream error text describes. */
export function readFetchFailure(detail: string): FetchFailure {
  const m = HTTP_STATUS.exec(detail);
  const httpStatus = m ? Number(m[1] ?? m[2] ?? m[3] ?? m[4]) : undefined;
  let reason: FetchFailureReason;
  if (httpStatus === 429 || RATE_LIMITED.test(detail)) reason = 'rate-limited';
  else if (httpStatus !== undefined && httpStatus >= 500) reason = 'server-error';
  else if (TIMEOUT.test(detail)) reason = 'timeout';
  else if (httpStatus !== undefined && httpStatus >= 400) reason = 'http-error';
  else if (CONNECTION.test(detail)) reason = 'connection';
  else reason = 'unknown';
  return failure(reason, detail, httpStatus);
}

/** A failure of a known reason; `summary` is built from the reason and status. */
export function failure(reason: FetchFailureReason, detail: string, httpStatus?: number): FetchFailure {
  const words = [httpStatus === undefined ? '' : `HTTP ${httpStatus}`, REASON_WORDS[reason]].filter(Boolean).join('，');
  const summary = words ? `抓取失败（${words}）` : '抓取失败';
  return { reason, ...(httpStatus === undefined ? {} : { httpStatus }), summary, detail };
}
