/**
 * The API's JSON Schemas (schemas/api/*.schema.json), compiled by Ajv (draft 2020-12, strict
 * mode, formats checked), and which schema an output path is checked against.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { PROJECT_DIR } from './corpus.js';

export const API_SCHEMA_NAMES = ['daily', 'latest', 'index', 'index-page', 'source-index', 'source-index-page'] as const;
export type ApiSchemaName = (typeof API_SCHEMA_NAMES)[number];

/** A schema file's parsed JSON. */
export function apiSchema(name: ApiSchemaName): Record<string, unknown> {
  return JSON.parse(readFileSync(join(PROJECT_DIR, 'schemas/api', `${name}.schema.json`), 'utf8')) as Record<string, unknown>;
}

// ajv-formats is CommonJS: its default export arrives as the module object under NodeNext.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

/** A strict Ajv with every API schema compiled (throws if one is not a valid, strict schema). */
export function apiValidators(): Record<ApiSchemaName, ValidateFunction> {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return Object.fromEntries(API_SCHEMA_NAMES.map((name) => [name, ajv.compile(apiSchema(name))])) as Record<ApiSchemaName, ValidateFunction>;
}

/** Which schema a path under out/ (`api/daily/2025-10-17.json`) is checked against. */
export function schemaOfPath(path: string): ApiSchemaName {
  if (/^api\/daily\/\d{4}-\d{2}-\d{2}\.json$/.test(path)) return 'daily';
  if (path === 'api/latest.json') return 'latest';
  if (path === 'api/index.json') return 'index';
  if (/^api\/index\/page-\d+\.json$/.test(path)) return 'index-page';
  if (/^api\/sources\/[^/]+\.json$/.test(path)) return 'source-index';
  if (/^api\/sources\/[^/]+\/page-\d+\.json$/.test(path)) return 'source-index-page';
  throw new Error(`no API schema for ${path}`);
}

/** Ajv's errors, readable in a failed expectation. */
export function schemaErrors(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('\n');
}
