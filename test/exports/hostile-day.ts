/**
 * A day of papers built to break exporters: every BibTeX special, unbalanced braces, an `@` that
 * could start an entry, RIS tag lines inside an abstract, CSV separators and quotes, spreadsheet
 * formulas, `javascript:` links, LaTeX, Chinese, control characters, and two papers whose
 * citation keys would clash.
 */
import type { Day, Paper, SourceDay } from '../../src/model.js';

export const HOSTILE_TEXT = String.raw`Braces } { unbalanced {{ \textbf{x} \ % & # _ $x^2$ ~ ^ "quoted" 'single' @misc{evil, title={x}} <script>alert(1)</script>` + " a--b---c ``q'' <<x>> ?` !`";
export const HOSTILE_ABSTRACT = `第一段，含逗号, "引号" 和 \\cite{x}。\n\nER  - \r\nTY  - JOUR\nAU  - Injected\n\n=HYPERLINK("http://evil.example/","click") 最后一段 100% & $5`;

function paper(over: Partial<Paper> & Pick<Paper, 'id'>): Paper {
  return { date: '2025-10-17', source: 'arxiv', title: '', authors: [], pdfUrl: '', url: '', summary: '', file: 'hostile.md', line: 1, ...over };
}

function source(id: string, sourceName: string, papers: Paper[]): SourceDay {
  return { date: '2025-10-17', source: id, sourceName, status: papers.length ? 'papers' : 'empty', papers, file: 'hostile.md', line: 1 };
}

/** The hostile papers, by what they test. */
export const hostile = {
  specials: paper({
    id: 'arxiv:2510.00001',
    version: 3,
    title: `中文：${HOSTILE_TEXT}`,
    titleEn: `English: ${HOSTILE_TEXT}`,
    titleNote: '（注：译者的说明，含 } 与 %）',
    authors: ['Alice and Bob Consortium', 'O\'Brien, Jr., Pat, III', '张三', '=cmd|\' /C calc\'!A0'],
    pdfUrl: 'http://arxiv.org/pdf/2510.00001v3',
    url: 'https://arxiv.org/abs/2510.00001',
    summary: HOSTILE_ABSTRACT,
    summaryNote: '（解析说明：\n多行）',
    publishedDate: '2025-10-15',
    codeUrl: 'https://github.com/example/{repo}?q=a b',
  }),
  formula: paper({ id: 'arxiv:2510.00002', title: '=1+1', titleEn: '+SUM(A1:A9)', authors: ['@evil', '-minus'], pdfUrl: 'http://arxiv.org/pdf/2510.00002v1', url: 'https://arxiv.org/abs/2510.00002', summary: '-2+3' }),
  javascript: paper({ id: 'url:javascript:alert(1)', source: 'other', title: '坏链接', authors: [], pdfUrl: 'javascript:alert(1)', url: 'javascript:alert(1)', summary: '\t制表符开头' }),
  untitled: paper({ id: 'doi:10.1101/2024.10.01.24314650', source: 'medrxiv', date: '2025-10-17', title: '', authors: [], pdfUrl: 'https://doi.org/10.1101/2024.10.01.24314650', url: 'https://doi.org/10.1101/2024.10.01.24314650', summary: '' }),
  /** Same DOI suffix as `untitled` under another prefix: the same base citation key. */
  clash: paper({ id: 'doi:10.64898/2024.10.01.24314650', source: 'medrxiv', title: '同名键', authors: ['Kember, J.'], pdfUrl: 'https://www.medrxiv.org/content/10.64898/2024.10.01.24314650v1.full.pdf', url: 'https://doi.org/10.64898/2024.10.01.24314650', summary: '摘要' }),
  biorxiv: paper({ id: 'doi:10.1101/2024.10.18.619016', source: 'biorxiv', title: '海马体 $\\alpha$ 波', authors: ['Kember, J.'], pdfUrl: 'https://doi.org/10.1101/2024.10.18.619016', url: 'https://doi.org/10.1101/2024.10.18.619016', summary: '生物摘要。' }),
};

/** All hostile papers on one day, over arXiv, bioRxiv, medRxiv, an unknown source and an empty one. */
export function hostileDay(): Day {
  return {
    date: '2025-10-17',
    sources: [
      source('arxiv', 'arXiv', [hostile.specials, hostile.formula]),
      source('biorxiv', 'bioRxiv', [hostile.biorxiv]),
      source('medrxiv', 'medRxiv', [hostile.untitled, hostile.clash]),
      source('other', 'Other {x}', [hostile.javascript]),
      source('empty', 'Empty', []),
    ],
  };
}

/** Papers of the hostile day in export order. */
export const hostileOrder = [hostile.specials, hostile.formula, hostile.biorxiv, hostile.untitled, hostile.clash, hostile.javascript];
