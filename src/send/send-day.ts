/**
 * `digestcast send`: one day's email to every subscriber, exactly once, over SMTP or into the
 * outbox. Reads the subscribers, the suppression list and the day's ledger; skips whoever
 * already got the day, is suppressed, is not in this shard or wants other sources (or topics:
 * a topic subscriber gets just the papers on their topics, and no email on a day without any —
 * counted as `filtered`, like a source filter with nothing that day: nothing is recorded for
 * them, the day completes without them, and a re-run decides the same); delivers to the rest;
 * reports counts and recipient ids, never addresses.
 */
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import type { Config } from '../config/schema.js';
import { renderDayEmail, type RenderedEmail } from '../email/render-email.js';
import type { Day } from '../model.js';
import { Project } from '../open-project.js';
import { matchesAnyTopic, type Topic } from '../project/topics.js';
import { isValidAddress, maskAddress } from './address.js';
import { composeMessage, type ListSettings, messageIdOf } from './compose-message.js';
import { deliver, type DeliveryJob } from './deliver.js';
import { classifySendError, countsTowardSuppression } from './failure-class.js';
import { LedgerWriter, readLedger } from './ledger.js';
import { listSecret } from './list-secret.js';
import { RecipientKeys, shardOf } from './recipient-keys.js';
import { buildSubscriberList, entriesFromCsv, entriesFromList, type Subscriber, type SubscriberList } from './subscribers.js';
import { readSuppressions, suppress } from './suppression-list.js';
import { emptyReport, type SendReport } from './send-report.js';
import { type CheckpointTarget, SendSession } from './send-session.js';
import { checkSiteUrlForSending, dkimSettings, listSettings, safePassword } from './send-settings.js';
import { type MailTransport, outboxTransport, smtpTransport, TransportConfigError, type TransportSettings } from './transport.js';

export interface SendOptions {
  projectDir: string;
  config: Config;
  env: Readonly<Record<string, string | undefined>>;
  /** The day to send (default: the newest digest day). */
  date?: string;
  /** CSV of subscribers, in addition to SUBSCRIBERS (default: config send.subscribersFile). */
  subscribersFile?: string;
  dryRun?: boolean;
  shard?: { index: number; count: number };
  /** Send over SMTP although siteUrl is on this machine (every link in the mail is dead). */
  allowLocalSiteUrl?: boolean;
  /** Push the state to the state branch while sending and at the end (`--checkpoint`). */
  checkpoint?: CheckpointTarget;
  /** The run's hold on the state (lock, budget, deadline); `send` opens its own when absent. */
  session?: SendSession;
  /** The first day a subscriber seen for the first time gets (default: the day sent). */
  firstDayForNewSubscribers?: string;
  /** Lines for stdout: counts and ids only. */
  log: (line: string) => void;
  /** Lines for stderr: problems, addresses masked. */
  warn: (line: string) => void;
  /** The opened project (with this `projectDir` and `config`), whose digests and email templates are read once (`digestcast run` passes it for all its days). */
  project?: Project;
  /** Subscribers already read (`digestcast run` reads them once for all its days). */
  subscribers?: SubscriberList;
  /** Replaces waiting between retries (tests). */
  sleep?: (ms: number) => Promise<void>;
}

/** Everything a send needs, read once: subscribers, keys, the day, its emails, the transport. */
interface SendContext {
  date: string;
  stateDir: string;
  secrets: (string | undefined)[];
  list: SubscriberList;
  keys: RecipientKeys;
  overSmtp: boolean;
  settings: ListSettings;
  /** The day's email for a subscriber's source and topic filters (undefined: nothing to send them). */
  emailFor: (filter: Pick<Subscriber, 'sources' | 'topics'>) => RenderedEmail | undefined;
  openTransport: () => MailTransport;
}

/**
 * The subscribers from SUBSCRIBERS and the CSV file (option or config), checked and
 * de-duplicated; problems are reported through `warn`, masked.
 */
export async function loadSubscribers(options: Pick<SendOptions, 'projectDir' | 'config' | 'env' | 'subscribersFile' | 'warn'>): Promise<SubscriberList> {
  const entries = options.env.SUBSCRIBERS ? entriesFromList(options.env.SUBSCRIBERS) : [];
  const file = options.subscribersFile ?? options.config.send.subscribersFile;
  if (file) {
    let text: string;
    try {
      text = await readFile(resolve(options.projectDir, file), 'utf8');
    } catch (error) {
      throw new TransportConfigError(`cannot read the subscribers file ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    }
    entries.push(...entriesFromCsv(text, file));
  }
  const list = buildSubscriberList(
    entries,
    options.config.topics.map((t) => t.id),
  );
  for (const p of list.problems) options.warn(`skipped subscriber at ${p.where} (${p.masked}): ${p.reason}`);
  return list;
}

async function prepareSend(options: SendOptions): Promise<SendContext> {
  const { config, env, projectDir } = options;
  const stateDir = resolve(projectDir, config.stateDir);
  const smtpUrl = env.SMTP_URL?.trim() || undefined;
  const secrets = [smtpUrl, env.UNSUBSCRIBE_SECRET, env.DKIM_PRIVATE_KEY, smtpUrl ? safePassword(smtpUrl) : undefined];
  const list = options.subscribers ?? (await loadSubscribers(options));

  if (smtpUrl === undefined && !options.dryRun && list.subscribers.length > 0 && (env.GITHUB_ACTIONS === 'true' || env.CI === 'true')) {
    throw new TransportConfigError('SMTP_URL is not set in CI: refusing to write subscriber mail into the outbox. Add the SMTP_URL secret (or run with --dry-run).');
  }
  if (smtpUrl !== undefined) checkSiteUrlForSending(config, options.allowLocalSiteUrl ?? false);
  const keys = new RecipientKeys(listSecret(env, stateDir, smtpUrl !== undefined));
  const settings = listSettings(config, smtpUrl !== undefined);

  if (options.project && (options.project.config !== config || options.project.dirs.root !== projectDir)) {
    throw new Error('sendDay: `projectDir` and `config` must be those of `project` when it is given');
  }
  const project = options.project ?? new Project(projectDir, config);
  // The day to send in full (the newest, or the one asked for), the history in outline: sending does not read every day.
  const catalog = await project.catalog(options.date ? { dates: [options.date] } : {});
  const date = options.date ?? catalog.days[0]?.date;
  const day = catalog.days.find((d) => d.date === date);
  if (!date || !day) throw new TransportConfigError(date ? `no digest for ${date} in ${config.digestsDir}/` : `no readable digest in ${config.digestsDir}/`);
  const templates = await project.emailTemplates();
  const emails = new Map<string, RenderedEmail | undefined>();
  const emailFor = ({ sources, topics }: Pick<Subscriber, 'sources' | 'topics'>): RenderedEmail | undefined => {
    // The subscriber list only holds topics of the config (others are skipped as it is read); in config order.
    const wanted = topics ? config.topics.filter((t) => topics.includes(t.id)) : undefined;
    const key = `${sources ? [...sources].sort().join(',') : '*'}|${wanted ? wanted.map((t) => t.id).join(',') : '*'}`;
    if (!emails.has(key)) {
      const view = restrictToTopics(restrictDay(day, sources), wanted);
      const papers = view.sources.reduce((n, s) => n + s.papers.length, 0);
      emails.set(key, papers > 0 ? renderDayEmail(view, catalog, config, templates, wanted ? { topicTitles: wanted.map((t) => t.title) } : {}) : undefined);
    }
    return emails.get(key);
  };

  const openTransport = (): MailTransport => {
    const ts: TransportSettings = {
      maxConnections: config.send.maxConnections,
      ratePerSecond: config.send.ratePerSecond,
      timeoutMs: config.send.timeoutMs,
      allowPlaintextHosts: config.send.allowPlaintextHosts,
    };
    const dkim = dkimSettings(env);
    if (dkim) ts.dkim = dkim;
    return smtpUrl ? smtpTransport(smtpUrl, ts) : outboxTransport(join(stateDir, 'outbox', date), ts.dkim);
  };
  return { date, stateDir, secrets, list, keys, overSmtp: smtpUrl !== undefined, settings, emailFor, openTransport };
}

/** `--to <address>`: one test copy of the day's email, not recorded in the ledger, with a Message-ID of its own. Returns what to print. */
export async function sendTestCopy(options: SendOptions, address: string): Promise<string> {
  const trimmed = address.trim();
  if (!isValidAddress(trimmed)) throw new TransportConfigError(`--to ${maskAddress(trimmed)} is not a valid email address`);
  const ctx = await prepareSend(options);
  const email = ctx.emailFor({});
  if (!email) throw new TransportConfigError(`${ctx.date} has no papers: there is no email to send`);
  const transport = ctx.openTransport();
  try {
    const id = ctx.keys.idOf(trimmed);
    // Its own Message-ID: a copy that shared the real one could make Gmail hide the real message later.
    const messageId = messageIdOf(ctx.date, `test-${randomBytes(8).toString('hex')}`, ctx.settings.messageIdDomain);
    await transport.send(composeMessage(email, { address: trimmed }, messageId, ctx.keys.tokenOf(trimmed), ctx.settings), `test-${id}`);
    return `test copy of ${ctx.date} sent to ${maskAddress(trimmed)} via ${transport.description} (not recorded in the ledger)`;
  } catch (error) {
    if (error instanceof TransportConfigError) throw error;
    throw new TransportConfigError(`test copy failed: ${classifySendError(error, ctx.secrets).reason}`);
  } finally {
    transport.close();
  }
}

/**
 * Sends one day's email. Throws `TransportConfigError` for settings that stop it before
 * sending, `StateError` for a state it cannot trust, `SendLockError` when another send runs.
 */
export async function sendDay(options: SendOptions): Promise<SendReport> {
  const { config } = options;
  const ctx = await prepareSend(options);
  const { date, list } = ctx;
  if (ctx.overSmtp && !options.dryRun && list.subscribers.length === 0) {
    throw new TransportConfigError(
      `no subscribers to send ${date} to over SMTP${list.problems.length ? ` (${list.problems.length} invalid entries)` : ''}: is the SUBSCRIBERS secret (or send.subscribersFile) missing? The day is not marked as sent.`,
    );
  }
  const ownSession = options.session === undefined;
  const session =
    options.session ??
    new SendSession({ projectDir: options.projectDir, config, dryRun: options.dryRun ?? false, warn: options.warn, ...(options.shard ? { shard: options.shard } : {}), ...(options.checkpoint ? { checkpoint: options.checkpoint } : {}) });
  const report = emptyReport(date, ctx.overSmtp ? 'smtp' : 'outbox', list, options.dryRun ?? false);
  try {
    await sendWithSession(options, ctx, session, report);
  } finally {
    if (ownSession) {
      const failure = await session.close();
      if (failure) {
        report.checkpointFailure ??= failure;
        report.complete = false;
      }
    }
  }
  return report;
}

async function sendWithSession(options: SendOptions, ctx: SendContext, session: SendSession, report: SendReport): Promise<void> {
  const { config } = options;
  const { date, stateDir, keys, list, settings } = ctx;
  const ledger = readLedger(stateDir, date);
  const suppressed = readSuppressions(stateDir, keys);
  const firstDay = options.firstDayForNewSubscribers ?? date;
  // Recipients are classified as they are reached, so nothing per recipient is kept beyond the list.
  const recipients = function* (): Generator<{ subscriber: Subscriber; id: string; email: RenderedEmail }> {
    for (const subscriber of list.subscribers) {
      const id = keys.idOf(subscriber.address);
      if (options.shard && shardOf(id, options.shard.count) !== options.shard.index) report.skipped.otherShard++;
      else if (ledger.sent.has(id)) report.skipped.alreadySent++;
      else if (keys.isSuppressed(id, suppressed)) report.skipped.suppressed++;
      else if (ledger.rejected.has(id)) report.skipped.rejectedEarlier++;
      else if (session.joins.sinceOf(id, firstDay, !options.dryRun) > date) report.skipped.joinedLater++;
      else {
        const email = ctx.emailFor(subscriber);
        if (!email) report.skipped.filtered++;
        else {
          report.toSend++;
          yield { subscriber, id, email };
        }
      }
    }
  };
  if (options.dryRun) {
    for (const _ of recipients()) void _;
    return;
  }

  const writer = new LedgerWriter(stateDir, date, session.writerId);
  const transport = ctx.openTransport();
  const jobs = function* (): Generator<DeliveryJob> {
    for (const { subscriber, id, email } of recipients()) {
      // Built only when the message is sent: recipients past the run's budget are counted, never composed.
      yield { id, message: () => composeMessage(email, subscriber, messageIdOf(date, keys.messageRefOf(date, id), settings.messageIdDomain), keys.tokenOfId(id), settings) };
    }
  };
  try {
    const result = await deliver(jobs(), transport, writer, {
      concurrency: transport.kind === 'smtp' ? config.send.maxConnections * 2 : 4,
      retries: config.send.retries,
      retryBaseMs: config.send.retryBaseMs,
      budget: session.budget,
      deadline: session.deadline,
      outageAfter: config.send.outageAfter,
      secrets: ctx.secrets,
      onDelivered: (id) => session.bounces.delivered(id, date),
      // Dead addresses: suppressed after enough consecutive days of bounces (a policy refusal, 5.7.x, does not count).
      onBounced: (id, failure) => {
        if (!countsTowardSuppression(failure)) return;
        if (session.bounces.rejected(id, date) >= config.send.suppressAfterBounceDays) suppress(stateDir, keys.suppressionRefOf(id), `bounced-${config.send.suppressAfterBounceDays}-days`, date);
      },
      ...(session.checkpoint ? { checkpoint: session.checkpoint } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
    report.delivered = result.delivered;
    report.bounced = result.bounced;
    report.deferred = result.deferred;
    report.notAttempted = result.notAttempted;
    report.overBudget = result.overBudget;
    if (result.outage) {
      report.outage = result.outage.reason;
      report.outageKind = result.outage.kind ?? 'sender';
    }
    if (result.deadlineReached) report.deadlineReached = true;
    if (result.checkpointFailure) report.checkpointFailure = result.checkpointFailure;
    if (result.stateFailure) report.stateFailure = result.stateFailure;

    report.complete =
      result.deferred.length === 0 && result.notAttempted === 0 && result.overBudget === 0 && !result.outage && !result.deadlineReached && !result.checkpointFailure && !result.stateFailure;
    if (report.complete) {
      writer.append({ status: 'complete', at: new Date().toISOString(), recipients: list.subscribers.length, shard: session.shardLabel });
      session.checkpoint?.recorded();
    }
  } finally {
    writer.close();
    transport.close();
  }
}

/**
 * The day with only the papers on any of the topics (all when undefined), and only the sources
 * that have such papers: a topic email does not list the sources with nothing on its topics.
 */
function restrictToTopics(day: Day, topics: readonly Topic[] | undefined): Day {
  if (!topics) return day;
  const sources = day.sources.map((s) => ({ ...s, papers: s.papers.filter((p) => matchesAnyTopic(p, topics)) })).filter((s) => s.papers.length > 0);
  return { date: day.date, sources };
}

/** The day with only the given sources (all when undefined). */
function restrictDay(day: Day, sources: string[] | undefined): Day {
  return sources ? { date: day.date, sources: day.sources.filter((s) => sources.includes(s.source)) } : day;
}
