/**
 * `--date` (fetch, preview, run, send): a day as `YYYY-MM-DD`, else a usage mistake that says what it must be.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { dateOption } from '../../src/cli/date-option.js';
import { UsageError } from '../../src/cli/io.js';
import { memoryIo } from '../helpers/io.js';
import { makeProject } from '../helpers/project.js';

describe('--date', () => {
  it('takes YYYY-MM-DD or nothing, and refuses anything else with what it must be', () => {
    expect(dateOption(undefined)).toBeUndefined();
    expect(dateOption('2025-10-17')).toBe('2025-10-17');
    for (const wrong of ['2025-1-17', '17.10.2025', '2025-10-17x', '']) {
      expect(() => dateOption(wrong), wrong).toThrow(UsageError);
      expect(() => dateOption(wrong), wrong).toThrow(`--date must be YYYY-MM-DD, not "${wrong}"`);
    }
  });

  it('is checked by every command that takes it (exit code 2)', async () => {
    const dir = makeProject({ 'digestcast.config.json': JSON.stringify({ upstream: { urlTemplate: 'http://127.0.0.1:9/d/{date}-{source}.md' } }) });
    for (const command of ['fetch', 'preview', 'run', 'send']) {
      const io = memoryIo(dir);
      expect(await main([command, '--date', '2025-1-17'], io), command).toBe(2);
      expect(io.err(), command).toContain('--date must be YYYY-MM-DD, not "2025-1-17"');
    }
  });
});
