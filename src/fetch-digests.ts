/**
 * Fetching the day's digests from an upstream repository (a raw URL template) into digests/,
 * before a build. A file is written only when it reads as a digest and differs from the one
 * already there, so an error page never replaces a good digest.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TZDate } from '@date-fns/tz';
import { format, subDays } from 'date-fns';
import type { Config } from './config/schema.js';
import { decodeDigestBytes } from './parse/decode-text.js';
import { parseDigest } from './parse/parse-digest.js';
import { writeFileAtomic } from './write-file-atomic.js';

/** What happened to one URL. */
export interface FetchOutcome {
  date: string;
  source?: string;
  file: string;
  result: 'written' | 'unchanged' | 'missing' | 'failed' | 'rejected';
  detail?: string;
}

/** The last `days` calendar days in the time zone, today first. */
export function recentCalendarDays(now: Date, timeZone: string, days: number): string[] {
  const today = new TZDate(now.getTime(), timeZone);
  return Array.from({ length: days }, (_, i) => format(subDays(today, i), 'yyyy-MM-dd'));
}

/** Fetches the digests of the given dates (all configured sources) into the digests folder. */
export async function fetchDigests(config: Config, digestsDir: string, dates: readonly string[], fetchImpl: typeof fetch = fetch): Promise<FetchOutcome[]> {
  const template = config.upstream.urlTemplate;
  if (!template) return [];
  const targets: { date: string; source?: string; file: string }[] = dates.flatMap((date) =>
    template.includes('{source}') ? config.upstream.sources.map((source) => ({ date, source, file: `${date}-${source}.md` })) : [{ date, file: `${date}.md` }],
  );
  const outcomes: FetchOutcome[] = [];
  for (const target of targets) {
    const url = template.replaceAll('{date}', target.date).replaceAll('{source}', target.source ?? '');
    const base = { date: target.date, ...(target.source ? { source: target.source } : {}), file: target.file };
    let response: Response;
    try {
      response = await fetchImpl(url, { signal: AbortSignal.timeout(config.upstream.timeoutMs), headers: { accept: 'text/plain, text/markdown, */*' } });
    } catch (error) {
      outcomes.push({ ...base, result: 'failed', detail: (error as Error).message });
      continue;
    }
    if (response.status === 404) {
      outcomes.push({ ...base, result: 'missing', detail: 'not published yet (404)' });
      continue;
    }
    if (!response.ok) {
      outcomes.push({ ...base, result: 'failed', detail: `HTTP ${response.status}` });
      continue;
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    const decoded = decodeDigestBytes(bytes);
    // Parsed under a name without a date: the day must come from the digest's own heading,
    // so an error page saved under a dated name is not mistaken for a digest.
    const parsed = decoded.ok ? parseDigest(decoded.text, 'fetched.md') : undefined;
    if (!parsed || parsed.date !== target.date) {
      outcomes.push({ ...base, result: 'rejected', detail: decoded.ok ? `does not read as the digest of ${target.date}` : decoded.message });
      continue;
    }
    const path = join(digestsDir, target.file);
    const existing = await readFile(path).catch(() => undefined);
    if (existing && Buffer.compare(existing, bytes) === 0) {
      outcomes.push({ ...base, result: 'unchanged' });
      continue;
    }
    await writeFileAtomic(path, bytes);
    outcomes.push({ ...base, result: 'written' });
  }
  return outcomes;
}
