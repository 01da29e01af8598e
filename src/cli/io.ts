/**
 * Where a command writes. Commands get this instead of touching `process` so tests can run them in-process.
 */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Working folder that relative paths are taken from. */
  cwd: string;
  /** Environment (SMTP_URL, SUBSCRIBERS, …). */
  env: Readonly<Record<string, string | undefined>>;
  /** For a command that turns out to have much to do: limits V8's heap growth in this process (`heap-growth.ts`). Given only by the program itself (`launch.ts`, `cli.ts` run as a program), never to `main` called as a library. */
  limitHeapGrowth?: () => void;
}

/** The real process's streams, folder and environment. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
  };
}

/** What each command module exports by default. */
export interface CliCommand {
  help: string;
  run: (argv: string[], io: CliIo) => Promise<number>;
}

/** A usage mistake: the message is printed with the command's help, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
