/**
 * `paperAnchor` returns ids and sources that need no lower-casing or replacing as they are: the
 * result is always the full rule's, for plain ids (`arxiv:2510.14981`) and odd ones alike.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paperAnchor } from '../../src/view/anchors.js';

/** The full rule: scheme dropped, lower case, runs of other characters one `-`. */
const fullRule = (paper: { source: string; id: string }) => `${paper.source}-${paper.id.replace(/^[a-z]+:/, '')}`.toLowerCase().replace(/[^a-z0-9._-]+/g, '-');

describe('paperAnchor', () => {
  const part = fc.constantFrom('arxiv', 'doi', 'url', 'ARXIV', 'bio', ':', '::', '2510.14981', '10.1101/2024.10.01', 'https://x.org/a?b', ' ', '_', '-', '.', 'É', 'é', '扩散', 'İ', 'K', '');
  const text = fc.array(fc.oneof(part, fc.string({ maxLength: 4 })), { maxLength: 5 }).map((parts) => parts.join(''));
  it('is the full rule for any source and id', () => {
    fc.assert(
      fc.property(text, text, (source, id) => {
        expect(paperAnchor({ source, id })).toBe(fullRule({ source, id }));
      }),
      { numRuns: 5000 },
    );
    // Ids of the fast path's shape (lower-case scheme, plain rest) with any source, and the other way round.
    const plainId = fc.tuple(fc.constantFrom('arxiv', 'doi', 'url', 'x'), fc.stringMatching(/^[a-z0-9._-]{0,12}$/)).map(([scheme, rest]) => `${scheme}:${rest}`);
    const anySource = fc.oneof(fc.constantFrom('arxiv', 'ARXIV', 'Arxiv', 'bio rxiv', 'bio_rxiv', 'med-rxiv', 'İ', 'K', ''), text);
    fc.assert(
      fc.property(anySource, plainId, (source, id) => {
        expect(paperAnchor({ source, id })).toBe(fullRule({ source, id }));
        expect(paperAnchor({ source: id, id: source })).toBe(fullRule({ source: id, id: source }));
      }),
      { numRuns: 3000 },
    );
    for (const paper of [{ source: 'arxiv', id: 'arxiv:2510.14981' }, { source: 'biorxiv', id: 'doi:10.1101/2024.12.24.629987' }, { source: 'arxiv', id: 'arxiv:hep-th/9901001' }, { source: 'x', id: 'a:b:c' }, { source: 'x', id: ':b' }, { source: 'x', id: 'A:b' }]) {
      expect(paperAnchor(paper)).toBe(fullRule(paper));
    }
  });
});
