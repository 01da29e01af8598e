#!/usr/bin/env node
/**
 * The `digestcast` command: dispatches to the sub-commands (each loaded only when used, so a
 * build does not pay for the mail libraries and a send does not pay for the feed writers).
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { limitHeapGrowth } from './cli/heap-growth.js';
import { type CliCommand, type CliIo, processIo, UsageError } from './cli/io.js';

interface Command {
  summary: string;
  load: () => Promise<{ default: CliCommand }>;
}

const COMMANDS: Record<string, Command> = {
  run: { summary: 'the daily job: fetch, build, then send every day not yet sent', load: () => import('./cli/run-command.js') },
  fetch: { summary: 'download recent digests from upstream.urlTemplate into digests/', load: () => import('./cli/fetch-command.js') },
  build: { summary: 'write feeds, archives, the site and email previews into out/', load: () => import('./cli/build-command.js') },
  parse: { summary: 'read digests and show papers and diagnostics', load: () => import('./cli/parse-command.js') },
  preview: { summary: "render one day's email into out/email/ for checking a template", load: () => import('./cli/preview-command.js') },
  send: { summary: "send a day's email to the subscribers, exactly once each", load: () => import('./cli/send-command.js') },
  state: { summary: 'pull or push the send state (ledgers, bounces, suppressions) on its git branch', load: () => import('./cli/state-command.js') },
  unsubscribe: { summary: 'add addresses or unsubscribe tokens to the suppression list', load: () => import('./cli/unsubscribe-command.js') },
};

function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Usage: digestcast <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "digestcast <command> --help" for a command's options.`;
}

/** Runs the CLI with the given arguments; returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${mainHelp()}\n`);
    return name ? 0 : 2;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.stderr(`digestcast: unknown command "${name}"\n\n${mainHelp()}\n`);
    return 2;
  }
  const command = (await entry.load()).default;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`digestcast ${name}: ${(error as Error).message}\n\n${command.help}\n`);
      return 2;
    }
    io.stderr(`digestcast ${name}: ${(error as Error).message}\n`);
    return 1;
  }
}

/** Whether this module is the program (also when started through the npm bin symlink). */
function isEntryPoint(): boolean {
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1] ?? '')).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2), { ...processIo(), limitHeapGrowth: () => limitHeapGrowth() }).then((code) => {
    process.exitCode = code;
  });
}
