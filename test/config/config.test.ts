import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';
import { defaultConfig, validateConfig } from '../../src/config/schema.js';
import { main } from '../../src/cli.js';
import { memoryIo } from '../helpers/io.js';
import { makeProject } from '../helpers/project.js';

describe('configuration', () => {
  it('has defaults that build a fresh clone', () => {
    expect(defaultConfig()).toMatchObject({
      siteUrl: 'http://localhost:8080/',
      language: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      digestsDir: 'digests',
      outDir: 'out',
      feeds: { days: 7, maxEntries: 10_000, maxBytes: 1_000_000, issueDays: 30 },
    });
  });

  it('names the key and the problem for every mistake', () => {
    const result = validateConfig({ siteUrl: 'ftp://x', feeds: { days: 0, extra: 1 }, timeZone: 'Mars/Olympus', language: 'not a tag!', author: { name: '' }, color: 'red' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byKey = Object.fromEntries(result.problems.map((p) => [p.key, p.message]));
    expect(byKey.siteUrl).toMatch(/absolute http\(s\) URL/);
    expect(byKey['feeds.days']).toBe('expected a whole number from 1 to 366');
    expect(byKey['feeds.extra']).toMatch(/unknown key; known keys here: days, maxEntries, maxBytes, issueDays/);
    expect(byKey.timeZone).toMatch(/IANA time zone/);
    expect(byKey.language).toMatch(/language tag/);
    expect(byKey['author.name']).toBe('must not be empty');
    expect(byKey.color).toMatch(/^unknown key; known keys here: siteUrl, title/);
  });

  it('takes the words of its defaults from the language, and refuses a language digestcast has no words for', async () => {
    expect(defaultConfig()).toMatchObject({ title: '论文每日速递', email: { subject: '{{sources}} 每日速递 · {{date}} · {{count}} 篇' } });
    const english = validateConfig({ language: 'en-GB' });
    expect(english.ok && english.config).toMatchObject({ language: 'en-GB', title: 'Daily papers', email: { subject: '{{sources}} daily · {{date}} · {{papers}}' } });
    expect(english.ok && english.config.description).not.toMatch(/\p{Script=Han}/u);
    // Words the user set stay as set, whatever the language.
    const own = validateConfig({ language: 'en', title: '我的速递', description: '', email: { subject: 'S {{date}}' } });
    expect(own.ok && own.config).toMatchObject({ title: '我的速递', description: '', email: { subject: 'S {{date}}' } });
    for (const language of ['fr', 'zh-TW']) {
      const result = validateConfig({ language });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems).toEqual([{ key: 'language', message: `digestcast has no strings for "${language}"; expected one of zh, zh-CN, zh-Hans (and zh-SG, zh-Hans-*), en, en-US, en-GB (any en-*)` }]);
    }
    const dir = makeProject({ 'digestcast.config.json': JSON.stringify({ language: 'fr' }) });
    await expect(loadConfig(dir)).rejects.toThrow(/is not valid:\n {2}- language: digestcast has no strings for "fr"/);
  });

  it('refuses secrets in the config file and says where they go', () => {
    const result = validateConfig({ smtpUrl: 'smtp://user:pass@host' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.message).toMatch(/secrets do not belong in the config file.*SMTP_URL/);
  });

  it('adds a trailing slash to the site URL and lets DIGESTCAST_SITE_URL override it', async () => {
    const dir = makeProject({ 'digestcast.config.json': JSON.stringify({ siteUrl: 'https://me.github.io/papers' }) });
    expect((await loadConfig(dir)).siteUrl).toBe('https://me.github.io/papers/');
    expect((await loadConfig(dir, { env: { DIGESTCAST_SITE_URL: 'https://other.example/x/' } })).siteUrl).toBe('https://other.example/x/');
  });

  it('explains a broken or missing config file', async () => {
    const dir = makeProject({ 'digestcast.config.json': '{ "title": "x", }' });
    await expect(loadConfig(dir)).rejects.toThrow(ConfigError);
    await expect(loadConfig(dir)).rejects.toThrow(/digestcast\.config\.json: not valid JSON/);
    await expect(loadConfig(dir, { path: 'nope.json' })).rejects.toThrow(/nope\.json: no such file/);
    const io = memoryIo(makeProject({ 'digestcast.config.json': JSON.stringify({ feeds: { days: 'seven' } }), 'digests/.keep': '' }));
    expect(await main(['build'], io)).toBe(1);
    expect(io.err()).toContain('digestcast.config.json is not valid:\n  - feeds.days: expected a whole number from 1 to 366');
  });
});
