/**
 * Bytes of a digest file → text, or the reason it cannot be read as one.
 * Pure: callers do the file I/O.
 */

/** Result of decoding: the text (BOM removed, line ends normalised to `\n`) or a problem. */
export type DecodeResult =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030'; bom: boolean }
  | { ok: false; rule: 'empty-file' | 'binary-file' | 'not-utf8'; message: string; line: number; column: number };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A digest heading near the top: enough to trust a legacy (GB18030) decoding. */
const HEADING_WITH_DATE = /^#[^\n]*\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}/m;

/**
 * Decodes a digest file. UTF-8 is the format; a UTF-16 file with a BOM is accepted;
 * a legacy GB18030/GBK file is accepted only when it decodes to a dated heading.
 */
export function decodeDigestBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) {
    return { ok: false, rule: 'empty-file', message: 'file is empty (0 bytes): the digest job wrote nothing for this day', line: 1, column: 1 };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, text: normalizeNewlines(new TextDecoder('utf-16le').decode(bytes.subarray(2))), encoding: 'utf-16le', bom: true };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, text: normalizeNewlines(new TextDecoder('utf-16be').decode(bytes.subarray(2))), encoding: 'utf-16be', bom: true };
  }
  const nul = bytes.subarray(0, 8192).indexOf(0);
  if (nul !== -1) {
    return {
      ok: false,
      rule: 'binary-file',
      message: `file looks binary (NUL byte at offset ${nul}): a digest must be a UTF-8 Markdown text file`,
      ...positionOfByte(bytes, nul),
    };
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { ok: true, text: normalizeNewlines(utf8.decode(body)), encoding: 'utf-8', bom };
  } catch {
    const bad = firstInvalidUtf8(body);
    const legacy = new TextDecoder('gb18030').decode(body);
    if (HEADING_WITH_DATE.test(legacy.slice(0, 4096)) && !legacy.includes('\uFFFD')) {
      return { ok: true, text: normalizeNewlines(legacy), encoding: 'gb18030', bom: false };
    }
    return {
      ok: false,
      rule: 'not-utf8',
      message: `file is not valid UTF-8 (first bad byte at offset ${bad + (bom ? 3 : 0)}): re-save it as UTF-8`,
      ...positionOfByte(body, bad),
    };
  }
}

/** CRLF and lone CR → LF, so every later step sees one kind of line end. */
export function normalizeNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Offset of the first byte that breaks UTF-8's structure (lead/continuation bytes); 0 when only finer rules fail. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return 0;
}
