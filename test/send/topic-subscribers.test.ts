import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSubscriberList, entriesFromCsv } from '../../src/send/subscribers.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { cli, sendProject } from './send-helpers.js';

let sink: SmtpSink | undefined;
afterEach(async () => {
  await sink?.close();
  sink = undefined;
});

const TOPICS = [
  { id: 'diffusion', title: '扩散', keywords: ['扩散', 'diffusion'] },
  { id: 'machine', title: '机器', keywords: ['机器'] },
  { id: 'brain', title: '脑科学', keywords: ['海马体'] },
];

const CSV = [
  'email,name,sources,topics',
  'all@example.org,All,,',
  'machine@example.org,Machine,,machine',
  'diff@example.org,Diff,,diffusion',
  'both@example.org,Both,,"machine,brain"',
  'typo@example.org,Typo,,difusion',
  'bio@example.org,Bio,biorxiv,machine',
].join('\n');

/** A send project with the topics in its config and the CSV above. */
function topicProject(): string {
  const dir = sendProject({}, { 'subs.csv': `${CSV}\n` });
  const file = join(dir, 'digestcast.config.json');
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), topics: TOPICS }));
  return dir;
}

describe('subscriber topics in the CSV', () => {
  it('are read from the topics column (spaces, semicolons or a quoted comma list); an unknown topic skips the row, naming it', () => {
    const entries = entriesFromCsv('email,topics\na@example.org,LLM; diffusion\nb@example.org,"x,y"\nc@example.org,\n', 'subs.csv');
    expect(entries.map((e) => e.topics)).toEqual([['llm', 'diffusion'], ['x', 'y'], undefined]);
    const list = buildSubscriberList(entries, ['llm', 'diffusion']);
    expect(list.subscribers.map((s) => [s.address, s.topics])).toEqual([
      ['a@example.org', ['llm', 'diffusion']],
      ['c@example.org', undefined],
    ]);
    expect(list.problems).toEqual([{ where: 'subs.csv line 3', masked: expect.not.stringContaining('b@example.org'), reason: 'unknown topics "x", "y" (the config\'s topics are llm, diffusion); fix the topics column or add the topic to the config' }]);
    expect(buildSubscriberList(entries).problems[0]!.reason).toMatch(/unknown topics "llm", "diffusion" \(the config has no topics\)/);
  });
});

describe('topic subscribers over SMTP', () => {
  it('get only the papers on their topics, nothing on a day without any (and not on a re-run); others get the whole day as before', async () => {
    sink = await startSmtpSink();
    const dir = topicProject();
    // 2025-10-17: only the diffusion subscriber's topic has a paper (listed again, as v2).
    const first = await cli(dir, ['send', '--subscribers', 'subs.csv', '--date', '2025-10-17'], { SMTP_URL: sink.url() });
    expect(first.code).toBe(0);
    expect(first.out).toContain('day complete: yes');
    expect(first.out).toContain('3 filtered');
    expect([...sink.byRecipient().keys()].sort()).toEqual(['all@example.org', 'diff@example.org']);
    const diff = sink.byRecipient().get('diff@example.org')![0]!.parsed;
    expect(diff.subject).toBe('扩散 · arXiv 每日速递 · 2025-10-17 · 1 篇');
    expect(diff.text).toContain('耦合扩散采样');
    expect(diff.text).not.toContain('第三篇');
    sink.messages.length = 0;

    const run = await cli(dir, ['send', '--subscribers', 'subs.csv', '--date', '2025-10-18'], { SMTP_URL: sink.url() });
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/skipped subscriber at subs\.csv line 6 \(.*\): unknown topic "difusion" \(the config's topics are diffusion, machine, brain\)/);
    expect(run.err).not.toContain('typo@example.org');
    expect(run.out).toContain('2 filtered');
    expect(run.out).toContain('day complete: yes');
    const got = sink.byRecipient();
    expect([...got.keys()].sort()).toEqual(['all@example.org', 'both@example.org', 'machine@example.org']);
    // A subscriber without topics: unchanged.
    const all = got.get('all@example.org')![0]!.parsed;
    expect(all.subject).toBe('arXiv · bioRxiv 每日速递 · 2025-10-18 · 2 篇');
    expect(all.text).toContain('第四篇');
    expect(all.text).toContain('第五篇');
    expect(all.text).not.toContain('主题');
    // One topic: its papers only, named in the subject, heading and footer.
    const machine = got.get('machine@example.org')![0]!.parsed;
    expect(machine.subject).toBe('机器 · arXiv 每日速递 · 2025-10-18 · 1 篇');
    expect(machine.text).toContain('第四篇：组合式机器');
    expect(machine.text).not.toContain('第五篇');
    expect(machine.text).not.toContain('bioRxiv');
    expect(machine.text).toContain('2025-10-18 论文速递 · 机器');
    expect(machine.text).toContain('订阅了「测试速递」的主题：机器');
    expect(machine.html).toContain('2025-10-18 论文速递 · 机器');
    // Two topics: the papers on either.
    const both = got.get('both@example.org')![0]!.parsed;
    expect(both.subject).toBe('机器、脑科学 · arXiv · bioRxiv 每日速递 · 2025-10-18 · 2 篇');
    expect(both.text).toContain('第四篇');
    expect(both.text).toContain('第五篇');
    // Sources and topics together: bioRxiv has nothing on "machine" that day.
    expect(got.has('bio@example.org')).toBe(false);
    expect(sink.messages).toHaveLength(3);

    // A re-run sends nothing, to anyone: the day is complete, and the topic subscriber with no match still gets nothing.
    const again = await cli(dir, ['send', '--subscribers', 'subs.csv', '--date', '2025-10-18'], { SMTP_URL: sink.url() });
    expect(again.code).toBe(0);
    expect(again.out).toContain('delivered: 0');
    expect(again.out).toContain('3 already sent');
    expect(again.out).toContain('2 filtered');
    expect(sink.messages).toHaveLength(3);

  });

  it('a subject template may place {{topics}} itself', async () => {
    sink = await startSmtpSink();
    const dir = topicProject();
    const file = join(dir, 'digestcast.config.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), email: { subject: '{{date}}{{#if topics}} [{{topics}}]{{/if}}' } }));
    expect((await cli(dir, ['send', '--subscribers', 'subs.csv', '--date', '2025-10-18'], { SMTP_URL: sink.url() })).code).toBe(0);
    const got = sink.byRecipient();
    expect(got.get('machine@example.org')![0]!.parsed.subject).toBe('2025-10-18 [机器]');
    expect(got.get('all@example.org')![0]!.parsed.subject).toBe('2025-10-18');
  });
});
