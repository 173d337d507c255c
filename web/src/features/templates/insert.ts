/**
 * Text with `insert` put in place of the selection [start, end) — at the cursor when nothing is
 * selected — and where the cursor goes after it. A missing selection (the box was never
 * focused) appends, on a line of its own when the text so far does not end with one.
 */
export function insertAtCursor(value: string, insert: string, selection: { start: number; end: number } | null): { value: string; caret: number } {
  if (!selection) {
    const glue = value === '' || value.endsWith('\n') ? '' : '\n';
    const next = value + glue + insert;
    return { value: next, caret: next.length };
  }
  const start = Math.max(0, Math.min(selection.start, value.length));
  const end = Math.max(start, Math.min(selection.end, value.length));
  return { value: value.slice(0, start) + insert + value.slice(end), caret: start + insert.length };
}
