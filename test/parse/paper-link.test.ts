import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identifyPaper } from '../../src/parse/paper-link.js';

describe('paper ids from PDF links', () => {
  it.each([
    ['http://arxiv.org/pdf/2510.14981v1', { id: 'arxiv:2510.14981', version: 1, url: 'https://arxiv.org/abs/2510.14981', source: 'arxiv' }],
    ['https://arxiv.org/pdf/2606.27377v12', { id: 'arxiv:2606.27377', version: 12, url: 'https://arxiv.org/abs/2606.27377' }],
    ['https://arxiv.org/abs/2409.02920', { id: 'arxiv:2409.02920', url: 'https://arxiv.org/abs/2409.02920' }],
    ['https://export.arxiv.org/pdf/2409.02920v3.pdf', { id: 'arxiv:2409.02920', version: 3 }],
    ['http://arxiv.org/pdf/hep-th/9901001v2', { id: 'arxiv:hep-th/9901001', version: 2, url: 'https://arxiv.org/abs/hep-th/9901001' }],
    ['https://doi.org/10.1101/2024.12.24.629987', { id: 'doi:10.1101/2024.12.24.629987', url: 'https://doi.org/10.1101/2024.12.24.629987' }],
    ['https://www.biorxiv.org/content/10.64898/2026.04.29.721673v1.full.pdf', { id: 'doi:10.64898/2026.04.29.721673', version: 1, url: 'https://doi.org/10.64898/2026.04.29.721673', source: 'biorxiv' }],
    ['https://www.medrxiv.org/content/10.1101/2025.07.01.25329897v2.full.pdf', { id: 'doi:10.1101/2025.07.01.25329897', version: 2, source: 'medrxiv' }],
    ['https://doi.org/10.1101/2024.12.24.629987v2', { id: 'doi:10.1101/2024.12.24.629987', version: 2, url: 'https://doi.org/10.1101/2024.12.24.629987' }],
    ['https://doi.org/10.1016/j.cell.2024.01.001', { id: 'doi:10.1016/j.cell.2024.01.001' }],
    ['https://example.org/papers/x.pdf#page=2', { id: 'url:https://example.org/papers/x.pdf', url: 'https://example.org/papers/x.pdf' }],
  ])('%s', (link, expected) => {
    expect(identifyPaper(link)).toMatchObject(expected);
  });

  it('gives the same id to v1 and v2 of a paper', () => {
    expect(identifyPaper('http://arxiv.org/pdf/2510.14981v1')!.id).toBe(identifyPaper('https://arxiv.org/pdf/2510.14981v2')!.id);
  });

  it('refuses links that are not absolute http(s) URLs', () => {
    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>', '/pdf/2510.14981', 'url', '…', 'file:///etc/passwd']) {
      expect(identifyPaper(bad), bad).toBeUndefined();
    }
  });
});

describe('identifyPaper without the URL parser', () => {
  const segment = fc.constantFrom('', 'pdf', 'abs', 'content', 'early', '2024', '10.1101', '10.64898', '2024.09.04.000001', '2024.09.04.000001v2', '2510.14981', '2510.14981v3', '2510.14981v1.pdf', 'hep-th', '9901001v2', '.', '..', 'x.full.pdf', 'a_b', '~x', 'V2');
  const link = fc
    .record({
      scheme: fc.constantFrom('http', 'https', 'HTTPS'),
      host: fc.constantFrom('arxiv.org', 'www.arxiv.org', 'ARXIV.org', 'export.arxiv.org', 'doi.org', 'dx.doi.org', 'www.biorxiv.org', 'medrxiv.org', 'e.org', 'arxiv.org.', '1.2.3'),
      path: fc.array(segment, { minLength: 1, maxLength: 6 }),
    })
    .map(({ scheme, host, path }) => `${scheme}://${host}/${path.join('/')}`);

  it('identifies a plain link as the URL parser reads it (a #fragment sends it to the parser)', () => {
    fc.assert(
      fc.property(link, (url) => {
        expect(identifyPaper(url)).toEqual(identifyPaper(`${url}#x`));
      }),
      { numRuns: 2000 },
    );
  });
});
