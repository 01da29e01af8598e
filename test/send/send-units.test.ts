import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isValidAddress, maskAddress } from '../../src/send/address.js';
import { LedgerWriter, readLedger } from '../../src/send/ledger.js';
import { parseShard, RecipientKeys, shardOf } from '../../src/send/recipient-keys.js';
import { redact } from '../../src/send/redact.js';
import { buildSubscriberList, entriesFromCsv, entriesFromList } from '../../src/send/subscribers.js';
import { classifyFailure } from '../../src/send/transport.js';
import { tempDir } from '../helpers/tmp.js';

describe('subscribers', () => {
  it('reads SUBSCRIBERS with newlines, commas, names and comments; one subscriber per address whatever its case', () => {
    const list = buildSubscriberList(entriesFromList('# readers\nalice@example.org, Bob <bob@example.org>\n\n"Zhang, San" <zs@example.cn>\nALICE@EXAMPLE.ORG\nnot an address\n'));
    expect(list.subscribers).toEqual([{ address: 'alice@example.org' }, { address: 'bob@example.org', name: 'Bob' }, { address: 'zs@example.cn', name: 'Zhang, San' }]);
    expect(list.duplicates).toBe(1);
    expect(list.problems).toEqual([{ where: 'SUBSCRIBERS line 6', masked: 'n***', reason: 'not a valid email address' }]);
  });

  it('reads a CSV with email, name and sources columns', () => {
    const list = buildSubscriberList(entriesFromCsv('\uFEFFEmail,Name,Sources\nli@example.org,李,arxiv\nwang@example.org,,arXiv; bioRxiv\n', 'subs.csv'));
    expect(list.subscribers).toEqual([
      { address: 'li@example.org', name: '李', sources: ['arxiv'] },
      { address: 'wang@example.org', sources: ['arxiv', 'biorxiv'] },
    ]);
    expect(() => entriesFromCsv('address\nx@y.org\n', 'subs.csv')).toThrow(/subs\.csv: the CSV needs an "email" column/);
  });

  it('checks and masks addresses', () => {
    for (const ok of ['a@b.co', 'first.last+tag@sub.example.org', '张三@例子.中国']) expect(isValidAddress(ok), ok).toBe(true);
    for (const bad of ['', 'a@b', 'a b@c.org', 'a@b@c.org', '<a@b.org>', 'a@b.org\r\nBcc: x@y.org', 'a@.org']) expect(isValidAddress(bad), bad).toBe(false);
    expect(maskAddress('alice@example.org')).toBe('a***@e***.org');
  });
});

describe('recipient keys', () => {
  const keys = new RecipientKeys('0123456789abcdef-secret');
  it('gives stable ids that do not reveal the address, and tokens only the secret can make', () => {
    expect(keys.idOf('Alice@Example.org')).toBe(keys.idOf(' alice@example.org '));
    expect(keys.idOf('alice@example.org')).toMatch(/^[0-9a-f]{32}$/);
    expect(new RecipientKeys('another-secret-0123456789').idOf('alice@example.org')).not.toBe(keys.idOf('alice@example.org'));
    const token = keys.tokenOf('alice@example.org');
    expect(keys.verifyToken(token)).toBe(keys.idOf('alice@example.org'));
    expect(keys.verifyToken(token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).toBeUndefined();
    expect(new RecipientKeys('another-secret-0123456789').verifyToken(token)).toBeUndefined();
    expect(() => new RecipientKeys('short')).toThrow(/at least 16 characters/);
  });
  it('splits recipients into disjoint, roughly even shards', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[shardOf(keys.idOf(`r${i}@example.org`), 4) - 1]!++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard('0/4')).toBeUndefined();
    expect(parseShard('5/4')).toBeUndefined();
  });
});

describe('ledger', () => {
  it('survives a line cut short by a crash, and reads every shard of the day', () => {
    const state = tempDir('ledger-');
    const a = new LedgerWriter(state, '2025-10-17.jsonl');
    a.append({ status: 'sent', id: 'a'.repeat(32), at: 'x', messageId: '<m>' });
    a.close();
    appendFileSync(join(state, 'ledger/2025-10-17.jsonl'), '{"status":"sent","id":"bbbb');
    const b = new LedgerWriter(state, '2025-10-17.shard-2-of-2.jsonl');
    b.append({ status: 'rejected', id: 'c'.repeat(32), at: 'x', code: 550, reason: 'no' });
    b.append({ status: 'complete', at: 'x', recipients: 3, shard: '2/2' });
    b.close();
    const ledger = readLedger(state, '2025-10-17');
    expect([...ledger.sent]).toEqual(['a'.repeat(32)]);
    expect(ledger.rejected.get('c'.repeat(32))).toEqual({ code: 550, reason: 'no' });
    expect([...ledger.completed]).toEqual(['2/2']);
    expect(readLedger(state, '2025-10-18').sent.size).toBe(0);
    expect(readFileSync(join(state, 'ledger/2025-10-17.shard-2-of-2.jsonl'), 'utf8').split('\n')).toHaveLength(3);
  });
});

describe('failures', () => {
  it('are transient for 4xx and connection trouble, permanent for 5xx, and stop the run for authentication', () => {
    expect(classifyFailure({ code: 'EENVELOPE', responseCode: 450, response: '450 4.2.1 try later' }).kind).toBe('transient');
    expect(classifyFailure({ code: 'EMESSAGE', responseCode: 421, response: '421 closing' }).kind).toBe('transient');
    expect(classifyFailure({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 <bob@example.org>: no such user' })).toEqual({ kind: 'permanent', code: 550, reason: 'EENVELOPE: 550 5.1.1 <<address>>: no such user' });
    expect(classifyFailure({ code: 'ECONNECTION', message: 'Connection closed unexpectedly' }).kind).toBe('transient');
    expect(classifyFailure({ code: 'ETIMEDOUT', message: 'Timeout' }).kind).toBe('transient');
    expect(classifyFailure({ code: 'EAUTH', responseCode: 535, response: '535 5.7.8 bad credentials', command: 'AUTH PLAIN' }).kind).toBe('auth');
  });

  it('never carry addresses or credentials', () => {
    expect(redact('failed for smtp://user%40x.org:hunter2@smtp.x.org:465 to <carol@example.net>', ['hunter2'])).toBe('failed for smtp://***@smtp.x.org:465 to <<address>>');
  });
});
