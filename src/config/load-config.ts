/**
 * Reads `digestcast.config.json` (optional) and applies environment overrides.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Config, validateConfig } from './schema.js';

export const CONFIG_FILE = 'digestcast.config.json';

/** A config file that cannot be used; the message names the file and each key. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Environment variables that override config keys (for CI, where the Pages URL is only known at run time). */
export const CONFIG_ENV: Readonly<Record<string, keyof Config>> = {
  DIGESTCAST_SITE_URL: 'siteUrl',
};

/**
 * Loads the configuration for a project folder. `path` overrides the file location;
 * a missing default file means defaults, a missing explicit file is an error.
 */
export async function loadConfig(projectDir: string, options: { path?: string; env?: Readonly<Record<string, string | undefined>> } = {}): Promise<Config> {
  const file = options.path ? resolve(projectDir, options.path) : join(projectDir, CONFIG_FILE);
  let raw: unknown = {};
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !options.path) raw = {};
    else if (code === 'ENOENT') throw new ConfigError(`${file}: no such file`);
    else if (error instanceof SyntaxError) throw new ConfigError(`${file}: not valid JSON: ${error.message}`);
    else throw new ConfigError(`${file}: cannot read: ${(error as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(`${file}: expected a JSON object at the top level`);
  const merged: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  for (const [name, key] of Object.entries(CONFIG_ENV)) {
    const value = options.env?.[name];
    if (value) merged[key] = value;
  }
  const result = validateConfig(merged);
  if (!result.ok) {
    throw new ConfigError(`${file} is not valid:\n${result.problems.map((p) => `  - ${p.key}: ${p.message}`).join('\n')}`);
  }
  return result.config;
}
