import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snippetParts } from './highlight';

describe('snippetParts', () => {
  it.each([
    ['no highlights', 'withdrawal delayed', [], [['withdrawal delayed', false]]],
    ['one in the middle', '卖家提现三天未到账', [[2, 4]], [['卖家', false], ['提现', true], ['三天未到账', false]]],
    ['at both ends', 'abc def ghi', [[0, 3], [8, 11]], [['abc', true], [' def ', false], ['ghi', true]]],
    ['overlapping merged', 'abcdef', [[1, 3], [2, 5]], [['a', false], ['bcde', true], ['f', false]]],
    ['touching merged', 'abcdef', [[0, 2], [2, 4]], [['abcd', true], ['ef', false]]],
    ['unsorted', 'abcdef', [[4, 5], [0, 1]], [['a', true], ['bcd', false], ['e', true], ['f', false]]],
    ['out of bounds clamped', 'abc', [[-2, 1], [2, 99]], [['a', true], ['b', false], ['c', true]]],
    ['empty and reversed dropped', 'abc', [[1, 1], [2, 1]], [['abc', false]]],
    ['empty snippet', '', [[0, 3]], [['', false]]],
  ] as const)('%s', (_name, snippet, highlights, expected) => {
    expect(snippetParts(snippet, highlights).map((part) => [part.text, part.marked])).toEqual(expected);
  });

  it('keeps the text whole and never marks outside a highlight', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.tuple(fc.integer({ min: -5, max: 40 }), fc.integer({ min: -5, max: 40 }))), (snippet, highlights) => {
        const parts = snippetParts(snippet, highlights);
        expect(parts.map((part) => part.text).join('')).toBe(snippet);
        let at = 0;
        for (const part of parts) {
          if (part.marked) {
            const inside = highlights.some(([start, end]) => start <= at && at + part.text.length <= end);
            const covered = Array.from({ length: part.text.length }, (_, i) => i).every((i) => highlights.some(([start, end]) => start <= at + i && at + i < end));
            expect(inside || covered).toBe(true);
          }
          at += part.text.length;
        }
        // Marked runs never sit next to each other: adjacent ranges were merged.
        parts.forEach((part, i) => expect(part.marked && parts[i + 1]?.marked).toBeFalsy());
      }),
    );
  });
});
