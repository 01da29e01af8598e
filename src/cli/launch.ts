#!/usr/bin/env node
/**
 * The `digestcast` program (`dist/digestcast.js`, the package's `bin`): runs the bundled CLI
 * (`dist/digestcast-cli.cjs`, `scripts/bundle-cli.mjs`) with V8's code cache (`code-cache.ts`).
 * It starts with V8's own heap growth: a large build limits it (`heap-growth.ts`), and the code
 * cache sets V8's own again before it is made (V8 accepts a cache only under the flags it was made with).
 */
import { join } from 'node:path';
import { CODE_DIR } from '../package-info.js';
import { codeCacheDir, requireWithCodeCache } from './code-cache.js';
import { limitHeapGrowth } from './heap-growth.js';
import { processIo } from './io.js';

// The bundle's dynamic imports (MJML, Pagefind) are made here, from the same folder.
const { exports: cli, use } = requireWithCodeCache(join(CODE_DIR, 'digestcast-cli.cjs'), codeCacheDir(), (specifier) => import(specifier));
if (process.env.DIGESTCAST_CODE_CACHE_REPORT === '1') process.stderr.write(`code cache: ${use}\n`);
const { main } = cli as typeof import('../cli.js');
process.exitCode = await main(process.argv.slice(2), { ...processIo(), limitHeapGrowth: () => limitHeapGrowth() });
