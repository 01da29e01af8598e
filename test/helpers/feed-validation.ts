/**
 * Strict checks of generated feeds: Atom against the RFC 4287 RELAX NG schema (libxml2, as
 * WebAssembly) plus the schema's Schematron rules, and well-formedness of any XML.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { validateXML } from 'xmllint-wasm';
import { FIXTURES_DIR } from './corpus.js';

const ATOM_RNG = readFileSync(join(FIXTURES_DIR, 'schemas/atom.rng'), 'utf8');

/** Problems with an Atom document; empty when it is valid. */
export async function atomProblems(xml: string, name = 'feed.xml'): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: name, contents: xml }], schema: [{ fileName: 'atom.rng', contents: ATOM_RNG }], extension: 'relaxng', maxMemoryPages: 4096 });
  const problems = result.errors.map((e) => e.rawMessage);
  // RFC 4287 Appendix B Schematron rules, and unique ids.
  const [head = '', ...entries] = xml.split('<entry>');
  const hasFeedAuthor = head.includes('<author>');
  if (!hasFeedAuthor && entries.some((e) => !/<author>/.test(e))) problems.push('an atom:feed must have an atom:author unless all of its entries have one');
  // A link without rel is an alternate link (RFC 4287 §4.2.7.2).
  for (const e of entries) if (!/rel="alternate"/.test(e) && !/<link (?![^>]*\brel=)/.test(e) && !/<content/.test(e)) problems.push('an atom:entry must have an atom:content or an atom:link[@rel="alternate"]');
  const ids = entries.map((e) => /<id>([^<]*)<\/id>/.exec(e)?.[1]);
  if (new Set(ids).size !== ids.length) problems.push('entry ids are not unique');
  return problems;
}

/** Whether a text is well-formed XML (libxml2's verdict, with its message). */
export async function xmlWellFormedness(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'doc.xml', contents: xml }], normalization: 'format', maxMemoryPages: 4096 });
  const independent = XMLValidator.validate(xml);
  return [...result.errors.map((e) => e.rawMessage), ...(independent === true ? [] : [independent.err.msg])];
}
