/**
 * A pure function of a string remembered by its input, in a map emptied when it passes `size`
 * entries: renderers ask about the same few links of the days they render, again and again,
 * and memory stays bounded however long the history.
 */
export function boundedMemo<V>(fn: (input: string) => V, size = 20_000): (input: string) => V {
  const memo = new Map<string, V>();
  return (input) => {
    // One lookup for a hit (a second only for a value that is `undefined`): renderers ask again and again for the same links.
    const known = memo.get(input);
    if (known !== undefined || memo.has(input)) return known as V;
    if (memo.size >= size) memo.clear();
    const value = fn(input);
    memo.set(input, value);
    return value;
  };
}
