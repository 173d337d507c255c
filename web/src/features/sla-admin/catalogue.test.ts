import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import { DRAFT_PROBLEMS } from './calendarDraft';
import { POLICY_PROBLEMS } from './policyDraft';
import { REOPEN_RULES, TARGET_KEYS } from './types';

type Catalogue = { [key: string]: string | Catalogue };

function has(catalogue: Catalogue, key: string): boolean {
  let node: string | Catalogue | undefined = catalogue;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string';
}

// Keys the pages build from values (`slaAdmin.problem.${code}`), which the catalogue test cannot see.
describe('slaAdmin catalogue', () => {
  it.each([
    ['calendar problems', DRAFT_PROBLEMS.map((code) => `slaAdmin.problem.${code}`)],
    ['policy problems', POLICY_PROBLEMS.map((code) => `slaAdmin.policyProblem.${code}`)],
    ['targets', TARGET_KEYS.flatMap((key) => [`slaAdmin.target.${key}`, `slaAdmin.targets.hint.${key}`])],
    ['reopen rules', REOPEN_RULES.map((rule) => `slaAdmin.reopen.${rule}`)],
    ['preview sentences', ['slaAdmin.preview.sentence', 'slaAdmin.preview.sentenceNoRegion']],
  ])('words every one of the %s', (_, keys) => {
    expect(keys.filter((key) => !has(en, key))).toEqual([]);
  });
});
