/**
 * The three export files of one day, ready to write under `out/`. Pure: the build calls it for
 * each day whose digests changed.
 */
import type { Config } from '../config/schema.js';
import type { Day } from '../model.js';
import type { OutputFile } from '../project/output-file.js';
import { sitePaths } from '../project/site-paths.js';
import { renderBibtex } from './bibtex.js';
import { renderCsv } from './csv.js';
import { renderRis } from './ris.js';

/**
 * `export/DATE.bib`, `export/DATE.ris` and `export/DATE.csv` of one full day (every source's papers).
 * Written for every day page, a day without papers too (the page links to them).
 */
export function renderDayExports(day: Day, config: Config): OutputFile[] {
  return [
    { path: sitePaths.export(day.date, 'bib'), content: renderBibtex(day, config) },
    { path: sitePaths.export(day.date, 'ris'), content: renderRis(day, config) },
    { path: sitePaths.export(day.date, 'csv'), content: renderCsv(day, config) },
  ];
}
