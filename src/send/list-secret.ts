/**
 * The list secret that keys recipient ids and unsubscribe tokens: `UNSUBSCRIBE_SECRET`.
 * Without it, a local run (outbox only) uses a random secret kept in the state folder;
 * sending over SMTP requires the real one, so ids and tokens stay the same across runs and
 * machines, and ledgers committed from CI cannot be reversed by guessing addresses.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TransportConfigError } from './transport.js';

const LOCAL_SECRET_FILE = 'local-secret';

/** The secret to use, or an error saying how to set it. */
export function listSecret(env: Readonly<Record<string, string | undefined>>, stateDir: string, sendingOverSmtp: boolean): string {
  const secret = env.UNSUBSCRIBE_SECRET?.trim();
  if (secret) {
    if (secret.length < 16) throw new TransportConfigError('UNSUBSCRIBE_SECRET is too short: use at least 16 characters (openssl rand -hex 32)');
    return secret;
  }
  if (sendingOverSmtp) {
    throw new TransportConfigError('UNSUBSCRIBE_SECRET is not set: sending over SMTP needs it (it keys the ledger and unsubscribe links). Generate one with `openssl rand -hex 32` and add it as a secret.');
  }
  const path = join(stateDir, LOCAL_SECRET_FILE);
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    mkdirSync(stateDir, { recursive: true });
    const fresh = randomBytes(32).toString('hex');
    writeFileSync(path, `${fresh}\n`, { mode: 0o600 });
    return fresh;
  }
}
