import { describe, expect, it } from 'vitest';
import {
  diffLines,
  fitValue,
  newLeaf,
  opsFor,
  problemsOfRule,
  replaceNode,
  rulesetWithDraft,
  summarizeRule,
  toAction,
  toActionDraft,
  toCondition,
  toDraft,
  toInput,
  toNode,
  versionLines,
  withField,
  withOp,
  type ConditionNode,
  type SummaryWords,
} from './ruleDraft';
import { FIELDS, type Condition, type RuleAction, type RuleInput } from './types';

const rule: RuleInput = {
  name: 'Saman',
  order: 5,
  enabled: true,
  when: {
    all: [
      { field: 'text', op: 'contains_any', value: ['saman', '律师'] },
      { any: [{ field: 'language', op: 'eq', value: 'ms' }, { not: { field: 'priority', op: 'gte', value: 'P2' } }] },
      { field: 'repeat_count_30d', op: 'in', value: [1, 2] },
    ],
  },
  then: [
    { action: 'add_flag', value: 'legal_threat' },
    { action: 'set_team', team: 't1' },
    { action: 'add_checklist', items: ['Call the seller'] },
  ],
};

const words: SummaryWords = {
  field: (field) => field,
  op: (_field, op) => op,
  value: (_field, value) => String(value).toUpperCase(),
  and: 'and',
  or: 'or',
  not: (inner) => `not ${inner}`,
  always: 'always',
  separator: '; ',
  action: (action) => action.action,
};

describe('rule draft', () => {
  it('round-trips a rule through the form model', () => {
    expect(toInput(toDraft(rule))).toEqual(rule);
    const leaf: Condition = { field: 'category', op: 'matches', value: 'payments/*' };
    expect(toCondition(toNode(leaf))).toEqual(leaf);
  });

  it('round-trips every action', () => {
    const actions: RuleAction[] = [
      { action: 'set_team', team: 'a' },
      { action: 'set_priority', value: 'P2' },
      { action: 'add_flag', value: 'media' },
      { action: 'set_assignment', strategy: 'round_robin' },
      { action: 'raise_critical', authority: 'x' },
      { action: 'add_checklist', items: ['one', 'two'] },
    ];
    expect(actions.map((a) => toAction(toActionDraft(a)))).toEqual(actions);
  });

  it.each([
    ['category', ['eq', 'neq', 'in', 'matches']],
    ['text', ['contains_any']],
    ['priority', ['eq', 'neq', 'in', 'gte', 'lte']],
    ['flags', ['contains_any', 'in']],
    ['repeat_count_30d', ['eq', 'neq', 'in', 'gte', 'lte']],
  ] as const)('offers only the ops valid for %s', (field, ops) => {
    expect(opsFor(field)).toEqual(ops);
  });

  it('keeps a valid op for every field and fits the value when the field changes', () => {
    for (const field of FIELDS) {
      const leaf = withField({ key: 'k', kind: 'leaf', field: 'category', op: 'eq', value: 'x' }, field);
      if (leaf.kind !== 'leaf') throw new Error('a leaf stays a leaf');
      expect(opsFor(field)).toContain(leaf.op);
    }
    const text = withField({ key: 'k', kind: 'leaf', field: 'category', op: 'eq', value: 'x' }, 'text');
    expect(text).toMatchObject({ op: 'contains_any', value: [] });
    const language = withField({ key: 'k', kind: 'leaf', field: 'source', op: 'in', value: ['crm'] }, 'language');
    expect(language).toMatchObject({ op: 'in', value: [] }); // crm is no language
  });

  it('fits values to ops', () => {
    expect(fitValue('language', 'in', 'ms')).toEqual(['ms']);
    expect(fitValue('language', 'eq', ['zh', 'ms'])).toBe('zh');
    expect(fitValue('repeat_count_30d', 'gte', '')).toBe(0);
    expect(fitValue('repeat_count_30d', 'in', 3)).toEqual([3]);
    const leaf = newLeaf('priority');
    if (leaf.kind !== 'leaf') throw new Error('a leaf');
    expect(withOp(leaf, 'in')).toMatchObject({ op: 'in', value: [] });
  });

  it('removes and replaces nodes anywhere in the tree', () => {
    const root = toNode(rule.when);
    const inner = (root as Extract<ConditionNode, { kind: 'all' | 'any' }>).children[1]!;
    const without = replaceNode(root, inner.key, null);
    expect(toCondition(without)).toEqual({ all: [(rule.when as { all: Condition[] }).all[0], (rule.when as { all: Condition[] }).all[2]] });
  });

  it('summarises a rule in one line', () => {
    expect(summarizeRule(rule, words)).toBe(
      'text contains_any “saman”, “律师” and (language eq MS or not priority gte P2) and repeat_count_30d in 1, 2 → add_flag; set_team; add_checklist',
    );
    expect(summarizeRule({ when: { all: [] }, then: [{ action: 'add_flag', value: 'vip' }] }, words)).toBe('always → add_flag');
    expect(summarizeRule({ when: { field: 'category', op: 'matches', value: 'payments/*' }, then: [] }, words)).toBe('category matches payments/* → ');
  });
});

describe('line diff', () => {
  it('writes versions with their keys in the order people write them', () => {
    const stored = { enabled: true, then: [{ team: 't', action: 'set_team' }, { value: 'vip', action: 'add_flag' }], order: 1, when: { value: ['x'], op: 'contains_any', field: 'text' }, name: 'N' };
    expect(versionLines(stored as unknown as RuleInput).join('')).toBe(
      '{  "name": "N",  "order": 1,  "enabled": true,  "when": {    "field": "text",    "op": "contains_any",    "value": [      "x"    ]  },  "then": [    {      "action": "set_team",      "team": "t"    },    {      "action": "add_flag",      "value": "vip"    }  ]}',
    );
  });

  it('marks removed and added lines around the common ones', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'x', 'c', 'd'])).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'x' },
      { kind: 'same', text: 'c' },
      { kind: 'added', text: 'd' },
    ]);
  });

  it('is all same for equal inputs and rebuilds both sides', () => {
    const before = ['{', '"a": 1', '"b": 2', '}'];
    const after = ['{', '"b": 2', '"c": 3', '}'];
    expect(diffLines(before, before).every((line) => line.kind === 'same')).toBe(true);
    const diff = diffLines(before, after);
    expect(diff.filter((l) => l.kind !== 'added').map((l) => l.text)).toEqual(before);
    expect(diff.filter((l) => l.kind !== 'removed').map((l) => l.text)).toEqual(after);
    expect(diffLines([], ['x'])).toEqual([{ kind: 'added', text: 'x' }]);
  });
});

describe('ruleset with a draft', () => {
  const live = [
    { ...rule, id: 'a', name: 'A', order: 10 },
    { ...rule, id: 'b', name: 'B', order: 20 },
  ];
  it('puts the draft in place of the saved rule, or adds it', () => {
    const draft = { ...rule, name: 'B2', order: 5 };
    expect(rulesetWithDraft(live, 'b', draft).map((r) => r.name)).toEqual(['B2', 'A']);
    expect(rulesetWithDraft(live, undefined, draft).map((r) => r.name)).toEqual(['B2', 'A', 'B']);
    expect(rulesetWithDraft(live, 'b', draft)[1]).not.toHaveProperty('id');
  });
});

describe('problems of the draft in a ruleset', () => {
  it('keeps the complaints about one rule, named from the rule', () => {
    const problems = [
      { field: 'rules[1].when.all[0].op', message: 'a' },
      { field: 'rules[10].then[0].team', message: 'b' },
      { field: 'rules.1.then.0.team', message: 'c' },
      { field: 'from', message: 'd' },
    ];
    expect(problemsOfRule(problems, 1)).toEqual([
      { field: 'when.all[0].op', message: 'a' },
      { field: 'then.0.team', message: 'c' },
    ]);
  });
});
