/**
 * What the build writes for a day's exports, and the day page's links to them.
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.js';
import { renderBibtex } from '../../src/exports/bibtex.js';
import { renderCsv } from '../../src/exports/csv.js';
import { renderDayExports } from '../../src/exports/day-exports.js';
import { renderRis } from '../../src/exports/ris.js';
import { sitePaths, sourceFolder } from '../../src/project/site-paths.js';
import { buildProject, historyFixture, makeProject, readOut } from '../helpers/project.js';
import { hostileDay } from './hostile-day.js';

describe('renderDayExports', () => {
  it('gives the three files of a day under export/', () => {
    const config = defaultConfig();
    const day = hostileDay();
    expect(renderDayExports(day, config)).toEqual([
      { path: 'export/2025-10-17.bib', content: renderBibtex(day, config) },
      { path: 'export/2025-10-17.ris', content: renderRis(day, config) },
      { path: 'export/2025-10-17.csv', content: renderCsv(day, config) },
    ]);
    expect(sitePaths.export('2025-10-17', 'csv')).toBe('export/2025-10-17.csv');
  });

  it('keeps a source named "export" out of the exports folder', () => {
    expect(sourceFolder('export')).toBe('source-export');
  });
});

describe('day page', () => {
  it('links to the day’s BibTeX, RIS and CSV', async () => {
    const dir = makeProject(historyFixture());
    await buildProject(dir);
    const html = readOut(dir, '2025-10-16.html');
    expect(html).toContain(
      '<p class="day-export">导出：<a href="export/2025-10-16.bib" download type="application/x-bibtex">BibTeX</a> · <a href="export/2025-10-16.ris" download type="application/x-research-info-systems">RIS</a> · <a href="export/2025-10-16.csv" download type="text/csv">CSV</a></p>',
    );
  });
});
