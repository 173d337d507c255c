import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText, searchTokens } from '../../platform/text/search-tokens.js';
import { SIMILARITY, categoryRelation, informativeKeys, isSuggestion, keyWeight, sharedTerms, similarity } from './similarity.js';

describe('informativeKeys', () => {
  it.each([
    ['My withdrawal is still pending, please help', ['withdrawal', 'pending']],
    ['Pengeluaran saya masih belum diterima, tolong bantu', ['pengeluaran', 'diterima']],
    ['我的提现已经三天没有到账了', ['提现', '现已', '经三', '三天', '天没', '有到', '到账']],
    ['Order 12 and order 778899 a b', ['order', '778899']],
  ])('%s', (text, keys) => {
    expect(informativeKeys(searchTokens(text))).toEqual(keys);
  });

  it('keeps at most max keys', () => {
    expect(informativeKeys(searchTokens('alpha beta gamma delta epsilon'), 3)).toEqual(['alpha', 'beta', 'gamma']);
  });
});

describe('keyWeight', () => {
  it('weighs rare keys higher, never below ln 2', () => {
    expect(keyWeight(1, 100)).toBeCloseTo(Math.log(101));
    expect(keyWeight(100, 100)).toBeCloseTo(Math.log(2));
    expect(keyWeight(5000, 100)).toBeCloseTo(Math.log(2));
    expect(keyWeight(0, 100)).toBeCloseTo(Math.log(101));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1000 }), (a, b) => {
        const [rare, common] = a <= b ? [a, b] : [b, a];
        expect(keyWeight(rare, 100)).toBeGreaterThanOrEqual(keyWeight(common, 100));
      }),
    );
  });
});

describe('categoryRelation', () => {
  it.each([
    ['payments/withdrawal-delayed', 'payments/withdrawal-delayed', 'same'],
    ['payments/withdrawal-delayed', 'payments', 'same'],
    ['payments', 'payments/payout-hold', 'same'],
    ['payments/withdrawal-delayed', 'payments/payout-hold', 'root'],
    ['payments/withdrawal-delayed', 'listing/removed', 'none'],
    ['payments', null, 'none'],
    ['pay', 'payments', 'none'],
  ] as const)('%s ~ %s → %s', (a, b, relation) => {
    expect(categoryRelation(a, b)).toBe(relation);
  });
});

describe('similarity', () => {
  const weights = new Map([
    ['withdrawal', 1],
    ['bank', 3],
    ['提现', 2],
  ]);

  it('adds the weights of the shared keys, titles counting more, and the category', () => {
    expect(similarity(weights, { keys: ['withdrawal', 'bank', 'other'], category: 'listing/removed' }, 'payments/x')).toEqual({
      score: 4,
      shared: ['withdrawal', 'bank'],
      sameCategory: false,
    });
    const titled = similarity(weights, { keys: ['withdrawal', 'bank'], titleKeys: ['bank'], category: 'payments' }, 'payments/x');
    expect(titled.score).toBeCloseTo(3 * SIMILARITY.titleFactor + 1 + SIMILARITY.sameCategory);
    expect(titled.sameCategory).toBe(true);
    expect(similarity(weights, { keys: ['bank'], category: 'payments/y' }, 'payments/x').score).toBe(3 + SIMILARITY.sameRoot);
  });

  it('gives no category bonus without a shared key', () => {
    expect(similarity(weights, { keys: ['other'], category: 'payments/x' }, 'payments/x')).toEqual({ score: 0, shared: [], sameCategory: true });
  });

  it('never decreases when a candidate shares one more key', () => {
    const keys = fc.subarray([...weights.keys(), 'x', 'y']);
    fc.assert(
      fc.property(keys, fc.constantFrom(...weights.keys()), (some, extra) => {
        const before = similarity(weights, { keys: some, category: null }, null).score;
        const after = similarity(weights, { keys: [...some, extra], category: null }, null).score;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
    );
  });
});

describe('sharedTerms', () => {
  it.each([
    ['Withdrawal pending: the WITHDRAWAL is held', ['withdrawal'], ['Withdrawal']],
    ['我的提现延迟了三天', ['提现', '现延', '延迟'], ['提现延迟']],
    ['我的提现已经三天没有到账了', ['提现', '到账'], ['提现', '到账']],
    ['Kafé 提现 refund', ['refund', 'kafe', '提现'], ['Kafé', '提现', 'refund']],
    ['卖家提现，卖家提现', ['卖家', '家提', '提现'], ['卖家提现']],
    ['nothing shared', ['提现'], []],
    ['提现一直没有到账', ['提现', '有到', '到账'], ['提现', '到账']],
    ['五天没有到账', ['天没', '有到'], []],
  ])('%s', (text, keys, terms) => {
    expect(sharedTerms(text, keys)).toEqual(terms);
  });

  it('returns only stretches of the source whose keys are all shared', () => {
    const han = fc.array(fc.constantFrom(...'提现延迟卖家账户被封'.split('')), { minLength: 2, maxLength: 20 }).map((c) => c.join(''));
    fc.assert(
      fc.property(han, fc.subarray(searchTokens('提现延迟卖家账户被封')), (text, shared) => {
        const keys = new Set(shared);
        for (const term of sharedTerms(text, shared)) {
          expect(text).toContain(term);
          expect(searchTokens(term).every((k) => keys.has(foldText(k)))).toBe(true);
        }
      }),
    );
  });
});

describe('isSuggestion', () => {
  it.each([
    [{ score: 5, shared: ['a', 'b'], sameCategory: false }, true],
    [{ score: 2.9, shared: ['a', 'b'], sameCategory: true }, false],
    [{ score: 6, shared: ['a'], sameCategory: false }, false],
    [{ score: 6, shared: ['a'], sameCategory: true }, true],
    [{ score: 3, shared: [], sameCategory: true }, false],
  ])('%j → %s', (s, expected) => {
    expect(isSuggestion(s)).toBe(expected);
  });
});
