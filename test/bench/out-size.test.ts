import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputKind, outputSizes } from '../../bench/out-size.js';
import { tempDir } from '../helpers/tmp.js';

describe('out/ sizes by kind', () => {
  it('tells day pages, feeds, archives, email previews and the rest apart', () => {
    const kinds = {
      '2025-10-16.html': 'day pages',
      'atom.xml': 'feeds',
      'arxiv/feed.json': 'feeds',
      'issues.xml': 'feeds',
      'archive/2025-10.xml': 'feed archives',
      'biorxiv/archive/2025-10-p2.xml': 'feed archives',
      'email/2025-10-16.html': 'email previews',
      'email/2025-10-16.txt': 'email previews',
      'index.html': 'other',
      'feeds.opml': 'other',
      'feed.xsl': 'other',
    } as const;
    for (const [path, kind] of Object.entries(kinds)) expect(outputKind(path), path).toBe(kind);
  });

  it('adds up the bytes of every file under the folder', () => {
    const dir = tempDir('out-size-');
    const files = { 'atom.xml': 'abc', '2025-10-16.html': 'hello', 'email/2025-10-16.txt': 'hi', 'archive/2025-10.xml': '1234' };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const sizes = outputSizes(dir);
    expect(sizes.total).toEqual({ files: 4, bytes: 14 });
    expect(sizes.byKind.feeds).toEqual({ files: 1, bytes: 3 });
    expect(sizes.byKind['feed archives']).toEqual({ files: 1, bytes: 4 });
    expect(sizes.byKind.other).toEqual({ files: 0, bytes: 0 });
  });
});
