/**
 * `digestcast state pull|push`: the send state on its git branch, shared by every runner.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load-config.js';
import { pullState, pushState } from '../send/state-branch.js';
import { type CliCommand, type CliIo, UsageError } from './io.js';

export const STATE_HELP = `Usage: digestcast state pull|push [--remote <name>] [--branch <name>] [--config <file>]

Keeps the send state (.digestcast/: ledgers, bounces, join dates, suppression list; recipient ids,
never addresses) on a git branch, so every runner knows who got which day.
  pull   merge the branch into the state folder (before sending)
  push   merge the state folder into the branch and push it; when another runner pushed first,
         fetch, merge and push again (with jitter) until it lands (after sending; also done
         while sending by send/run --checkpoint)
Files are append-only sets of lines, one file per writer, merged by union: no merge loses a
line, whichever runner pushes last. Plain addresses in suppressions.txt are never pushed.
  --remote <name>  default origin
  --branch <name>  default digestcast-state`;

/** Runs `state`; returns the exit code. */
export async function stateCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { remote: { type: 'string' }, branch: { type: 'string' }, config: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const [action, ...rest] = positionals;
  if ((action !== 'pull' && action !== 'push') || rest.length > 0) throw new UsageError('say "pull" or "push"');
  const config = await loadConfig(io.cwd, { ...(values.config ? { path: values.config } : {}), env: io.env });
  const options = {
    repoDir: io.cwd,
    stateDir: resolve(io.cwd, config.stateDir),
    ...(values.remote ? { remote: values.remote } : {}),
    ...(values.branch ? { branch: values.branch } : {}),
  };
  const where = `${values.remote ?? 'origin'} ${values.branch ?? 'digestcast-state'}`;
  if (action === 'pull') {
    const result = await pullState(options);
    io.stdout(result.branchExisted ? `pulled the send state from ${where}: ${result.files} file${result.files === 1 ? '' : 's'} updated\n` : `no ${where} branch yet: starting with an empty send state\n`);
    return 0;
  }
  const result = await pushState(options);
  if (result.addressesKeptPrivate > 0) {
    io.stderr(`digestcast state: ${result.addressesKeptPrivate} plain address${result.addressesKeptPrivate === 1 ? '' : 'es'} in suppressions.txt kept off the branch (it may be public); \`digestcast unsubscribe <address>\` stores them as ids\n`);
  }
  if (result.damagedKeptOff) io.stderr(`digestcast state: ${result.damagedKeptOff} damaged line${result.damagedKeptOff === 1 ? '' : 's'} kept off the branch: the next send names the file and line to fix\n`);
  io.stdout(result.files === 0 ? `the send state on ${where} is up to date\n` : `pushed the send state to ${where}: ${result.files} file${result.files === 1 ? '' : 's'} (attempt ${result.attempts})\n`);
  return 0;
}

export default { help: STATE_HELP, run: stateCommand } satisfies CliCommand;
