import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import { LADDER_PROBLEMS, authorityInputOf, ladderInputOf, newLevel, type LadderDraft } from './ladderDraft';
import { RISK_TYPES } from './types';

const ladder = (change: (draft: LadderDraft) => void = () => {}): LadderDraft => {
  const draft: LadderDraft = {
    name: ' Legal MY ',
    levels: [
      { ...newLevel(), kind: 'user', user: 'u1', minutes: 5, seconds: '' },
      { ...newLevel(), kind: 'role', team: 't1', role: 'lead', minutes: 0, seconds: 45 },
      { ...newLevel(), kind: 'team', team: 't2', minutes: 1, seconds: 30 },
    ],
  };
  change(draft);
  return draft;
};

describe('ladderInputOf', () => {
  it('turns the levels into targets and ISO timeouts', () => {
    expect(ladderInputOf(ladder())).toEqual({
      input: {
        name: 'Legal MY',
        levels: [
          { notify: { user: 'u1' }, timeout: 'PT5M' },
          { notify: { team: 't1', role: 'lead' }, timeout: 'PT45S' },
          { notify: { team: 't2' }, timeout: 'PT1M30S' },
        ],
      },
    });
  });

  it('names each problem by the path the server would use', () => {
    const draft = ladder((value) => {
      value.name = '';
      value.levels[0]!.user = null;
      value.levels[1]!.seconds = 5;
      value.levels[2]!.minutes = '';
      value.levels[2]!.seconds = '';
    });
    expect(ladderInputOf(draft)).toEqual({
      problems: { name: 'required', 'levels.0.notify': 'required', 'levels.1.timeout': 'timeout', 'levels.2.timeout': 'timeout' },
    });
  });

  it('wants a level', () => {
    expect(ladderInputOf(ladder((value) => (value.levels = [])))).toEqual({ problems: { levels: 'noLevels' } });
  });
});

describe('authorityInputOf', () => {
  it.each(['legal', 'data_protection', 'x2'])('takes risk type %s', (riskType) => {
    expect(authorityInputOf({ name: 'Legal', riskType, region: 'MY', ladder: 'l1' })).toEqual({
      input: { name: 'Legal', riskType, region: 'MY', ladder: 'l1' },
    });
  });

  it.each(['Legal', '2fa', 'pr-media', 'pr media'])('refuses risk type %s', (riskType) => {
    expect(authorityInputOf({ name: 'Legal', riskType, region: null, ladder: 'l1' })).toEqual({ problems: { riskType: 'riskType' } });
  });

  it('wants a name, a risk type and a ladder', () => {
    expect(authorityInputOf({ name: ' ', riskType: '', region: null, ladder: null })).toEqual({
      problems: { name: 'required', riskType: 'required', ladder: 'required' },
    });
  });
});

describe('escalation catalogue', () => {
  type Catalogue = { [key: string]: string | Catalogue };
  const has = (key: string) => {
    let node: string | Catalogue | undefined = en as Catalogue;
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    return typeof node === 'string';
  };
  it('words every problem and risk type', () => {
    const keys = [
      ...LADDER_PROBLEMS.map((problem) => `escalation.admin.problem.${problem}`),
      ...RISK_TYPES.map((type) => `escalation.riskType.${type}`),
      'escalation.status.open',
      'escalation.status.acknowledged',
      'escalation.status.ended',
    ];
    expect(keys.filter((key) => !has(key))).toEqual([]);
  });
});
