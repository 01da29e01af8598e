import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { defaultConfig, validateConfig } from '../../src/config/schema.js';
import { makeProject } from '../helpers/project.js';

function problems(input: unknown): Record<string, string> {
  const result = validateConfig(input);
  expect(result.ok).toBe(false);
  return result.ok ? {} : Object.fromEntries(result.problems.map((p) => [p.key, p.message]));
}

describe('topics in the config', () => {
  it('has none by default, and reads valid ones as given', () => {
    expect(defaultConfig().topics).toEqual([]);
    const result = validateConfig({ topics: [{ id: 'diffusion', title: '扩散模型', keywords: ['diffusion', '扩散'], description: '生成模型' }] });
    expect(result.ok && result.config.topics).toEqual([{ id: 'diffusion', title: '扩散模型', keywords: ['diffusion', '扩散'], description: '生成模型' }]);
  });

  it('names the key of every mistake: id, title, keywords, duplicates, unknown keys', () => {
    const byKey = problems({
      topics: [
        { id: 'ok', title: 'OK', keywords: ['a'] },
        { id: 'Bad Id', title: '', keywords: [] },
        { id: 'ok2', title: 'Again', keywords: ['LLM', ' '], colour: 'red' },
        { id: '-x', title: 'T', keywords: 'diffusion' },
      ],
    });
    expect(byKey['topics[1].id']).toMatch(/URL-safe id/);
    expect(byKey['topics[1].title']).toBe('must not be empty');
    expect(byKey['topics[1].keywords']).toBe('expected at least one keyword');
    expect(byKey['topics[2].keywords[1]']).toBe('must not be empty');
    expect(byKey['topics[2].colour']).toBe('unknown key; known keys here: id, title, keywords, description');
    expect(byKey['topics[3].id']).toMatch(/URL-safe id/);
    expect(byKey['topics[3].keywords']).toMatch(/list of keywords/);
    expect(problems({ topics: { id: 'x' } }).topics).toMatch(/list of topics/);
  });

  it('refuses a repeated id, and a keyword repeated up to case or width (once the rest is valid)', () => {
    const byKey = problems({ topics: [{ id: 'ok', title: 'OK', keywords: ['a'] }, { id: 'ok', title: 'Again', keywords: ['LLM', 'llm', 'ＬＬＭ'] }] });
    expect(byKey['topics[1].keywords[1]']).toMatch(/repeats keyword 0 \("LLM"\) up to case or width/);
    expect(byKey['topics[1].keywords[2]']).toMatch(/repeats keyword 0/);
    expect(problems({ topics: [{ id: 'ok', title: 'OK', keywords: ['a'] }, { id: 'ok', title: 'Again', keywords: ['b'] }] })['topics[1].id']).toBe('"ok" is already the id of topics[0]; ids must be unique');
  });

  it('fails loading with the key, like other config errors', async () => {
    const dir = makeProject({ 'digestcast.config.json': JSON.stringify({ topics: [{ id: 'a', title: 'A', keywords: ['x'] }, { id: 'b/c', title: 'B', keywords: ['y'] }] }) });
    await expect(loadConfig(dir)).rejects.toThrow(/is not valid:\n {2}- topics\[1\]\.id: expected a URL-safe id/);
  });
});
