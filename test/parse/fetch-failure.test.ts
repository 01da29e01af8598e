import { describe, expect, it } from 'vitest';
import { dayIssueHtml, sourceStatusText } from '../../src/feeds/entry-html.js';
import { readFetchFailure } from '../../src/parse/fetch-failure.js';
import { daySummary, statusText } from '../../src/view/day-summary.js';
import { uiStrings } from '../../src/view/ui-strings.js';
import { parse } from '../helpers/parse.js';

/** The upstream error of a real digest (arXiv, 2026-05-30): an HTTP 429 with the whole query URL. */
const zh = uiStrings('zh-CN');
const en = uiStrings('en');

const ARXIV_429 =
  'Page request resulted in HTTP 429 (https://export.arxiv.org/api/query?search_query=cat%3Acs.NE+OR+cat%3Acs.MA+OR+cat%3Acs.LG+OR+all%3A%22large+language+model%22&sortBy=submittedDate&sortOrder=descending&start=0&max_results=100)';

describe('fetch failures, in readers\' words', () => {
  it.each([
    [ARXIV_429, 'rate-limited', 429, '抓取失败（HTTP 429，限流）'],
    ['429 Client Error: Too Many Requests for url: https://api.biorxiv.org/details/biorxiv/2026-05-30', 'rate-limited', 429, '抓取失败（HTTP 429，限流）'],
    ['Too Many Requests', 'rate-limited', undefined, '抓取失败（限流）'],
    ['HTTP Error 503: Service Unavailable', 'server-error', 503, '抓取失败（HTTP 503，服务器错误）'],
    ['502 Server Error: Bad Gateway for url: https://api.medrxiv.org/x', 'server-error', 502, '抓取失败（HTTP 502，服务器错误）'],
    ["HTTPSConnectionPool(host='api.biorxiv.org', port=443): Read timed out. (read timeout=30.0)", 'timeout', undefined, '抓取失败（超时）'],
    ["HTTPSConnectionPool(host='export.arxiv.org', port=443): Max retries exceeded with url: /api/query (Caused by NewConnectionError('Failed to establish a new connection: [Errno -2] Name or service not known'))", 'connection', undefined, '抓取失败（连接失败）'],
    ['HTTP 404 (https://api.biorxiv.org/x)', 'http-error', 404, '抓取失败（HTTP 404，请求被拒绝）'],
    ['KeyError: \'collection\'', 'unknown', undefined, '抓取失败'],
  ])('%s → %s', (detail, reason, httpStatus, words) => {
    const failure = readFetchFailure(detail);
    // The model keeps the reason and status, no words; the view words them per language.
    expect(failure).toEqual({ reason, ...(httpStatus === undefined ? {} : { httpStatus }), detail });
    const shown = zh.fetchFailed(failure.reason, failure.httpStatus);
    expect(shown).toBe(words);
    // Never any of the upstream text in what readers see, in either language.
    for (const text of [shown, en.fetchFailed(failure.reason, failure.httpStatus)]) {
      expect(text.length).toBeLessThan(45);
      expect(text).not.toMatch(/https?:|\bfor url\b|Errno|Pool/);
    }
  });
});

describe('a failed day, as pages, feeds and emails say it', () => {
  it('shows the short sentence and keeps the upstream error in a diagnostic only', () => {
    const digest = parse(`# arXiv 2026-05-30\n\n> 抓取失败：${ARXIV_429}\n`, '2026-05-30-arxiv.md');
    const source = digest.days[0]!;
    const day = { date: '2026-05-30', sources: [source] };
    expect(statusText(source, zh)).toBe('抓取失败（HTTP 429，限流）');
    expect(daySummary(day, zh)).toBe('arXiv 抓取失败（HTTP 429，限流）');
    expect(sourceStatusText(source, zh)).toBe('arXiv：抓取失败（HTTP 429，限流）');
    expect(statusText(source, en)).toBe('fetch failed (HTTP 429, rate limited)');
    expect(sourceStatusText(source, en)).toBe('arXiv: fetch failed (HTTP 429, rate limited)');
    expect(dayIssueHtml(day, 'https://example.org/2026-05-30.html', zh)).not.toContain('export.arxiv.org');
    expect(digest.diagnostics).toEqual([expect.objectContaining({ rule: 'fetch-failed', line: 3, message: expect.stringContaining(ARXIV_429) })]);
  });
});
