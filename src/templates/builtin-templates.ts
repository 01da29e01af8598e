/**
 * Where the templates shipped with digestcast are. A module of its own, without Handlebars or
 * MJML, so that an up-to-date build can fingerprint the templates without loading them.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Templates shipped with digestcast (`<package>/templates`). */
export const BUILTIN_TEMPLATES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../templates');
