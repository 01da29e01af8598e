/**
 * `digestcast preview [--date D]`: render one day's email into out/email/ and say where it is.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { emailPreview } from '../email/email-previews.js';
import { openProject } from '../open-project.js';
import type { CliCommand, CliIo } from './io.js';
import { dateOption } from './date-option.js';

export const PREVIEW_HELP = `Usage: digestcast preview [--date YYYY-MM-DD] [--config <file>]

Renders one day's email (default: the newest day) into out/email/<date>.html and .txt,
and prints their paths, sizes and layout. Use it to check a change to templates/email/.`;

/** Runs `preview`; returns the exit code. */
export async function previewCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { date: { type: 'string' }, config: { type: 'string' } }, strict: true });
  dateOption(values.date);
  const project = await openProject(io.cwd, { configPath: values.config, env: io.env, onLargeWork: io.limitHeapGrowth });
  const { config } = project;
  const { catalog, cacheNote } = await project.digests();
  // A state file ignored, or not saved, said on stderr (one line, the notes joined by `; `); the preview is made all the same.
  if (cacheNote !== undefined) io.stderr(`digestcast preview: ${cacheNote}\n`);
  const date = values.date ?? catalog.days[0]?.date;
  if (!date) {
    io.stderr(`digestcast preview: no readable digest in ${config.digestsDir}/\n`);
    return 1;
  }
  const templates = await project.emailTemplates();
  let preview;
  try {
    preview = emailPreview(date, catalog, config, templates);
  } catch (error) {
    io.stderr(`digestcast preview: ${(error as Error).message}\n`);
    return 1;
  }
  const outDir = project.dirs.out;
  for (const file of preview.files) {
    const path = join(outDir, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
    io.stdout(`${relative(io.cwd, path)}  ${(Buffer.byteLength(file.content) / 1024).toFixed(1)} KB\n`);
  }
  const e = preview.email;
  io.stdout(
    `subject: ${e.subject}\nlayout: ${e.layout} (${e.listedPapers} papers listed${e.hiddenPapers ? `, ${e.hiddenPapers} on the day page only` : ''}), HTML part ${e.htmlSentBytes} bytes as sent (base64) of ${config.email.maxHtmlBytes} allowed; text part ${e.textSentBytes} bytes (${e.textListedPapers} papers listed)\n`,
  );
  return 0;
}

export default { help: PREVIEW_HELP, run: previewCommand } satisfies CliCommand;
