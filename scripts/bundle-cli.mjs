/**
 * Bundles the CLI after `tsc` has compiled `src/` into `dist/`: `dist/digestcast.js` (the
 * package's `bin`) and the render threads' entry, `dist/render-thread.bundle.js`, which the
 * bundled CLI starts (so that both threads run the same bundled dependencies). Node's ES module
 * loader resolves, reads and compiles each of the CLI's ~450 modules (its own and its
 * dependencies') one by one, a large part of a daily build on a long history; one file loads
 * faster (when it was introduced: 490 ms against 180 ms to load the build's modules). The
 * library (`dist/index.js`) and `dist/cli.js` stay as `tsc` wrote them.
 *
 * Left out of the bundles, loaded from `node_modules` where they are used: MJML (loaded only when
 * a project's email templates changed, in a worker), Pagefind (it runs its own binary, found from
 * its package folder) and Handlebars (its compiler is loaded only when a template changed, and
 * must be the runtime's own version).
 */
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

await build({
  entryPoints: { digestcast: join(root, 'src/cli.ts'), 'render-thread.bundle': join(root, 'src/build/render-thread.ts') },
  outdir: join(root, 'dist'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  sourcesContent: false,
  external: ['mjml', 'pagefind', 'handlebars'],
  // `RUNS_BUNDLED` (src/package-info.ts): the bundled CLI starts the bundled render thread.
  define: { DIGESTCAST_BUNDLE: 'true' },
  // Dependencies written as CommonJS call `require` for Node's own modules: give them one.
  banner: { js: "import { createRequire as __digestcastRequire } from 'node:module';\nconst require = __digestcastRequire(import.meta.url);" },
  logLevel: 'warning',
});
