/**
 * How the API's documents are written: JSON, indented at the top, each record (a paper, a day)
 * on one line. A busy day has over a thousand papers; one line each keeps the file small,
 * greppable and diffable, and any JSON parser reads it the same.
 */

/**
 * Serialises a document: objects and arrays down to `flatDepth` levels are indented, deeper
 * values are written compactly. Strings are JSON strings and nothing else: no HTML escaping
 * (`<`, `&`, quotes stand as themselves or as JSON escapes), control characters and lone
 * surrogates escaped by `JSON.stringify`, so the file is always well-formed UTF-8 JSON.
 */
export function apiJson(value: unknown, flatDepth = 2): string {
  return `${write(value, 0, flatDepth)}\n`;
}

function write(value: unknown, depth: number, flatDepth: number): string {
  if (depth >= flatDepth || value === null || typeof value !== 'object') return JSON.stringify(value);
  const pad = '  '.repeat(depth + 1);
  const end = '  '.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `${pad}${write(v, depth + 1, flatDepth)}`).join(',\n')}\n${end}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${pad}${JSON.stringify(k)}: ${write(v, depth + 1, flatDepth)}`).join(',\n')}\n${end}}`;
}
