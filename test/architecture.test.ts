/**
 * The layering the README describes, checked on the import statements of src/: a pure core
 * (parse → model → project → view → the renderers) that does no I/O and imports only
 * downwards, the renderers side by side (none imports another), and the I/O at the edges.
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
/** The layer of a file of src/: its folder (`parse`), or its name at the top (`model`); the config's schema is a layer of its own. */
const layerOf = (file: string) => (file === 'config/schema.ts' ? 'config/schema' : file.includes('/') ? file.split('/')[0]! : file.replace(/\.ts$/, ''));

/**
 * The pure core, in the order data flows (parse → model → render): a layer imports only from
 * its own layer or from layers of a lower rank. The renderers (feeds, site, email, exports, the JSON API) share a rank and import
 * none of each other. The config's schema (types, defaults in the project's words) sits just
 * below the renderers; `hash` is a leaf helper.
 */
const RANK: Readonly<Record<string, number>> = { model: 0, text: 0, hash: 0, parse: 1, project: 2, view: 3, 'config/schema': 3.5, feeds: 4, site: 4, email: 4, exports: 4, api: 4 };
const RENDERERS = ['feeds', 'site', 'email', 'exports', 'api'];
/** Modules that reach the file system, processes, the network, mail or the machine. */
const IO_MODULES = /^(node:)?(fs|fs\/promises|child_process|worker_threads|net|http|https|http2|dgram|cluster|module|os|process|readline|tls)$|^nodemailer/;
/** Globals that do the same. */
const IO_GLOBALS = /\bprocess\.(env|cwd|argv|exit|stdout|stderr)\b|(?<![\w.:?$])(fetch|require)\(/;

describe('architecture', () => {
  it('finds the source files it checks', () => {
    expect(graph.size).toBeGreaterThan(80);
    // Every local import names a file that exists (else the checks below would look at nothing).
    for (const [file, imports] of graph) for (const { spec, local } of imports) if (local) expect(graph.has(`${spec}.ts`), `${file} → ${spec}`).toBe(true);
    for (const layer of Object.keys(RANK)) expect([...graph.keys()].some((f) => layerOf(f) === layer), layer).toBe(true);
  });

  it('keeps the core free of I/O: no file system, process, network or mail', () => {
    const problems: string[] = [];
    for (const [file, imports] of graph) {
      if (RANK[layerOf(file)] === undefined) continue;
      for (const { spec, local } of imports) if (!local && IO_MODULES.test(spec)) problems.push(`${file} imports ${spec}`);
      const code = readFileSync(join(SRC, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      const global = IO_GLOBALS.exec(code);
      if (global) problems.push(`${file} uses ${global[0]}`);
    }
    expect(problems).toEqual([]);
  });

  it('keeps the layers in order: each core layer imports only its own and lower ones, never an edge', () => {
    const problems: string[] = [];
    for (const [file, imports] of graph) {
      const own = layerOf(file);
      const rank = RANK[own];
      if (rank === undefined) continue;
      for (const { spec, local } of imports) {
        if (!local) continue;
        const target = layerOf(`${spec}.ts`);
        const targetRank = RANK[target];
        if (target === own) continue;
        if (targetRank === undefined) problems.push(`${file} imports ${spec} (an edge)`);
        else if (targetRank >= rank) problems.push(`${file} imports ${spec} (${target} is not below ${own})`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps the renderers side by side: feeds, site, email and exports import none of each other', () => {
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
});
