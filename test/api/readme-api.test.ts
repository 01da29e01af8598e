/**
 * The README's "API" section: each JSON example validates against the schema of the document
 * its caption names, and every kind of document has an example or is named in the table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_SCHEMA_NAMES, apiValidators, schemaErrors, schemaOfPath } from '../helpers/api-schemas.js';
import { PROJECT_DIR } from '../helpers/corpus.js';

/** The text of the README's `## API` section. */
function apiSection(): string {
  const readme = readFileSync(join(PROJECT_DIR, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## API\n');
  expect(start, 'README.md has an "## API" section').toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

/** Each ```json block with the last `api/…json` path named before it (in the caption). */
function examples(section: string): { path: string; json: string }[] {
  const found: { path: string; json: string }[] = [];
  for (const match of section.matchAll(/```json\n([\s\S]*?)```/g)) {
    const before = section.slice(0, match.index);
    const paths = [...before.matchAll(/`(api\/[^`\s]+\.json)`/g)];
    found.push({ path: paths.at(-1)?.[1] ?? '(no path named)', json: match[1]! });
  }
  return found;
}

describe('README API section', () => {
  it('has JSON examples that validate against the schema of the document each names', () => {
    const validators = apiValidators();
    const blocks = examples(apiSection());
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    const shown = new Set<string>();
    for (const { path, json } of blocks) {
      const name = schemaOfPath(path);
      shown.add(name);
      const validate = validators[name];
      expect(validate(JSON.parse(json)), `README example of ${path}\n${schemaErrors(validate)}`).toBe(true);
    }
    // The one kind without its own example is a source's page, described as like the index's.
    expect([...API_SCHEMA_NAMES].filter((n) => !shown.has(n))).toEqual(['source-index-page']);
  });
});
