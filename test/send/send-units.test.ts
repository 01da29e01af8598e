import { createHmac } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isValidAddress, maskAddress } from '../../src/send/address.js';
import { LedgerWriter, readLedger } from '../../src/send/ledger.js';
import { parseShard, RecipientKeys, shardOf } from '../../src/send/recipient-keys.js';
import { redact } from '../../src/send/redact.js';
import { buildSubscriberList, entriesFromCsv, entriesFromList } from '../../src/send/subscribers.js';
import { BounceBreaker, classifySendError, countsTowardSuppression } from '../../src/send/failure-class.js';
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
  it('puts nothing in a message that leads to the ledger id: the token carries it encrypted, the Message-ID an HMAC per day', () => {
    const id = keys.idOf('alice@example.org');
    const token = keys.tokenOf('alice@example.org');
    expect(token).not.toContain(id);
    expect(token.split('.')[0]).toMatch(/^[0-9a-f]{32}$/);
    const ref = keys.messageRefOf('2025-10-17', id);
    expect(ref).not.toContain(id.slice(0, 12));
    expect(keys.messageRefOf('2025-10-18', id)).not.toBe(ref);
    // Tokens already in people's inboxes (the id and a v1 signature) still unsubscribe.
    const v1Key = createHmac('sha256', '0123456789abcdef-secret').update('digestcast unsubscribe token v1').digest();
    const legacy = `${id}.${createHmac('sha256', v1Key).update(id).digest('base64url').slice(0, 22)}`;
    expect(keys.verifyToken(legacy)).toBe(id);
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
  it('survives a line cut short by a crash, and reads every writer of the day', () => {
    const state = tempDir('ledger-');
    const a = new LedgerWriter(state, '2025-10-17', 'writer-a');
    a.append({ status: 'sent', id: 'a'.repeat(32), at: 'x', messageId: '<m>' });
    a.close();
    appendFileSync(join(state, 'ledger/2025-10-17.writer-a.jsonl'), '{"status":"sent","id":"bbbb');
    const b = new LedgerWriter(state, '2025-10-17', 'writer-b');
    b.append({ status: 'rejected', id: 'c'.repeat(32), at: 'x', code: 550, reason: 'no' });
    b.append({ status: 'complete', at: 'x', recipients: 3, shard: '2/2' });
    b.close();
    // A file of an earlier version (one per day, no header) is read too.
    writeFileSync(join(state, 'ledger/2025-10-17.jsonl'), `${JSON.stringify({ status: 'sent', id: 'd'.repeat(32), at: 'x', messageId: '<n>' })}\n`);
    const ledger = readLedger(state, '2025-10-17');
    expect([...ledger.sent].sort()).toEqual(['a'.repeat(32), 'd'.repeat(32)]);
    expect(ledger.rejected.get('c'.repeat(32))).toEqual({ code: 550, reason: 'no' });
    expect([...ledger.completed]).toEqual(['2/2']);
    expect(readLedger(state, '2025-10-18').sent.size).toBe(0);
    // Header, two records, final newline.
    expect(readFileSync(join(state, 'ledger/2025-10-17.writer-b.jsonl'), 'utf8').split('\n')).toHaveLength(4);
  });

  it('stops on a damaged line, a record of the wrong shape, or a newer format, naming file and line', () => {
    const state = tempDir('ledger-');
    mkdirSync(join(state, 'ledger'));
    const good = JSON.stringify({ status: 'sent', id: 'a'.repeat(32), at: 'x', messageId: '<m>' });
    writeFileSync(join(state, 'ledger/2025-10-17.w.jsonl'), `${good}\nnot json\n${good}\n`);
    expect(() => readLedger(state, '2025-10-17')).toThrow(/ledger\/2025-10-17\.w\.jsonl:2: not a JSON line/);
    writeFileSync(join(state, 'ledger/2025-10-17.w.jsonl'), `${good}\n{"status":"sent","id":"bob@example.org"}\n`);
    expect(() => readLedger(state, '2025-10-17')).toThrow(/ledger\/2025-10-17\.w\.jsonl:2: not a valid digestcast-ledger record/);
    writeFileSync(join(state, 'ledger/2025-10-17.w.jsonl'), `{"format":"digestcast-ledger","version":99}\n${good}\n`);
    expect(() => readLedger(state, '2025-10-17')).toThrow(/newer digestcast \(state format 99/);
  });
});

describe('failures', () => {
  it('are bounces only for one recipient, deferred for 4xx and connection trouble, and outages for what concerns the sender', () => {
    const c = (e: object) => classifySendError(e).class;
    expect(c({ code: 'EENVELOPE', responseCode: 450, response: '450 4.2.1 try later', command: 'RCPT TO' })).toBe('deferred');
    expect(c({ code: 'EMESSAGE', responseCode: 421, response: '421 closing', command: 'DATA' })).toBe('deferred');
    expect(classifySendError({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 <bob@example.org>: no such user', command: 'RCPT TO' })).toEqual({
      class: 'bounced',
      code: 550,
      status: '5.1.1',
      command: 'RCPT TO',
      reason: 'EENVELOPE: 550 5.1.1 <<address>>: no such user',
    });
    expect(c({ code: 'EMESSAGE', responseCode: 550, response: '550 5.1.1 mailbox unavailable', command: 'DATA' })).toBe('bounced');
    expect(c({ code: 'EMESSAGE', responseCode: 552, response: '552 5.2.2 mailbox full', command: 'DATA' })).toBe('bounced');
    // The sender, not the recipient: suspended account, quota, SPF, content policy, a 5xx greeting.
    expect(c({ code: 'EENVELOPE', responseCode: 550, response: '550 5.7.1 sender account suspended', command: 'MAIL FROM' })).toBe('outage');
    expect(c({ code: 'EMESSAGE', responseCode: 554, response: '554 5.7.1 message rejected as spam', command: 'DATA' })).toBe('outage');
    expect(c({ code: 'EPROTOCOL', responseCode: 554, response: '554 no SMTP service here', command: 'CONN' })).toBe('outage');
    expect(c({ code: 'ETLS', responseCode: 502, response: '502 5.5.1 command not recognized', command: 'STARTTLS' })).toBe('outage');
    expect(classifySendError({ code: 'EAUTH', responseCode: 535, response: '535 5.7.8 bad credentials', command: 'AUTH PLAIN' })).toMatchObject({ class: 'outage', kind: 'auth' });
    expect(classifySendError({ code: 'ECONNECTION', message: 'Connection closed unexpectedly' })).toMatchObject({ class: 'deferred', session: true });
    expect(classifySendError({ code: 'ETIMEDOUT', message: 'Timeout' })).toMatchObject({ class: 'deferred', session: true });
  });

  it('the breaker holds bounces back until a delivery shows they were real, and trips on the same reply in a row', () => {
    const bounce = (status: string) => ({ class: 'bounced' as const, code: 550, status, reason: `550 ${status}` });
    const breaker = new BounceBreaker(3);
    breaker.onBounce('a', bounce('5.1.1'));
    breaker.onBounce('b', bounce('5.7.1'));
    expect(breaker.onDelivered().map((p) => p.id)).toEqual(['a', 'b']);
    breaker.onBounce('c', bounce('5.7.1'));
    breaker.onBounce('d', bounce('5.7.1'));
    expect(breaker.tripped).toBeUndefined();
    breaker.onBounce('e', bounce('5.7.1'));
    expect(breaker.tripped?.class).toBe('outage');
    expect(breaker.dropped).toEqual(['c', 'd', 'e']);
    expect(breaker.settle(5)).toEqual([]);
    // Nothing delivered and every one of the recipients tried refused alike (not a bad mailbox): an outage too.
    const small = new BounceBreaker(10);
    small.onBounce('x', bounce('5.7.1'));
    small.onBounce('y', bounce('5.7.1'));
    expect(small.settle(2)).toEqual([]);
    expect(small.tripped).toBeDefined();
    // …but not when others were tried and deferred, and never for dead mailboxes, however many in a row.
    const mixed = new BounceBreaker(10);
    mixed.onBounce('x', bounce('5.7.1'));
    mixed.onBounce('y', bounce('5.7.1'));
    expect(mixed.settle(5).map((p) => p.id)).toEqual(['x', 'y']);
    const oldList = new BounceBreaker(3);
    for (let i = 0; i < 12; i++) oldList.onBounce(`u${i}`, bounce('5.1.1'));
    expect(oldList.tripped).toBeUndefined();
    expect(oldList.settle(12)).toHaveLength(12);
    const noStatus = new BounceBreaker(3);
    for (const id of ['p', 'q', 'r', 's']) noStatus.onBounce(id, { class: 'bounced', code: 550, reason: '550 No such user here' });
    expect(noStatus.tripped).toBeUndefined();
    expect(noStatus.settle(4)).toHaveLength(4);
  });

  it('a 4xx to AUTH is not a wrong password, a reset during the TLS handshake is not "no TLS", and a local error stops the run', () => {
    expect(classifySendError({ code: 'EAUTH', responseCode: 454, response: '454 4.7.0 Too many login attempts, please try again later', command: 'AUTH PLAIN' })).toMatchObject({ class: 'deferred', session: true });
    expect(classifySendError({ code: 'ETLS', message: 'Error initiating TLS - read ECONNRESET', command: 'CONN' })).toMatchObject({ class: 'deferred', session: true });
    expect(classifySendError({ code: 'ETLS', message: 'self-signed certificate', command: 'CONN' })).toMatchObject({ class: 'outage', kind: 'tls' });
    expect(classifySendError({ code: 'ESOCKET', message: 'certificate has expired', command: 'CONN' })).toMatchObject({ class: 'outage', kind: 'tls' });
    expect(classifySendError({ code: 'ESTREAM', message: 'error:1E08010C:DECODER routines::unsupported' })).toMatchObject({ class: 'outage', kind: 'local' });
    expect(classifySendError(new TypeError('cannot read properties of undefined'))).toMatchObject({ class: 'outage', kind: 'local' });
    expect(classifySendError({ code: 'EENVELOPE', responseCode: 452, response: '452 4.5.3 too many recipients today', command: 'MAIL FROM' })).toMatchObject({ class: 'deferred', session: true });
    expect(countsTowardSuppression({ class: 'bounced', code: 550, status: '5.7.1', reason: 'relay denied' })).toBe(false);
    expect(countsTowardSuppression({ class: 'bounced', code: 550, status: '5.1.1', reason: 'no such user' })).toBe(true);
  });

  it('never carry addresses or credentials', () => {
    expect(redact('failed for smtp://user%40x.org:hunter2@smtp.x.org:465 to <carol@example.net>', ['hunter2'])).toBe('failed for smtp://***@smtp.x.org:465 to <<address>>');
  });
});
