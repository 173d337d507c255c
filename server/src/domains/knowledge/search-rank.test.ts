import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ArticleStatus, Locale } from '../../db/schema.js';
import { type ArticleCandidate, articleScore, mergeResults, rankArticles, rankCases } from './search-rank.js';

const now = new Date('2026-11-23T10:00:00Z');
const base: ArticleCandidate = { articleId: 'a', language: 'en', status: 'published', titleShare: 0, useCount: 0, helpedCount: 0, lastUsedAt: null };
const score = (over: Partial<ArticleCandidate>, lang: Locale = 'en') => articleScore({ ...base, ...over }, lang, now);

describe('articleScore', () => {
  it.each([
    ['title over body', { titleShare: 1 }, { titleShare: 0 }],
    ['more of the query in the title', { titleShare: 0.5 }, { titleShare: 0.25 }],
    ['published over in review', { status: 'published' }, { status: 'in_review' }],
    ['in review over draft', { status: 'in_review' }, { status: 'draft' }],
    ['draft over archived', { status: 'draft' }, { status: 'archived' }],
    ['the reader’s language', { language: 'en' }, { language: 'zh' }],
    ['helped more', { helpedCount: 4, useCount: 4 }, { helpedCount: 0, useCount: 4 }],
    ['used lately', { lastUsedAt: new Date('2026-11-20T00:00:00Z') }, { lastUsedAt: new Date('2026-08-01T00:00:00Z') }],
    ['a title match in a draft over a body match in a published article', { titleShare: 1, status: 'draft' }, { status: 'published' }],
  ] as [string, Partial<ArticleCandidate>, Partial<ArticleCandidate>][])('%s', (_, better, worse) => {
    expect(score(better)).toBeGreaterThan(score(worse));
  });

  it('usage never outweighs a status step or the language', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.nat(1_000_000), (used, helped) => {
        const popularDraft = score({ status: 'draft', useCount: used + helped, helpedCount: helped, lastUsedAt: now });
        expect(popularDraft).toBeLessThan(score({ status: 'published' }));
        const popularOther = score({ language: 'zh', useCount: used + helped, helpedCount: helped, lastUsedAt: now });
        expect(popularOther).toBeLessThan(score({ language: 'en' }));
      }),
    );
  });
});

describe('rankArticles', () => {
  it('keeps each article once, by its best variant', () => {
    const ranked = rankArticles(
      [
        { ...base, articleId: 'x', language: 'en', titleShare: 0 },
        { ...base, articleId: 'x', language: 'zh', titleShare: 1 },
        { ...base, articleId: 'y', language: 'en', titleShare: 0.5 },
        { ...base, articleId: 'z', language: 'ms', status: 'draft' as ArticleStatus },
      ],
      'en',
      now,
    );
    expect(ranked.map((r) => [r.articleId, r.language])).toEqual([
      ['x', 'zh'],
      ['y', 'en'],
      ['z', 'ms'],
    ]);
  });
});

describe('rankCases', () => {
  it('puts title matches first, then newest', () => {
    const at = (d: string) => new Date(`2026-11-${d}T00:00:00Z`);
    const ranked = rankCases([
      { id: '1', titleMatch: false, createdAt: at('20') },
      { id: '2', titleMatch: true, createdAt: at('01') },
      { id: '3', titleMatch: true, createdAt: at('10') },
      { id: '1', titleMatch: false, createdAt: at('20') },
    ]);
    expect(ranked.map((c) => c.id)).toEqual(['3', '2', '1']);
  });
});

describe('mergeResults', () => {
  it('title matches first, articles before cases, each keeping its order, up to the limit', () => {
    const a = (id: string, titleMatch: boolean) => ({ id, titleMatch });
    const merged = mergeResults([a('A1', true), a('A2', false), a('A3', false)], [a('C1', true), a('C2', false)], 4);
    expect(merged.map((m) => m.item.id)).toEqual(['A1', 'C1', 'A2', 'A3']);
  });
});
