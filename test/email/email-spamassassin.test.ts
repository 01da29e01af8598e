/**
 * Real composed messages through SpamAssassin (Debian package `spamassassin`, offline rules
 * only: `spamassassin -L -t`): the score stays under the default threshold of 5.0, and the
 * rules our own markup could trigger do not fire. Skipped with a message where SpamAssassin is
 * absent. Which rules fire is printed for a person to read.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, type Config } from '../../src/config/schema.js';
import type { EmailTemplates } from '../../src/email/email-templates.js';
import { loadEmailTemplates } from '../../src/templates/load-email-templates.js';
import { renderDayEmail } from '../../src/email/render-email.js';
import { buildCatalog, type Catalog } from '../../src/project/catalog.js';
import { readDigests } from '../../src/read-digests.js';
import { CORPUS_DIR, hasCorpus, PROJECT_DIR } from '../helpers/corpus.js';
import { composeRaw } from '../helpers/mime-parts.js';
import { historyFixture, makeProject } from '../helpers/project.js';
import { tempDir } from '../helpers/tmp.js';

const SPAMASSASSIN = ['/usr/bin/spamassassin', '/usr/local/bin/spamassassin'].find((p) => existsSync(p));
if (!SPAMASSASSIN) console.warn('[digestcast tests] spamassassin is absent (apt-get install spamassassin): the spam-score test is skipped');

/** Rules that our markup, not the lack of a real relay, would trigger. */
const OWN_RULES = ['MPART_ALT_DIFF', 'MPART_ALT_DIFF_COUNT', 'HTML_FONT_LOW_CONTRAST', 'FONT_INVIS_MSGID', 'HTML_IMAGE_ONLY', 'HTML_SHORT_LINK_IMG', 'T_REMOTE_IMAGE', 'BASE64_LENGTH_79_INF', 'MIME_BASE64_TEXT', 'MIME_HTML_ONLY'];

interface Report {
  score: number;
  rules: { points: number; name: string }[];
}

/** Runs `spamassassin -L -t` (local tests only, no network) on a message. */
function spamReport(raw: Buffer): Promise<Report> {
  return new Promise((resolve, reject) => {
    const child = execFile(SPAMASSASSIN!, ['-L', '-t'], { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (error, stdout) => {
      if (error) return reject(error);
      const score = /Content analysis details:\s+\((-?[\d.]+) points, [\d.]+ required\)/.exec(stdout);
      if (!score) return reject(new Error(`no score in spamassassin's report:\n${stdout.slice(-2000)}`));
      const table = stdout.slice(stdout.indexOf('Content analysis details'));
      const rules = [...table.matchAll(/^\s*(-?[\d.]+)\s+([A-Z0-9_]+)\s/gm)].map((m) => ({ points: Number(m[1]), name: m[2]! }));
      resolve({ score: Number(score[1]), rules });
    });
    child.stdin!.end(raw);
  });
}

describe.skipIf(!SPAMASSASSIN)('SpamAssassin on composed messages', () => {
  let templates: EmailTemplates;
  const config: Config = { ...defaultConfig(), siteUrl: 'https://papers.example.org/', title: '论文速递' };
  beforeAll(async () => {
    templates = await loadEmailTemplates(join(PROJECT_DIR, 'templates'), config.email.subject, { cacheDir: tempDir('email-cache-') });
  });

  const check = async (catalog: Catalog, date: string) => {
    const email = renderDayEmail(catalog.days.find((d) => d.date === date)!, catalog, config, templates);
    const report = await spamReport(await composeRaw(email));
    console.info(`[spamassassin] ${date} (${email.layout}, HTML ${email.listedPapers} / text ${email.textListedPapers} papers): ${report.score} points; ${report.rules.map((r) => `${r.name} ${r.points}`).join(', ')}`);
    expect(report.score, date).toBeLessThan(5);
    expect(report.rules.map((r) => r.name).filter((name) => OWN_RULES.includes(name)), date).toEqual([]);
  };

  it('scores the example day and a day with hostile cells well under 5.0', async () => {
    const example = buildCatalog((await readDigests([join(PROJECT_DIR, 'digests')])).days);
    await check(example, example.days[0]!.date);
    const history = buildCatalog((await readDigests([join(makeProject(historyFixture()), 'digests')])).days);
    await check(history, '2025-10-16');
  });

  it.skipIf(!hasCorpus)('scores the heaviest corpus day (HTML cut short, text part listing more) under 5.0', async () => {
    const catalog = buildCatalog((await readDigests([CORPUS_DIR])).days);
    const count = (d: Catalog['days'][number]) => d.sources.reduce((n, s) => n + s.papers.length, 0);
    const heaviest = [...catalog.days].sort((a, b) => count(b) - count(a))[0]!;
    await check(catalog, heaviest.date);
  });
});
