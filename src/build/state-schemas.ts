/**
 * Schemas of what the build's state files store besides their envelopes: diagnostics (parse
 * cache and build manifest) and feed reports (build manifest). Each is declared as a schema of
 * the TypeScript type it checks: a required field the type gains or renames fails to type-check
 * here; a field the type drops does not (keep the schema's fields to the type's).
 */
import { z } from 'zod';
import type { FeedReport } from '../feeds/feed-set.js';
import type { Diagnostic } from '../model.js';

export const diagnosticSchema: z.ZodType<Diagnostic> = z.object({
  file: z.string(),
  line: z.number(),
  column: z.number(),
  severity: z.enum(['error', 'warning', 'info']),
  rule: z.string(),
  message: z.string(),
  pdfUrl: z.string().optional(),
});

export const feedReportSchema: z.ZodType<FeedReport> = z.object({
  source: z.string().optional(),
  title: z.string(),
  days: z.number(),
  wantedDays: z.number(),
  entries: z.number(),
  wantedEntries: z.number(),
  files: z.array(z.object({ path: z.string(), bytes: z.number(), level: z.enum(['full', 'short', 'links']) })),
  reasons: z.array(z.string()),
  archivePages: z.number(),
  finalArchivePages: z.number(),
});
