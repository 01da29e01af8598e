/**
 * The upstream error of a `> 抓取失败：…` status line → why the fetch failed: a reason and, when
 * the error names one, the HTTP status. Views put those in readers' words
 * (`src/view/ui-strings.ts`: `抓取失败（HTTP 429，限流）`); the raw error (hundreds of characters of
 * HTTP body and query URL) is kept for build diagnostics, never shown to readers.
 */
import type { FetchFailure, FetchFailureReason } from '../model.js';

/** `HTTP 429`, `HTTP Error 503`, `status code 502`, `429 Client Error`, `502 Bad Gateway`. */
const HTTP_STATUS =
  /\bHTTP(?:\/\d(?:\.\d)?)?\s*(?:error|status(?:\s*code)?)?\s*[:=]?\s*([1-5]\d\d)\b|\bstatus(?:[ _]code)?\s*[:=]?\s*([1-5]\d\d)\b|\b([45]\d\d)\s+(?:client|server)\s+error\b|\b([45]\d\d)\s+(?:too many requests|service unavailable|bad gateway|gateway time-?out|internal server error|forbidden|not found)\b/i;
const RATE_LIMITED = /too many requests|rate[ -]?limit|限流|请求过于频繁/i;
const TIMEOUT = /timed?[ -]?out|timeout|超时/i;
const CONNECTION = /connection|connect|max retries|name or service not known|name resolution|getaddrinfo|dns|refused|reset by peer|ssl|certificate|network|unreachable|连接|网络/i;

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

/** A failure of a known reason. */
export function failure(reason: FetchFailureReason, detail: string, httpStatus?: number): FetchFailure {
  return { reason, ...(httpStatus === undefined ? {} : { httpStatus }), detail };
}

/** `timeout`, `rate-limited, HTTP 429`: a failure for diagnostics (English, like every diagnostic). */
export function failureForDiagnostics(failed: Pick<FetchFailure, 'reason' | 'httpStatus'>): string {
  return failed.httpStatus === undefined ? failed.reason : `${failed.reason}, HTTP ${failed.httpStatus}`;
}
