/**
 * Text from digests made safe inside a braced BibTeX field value. Pure.
 *
 * BibTeX counts braces even after a backslash (`\{` opens a group for bibtex.exe), so the braces
 * and the other characters TeX reads as commands are written as text commands whose own braces
 * are balanced: `{` → `\textbraceleft{}`, `\` → `\textbackslash{}`, `%` → `\%`, `<` → `\textless{}`, … Better BibTeX's
 * parser (Zotero), Biber and LaTeX read every one of them back as the character. Everything else,
 * Chinese and the Unicode the parser made of inline LaTeX (`π`, `ℓ₂`), stays as it is: the files
 * are UTF-8, which Better BibTeX, Biber and (with inputenc, the default since 2018) LaTeX read.
 */
import { oneLine } from './paper-facts.js';

const TEX_SPECIALS: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '%': '\\%',
  '&': '\\&',
  '#': '\\#',
  _: '\\_',
  $: '\\$',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  // In TeX's default (OT1) font encoding `<` and `>` print as `¡` and `¿`, `<<` as `«`.
  '<': '\\textless{}',
  '>': '\\textgreater{}',
};

/**
 * A field value's text: on one line, every TeX special written as a balanced text command, and
 * TeX's ligatures broken with an empty group (`--` would print as an en dash, ``` `` ``` and `''` as curly quotes).
 */
export function bibtexText(text: string): string {
  return oneLine(text)
    .replace(/[\\{}%&#_$~^<>]/g, (c) => TEX_SPECIALS[c]!)
    .replace(/([-`'])(?=\1)/g, '$1{}');
}

/**
 * A verbatim field's value (`url`, `doi`, `eprint`): kept as is (these fields are read verbatim, so
 * `_` or `%` need no escape) but for what could end the field or unbalance it: braces, backslashes
 * and white space are percent-encoded.
 */
export function bibtexVerbatim(text: string): string {
  return oneLine(text).replace(/[{}\\ ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * One name of an `author` list. Names are joined with ` and `, so a name that has the word
 * `and` in it, or more than two commas, is braced whole (read as one literal name, as for an
 * organisation); other names stay as given for BibTeX to split into first and last names.
 */
export function bibtexName(name: string): string {
  const text = bibtexText(name);
  return /(^|\s)and(\s|$)/i.test(text) || (text.match(/,/g) ?? []).length > 2 ? `{${text}}` : text;
}
