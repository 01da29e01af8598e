import { describe, expect, it } from 'vitest';
import type { FetchFailureReason } from '../../src/model.js';
import { en } from '../../src/view/strings/en.js';
import { zhCN } from '../../src/view/strings/zh-CN.js';
import { templateStrings, UI_LANGUAGES, uiLanguageOf, uiStrings, type UiStrings } from '../../src/view/ui-strings.js';

const HAN = /\p{Script=Han}/u;
const REASONS: FetchFailureReason[] = ['rate-limited', 'server-error', 'timeout', 'connection', 'http-error', 'no-content', 'unknown'];

/** Every text a table can produce, with sample arguments for its functions. */
function everyText(strings: UiStrings): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(strings)) {
    if (typeof value === 'string') out.push(value);
    else if (key === 'fetchFailed') for (const r of REASONS) out.push(strings.fetchFailed(r), strings.fetchFailed(r, 503));
    else if (key === 'sourceWithStatus' || key === 'textSourceHeading') out.push(value('arXiv', 'x', true), value('arXiv', 'x', false));
    else if (key === 'topicFeedSubtitle' || key === 'topicDayHeading' || key === 'subscribedToTopics') out.push(value('x', ['a', 'b']));
    else out.push((value as (...args: unknown[]) => string)(...Array.from({ length: value.length }, (_, i) => (i === 0 ? 1 : 2))));
  }
  return out;
}

describe('UI string tables', () => {
  it('have the same keys, each of the same kind (the UiStrings type enforces it; this checks the objects too)', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const key of Object.keys(zhCN) as (keyof UiStrings)[]) {
      expect(typeof en[key], key).toBe(typeof zhCN[key]);
      if (typeof zhCN[key] === 'function') expect((en[key] as () => string).length, key).toBe((zhCN[key] as () => string).length);
    }
    expect(Object.keys(UI_LANGUAGES)).toEqual(['zh-CN', 'en']);
  });

  it('English has no Han characters in anything it can say; every text is non-empty', () => {
    for (const text of everyText(en)) expect(text, text).not.toMatch(HAN);
    for (const text of [...everyText(en), ...everyText(zhCN)]) expect(text.trim()).not.toBe('');
  });

  it('zh-CN keeps the words digestcast has used', () => {
    expect(zhCN.papers(10)).toBe('10 篇');
    expect(zhCN.noNewPapers).toBe('当天没有新论文');
    expect(zhCN.fetchFailed('rate-limited', 429)).toBe('抓取失败（HTTP 429，限流）');
    expect(zhCN.fetchFailed('unknown')).toBe('抓取失败');
    expect(zhCN.sourceWithStatus('medRxiv', '抓取失败（超时）', true)).toBe('medRxiv · 抓取失败（超时）');
    expect(zhCN.sourceWithStatus('arXiv', '2 篇', false)).toBe('arXiv（2 篇）');
    expect(zhCN.archiveName('2025-10', 2)).toBe('2025-10 存档 第 2 页');
    expect(zhCN.fullText).toBe('全文');
    expect(zhCN.defaultSubject).toBe('{{sources}} 每日速递 · {{date}} · {{count}} 篇');
  });

  it('English counts in the singular and plural', () => {
    expect(en.papers(1)).toBe('1 paper');
    expect(en.papers(0)).toBe('0 papers');
    expect(en.fetchFailed('timeout')).toBe('fetch failed (timed out)');
    expect(en.fetchFailed('unknown')).toBe('fetch failed');
  });

  it('picks the table by the config language tag', () => {
    for (const tag of ['zh', 'zh-CN', 'zh-Hans', 'zh-hans-cn', 'zh-SG']) expect(uiLanguageOf(tag), tag).toBe('zh-CN');
    for (const tag of ['en', 'en-US', 'en-GB', 'en-AU']) expect(uiLanguageOf(tag), tag).toBe('en');
    // Traditional Chinese readers are not served Simplified words: no table for them (yet).
    for (const tag of ['zh-TW', 'zh-Hant', 'zh-HK', 'fr', 'de-DE', 'not a tag!']) expect(uiLanguageOf(tag), tag).toBeUndefined();
    expect(uiStrings('en-GB')).toBe(en);
    expect(() => uiStrings('fr')).toThrow(/no strings for language "fr"; supported: zh, zh-CN, zh-Hans.*en, en-US, en-GB/);
  });

  it('gives templates the plain strings only', () => {
    const t = templateStrings(en);
    expect(Object.values(t).every((v) => typeof v === 'string')).toBe(true);
    expect(t.allDays).toBe('All days');
    expect('papers' in t).toBe(false);
  });
});
