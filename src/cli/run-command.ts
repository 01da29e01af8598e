/**
 * `digestcast run`: the daily job. Fetch the day's digests (when an upstream is configured),
 * build out/, then send every recent day whose send is not complete, oldest first.
 */
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { buildSite } from '../build/build-site.js';
import { fetchDigests, recentCalendarDays } from '../fetch-digests.js';
import { openProject } from '../open-project.js';
import { daysToSend } from '../send/catch-up.js';
import { hasAnyLedger, readLedger } from '../send/ledger.js';
import { loadSubscribers, sendDay, sendTestCopy, type SendOptions } from '../send/send-day.js';
import { SendLockError } from '../send/send-lock.js';
import { EXIT_CODES, exitCodeOf, formatSendReport, type SendReport, stopsRun } from '../send/send-report.js';
import { SendSession, shardLabelOf } from '../send/send-session.js';
import { BUILD_OPTIONS, reportBuild } from './build-command.js';
import type { CliCommand, CliIo } from './io.js';
import { dateOption } from './date-option.js';
import { checkpointOption, EXIT_CODES_HELP, SEND_OPTIONS, shardOption } from './send-command.js';

export const RUN_HELP = `Usage: digestcast run [--date YYYY-MM-DD] [--dry-run] [--shard k/n] [--subscribers <file.csv>] [--no-fetch]
                      [--checkpoint] [--remote <name>] [--branch <name>] [--allow-local-site-url] [--config <file>]

The daily job: fetch new digests (if "upstream.urlTemplate" is set), build out/, then send
each of the newest send.catchUpDays digest days (default 3) whose send is not complete,
oldest first. A list that has never sent gets only the newest day; a subscriber seen for the
first time gets the newest day, not the backlog. Re-running sends nothing twice. An outage, the
run deadline (send.runDeadlineSeconds) or a failed checkpoint stops the catch-up at once.
  --date <day>   send this day only (still once per subscriber)
  --dry-run      build, then say who would get what, send nothing
  --checkpoint   push the send state to the state branch while sending and at the end
                 (see digestcast send --help)
Without SMTP_URL, mail goes to .digestcast/outbox/ (and with no subscribers at all, one sample
message shows what they would get).
${EXIT_CODES_HELP}`;

/** Where the sample message goes when there are no subscribers (outbox only). */
export const SAMPLE_RECIPIENT = 'you@example.org';

/** Runs `run`; returns the exit code. */
export async function runCommand(argv: string[], io: CliIo, now: () => Date = () => new Date()): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { ...BUILD_OPTIONS, ...SEND_OPTIONS, date: { type: 'string' }, 'no-fetch': { type: 'boolean', default: false } },
    strict: true,
  });
  dateOption(values.date);
  const shard = shardOption(values.shard);
  const checkpoint = checkpointOption(values);
  const project = await openProject(io.cwd, { configPath: values.config, env: io.env, onLargeWork: io.limitHeapGrowth });
  const { config } = project;
  const { root: projectDir, state: stateDir } = project.dirs;

  // 1. New digests from upstream.
  if (config.upstream.urlTemplate && !values['no-fetch']) {
    const dates = values.date ? [values.date] : recentCalendarDays(now(), config.timeZone, config.upstream.days);
    const outcomes = await fetchDigests(config, project.dirs.digests, dates);
    for (const o of outcomes) {
      if (o.result === 'written') io.stdout(`fetched ${config.digestsDir}/${o.file}\n`);
      else if (o.result === 'failed' || o.result === 'rejected') io.stderr(`digestcast run: could not fetch ${o.file}: ${o.detail}\n`);
    }
  }

  // 2. The site, feeds and previews.
  const build = await buildSite({ project, force: values.force });
  const buildCode = reportBuild(build, io, values.verbose);
  if (buildCode !== 0) return buildCode;

  // 3. Sends, from the history the build read (read now, in outline, when the build was up to date): the days to send in full.
  const catalog = await project.catalog(values.date ? { dates: [values.date] } : { recentWithPapers: config.send.catchUpDays });
  if (build.upToDate) for (const note of (await project.history()).notes) io.stderr(`digestcast run: ${note}\n`);
  const shardLabel = shardLabelOf(shard);
  const sentBefore = hasAnyLedger(stateDir);
  const dates = values.date ? [values.date] : daysToSend(catalog, config.send.catchUpDays, (date) => readLedger(stateDir, date).completed.has(shardLabel), sentBefore);
  if (dates.length === 0) {
    io.stdout(`nothing to send: the newest ${config.send.catchUpDays} digest days with papers are all sent\n`);
    return 0;
  }
  const common = {
    projectDir,
    config,
    env: io.env,
    dryRun: values['dry-run'],
    allowLocalSiteUrl: values['allow-local-site-url'],
    ...(values.subscribers ? { subscribersFile: values.subscribers } : {}),
    ...(shard ? { shard } : {}),
    project,
    log: (line: string) => io.stdout(`${line}\n`),
    warn: (line: string) => io.stderr(`digestcast run: ${line}\n`),
  };
  const subscribers = await loadSubscribers(common);
  let session: SendSession;
  try {
    session = new SendSession({ ...common, ...(checkpoint ? { checkpoint } : {}) });
  } catch (error) {
    if (!(error instanceof SendLockError)) throw error;
    io.stderr(`digestcast run: ${error.message}\n`);
    return EXIT_CODES.busy;
  }
  // New subscribers get the newest day of this run; on a state from before join dates were kept, everyone gets the whole catch-up.
  const firstDay = !session.joins.recordedBefore && sentBefore ? dates[0]! : dates[dates.length - 1]!;
  const reports: SendReport[] = [];
  let saveFailure: string | undefined;
  try {
    for (const date of dates) {
      const options: SendOptions = { ...common, date, subscribers, session, firstDayForNewSubscribers: firstDay };
      const report = await sendDay(options);
      reports.push(report);
      for (const line of formatSendReport(report)) io.stdout(`${line}\n`);
      if (stopsRun(report)) break;
      if (report.subscribers === 0 && report.transport === 'outbox' && !values['dry-run'] && date === dates[dates.length - 1]) {
        await sendTestCopy(options, SAMPLE_RECIPIENT);
        const outbox = relative(projectDir, join(stateDir, 'outbox', date)) || '.';
        io.stdout(`no subscribers yet (set SUBSCRIBERS or send.subscribersFile): a sample of what they would get, addressed to the placeholder ${SAMPLE_RECIPIENT}, is in ${outbox}/\n`);
      }
    }
  } finally {
    saveFailure = await session.close();
  }
  if (saveFailure) {
    io.stderr(`digestcast run: ${saveFailure}\n`);
    const code = exitCodeOf(reports);
    return code === EXIT_CODES.outage || code === EXIT_CODES.error ? code : EXIT_CODES.deferred;
  }
  return exitCodeOf(reports);
}

export default { help: RUN_HELP, run: runCommand } satisfies CliCommand;
