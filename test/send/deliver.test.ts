/**
 * The delivery loop where its own bookkeeping fails or stalls, against a real SMTP server: a
 * ledger that cannot be written, a state push that hangs, an outage that comes after the
 * per-run cap was reached.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { deliver, type DeliveryJob } from '../../src/send/deliver.js';
import { LedgerWriter, type LedgerRecord } from '../../src/send/ledger.js';
import { StateCheckpoint } from '../../src/send/state-checkpoint.js';
import { smtpTransport } from '../../src/send/transport.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { tempDir } from '../helpers/tmp.js';
import { cli, sendProject } from './send-helpers.js';

let sink: SmtpSink | undefined;
afterEach(async () => {
  await sink?.close();
  sink = undefined;
});

const jobs = (n: number): DeliveryJob[] =>
  Array.from({ length: n }, (_, i) => {
    const to = `reader${i}@example.org`;
    return { id: String(i).padStart(32, '0'), message: () => ({ from: 'papers@example.org', to, subject: 'x', text: 'x', messageId: `<m${i}@example.org>` }) };
  });
const options = { concurrency: 1, retries: 3, retryBaseMs: 5, outageAfter: 10, budget: { remaining: 100 } };
const transportTo = (s: SmtpSink) => smtpTransport(s.url(), { maxConnections: 1, ratePerSecond: 0, timeoutMs: 5000, allowPlaintextHosts: ['127.0.0.1'] });

/** A ledger whose disk fails after `okLines` lines (ENOSPC). */
class FailingLedger extends LedgerWriter {
  private lines = 0;
  constructor(private readonly okLines: number) {
    super(tempDir('ledger-'), '2025-10-18', 'w');
  }
  override append(record: LedgerRecord): void {
    if (++this.lines > this.okLines) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    super.append(record);
  }
}

describe('deliver', () => {
  it('never sends a message again because recording it failed: the run stops instead', async () => {
    sink = await startSmtpSink();
    const transport = transportTo(sink);
    const result = await deliver(jobs(5), transport, new FailingLedger(2), { ...options, budget: { remaining: 100 } });
    transport.close();
    expect(sink.messages).toHaveLength(3);
    expect(new Set(sink.messages.map((m) => m.to[0])).size).toBe(3);
    expect(result.stateFailure).toMatch(/could not record a delivered message .*ENOSPC.*stopped so that nobody gets it twice/);
    expect(result.notAttempted).toBe(2);
  });

  it('reports an outage that comes after send.maxPerRun was reached, not a deferral', async () => {
    let mails = 0;
    sink = await startSmtpSink({ onMailFrom: () => (++mails >= 2 ? { code: 550, text: '5.4.5 Daily sending quota exceeded' } : undefined) });
    const transport = transportTo(sink);
    const result = await deliver(jobs(3), transport, new LedgerWriter(tempDir('ledger-'), '2025-10-18', 'w'), { ...options, concurrency: 2, budget: { remaining: 2 } });
    transport.close();
    expect(result.delivered).toBe(1);
    expect(result.overBudget).toBe(1);
    expect(result.outage?.reason).toContain('5.4.5 Daily sending quota exceeded');
  });

  it('a state push that hangs does not hold the run past its deadline', async () => {
    sink = await startSmtpSink();
    const transport = transportTo(sink);
    const checkpoint = new StateCheckpoint(() => new Promise<void>(() => undefined), { every: 2, intervalMs: 60_000 });
    const result = await deliver(jobs(10), transport, new LedgerWriter(tempDir('ledger-'), '2025-10-18', 'w'), { ...options, checkpoint, deadline: Date.now() + 1500 });
    transport.close();
    expect(result.deadlineReached).toBe(true);
    expect(result.delivered).toBe(2);
    expect(result.notAttempted).toBe(8);
  });
});

describe('the ledger on the public branch', () => {
  it('keeps no Message-ID, no time and no server text per recipient', async () => {
    sink = await startSmtpSink({ onRecipient: (a) => (a === 'gone@example.org' ? { code: 550, text: '5.1.1 <gone@example.org>: mailbox gone.example.org unknown' } : undefined) });
    const dir = sendProject();
    expect((await cli(dir, ['send'], { SMTP_URL: sink.url(), SUBSCRIBERS: 'alice@example.org\ngone@example.org' })).code).toBe(0);
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const ledger = readdirSync(join(dir, '.digestcast/ledger')).map((f) => readFileSync(join(dir, '.digestcast/ledger', f), 'utf8')).join('');
    const lines = ledger.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => l.status === 'sent')).toEqual([{ status: 'sent', id: expect.stringMatching(/^[0-9a-f]{32}$/) }]);
    expect(lines.filter((l) => l.status === 'rejected')).toEqual([{ status: 'rejected', id: expect.stringMatching(/^[0-9a-f]{32}$/), code: 550, reason: '550 5.1.1' }]);
    expect(ledger).not.toContain('gone');
  });
});
