import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { PROJECT_DIR } from '../helpers/corpus.js';
import { memoryIo } from '../helpers/io.js';
import { tempDir } from '../helpers/tmp.js';

const run = promisify(execFile);

describe('digestcast parse', () => {
  it('prints one JSON array of paper records with the documented field names', async () => {
    const io = memoryIo(PROJECT_DIR);
    expect(await main(['parse', 'digests', '--json'], io)).toBe(0);
    const records = JSON.parse(io.out()) as Record<string, unknown>[];
    expect(records).toHaveLength(10);
    expect(Object.keys(records[0]!)).toEqual(['date', 'source', 'id', 'version', 'title', 'authors', 'pdfUrl', 'url', 'summary', 'file', 'line']);
    expect(records[0]).toMatchObject({ date: '2025-10-17', source: 'arxiv', id: 'arxiv:2510.14981', file: 'digests/2025-10-17-arxiv.md', line: 5 });
    expect(io.err()).toBe('');
  });

  it('prints a record for every distinct PDF link, another version of a paper included', async () => {
    const dir = tempDir('cli-');
    const row = '| T | A | [PDF](http://arxiv.org/pdf/2510.00001v1) | S |';
    writeFileSync(join(dir, '2025-10-17-arxiv.md'), `# arxiv 2025-10-17\n\n| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|\n${row}\n| U | B | [PDF](http://arxiv.org/pdf/2510.00002v1) | S |\n${row.replace('v1', 'v2')}\n${row}\n`);
    const io = memoryIo(dir);
    expect(await main(['parse', '.', '--json', '--quiet'], io)).toBe(0);
    const records = JSON.parse(io.out()) as { pdfUrl: string; line: number }[];
    expect(records.map((r) => [r.pdfUrl, r.line])).toEqual([
      ['http://arxiv.org/pdf/2510.00001v1', 5],
      ['http://arxiv.org/pdf/2510.00002v1', 6],
      ['http://arxiv.org/pdf/2510.00001v2', 7],
    ]);
  });

  it('prints an empty JSON array when the digests hold no paper', async () => {
    const dir = tempDir('cli-');
    writeFileSync(join(dir, '2025-10-17-arxiv.md'), '# arxiv 2025-10-17\n\n今日无新论文。\n');
    const io = memoryIo(dir);
    expect(await main(['parse', '.', '--json', '--quiet'], io)).toBe(0);
    expect(io.out()).toBe('[]\n');
  });

  it('prints a readable summary per file without --json', async () => {
    const io = memoryIo(PROJECT_DIR);
    expect(await main(['parse', 'digests/2025-10-17-arxiv.md'], io)).toBe(0);
    expect(io.out()).toContain('digests/2025-10-17-arxiv.md: 2025-10-17, arXiv 10 papers — no diagnostics');
  });

  it('sends diagnostics to stderr as file:line:column and still exits 0 when something was read', async () => {
    const dir = tempDir('cli-');
    writeFileSync(join(dir, '2025-10-17-arxiv.md'), '# arxiv 2025-10-17\n\n| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|\n| T | A | [PDF](javascript:alert(1)) | S |\n| U | B | [PDF](http://arxiv.org/pdf/2510.00001v1) | S |\n');
    writeFileSync(join(dir, 'broken.md'), '');
    const io = memoryIo(dir);
    expect(await main(['parse', '.', '--json'], io)).toBe(0);
    expect(JSON.parse(io.out())).toHaveLength(1);
    expect(io.err()).toContain('2025-10-17-arxiv.md:5:11: error [unsafe-pdf-link]');
    expect(io.err()).toContain('broken.md:1:1: error [empty-file]');
  });

  it('exits 1 when nothing could be read, and 2 on a usage error', async () => {
    const io = memoryIo(PROJECT_DIR);
    expect(await main(['parse', 'no-such-folder'], io)).toBe(1);
    expect(io.err()).toContain('no-such-folder:1:1: error [unreadable-file] cannot read: no such file or folder');
    const usage = memoryIo(PROJECT_DIR);
    expect(await main(['parse'], usage)).toBe(2);
    expect(usage.err()).toContain('Usage: digestcast parse');
    expect(await main(['parse', '--bogus', 'x'], memoryIo(PROJECT_DIR))).toBe(2);
  });

  it('works as a real process', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'parse', 'digests', '--json'], { cwd: PROJECT_DIR });
    expect(JSON.parse(stdout)).toHaveLength(10);
    await expect(run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'parse', 'nowhere'], { cwd: PROJECT_DIR })).rejects.toMatchObject({ code: 1 });
  });
});
