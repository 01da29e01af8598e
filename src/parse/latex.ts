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
  return text
    .replace(INLINE_MATH, (_, body: string) => latexMathToUnicode(body))
    // `$\times$10`: a lone command is math even where a digit follows (which `INLINE_MATH` refuses, for `$5`).
    .replace(LONE_COMMAND_MATH, (_, body: string) => latexMathToUnicode(body));
}

/** `$\times$`, `$\sim$`: one command between dollars, whatever follows. */
const LONE_COMMAND_MATH = /\$(\\[a-zA-Z]+)\$/g;
/** Text-mode font commands outside math: `\textsc{SAM}`, `\textbf{Matrix}`, `\emph{…}` (one level of inner braces). */
const TEXT_COMMAND = /\\(?:textsc|textbf|textit|textsl|textrm|textsf|texttt|textup|textmd|textnormal|text|emph|underline|mathrm|mathbf|mathit|mathsf|mathtt|mathcal|mathbb|mbox)\s*\{((?:[^{}]|\{[^{}]*\})*)\}/g;
/** A symbol command standing in text: `\times`, `\alpha`, `\sim` (converted only when unicodeit knows it). */
const SYMBOL_COMMAND = /\\([a-zA-Z]+)(?![a-zA-Z])/g;
/** A Greek letter's name in braces, the way medRxiv writes it in titles: `干扰素-{lambda}`, `{tau}蛋白`. */
const BRACED_GREEK = /\{\\?(alpha|beta|gamma|delta|epsilon|varepsilon|zeta|eta|theta|vartheta|iota|kappa|lambda|mu|nu|xi|pi|rho|sigma|tau|upsilon|phi|varphi|chi|psi|omega|Gamma|Delta|Theta|Lambda|Xi|Pi|Sigma|Upsilon|Phi|Psi|Omega)\}/g;

/**
 * LaTeX left in text outside `$…$` read as text: `\textsc{SAM}` → `SAM`, `8.7\times` → `8.7×`,
 * `{tau}` → `τ`. Unknown commands stay as written.
 */
export function replaceTextLatex(text: string): string {
  if (!text.includes('\\') && !text.includes('{')) return text;
  let s = text;
  for (let before = ''; before !== s && s.includes('\\'); ) {
    before = s;
    // Inner commands are unwrapped on the next pass.
    s = s.replace(TEXT_COMMAND, '$1');
  }
  return s
    .replace(BRACED_GREEK, (_, name: string) => latexMathToUnicode(`\\${name}`))
    .replace(SYMBOL_COMMAND, (command: string) => {
      const unicode = latexMathToUnicode(command);
      return unicode !== '' && !unicode.includes('\\') && !/^[\x00-\x7f]*$/.test(unicode) ? unicode : command;
    });
}

/** Every piece of LaTeX in a title or abstract read as text: `$…$` math, then text-mode commands. */
export function readableLatex(text: string): string {
  return replaceTextLatex(replaceInlineMath(text));
}
