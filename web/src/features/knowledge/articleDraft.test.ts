import { describe, expect, it } from 'vitest';
import { diffField, draftLanguages, emptyDraft, pickVariant, toCreateInput, toDraft, toPatch } from './articleDraft';
import type { Article } from './types';

const variant = (title: string) => ({ title, body: `${title} body`, html: `<p>${title} body</p>` });

function article(overrides: Partial<Article> = {}): Article {
  return {
    id: 'a1',
    number: 'KB-00001',
    status: 'draft',
    version: 3,
    category: 'payments/withdrawal-delayed',
    tags: ['payout'],
    team: { id: 't1', name: 'Seller Escalations MY' },
    sourceCase: null,
    variants: { en: variant('Delayed withdrawal'), zh: variant('提现延迟') },
    createdBy: null,
    updatedBy: null,
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-02T00:00:00Z',
    submittedAt: null,
    publishedAt: null,
    archivedAt: null,
    usage: { cases: 0, helped: 0, lastUsedAt: null },
    abilities: { edit: true, submit: true, publish: false, archive: false, restore: false, history: true },
    ...overrides,
  };
}

describe('pickVariant', () => {
  it('reads the wanted language when written', () => {
    expect(pickVariant(article().variants, 'zh')).toMatchObject({ language: 'zh', fallback: false });
  });
  it('falls back to English, then Chinese, then Malay, and says so', () => {
    expect(pickVariant(article().variants, 'ms')).toMatchObject({ language: 'en', fallback: true });
    expect(pickVariant({ ms: variant('Pengeluaran') }, 'zh')).toMatchObject({ language: 'ms', fallback: true });
  });
  it('has nothing to show without variants', () => {
    expect(pickVariant({}, 'en')).toBeNull();
  });
});

describe('draft → request', () => {
  it('creates with the written languages only', () => {
    const draft = emptyDraft();
    draft.variants.zh = { title: ' 提现延迟 ', body: '正文' };
    expect(toCreateInput(draft)).toEqual({ variants: { zh: { title: '提现延迟', body: '正文' } } });
    expect(draftLanguages(draft)).toEqual(['zh']);
  });

  it('sends nothing when nothing changed', () => {
    expect(toPatch(toDraft(article()), article())).toBeNull();
  });

  it('sends the changed language, removes an emptied one, adds a new one', () => {
    const draft = toDraft(article());
    draft.variants.zh = { title: '提现延迟怎么办', body: '提现延迟 body' };
    draft.variants.en = { title: '', body: '' };
    draft.variants.ms = { title: 'Pengeluaran lewat', body: 'Isi' };
    expect(toPatch(draft, article())).toEqual({
      version: 3,
      variants: { en: null, zh: { title: '提现延迟怎么办', body: '提现延迟 body' }, ms: { title: 'Pengeluaran lewat', body: 'Isi' } },
    });
  });

  it('sends changed category, tags and team, with the version edited', () => {
    const draft = toDraft(article());
    draft.category = null;
    draft.tags = ['payout', 'bank'];
    draft.team = null;
    expect(toPatch(draft, article())).toEqual({ version: 3, category: null, tags: ['payout', 'bank'], team: null });
  });
});

describe('diffField', () => {
  it.each([
    ['zh.title', { language: 'zh', part: 'title' }],
    ['en.body', { language: 'en', part: 'body' }],
    ['tags', { language: null, part: 'tags' }],
    ['category', { language: null, part: 'category' }],
  ])('%s', (field, expected) => expect(diffField(field)).toEqual(expected));
});
