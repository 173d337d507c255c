import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextStatus } from './lifecycle.js';
import { type VersionContent, diffText, diffVersions } from './version-diff.js';

const base: VersionContent = {
  variants: { en: { title: 'Payout held', body: 'The risk check holds payouts.' }, zh: { title: '提现被冻结', body: '卖家提现一直没有到账。' } },
  category: 'payments/payout-hold',
  tags: ['payout', 'risk'],
  team: 'Payments desk',
};

describe('diffVersions', () => {
  it('lists only the fields that changed', () => {
    expect(diffVersions(base, base)).toEqual([]);
    const changed = diffVersions(base, { ...base, variants: { ...base.variants, ms: { title: 'Ditahan', body: 'Semak.' } }, tags: ['risk', 'campaign'], team: null });
    expect(changed).toEqual([
      { field: 'ms.title', parts: [{ op: 'insert', text: 'Ditahan' }] },
      { field: 'ms.body', parts: [{ op: 'insert', text: 'Semak.' }] },
      { field: 'tags', parts: [{ op: 'delete', text: 'payout' }, { op: 'equal', text: 'risk' }, { op: 'insert', text: 'campaign' }] },
      { field: 'team', parts: [{ op: 'delete', text: 'Payments desk' }] },
    ]);
  });

  it('diffs Chinese by word, not by line or character', () => {
    expect(diffText('卖家提现一直没有到账。', '卖家提现三天没有到账。', 'zh')).toEqual([
      { op: 'equal', text: '卖家提现' },
      { op: 'delete', text: '一直' },
      { op: 'insert', text: '三天' },
      { op: 'equal', text: '没有到账。' },
    ]);
    expect(diffText('The risk check holds payouts.', 'The risk team holds payouts.', 'en')).toEqual([
      { op: 'equal', text: 'The risk ' },
      { op: 'delete', text: 'check' },
      { op: 'insert', text: 'team' },
      { op: 'equal', text: ' holds payouts.' },
    ]);
  });

  it('rebuilds both texts from the parts', () => {
    const word = fc.constantFrom('卖家', '提现', '没有', '到账', 'payout', 'held', 'wang', ' ', '，', '. ', '\n');
    const text = fc.array(word, { maxLength: 40 }).map((w) => w.join(''));
    fc.assert(
      fc.property(text, text, fc.constantFrom('en', 'zh', 'ms' as const), (a, b, language) => {
        const parts = diffText(a, b, language);
        const words = (t: string) => t.replace(/\s+/g, '');
        // `b` comes back exactly; `a` word for word (equal parts carry b's spacing).
        expect(parts.filter((p) => p.op !== 'delete').map((p) => p.text).join('')).toBe(b);
        expect(words(parts.filter((p) => p.op !== 'insert').map((p) => p.text).join(''))).toBe(words(a));
        if (a !== b) expect(parts.some((p) => p.op !== 'equal')).toBe(true);
      }),
    );
  });
});

describe('article lifecycle', () => {
  it.each([
    ['draft', 'submit', 'in_review'],
    ['in_review', 'submit', null],
    ['draft', 'publish', 'published'],
    ['in_review', 'publish', 'published'],
    ['published', 'publish', null],
    ['published', 'archive', 'archived'],
    ['draft', 'archive', 'archived'],
    ['archived', 'archive', null],
    ['archived', 'restore', 'draft'],
    ['published', 'restore', null],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });
});
