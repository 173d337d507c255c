import { describe, expect, it } from 'vitest';
import { isMailKind, mailFilterFrom, mailFilterSearch } from './outbox';

describe('mail outbox filter', () => {
  it('reads a known status from the URL and falls back to all', () => {
    expect(mailFilterFrom('held')).toBe('held');
    expect(mailFilterFrom('failed')).toBe('failed');
    expect(mailFilterFrom(null)).toBe('all');
    expect(mailFilterFrom('')).toBe('all');
    expect(mailFilterFrom('HELD')).toBe('all');
    expect(mailFilterFrom('all')).toBe('all');
  });

  it('writes all as a clean address and a status as ?status=', () => {
    expect(mailFilterSearch('all')).toEqual({});
    expect(mailFilterSearch('queued')).toEqual({ status: 'queued' });
  });

  it('knows the kinds the server mails', () => {
    expect(isMailKind('handoff_assigned')).toBe(true);
    expect(isMailKind('handoff_answered')).toBe(false);
  });
});
