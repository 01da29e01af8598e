/**
 * Where the templates shipped with digestcast are. A module of its own, without Handlebars or
 * MJML, so that an up-to-date build can fingerprint the templates without loading them.
 */
import { join } from 'node:path';
import { PACKAGE_DIR } from '../package-info.js';

/** Templates shipped with digestcast (`<package>/templates`). */
export const BUILTIN_TEMPLATES_DIR = join(PACKAGE_DIR, 'templates');
