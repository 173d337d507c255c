import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText } from '../../platform/text/search-tokens.js';
import { findMatches, foldWithOffsets, highlightTerms, makeSnippet, markdownToPlain, mergeRanges } from './search-text.js';

const marked = (text: string, query: string) =>
  findMatches(text, highlightTerms(query)).map(([s, e]) => text.slice(s, e));

describe('findMatches', () => {
  it.each([
    ['Withdrawal pending for 5 days', 'withdrawal', ['Withdrawal']],
    ['WITHDRAWAL withdrawals withdrawal', 'Withdrawal', ['WITHDRAWAL', 'withdrawal']],
    ['Pengeluaran wang DITAHAN', 'ditahan pengeluaran', ['Pengeluaran', 'DITAHAN']],
    ['Kafé di Kuala Lumpur', 'kafe', ['Kafé']],
    ['Kafe\u0301 tutup', 'KAFE', ['Kafe\u0301']],
    ['ＡＢＣ refund', 'abc', ['ＡＢＣ']],
    ['我的提现已经三天没有到账了', '提现', ['提现']],
    ['我的提现已经三天没有到账了', '到账 提现', ['提现', '到账']],
    ['卖家提现延迟，提现失败', '提现', ['提现', '提现']],
    ['卖家withdrawal提现', 'withdrawal', ['withdrawal']],
    ['payment payments', 'pay', []],
    ['no match here', '提现', []],
    ['🙂 refund 🙂', 'refund', ['refund']],
  ])('%s / %s', (text, query, expected) => {
    expect(marked(text, query)).toEqual(expected);
  });

  it('merges overlapping Han fragments', () => {
    expect(marked('提现延迟', '提现延 现延迟')).toEqual(['提现延迟']);
  });
});

describe('foldWithOffsets', () => {
  it('maps every folded unit back to the code point it came from', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const folded = foldWithOffsets(text);
        expect(folded.starts).toHaveLength(folded.text.length);
        for (let i = 0; i < folded.text.length; i++) {
          expect(folded.starts[i]!).toBeLessThan(folded.ends[i]!);
          expect(folded.ends[i]!).toBeLessThanOrEqual(text.length);
          if (i > 0) expect(folded.starts[i]!).toBeGreaterThanOrEqual(folded.starts[i - 1]!);
        }
      }),
    );
  });
});

describe('highlights', () => {
  const word = fc.stringMatching(/^[a-zA-Zéü]{1,10}$/);
  const han = fc.array(fc.constantFrom(...'提现延迟卖家账户被封申诉退款物流佣金'.split('')), { minLength: 1, maxLength: 8 }).map((c) => c.join(''));

  it('every highlight, folded, is a word or a Han fragment of the query', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(word, han), { minLength: 1, maxLength: 20 }), fc.nat(), (parts, i) => {
        const text = parts.join(' ');
        const query = parts[i % parts.length]!;
        const terms = highlightTerms(query);
        const ranges = findMatches(text, terms);
        expect(ranges.length).toBeGreaterThan(0);
        for (const [s, e] of ranges) {
          const piece = foldText(text.slice(s, e));
          const ok = terms.words.has(piece) || terms.han.some((h) => piece.includes(h));
          expect(ok, piece).toBe(true);
        }
      }),
    );
  });

  it('highlights in a snippet point at the query in the snippet, within bounds', () => {
    const filler = fc.array(fc.oneof(word, han), { minLength: 0, maxLength: 80 }).map((p) => p.join(' '));
    fc.assert(
      fc.property(filler, fc.oneof(word, han), filler, fc.integer({ min: 20, max: 200 }), (before, term, after, max) => {
        const text = `${before} ${term} ${after}`;
        const terms = highlightTerms(term);
        const { snippet, highlights } = makeSnippet(text, terms, max);
        expect(snippet.length).toBeLessThanOrEqual(Math.max(max, term.length) + 2);
        expect(highlights.length).toBeGreaterThan(0);
        for (const [s, e] of highlights) {
          expect(0 <= s && s < e && e <= snippet.length).toBe(true);
        }
        expect(mergeRanges(highlights)).toEqual(highlights);
      }),
    );
  });
});

describe('makeSnippet', () => {
  const long = `${'Intro words before the point. '.repeat(20)}The withdrawal is held by the bank for review. ${'More words after it. '.repeat(20)}`;

  it('cuts a window around the first match between words, with ellipses', () => {
    const { snippet, highlights } = makeSnippet(long, highlightTerms('withdrawal'), 120);
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet.length).toBeLessThanOrEqual(122);
    expect(highlights).toHaveLength(1);
    const [s, e] = highlights[0]!;
    expect(snippet.slice(s, e)).toBe('withdrawal');
    // Whole words at both cuts.
    const inner = snippet.slice(1, -1);
    const at = long.indexOf(inner);
    expect(at).toBeGreaterThan(0);
    expect(long[at - 1]).toBe(' ');
    expect(long[at + inner.length]).toBe(' ');
  });

  it('keeps short text whole and collapses whitespace', () => {
    expect(makeSnippet('  卖家的\n\n提现  延迟 ', highlightTerms('提现'))).toEqual({ snippet: '卖家的 提现 延迟', highlights: [[4, 6]] });
  });

  it('starts at the beginning when nothing matches', () => {
    const { snippet, highlights } = makeSnippet(long, highlightTerms('nothing'), 50);
    expect(snippet.startsWith('Intro words')).toBe(true);
    expect(highlights).toEqual([]);
  });

  it('cuts Chinese anywhere', () => {
    const zh = `${'这是一段很长的说明文字，'.repeat(30)}卖家的提现被银行冻结了。${'后面还有很多说明。'.repeat(30)}`;
    const { snippet, highlights } = makeSnippet(zh, highlightTerms('冻结'), 60);
    expect(highlights.map(([s, e]) => snippet.slice(s, e))).toEqual(['冻结']);
  });
});

describe('markdownToPlain', () => {
  it.each([
    ['# Heading\n\nSome **bold** and *em* text', 'Heading\n\nSome bold and em text'],
    ['See [the guide](https://example.test/a) and ![map](x.png)', 'See the guide and map'],
    ['- one\n- two\n1. three', 'one\ntwo\nthree'],
    ['```ts\nconst a = 1;\n```', '\nconst a = 1;\n'],
    ['> 提现 `code`', '提现 code'],
  ])('%s', (md, plain) => {
    expect(markdownToPlain(md)).toBe(plain);
  });
});
