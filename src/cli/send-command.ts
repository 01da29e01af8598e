/**
 * `digestcast send`: deliver one day's email to the subscribers.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load-config.js';
import { parseShard } from '../send/recipient-keys.js';
import { sendDay, sendTestCopy } from '../send/send-day.js';
import { formatSendReport, sendFailed } from '../send/send-report.js';
import { type CliCommand, type CliIo, UsageError } from './io.js';

export const SEND_HELP = `Usage: digestcast send [--date YYYY-MM-DD] [--subscribers <file.csv>] [--dry-run] [--to <address>] [--shard k/n] [--config <file>]

Sends one day's email (default: the newest digest day) to every subscriber who has not had it.
Subscribers come from the SUBSCRIBERS variable (addresses separated by newlines or commas)
and/or a CSV file (columns: email, name, sources). Without SMTP_URL, messages are written as
.eml files into .digestcast/outbox/<date>/ instead of being sent.
  --dry-run         say who would get what (counts only) and send nothing
  --to <address>    send one test copy to this address, outside the ledger
  --shard k/n       send only to the k-th of n disjoint groups (for parallel jobs)
Environment: SMTP_URL, SUBSCRIBERS, UNSUBSCRIBE_SECRET, DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY.
Exit code 1 when a deliverable subscriber is left without the day (after retries), or on a setup error.`;

/** Options shared with `run`. */
export const SEND_OPTIONS = {
  subscribers: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  shard: { type: 'string' },
} as const;

/** Parses `--shard`, or undefined. */
export function shardOption(value: string | undefined): { index: number; count: number } | undefined {
  if (value === undefined) return undefined;
  const shard = parseShard(value);
  if (!shard) throw new UsageError(`--shard must be k/n with 1 ≤ k ≤ n, e.g. 2/4 (got "${value}")`);
  return shard;
}

/** Runs `send`; returns the exit code. */
export async function sendCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { ...SEND_OPTIONS, date: { type: 'string' }, to: { type: 'string' }, config: { type: 'string' } },
    strict: true,
  });
  if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new UsageError(`--date must be YYYY-MM-DD, not "${values.date}"`);
  const shard = shardOption(values.shard);
  const config = await loadConfig(io.cwd, { ...(values.config ? { path: values.config } : {}), env: io.env });
  const options = {
    projectDir: io.cwd,
    config,
    env: io.env,
    ...(values.date ? { date: values.date } : {}),
    ...(values.subscribers ? { subscribersFile: values.subscribers } : {}),
    dryRun: values['dry-run'],
    ...(shard ? { shard } : {}),
    log: (line: string) => io.stdout(`${line}\n`),
    warn: (line: string) => io.stderr(`digestcast send: ${line}\n`),
  };
  if (values.to !== undefined) {
    io.stdout(`${await sendTestCopy(options, values.to)}\n`);
    return 0;
  }
  const report = await sendDay(options);
  for (const line of formatSendReport(report)) io.stdout(`${line}\n`);
  return sendFailed(report) ? 1 : 0;
}

export default { help: SEND_HELP, run: sendCommand } satisfies CliCommand;
