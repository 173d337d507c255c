/** A run of snippet text, marked when it is one of the search's matches. */
export interface SnippetPart {
  text: string;
  marked: boolean;
}

/**
 * Cut a snippet into plain and marked runs from the server's [start, end) UTF-16 offsets.
 * Ranges out of bounds are clamped, empty ones dropped, overlapping or touching ones merged,
 * so whatever the server sends the text reads the same, just with marks. Never HTML: the
 * parts are rendered as text.
 */
export function snippetParts(snippet: string, highlights: readonly (readonly [number, number])[]): SnippetPart[] {
  const ranges = highlights
    .map(([start, end]) => [Math.max(0, Math.min(start, snippet.length)), Math.max(0, Math.min(end, snippet.length))] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of ranges) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  const parts: SnippetPart[] = [];
  let at = 0;
  for (const [start, end] of merged) {
    if (start > at) parts.push({ text: snippet.slice(at, start), marked: false });
    parts.push({ text: snippet.slice(start, end), marked: true });
    at = end;
  }
  if (at < snippet.length || parts.length === 0) parts.push({ text: snippet.slice(at), marked: false });
  return parts;
}
