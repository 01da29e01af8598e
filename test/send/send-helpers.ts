/**
 * A project ready to send from, and a way to run `digestcast send` in-process with an environment.
 */
import { join } from 'node:path';
import { main } from '../../src/cli.js';
import { PROJECT_DIR } from '../helpers/corpus.js';
import { memoryIo } from '../helpers/io.js';
import { historyFixture, makeProject } from '../helpers/project.js';

export const SECRET = 'test-secret-0123456789abcdef';

/** A project whose config is set up for fast, realistic sends. */
export function sendProject(send: Record<string, unknown> = {}, extraFiles: Record<string, string> = {}): string {
  const files = historyFixture();
  const config = JSON.parse(files['digestcast.config.json']!) as Record<string, unknown>;
  config.send = {
    from: '论文速递 <papers@feeds.example.org>',
    unsubscribeUrl: 'https://feeds.example.org/unsubscribe',
    unsubscribeMailto: 'unsubscribe@feeds.example.org',
    ratePerSecond: 0,
    retries: 3,
    retryBaseMs: 5,
    timeoutMs: 5000,
    // The loopback test server's certificate is self-signed (smtp-server's own).
    allowPlaintextHosts: ['127.0.0.1'],
    ...send,
  };
  return makeProject({ ...files, 'digestcast.config.json': JSON.stringify(config), ...extraFiles });
}

/** Runs the CLI in-process; returns exit code and output. */
export async function cli(dir: string, args: string[], env: Record<string, string | undefined>): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo(dir, { UNSUBSCRIBE_SECRET: SECRET, ...env });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** Node arguments that run the CLI from source in a child process (for tests that kill it). */
export const CLI_PROCESS_ARGS = ['--import', import.meta.resolve('tsx'), join(PROJECT_DIR, 'src/cli.ts')];
