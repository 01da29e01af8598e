#!/usr/bin/env node
/**
 * The `digestcast` command: dispatches to the sub-commands.
 */
import { pathToFileURL } from 'node:url';
import { type CliIo, processIo, UsageError } from './cli/io.js';
import { BUILD_HELP, buildCommand } from './cli/build-command.js';
import { FETCH_HELP, fetchCommand } from './cli/fetch-command.js';
import { PARSE_HELP, parseCommand } from './cli/parse-command.js';
import { PREVIEW_HELP, previewCommand } from './cli/preview-command.js';
import { RUN_HELP, runCommand } from './cli/run-command.js';
import { SEND_HELP, sendCommand } from './cli/send-command.js';
import { UNSUBSCRIBE_HELP, unsubscribeCommand } from './cli/unsubscribe-command.js';

interface Command {
  summary: string;
  help: string;
  run: (argv: string[], io: CliIo) => Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  run: { summary: 'the daily job: fetch, build, then send every day not yet sent', help: RUN_HELP, run: (argv, io) => runCommand(argv, io) },
  fetch: { summary: 'download recent digests from upstream.urlTemplate into digests/', help: FETCH_HELP, run: (argv, io) => fetchCommand(argv, io) },
  build: { summary: 'write feeds, archives, the site and email previews into out/', help: BUILD_HELP, run: buildCommand },
  parse: { summary: 'read digests and show papers and diagnostics', help: PARSE_HELP, run: parseCommand },
  preview: { summary: "render one day's email into out/email/ for checking a template", help: PREVIEW_HELP, run: previewCommand },
  send: { summary: "send a day's email to the subscribers, exactly once each", help: SEND_HELP, run: sendCommand },
  unsubscribe: { summary: 'add addresses or unsubscribe tokens to the suppression list', help: UNSUBSCRIBE_HELP, run: unsubscribeCommand },
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
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`digestcast: unknown command "${name}"\n\n${mainHelp()}\n`);
    return 2;
  }
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

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
