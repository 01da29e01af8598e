/**
 * `digestcast fetch`: download recent digests from the upstream repository into digests/.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load-config.js';
import { fetchDigests, recentCalendarDays } from '../fetch-digests.js';
import { type CliCommand, type CliIo, UsageError } from './io.js';
import { dateOption } from './date-option.js';

export const FETCH_HELP = `Usage: digestcast fetch [--date YYYY-MM-DD] [--days N] [--if-configured] [--config <file>]

Downloads the digests of the last upstream.days calendar days (or one --date) from
upstream.urlTemplate into digests/. A file is written only if it reads as that day's digest
and differs from the one there. Exit code 1 if a download failed (a 404 is "not yet").
  --if-configured  do nothing (exit 0) when no upstream is configured (for the Action)`;

/** Runs `fetch`; returns the exit code. */
export async function fetchCommand(argv: string[], io: CliIo, now: () => Date = () => new Date()): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { date: { type: 'string' }, days: { type: 'string' }, config: { type: 'string' }, 'if-configured': { type: 'boolean', default: false } },
    strict: true,
  });
  const config = await loadConfig(io.cwd, { ...(values.config ? { path: values.config } : {}), env: io.env });
  if (!config.upstream.urlTemplate) {
    if (values['if-configured']) {
      io.stdout('no upstream.urlTemplate configured: nothing to fetch\n');
      return 0;
    }
    throw new UsageError('set "upstream.urlTemplate" in digestcast.config.json first');
  }
  dateOption(values.date);
  const days = values.days === undefined ? config.upstream.days : Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 366) throw new UsageError('--days must be a whole number from 1 to 366');
  const dates = values.date ? [values.date] : recentCalendarDays(now(), config.timeZone, days);
  const outcomes = await fetchDigests(config, resolve(io.cwd, config.digestsDir), dates);
  let failed = 0;
  for (const o of outcomes) {
    const line = `${o.file}: ${o.result}${o.detail ? ` (${o.detail})` : ''}\n`;
    if (o.result === 'failed' || o.result === 'rejected') {
      failed++;
      io.stderr(`digestcast fetch: ${line}`);
    } else io.stdout(line);
  }
  return failed > 0 ? 1 : 0;
}

export default { help: FETCH_HELP, run: fetchCommand } satisfies CliCommand;
