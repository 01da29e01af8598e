/**
 * digestcast's own name, version and home page, read from its package.json.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root folder of the digestcast package (holds package.json and templates/). */
export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface PackageJson {
  name: string;
  version: string;
  homepage?: string;
}

let cached: PackageJson | undefined;

/** The package's name, version and home page (a placeholder URL when none is set). */
export function packageInfo(): { name: string; version: string; homepage: string } {
  cached ??= JSON.parse(readFileSync(resolve(PACKAGE_DIR, 'package.json'), 'utf8')) as PackageJson;
  return { name: cached.name, version: cached.version, homepage: cached.homepage ?? 'https://github.com/digestcast/digestcast' };
}
