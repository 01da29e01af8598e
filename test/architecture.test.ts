/**
 * The layering the README describes, checked on the import statements of src/: a pure core
 * (parse → model → project → view → the three renderers) that does no I/O, the renderers side
 * by side (none imports another), and the I/O at the edges.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../src');

/** An import: a file of src/ (its path relative to src/, without extension) or a package / Node module. */
interface Import {
  spec: string;
  local: boolean;
}

/** Every .ts file under src/, relative to it, with what it imports. */
function importGraph(): Map<string, Import[]> {
  const graph = new Map<string, Import[]>();
  for (const entry of readdirSync(SRC, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = relative(SRC, join(entry.parentPath, entry.name));
    const text = readFileSync(join(SRC, file), 'utf8');
    const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm)].map((m) => (m[1] ?? m[2])!);
    graph.set(
      file,
      specifiers.map((s) => (s.startsWith('.') ? { spec: normalize(join(dirname(file), s)).replace(/\.js$/, ''), local: true } : { spec: s, local: false })),
    );
  }
  return graph;
}

const graph = importGraph();
const layerOf = (file: string) => (file.includes('/') ? file.split('/')[0]! : file.replace(/\.ts$/, ''));

/** The pure core: no file system, processes, network or mail, and nothing from the edges. */
const CORE = ['parse', 'model', 'project', 'view', 'feeds', 'site', 'email', 'text'];
const RENDERERS = ['feeds', 'site', 'email'];
const IO_MODULES = /^(node:)?(fs|fs\/promises|child_process|worker_threads|net|http|https|dgram|cluster)$|^nodemailer/;
/** What the core may import besides itself: the config's schema (a type and defaults) and two leaf helpers. */
const CORE_MAY_IMPORT = new Set(['config/schema', 'hash', 'paper-record']);

describe('architecture', () => {
  it('finds the source files it checks', () => {
    expect(graph.size).toBeGreaterThan(80);
    // Every local import names a file that exists (else the checks below would look at nothing).
    for (const [file, imports] of graph) for (const { spec, local } of imports) if (local) expect(graph.has(`${spec}.ts`), `${file} → ${spec}`).toBe(true);
    for (const layer of CORE) expect([...graph.keys()].some((f) => layerOf(f) === layer), layer).toBe(true);
  });

  it('keeps the core free of I/O and of the edges', () => {
    const problems: string[] = [];
    for (const [file, imports] of graph) {
      if (!CORE.includes(layerOf(file))) continue;
      for (const { spec, local } of imports) {
        if (!local && IO_MODULES.test(spec)) problems.push(`${file} imports ${spec}`);
        if (local && !CORE.includes(layerOf(`${spec}.ts`)) && !CORE_MAY_IMPORT.has(spec)) problems.push(`${file} imports ${spec} (an edge)`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps the renderers side by side: feeds, site and email import none of each other', () => {
    const problems: string[] = [];
    for (const [file, imports] of graph) {
      const own = layerOf(file);
      if (!RENDERERS.includes(own)) continue;
      for (const { spec, local } of imports) {
        const target = local ? layerOf(`${spec}.ts`) : undefined;
        if (target && target !== own && RENDERERS.includes(target)) problems.push(`${file} imports ${spec}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps the reader below the model: parse imports no project, view or renderer', () => {
    const problems: string[] = [];
    for (const [file, imports] of graph) {
      if (layerOf(file) !== 'parse') continue;
      for (const { spec, local } of imports) if (local && ['project', 'view', ...RENDERERS].includes(layerOf(`${spec}.ts`))) problems.push(`${file} imports ${spec}`);
    }
    expect(problems).toEqual([]);
  });
});
