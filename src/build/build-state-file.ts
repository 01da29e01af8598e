/**
 * The build's state files (the build manifest, the digest history): one JSON document with a
 * format name and version, checked against its shape when read. Unlike the send state, they only save
 * work: one that is damaged, of another format version or of another shape is ignored (the
 * build does that work again), with a one-line note that says why.
 */
import { readFile } from 'node:fs/promises';

/** Names a build state file's format; written first in the file. */
export interface BuildStateFormat {
  format: string;
  version: number;
}

/**
 * A hand-written shape check (`shape-check.ts`; the state files are read by every build, and a
 * schema library checks them several times slower): the value typed, or the first problem as `path: what`.
 */
export type ShapeCheck<T> = (json: unknown) => { ok: true; value: T } | { ok: false; problem: string };

/** What reading a build state file gave: its content, or nothing, with a note when the file was there but not usable. */
export type BuildStateRead<T> = { value: T; note?: undefined } | { value?: undefined; note?: string };

/**
 * Reads a build state file. A missing file gives nothing, silently; one that is not JSON, of
 * another format or version, or does not match `shape` gives nothing and a note
 * (`<what> ignored: format 1, expected 2; <consequence>`).
 */
export async function readBuildState<T>(path: string, format: BuildStateFormat, shape: ShapeCheck<T>, what: string, consequence: string): Promise<BuildStateRead<T>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return {};
    return { note: `${what} ignored: cannot read it (${error instanceof Error ? error.message : String(error)}); ${consequence}` };
  }
  const ignored = (why: string) => ({ note: `${what} ignored: ${why}; ${consequence}` });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return ignored(`not JSON (${error instanceof Error ? error.message : 'unparsable'})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return ignored('not a JSON object');
  // Files from before formats were named and numbered are format 1.
  const name = 'format' in json ? json.format : format.format;
  if (name !== format.format) return ignored(`a ${JSON.stringify(name)} file, expected "${format.format}"`);
  const version = 'version' in json && typeof json.version === 'number' ? json.version : 1;
  if (version !== format.version) return ignored(`format ${version}, expected ${format.version}`);
  const checked = shape(json);
  return checked.ok ? { value: checked.value } : ignored(`not the shape digestcast writes (${checked.problem})`);
}
