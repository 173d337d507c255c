import { describe, expect, it } from 'vitest';
import { readKnowledgeState, writeKnowledgeState } from './knowledgeParams';
import { ARTICLE_STATUSES } from './types';

describe('knowledge address', () => {
  it('reads defaults from an empty address', () => {
    expect(readKnowledgeState(new URLSearchParams(), ARTICLE_STATUSES)).toEqual({ q: '', scope: 'all', status: 'published', category: null });
  });

  it('round-trips a search and a queue', () => {
    const state = { q: '提现', scope: 'article' as const, status: 'in_review' as const, category: 'payments' };
    expect(readKnowledgeState(writeKnowledgeState(state), ARTICLE_STATUSES)).toEqual(state);
  });

  it('ignores a status this person cannot open and unknown scopes', () => {
    const params = new URLSearchParams('status=draft&types=everything');
    expect(readKnowledgeState(params, ['published'])).toMatchObject({ status: 'published', scope: 'all' });
  });

  it('keeps defaults out of the address', () => {
    expect(writeKnowledgeState({ q: ' ', scope: 'all', status: 'published', category: null }).toString()).toBe('');
  });
});
