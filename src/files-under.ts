/**
 * Listing a folder's files, for fingerprints of templates and of digestcast's own code.
 */
import { type Dirent, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Files under a folder, relative to it, sorted (none when it does not exist). */
export function filesUnder(dir: string, sub = ''): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(join(dir, sub), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? filesUnder(dir, join(sub, e.name)) : [join(sub, e.name)])).sort();
}
