import { describe, expect, it } from 'vitest';
import { insertAtCursor } from './insert';

describe('insertAtCursor', () => {
  it.each([
    ['at the cursor', 'Hello world', { start: 6, end: 6 }, 'Hello X world', 8],
    ['over a selection', 'Hello world', { start: 6, end: 11 }, 'Hello X ', 8],
    ['at the start', 'abc', { start: 0, end: 0 }, 'X abc', 2],
    ['a selection past the end is clamped', 'abc', { start: 9, end: 12 }, 'abcX ', 5],
    ['no selection appends on its own line', 'abc', null, 'abc\nX ', 6],
    ['no selection, empty box', '', null, 'X ', 2],
    ['Chinese text (UTF-16 offsets)', '您好，世界', { start: 3, end: 3 }, '您好，X 世界', 5],
  ] as const)('%s', (_, value, selection, expected, caret) => {
    expect(insertAtCursor(value, 'X ', selection)).toEqual({ value: expected, caret });
  });
});
