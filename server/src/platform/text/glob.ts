/**
 * Globs, the only patterns users may write (no regular expressions): `*` stands for any run
 * of characters, including none; every other character stands for itself, case-sensitively.
 * A glob without `*` is plain equality. Matching never backtracks exponentially: the parts
 * between stars are found left to right with `indexOf`, which is O(pattern × text) at worst.
 */
export type GlobMatcher = (text: string) => boolean;

/** Compiles a glob once, for matching many texts. */
export function compileGlob(pattern: string): GlobMatcher {
  const parts = pattern.split('*');
  if (parts.length === 1) return (text) => text === pattern;
  const head = parts[0]!;
  const tail = parts[parts.length - 1]!;
  const middle = parts.slice(1, -1).filter((part) => part !== '');
  const fixed = head.length + tail.length;
  return (text) => {
    if (text.length < fixed || !text.startsWith(head) || !text.endsWith(tail)) return false;
    const end = text.length - tail.length;
    let at = head.length;
    // Taking each middle part at its leftmost place leaves the most room for the rest.
    for (const part of middle) {
      const found = text.indexOf(part, at);
      if (found < 0 || found + part.length > end) return false;
      at = found + part.length;
    }
    return true;
  };
}

/** `payments/*` matches every child of payments; `*` matches everything. */
export function globMatches(pattern: string, text: string): boolean {
  return compileGlob(pattern)(text);
}
