/**
 * Listing a folder's files, for fingerprints of templates and of digestcast's own code.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Files under a folder (at any depth), relative to it, sorted by code unit (none when it does
 * not exist). Symbolic links are listed as files and not followed.
 */
export function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => !entry.isDirectory())
      .map((entry) => join(relative(dir, entry.parentPath), entry.name))
      .sort();
  } catch {
    return [];
  }
}
