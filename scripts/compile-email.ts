/**
 * `npm run compile-email`: compiles the shipped email layout (templates/email/layout.mjml and
 * its partials) with MJML into templates/email/generated/layout.html, which builds use
 * instead of loading MJML while those templates are unchanged. Run it after changing them
 * (a test fails until then).
 */
import { join, relative } from 'node:path';
import { COMPILED_LAYOUT_PATH } from '../src/templates/compiled-layout.js';
import { compiledLayoutFile } from '../src/templates/load-email-templates.js';
import { BUILTIN_TEMPLATES_DIR } from '../src/templates/template-files.js';
import { writeFileAtomic } from '../src/write-file-atomic.js';

const emailDir = join(BUILTIN_TEMPLATES_DIR, 'email');
const target = join(emailDir, COMPILED_LAYOUT_PATH);
try {
  await writeFileAtomic(target, await compiledLayoutFile(emailDir));
  console.log(`wrote ${relative(process.cwd(), target)}`);
} catch (error) {
  console.error(`compile-email: ${(error as Error).message}`);
  process.exitCode = 1;
}
