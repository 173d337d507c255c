import { describe, expect, it } from 'vitest';
import { inputName } from './problems';

describe('input names from server field paths', () => {
  it.each([
    ['teamIds.0', 'top', 'teamIds'],
    ['/teamIds/0', 'top', 'teamIds'],
    ['fields.withdrawalId', 'path', 'fields.withdrawalId'],
    ['/fields/withdrawalId', 'path', 'fields.withdrawalId'],
    ['/account/externalId', 'path', 'account.externalId'],
    ['account.externalId', 'top', 'account'],
    ['title', 'path', 'title'],
  ] as const)('%s (%s) → %s', (field, naming, expected) => {
    expect(inputName(field, naming)).toBe(expected);
  });
});
