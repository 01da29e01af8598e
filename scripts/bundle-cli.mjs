/**
 * Bundles the CLI after `tsc` has compiled `src/` into `dist/`:
 * - `dist/digestcast-cli.cjs`: the CLI in one CommonJS file. Node's ES module loader resolves,
 *   reads and compiles each of the CLI's ~450 modules (its own and its dependencies') one by one,
 *   a large part of a daily build on a long history; one file loads faster (when it was
 *   introduced: 490 ms against 180 ms to load the build's modules). CommonJS, because V8 compiles
 *   a script lazily and can keep its code in a cache (`src/cli/code-cache.ts`), which Node 20
 *   offers for neither kind of module;
 * - `dist/digestcast.js`, the package's `bin` (`src/cli/launch.ts`): runs that file with V8's
 *   code cache;
 * - `dist/render-thread.bundle.js`: the render threads' entry, which the bundled CLI starts (so
 *   that both threads run the same bundled dependencies).
 * The library (`dist/index.js`) and `dist/cli.js` stay as `tsc` wrote them.
 *
 * Left out of the bundles, loaded from `node_modules` where they are used: MJML (loaded only when
 * a project's email templates changed, in a worker), Pagefind (it runs its own binary, found from
 * its package folder) and Handlebars (its compiler is loaded only when a template changed, and
 * must be the runtime's own version).
 */
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const common = {
  outdir: join(root, 'dist'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  sourcesContent: false,
  external: ['mjml', 'pagefind', 'handlebars'],
  logLevel: 'warning',
};

await Promise.all([
  build({
    ...common,
    entryPoints: { 'digestcast-cli': join(root, 'src/cli.ts') },
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    // `RUNS_BUNDLED` (src/package-info.ts): the bundled CLI starts the bundled render thread.
    // A CommonJS file has no `import.meta`: its address is made from `__filename`; `import.meta.resolve` is used only when running from the TypeScript sources.
    define: { DIGESTCAST_BUNDLE: 'true', 'import.meta.url': '__digestcastUrl', 'import.meta.resolve': '__digestcastResolve' },
    banner: {
      js: [
        // First: a directive after other statements does not make the file strict, and the sources are ES modules (strict).
        '"use strict";',
        "const __digestcastUrl = require('node:url').pathToFileURL(__filename).href;",
        "const __digestcastResolve = (specifier) => { throw new Error(`import.meta.resolve(${specifier}) is not available in the bundled CLI`); };",
        // Dynamic imports go through the launcher's `import()` (see below).
        "const __digestcastImportModule = typeof __digestcastImport === 'function' ? __digestcastImport : (specifier) => Promise.reject(new Error(`cannot import ${specifier}: start the CLI with dist/digestcast.js`));",
      ].join('\n'),
    },
  }),
  build({
    ...common,
    entryPoints: { digestcast: join(root, 'src/cli/launch.ts'), 'render-thread.bundle': join(root, 'src/build/render-thread.ts') },
    format: 'esm',
    define: { DIGESTCAST_BUNDLE: 'true' },
    // Dependencies written as CommonJS call `require` for Node's own modules: give them one.
    banner: { js: "import { createRequire as __digestcastRequire } from 'node:module';\nconst require = __digestcastRequire(import.meta.url);" },
  }),
]);

// Code taken from V8's code cache loses `import()` in Node 20 (`src/cli/code-cache.ts`): the CLI
// bundle's dynamic imports of packages (`import("mjml")`) call the launcher's instead.
const cliBundle = join(root, 'dist', 'digestcast-cli.cjs');
const bundled = readFileSync(cliBundle, 'utf8').replace(/(?<![\w$.#])import\(("[^"]+")\)/g, '__digestcastImportModule($1)');
// Any other `import(` left would fail when called; only code in template strings (a render thread's `eval` entry, from the sources) may have one.
const left = bundled.match(/(?<![\w$.#`])import\s*\((?!\$\{)/);
if (left) throw new Error(`${cliBundle}: an import() call was left at offset ${left.index}: route it through __digestcastImportModule`);
writeFileSync(cliBundle, bundled);
