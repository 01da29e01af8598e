/**
 * `digestcast send`: deliver one day's email to the subscribers.
 */
import { parseArgs } from 'node:util';
import { openProject } from '../open-project.js';
import { parseShard } from '../send/recipient-keys.js';
import { sendDay, sendTestCopy } from '../send/send-day.js';
import { SendLockError } from '../send/send-lock.js';
import { EXIT_CODES, exitCodeOf, formatSendReport } from '../send/send-report.js';
import type { CheckpointTarget } from '../send/send-session.js';
import { type CliCommand, type CliIo, UsageError } from './io.js';
import { dateOption } from './date-option.js';

/** The exit codes, as `--help` and the README give them. */
export const EXIT_CODES_HELP = `Exit codes: 0 every deliverable subscriber got the day (bounces are recorded; send.maxPerRun may
leave some for the next run); 1 a setup or state problem stopped the run before sending; 2 wrong
usage; 3 outage: the provider refused the sender (login, quota, policy, no TLS), nothing was
counted against anyone; 4 deferred: some subscribers are left for the next run (temporary
failures, the run deadline, the state could not be pushed); 5 another send holds the lock.`;

export const SEND_HELP = `Usage: digestcast send [--date YYYY-MM-DD] [--subscribers <file.csv>] [--dry-run] [--to <address>] [--shard k/n]
                       [--checkpoint] [--remote <name>] [--branch <name>] [--allow-local-site-url] [--config <file>]

Sends one day's email (default: the newest digest day) to every subscriber who has not had it.
Subscribers come from the SUBSCRIBERS variable (addresses separated by newlines or commas)
and/or a CSV file (columns: email, name, sources). Without SMTP_URL, messages are written as
.eml files into .digestcast/outbox/<date>/ instead of being sent.
  --dry-run         say who would get what (counts only) and send nothing
  --to <address>    send one test copy to this address, outside the ledger
  --shard k/n       send only to the k-th of n disjoint groups (for parallel jobs)
  --checkpoint      push the send state to the state branch while sending (every
                    send.checkpointEvery messages / send.checkpointSeconds) and at the end
  --remote, --branch  where --checkpoint pushes (default: origin, digestcast-state)
  --allow-local-site-url  send over SMTP although siteUrl is on this machine (dead links)
Environment: SMTP_URL, SUBSCRIBERS, UNSUBSCRIBE_SECRET, DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY.
${EXIT_CODES_HELP}`;

/** Options shared with `run`. */
export const SEND_OPTIONS = {
  subscribers: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  shard: { type: 'string' },
  checkpoint: { type: 'boolean', default: false },
  remote: { type: 'string' },
  branch: { type: 'string' },
  'allow-local-site-url': { type: 'boolean', default: false },
} as const;

/** Parses `--shard`, or undefined. */
export function shardOption(value: string | undefined): { index: number; count: number } | undefined {
  if (value === undefined) return undefined;
  const shard = parseShard(value);
  if (!shard) throw new UsageError(`--shard must be k/n with 1 ≤ k ≤ n, e.g. 2/4 (got "${value}")`);
  return shard;
}

/** `--checkpoint` with its `--remote`/`--branch`, or undefined. */
export function checkpointOption(values: { checkpoint?: boolean; remote?: string; branch?: string }): CheckpointTarget | undefined {
  if (!values.checkpoint) {
    if (values.remote !== undefined || values.branch !== undefined) throw new UsageError('--remote and --branch go with --checkpoint');
    return undefined;
  }
  return { ...(values.remote ? { remote: values.remote } : {}), ...(values.branch ? { branch: values.branch } : {}) };
}

/** Runs `send`; returns the exit code. */
export async function sendCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { ...SEND_OPTIONS, date: { type: 'string' }, to: { type: 'string' }, config: { type: 'string' } },
    strict: true,
  });
  dateOption(values.date);
  const shard = shardOption(values.shard);
  const checkpoint = checkpointOption(values);
  const project = await openProject(io.cwd, { configPath: values.config, env: io.env, onLargeWork: io.limitHeapGrowth });
  const options = {
    projectDir: io.cwd,
    config: project.config,
    project,
    env: io.env,
    ...(values.date ? { date: values.date } : {}),
    ...(values.subscribers ? { subscribersFile: values.subscribers } : {}),
    dryRun: values['dry-run'],
    allowLocalSiteUrl: values['allow-local-site-url'],
    ...(shard ? { shard } : {}),
    ...(checkpoint ? { checkpoint } : {}),
    log: (line: string) => io.stdout(`${line}\n`),
    warn: (line: string) => io.stderr(`digestcast send: ${line}\n`),
  };
  if (values.to !== undefined) {
    io.stdout(`${await sendTestCopy(options, values.to)}\n`);
    return 0;
  }
  try {
    const report = await sendDay(options);
    for (const line of formatSendReport(report)) io.stdout(`${line}\n`);
    return exitCodeOf([report]);
  } catch (error) {
    if (!(error instanceof SendLockError)) throw error;
    io.stderr(`digestcast send: ${error.message}\n`);
    return EXIT_CODES.busy;
  }
}

export default { help: SEND_HELP, run: sendCommand } satisfies CliCommand;
