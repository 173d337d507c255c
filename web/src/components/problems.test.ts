import { describe, expect, it } from 'vitest';
import { fieldMessage, inputName } from './problems';

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

describe('field messages', () => {
  const t = ((key: string, options?: Record<string, unknown>) => {
    const known: Record<string, string> = { 'fieldError.one_of': 'Pilih salah satu: {{allowed}}.', 'fieldError.required': 'Wajib diisi.' };
    const text = known[key];
    if (text === undefined) return (options?.defaultValue as string | undefined) ?? key;
    return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options?.[name]));
  }) as unknown as Parameters<typeof fieldMessage>[1];

  it('says a coded complaint in the UI language, with its parameters', () => {
    expect(fieldMessage({ field: 'role', message: 'must be one of a, b', code: 'one_of', params: { allowed: 'a, b' } }, t)).toBe('Pilih salah satu: a, b.');
    expect(fieldMessage({ field: 'email', message: 'is required', code: 'required' }, t)).toBe('Wajib diisi.');
  });

  it("falls back to the server's words for codes it has no words for, or none", () => {
    expect(fieldMessage({ field: 'x', message: 'is odd', code: 'brand_new_code' }, t)).toBe('is odd');
    expect(fieldMessage({ field: 'x', message: 'is odd' }, t)).toBe('is odd');
  });
});
