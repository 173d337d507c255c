import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import { DRAFT_PROBLEMS } from './calendarDraft';

type Catalogue = { [key: string]: string | Catalogue };

function has(catalogue: Catalogue, key: string): boolean {
  let node: string | Catalogue | undefined = catalogue;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string';
}

// Keys the pages build from values (`slaAdmin.problem.${code}`), which the catalogue test cannot see.
describe('slaAdmin catalogue', () => {
  it('words every problem the calendar form finds itself', () => {
    expect(DRAFT_PROBLEMS.filter((code) => !has(en, `slaAdmin.problem.${code}`))).toEqual([]);
  });
});
