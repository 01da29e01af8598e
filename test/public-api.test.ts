import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as digestcast from '../src/index.js';
import { PROJECT_DIR } from './helpers/corpus.js';
import { historyFixture, makeProject } from './helpers/project.js';

describe('public API (src/index.ts)', () => {
  it('is small and reads digests into the model', async () => {
    expect(Object.keys(digestcast).sort()).toEqual(['ConfigError', 'EXIT_CODES', 'SendLockError', 'StateError', 'TransportConfigError', 'buildSite', 'loadConfig', 'main', 'mergeDays', 'openProject', 'parseDigest', 'readDigests', 'sendDay']);
    const set = await digestcast.readDigests([join(PROJECT_DIR, 'digests')]);
    expect(set.days[0]!.sources[0]!.papers).toHaveLength(10);
    const config = await digestcast.loadConfig(join(PROJECT_DIR, 'test'));
    expect(config.language).toBe('zh-CN');
    const project = await digestcast.openProject(makeProject(historyFixture()));
    expect((await project.digests()).catalog.days.map((d) => d.date)).toEqual(['2025-10-18', '2025-10-17', '2025-10-16']);
  });
});
