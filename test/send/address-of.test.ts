import { describe, expect, it } from 'vitest';
import { addressOf } from '../../src/send/compose-message.js';

describe('addressOf (the envelope address of a From setting)', () => {
  it.each([
    ['"Zhang, San" <zs@example.cn>', 'zs@example.cn'],
    ['Zhang, San <zs@example.cn>', 'zs@example.cn'],
    ['论文速递 <papers@example.org>', 'papers@example.org'],
    ['"a <b@c.d>" <real@example.org>', 'real@example.org'],
    ['zs@example.cn', 'zs@example.cn'],
    ['  zs@example.cn  ', 'zs@example.cn'],
    ['<zs@example.cn>', 'zs@example.cn'],
    ['zs@example.cn (Zhang San)', 'zs@example.cn'],
  ])('%s → %s', (mailbox, address) => {
    expect(addressOf(mailbox)).toBe(address);
  });

  it('gives back the text itself when it holds no address', () => {
    expect(addressOf(' not an address ')).toBe('not an address');
  });
});
