/**
 * `digestcast unsubscribe <address|token>...`: add subscribers to the suppression list.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load-config.js';
import { isValidAddress, maskAddress } from '../send/address.js';
import { RecipientKeys } from '../send/recipient-keys.js';
import { suppress } from '../send/suppression-list.js';
import { type CliCommand, type CliIo, UsageError } from './io.js';

export const UNSUBSCRIBE_HELP = `Usage: digestcast unsubscribe <address|token>... [--config <file>]

Adds subscribers to the suppression list (.digestcast/suppressions.txt), which every send
honours. Give the address, or the token from an unsubscribe link or mail
("unsubscribe <token>"). Only the recipient id (an HMAC of the address) is stored.
Needs the same UNSUBSCRIBE_SECRET as the sends, and refuses without it (ids made with another
secret would match nobody, and the person would keep getting mail).`;

/** Runs `unsubscribe`; returns the exit code. */
export async function unsubscribeCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { config: { type: 'string' } }, allowPositionals: true, strict: true });
  if (positionals.length === 0) throw new UsageError('give at least one address or token');
  const config = await loadConfig(io.cwd, { ...(values.config ? { path: values.config } : {}), env: io.env });
  const stateDir = resolve(io.cwd, config.stateDir);
  const secret = io.env.UNSUBSCRIBE_SECRET?.trim();
  if (!secret) {
    io.stderr(
      'digestcast unsubscribe: UNSUBSCRIBE_SECRET is not set: refusing, because an id made without the secret the sends use matches nobody and the person would keep getting mail. Set UNSUBSCRIBE_SECRET to the secret of your sends (for local outbox-only use, the value in .digestcast/local-secret).\n',
    );
    return 1;
  }
  const keys = new RecipientKeys(secret);
  let failed = 0;
  // A pasted mail subject ("unsubscribe <token>") may arrive as two arguments: the bare word is not an entry.
  for (const raw of positionals.filter((p) => p.trim().toLowerCase() !== 'unsubscribe')) {
    const value = raw.replace(/^unsubscribe\s+/i, '').trim();
    const id = isValidAddress(value) ? keys.idOf(value) : keys.verifyToken(value);
    // Nothing that links a token to an id: this may print in a public Actions log.
    const label = isValidAddress(value) ? maskAddress(value) : 'a token';
    if (!id) {
      io.stderr(`digestcast unsubscribe: ${label} is neither an address nor a valid token (was it made with another UNSUBSCRIBE_SECRET?)\n`);
      failed++;
      continue;
    }
    const added = suppress(stateDir, keys.suppressionRefOf(id), 'unsubscribed');
    io.stdout(`${added ? 'suppressed' : 'already suppressed:'} ${label}\n`);
  }
  return failed > 0 ? 1 : 0;
}

export default { help: UNSUBSCRIBE_HELP, run: unsubscribeCommand } satisfies CliCommand;
