/**
 * Schemas of the model's types as the build's state files store them (parse results in the
 * parse cache, diagnostics and feed reports in the build manifest). Each is declared as a
 * schema of the TypeScript type it checks, so the two cannot drift apart unnoticed.
 */
import { z } from 'zod';
import type { FeedReport } from '../feeds/feed-set.js';
import type { Diagnostic, FetchFailure, Paper, SourceDay } from '../model.js';
import type { ParsedDigest } from '../parse/parse-digest.js';

export const diagnosticSchema: z.ZodType<Diagnostic> = z.object({
  file: z.string(),
  line: z.number(),
  column: z.number(),
  severity: z.enum(['error', 'warning', 'info']),
  rule: z.string(),
  message: z.string(),
  pdfUrl: z.string().optional(),
});

export const paperSchema: z.ZodType<Paper> = z.object({
  id: z.string(),
  version: z.number().optional(),
  date: z.string(),
  source: z.string(),
  title: z.string(),
  titleNote: z.string().optional(),
  titleEn: z.string().optional(),
  authors: z.array(z.string()),
  pdfUrl: z.string(),
  url: z.string(),
  summary: z.string(),
  summaryNote: z.string().optional(),
  publishedDate: z.string().optional(),
  codeUrl: z.string().optional(),
  original: z.object({ title: z.string().optional(), titleEn: z.string().optional(), summary: z.string().optional() }).optional(),
  extra: z.record(z.string(), z.string()).optional(),
  file: z.string(),
  line: z.number(),
});

const fetchFailureSchema: z.ZodType<FetchFailure> = z.object({
  reason: z.enum(['rate-limited', 'server-error', 'timeout', 'connection', 'http-error', 'no-content', 'unknown']),
  httpStatus: z.number().optional(),
  summary: z.string(),
  detail: z.string(),
});

export const sourceDaySchema: z.ZodType<SourceDay> = z.object({
  date: z.string(),
  source: z.string(),
  sourceName: z.string(),
  status: z.enum(['papers', 'empty', 'failed']),
  failure: fetchFailureSchema.optional(),
  papers: z.array(paperSchema),
  otherListings: z.array(paperSchema).optional(),
  file: z.string(),
  line: z.number(),
});

export const parsedDigestSchema: z.ZodType<ParsedDigest> = z.object({
  file: z.string(),
  date: z.string().optional(),
  kind: z.enum(['source', 'combined']),
  days: z.array(sourceDaySchema),
  diagnostics: z.array(diagnosticSchema),
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
