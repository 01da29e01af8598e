/**
 * Bundles the CLI into one file, `dist/cli.js` (over the one `tsc` wrote), after `tsc` has
 * compiled `src/` into `dist/`. Node's ES module loader resolves, reads and compiles each of the
 * CLI's ~450 modules (its own and its dependencies') one by one, a large part of a daily build
 * on a long history; one file loads several times faster. The library (`dist/index.js`) and the worker entries (`dist/build/render-thread.js`,
 * `dist/templates/mjml-worker.js`) stay as `tsc` wrote them.
 *
 * Left out of the bundle: MJML (loaded only when a project's email templates changed) and
 * Pagefind (it runs its own binary, found from its package folder).
 */
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

await build({
  entryPoints: [join(root, 'src/cli.ts')],
  outfile: join(root, 'dist/cli.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: ['mjml', 'pagefind'],
  // Dependencies written as CommonJS call `require` for Node's own modules: give them one.
  banner: { js: "import { createRequire as __digestcastRequire } from 'node:module';\nconst require = __digestcastRequire(import.meta.url);" },
  logLevel: 'warning',
});
