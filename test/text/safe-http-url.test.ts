/**
 * `safeHttpUrl` remembers its answers, `isPdfUrl` too, and `siteUrlOf` appends plain paths to the
 * site's folder without the URL parser: each answer is the URL parser's, on first asking and on
 * asking again, for odd links (upper-case schemes and hosts, default ports, dot segments,
 * spaces, Unicode, backslashes, `javascript:`) and for more links than the memos hold.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHttpUrl } from '../../src/parse/paper-link.js';
import { siteUrlOf } from '../../src/project/site-paths.js';
import { safeHttpUrl } from '../../src/text/escape.js';
import { isPdfUrl } from '../../src/view/full-text-link.js';

/** What `safeHttpUrl` is: the parser's href of an absolute http(s) URL. */
function parserSafeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** What `isPdfUrl` is, from the parser's path and host. */
function parserIsPdf(url: string): boolean {
  const parsed = parseHttpUrl(url);
  if (!parsed) return false;
  const path = parsed.pathname.toLowerCase();
  return path.endsWith('.pdf') || (['arxiv.org', 'export.arxiv.org'].includes(parsed.hostname.toLowerCase().replace(/^www\./, '')) && /^\/pdf\/./.test(path));
}

const schemes = fc.constantFrom('https://', 'http://', 'HTTPS://', 'HtTp://', 'https:', 'http:/', 'ftp://', 'javascript:', 'JavaScript:', 'data:', 'mailto:', 'file:///', '//', ' https://', '\thttp://', '');
const hosts = fc.constantFrom('arxiv.org', 'ARXIV.ORG', 'www.arxiv.org', 'export.arxiv.org', 'doi.org', 'www.biorxiv.org', 'xn--fiq228c.com', '例子.测试', 'a b.org', '127.0.0.1', '[::1]', 'user:pw@host.org', 'host.org.', '');
const ports = fc.constantFrom('', ':80', ':443', ':8080', ':0', ':99999', ':');
const segments = fc.constantFrom('pdf', 'abs', '2510.14981v2', '2510.14981', 'paper.PDF', 'x.pdf', '.', '..', '%2e', '%2E%2e', 'a b', '扩散', '%41', '%zz', '\\', 'a\\b', '', '?q=1', '#frag', 'alert(1)', 'content', '10.1101', '2024.10.01.24314650v1.full.pdf');
const urls = fc.oneof(
  fc.tuple(schemes, hosts, ports, fc.array(segments, { maxLength: 5 }), fc.constantFrom('', '/', '?a=b', '#x', ' ')).map(([s, h, p, segs, end]) => `${s}${h}${p}/${segs.join('/')}${end}`),
  fc.string({ maxLength: 30 }),
  fc.constantFrom('https://arxiv.org/pdf/2510.14981', 'javascript:alert(1)', 'https://arxiv.org/pdf/', 'HTTP://ARXIV.ORG/PDF/2510.14981V1', 'http://a/b/../c/./d.pdf'),
);

describe('safeHttpUrl and isPdfUrl (remembered)', () => {
  it("give the URL parser's answer, asked once and asked again", () => {
    fc.assert(
      fc.property(urls, (url) => {
        for (let i = 0; i < 2; i++) {
          expect(safeHttpUrl(url)).toBe(parserSafeUrl(url));
          expect(isPdfUrl(url)).toBe(parserIsPdf(url));
        }
      }),
      { numRuns: 3000 },
    );
    expect(safeHttpUrl(undefined)).toBeUndefined();
  });

  it('still answer right for more links than the memos hold', () => {
    const links = Array.from({ length: 45_000 }, (_, i) => (i % 3 === 0 ? `javascript:void(${i})` : `HTTPS://Arxiv.org:443/pdf/${i}${i % 2 ? '.pdf' : ''}`));
    for (const round of [0, 1]) {
      for (const link of links) {
        if (safeHttpUrl(link) !== parserSafeUrl(link) || isPdfUrl(link) !== parserIsPdf(link)) expect.fail(`round ${round}: ${link}`);
      }
    }
  });
});

describe('siteUrlOf', () => {
  const siteUrls = fc.constantFrom(
    'https://feeds.example.org/papers/',
    'https://feeds.example.org/papers',
    'HTTPS://Feeds.Example.ORG:443/a/./b/../papers/',
    'http://localhost:8080/',
    'http://localhost:80',
    'https://例子.测试/论文/',
    'https://x.org/a b/?q=1#f',
    'https://user:pw@x.org/p/',
    'http://x.org',
    'file:///srv/site/',
    'ftp://x.org/pub/',
    'foo:bar/',
  );
  const pathSegments = fc.constantFrom('2025-10-17.html', 'api', 'daily', 'export', '2025-10-17.bib', 'feed.json', 'atom.xml', 'arxiv', 'source-api', 'topics', 'diffusion.atom', 'page-3.json', '.', '..', '.hidden', '', 'a b', '扩散', '%2e', '%41', 'a?b', 'a#b', 'a\\b', 'A_~-Z', '~x', '-', '_', 'x:y');
  it("resolves every path as the URL parser does, for any site URL and path", () => {
    fc.assert(
      fc.property(siteUrls, fc.array(pathSegments, { minLength: 1, maxLength: 4 }), (siteUrl, parts) => {
        const path = parts.join('/');
        let expected: string | Error;
        try {
          expected = new URL(path.split('/').map(encodeURIComponent).join('/'), siteUrl).href;
        } catch (error) {
          expected = error as Error;
        }
        if (expected instanceof Error) expect(() => siteUrlOf(siteUrl, path)).toThrow();
        else expect(siteUrlOf(siteUrl, path)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });
});
