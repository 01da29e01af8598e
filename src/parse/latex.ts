/**
 * Inline LaTeX (`$\pi$-Flow`, `$\ell_2$`, `256$^2$`, `${\bf MASK}$`, `$8.7\times$`) → readable Unicode.
 * Symbols, sub- and superscripts come from `unicodeit`; the font and layout commands it
 * leaves alone are unwrapped first.
 */
import { replace as unicodeit } from 'unicodeit';
import { INLINE_MATH } from './cell-markdown.js';

/** Commands whose argument is shown as plain text. */
const TEXT_WRAPPERS = /\\(?:text|textrm|textnormal|textit|textbf|textsf|texttt|emph|mathrm|mathit|mathbf|mathsf|mathtt|boldsymbol|bm|operatorname|mbox|hbox)\s*\{([^{}]*)\}/g;
/** Old-style font switches inside a group: `{\bf MASK}`. */
const FONT_SWITCH = /\{\\(?:bf|it|rm|sf|tt|em|sc|sl|cal)\s+([^{}]*)\}/g;
/** Named operators unicodeit would misread (`\log` → `ł` + `og`). */
const OPERATORS = /\\(arg\s*max|arg\s*min|argmax|argmin|log|ln|lg|exp|sin|cos|tan|sinh|cosh|tanh|max|min|arg|lim|limsup|liminf|sup|inf|det|dim|ker|deg|Pr|mod|gcd)(?![a-zA-Z])/g;
const FRAC = /\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g;
const SQRT = /\\sqrt\s*\{([^{}]*)\}/g;
const SPACING = /\\[,;:!> ]|\\q?quad(?![a-zA-Z])|~/g;
const SIZING = /\\(?:left|right|big|Big|bigg|Bigg)(?![a-zA-Z])\s*/g;

/** unicodeit walks its whole symbol table per call; spans repeat across files, so results are kept. */
const cache = new Map<string, string>();
const CACHE_LIMIT = 10_000;

/** Forgets converted spans (benchmarks use it to measure a cold reader). */
export function clearLatexCache(): void {
  cache.clear();
}

/** Converts the body of one math span (without dollars) to Unicode. */
export function latexMathToUnicode(tex: string): string {
  let known = cache.get(tex);
  if (known === undefined) {
    known = convert(tex);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(tex, known);
  }
  return known;
}

function convert(tex: string): string {
  let s = tex
    .replace(TEXT_WRAPPERS, '$1')
    .replace(FONT_SWITCH, '$1')
    .replace(FRAC, (_, a: string, b: string) => `${wrapIfNeeded(a)}/${wrapIfNeeded(b)}`)
    .replace(SQRT, (_, a: string) => `√${wrapIfNeeded(a)}`)
    .replace(SIZING, '')
    .replace(OPERATORS, (_, name: string, at: number, all: string) => (/[\w)]/.test(all[at - 1] ?? '') ? ' ' : '') + name.replace(/\s+/g, ''))
    .replace(SPACING, (m) => (m === '\\!' ? '' : ' '));
  if (/[\\^_]/.test(s)) s = unicodeit(s);
  // Grouping braces left over; escaped ones (`\{`) became literal braces already.
  s = s.replace(/(?<!\\)[{}]/g, '').replace(/\\([{}$%&#_])/g, '$1');
  return s.replace(/\s+/g, ' ').trim();
}

function wrapIfNeeded(text: string): string {
  return /^[\w.\\]+$/.test(text) ? text : `(${text})`;
}

/** Replaces every `$…$` span in a text by its Unicode reading; text without math is returned as is. */
export function replaceInlineMath(text: string): string {
  if (!text.includes('$')) return text;
  return text.replace(INLINE_MATH, (_, body: string) => latexMathToUnicode(body));
}
