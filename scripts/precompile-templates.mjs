/**
 * Compiles the shipped templates (`templates/`, and the default email subject of each language)
 * into `dist/compiled-templates/` after `tsc`, so that a build with them compiles none (on a
 * fresh checkout, as the daily Action's is, the project's own cache of compiled templates is
 * empty). See `precompileTemplates`.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { precompileTemplates } from '../dist/templates/template-files.js';
import { UI_LANGUAGES } from '../dist/view/ui-strings.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const subjects = Object.values(UI_LANGUAGES).map((strings) => strings.defaultSubject);
precompileTemplates(join(root, 'templates'), join(root, 'dist', 'compiled-templates'), subjects);
