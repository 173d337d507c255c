import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globMatches } from '../../platform/text/glob.js';
import {
  type Condition,
  type ConditionTrace,
  type Field,
  type LeafValue,
  type Op,
  type RoutingFacts,
  type RoutingRule,
  type RuleAction,
  LIMITS,
  decideOutcome,
  evaluate,
  evaluateCondition,
  referencedIds,
  ruleProblems,
} from './rules.js';

const FACTS: RoutingFacts = {
  category: 'payments/withdrawal-delayed',
  region: 'MY',
  language: 'ms',
  source: 'crm',
  account: { type: 'seller', tier: 'vip' },
  title: 'Pengeluaran wang tertangguh',
  description: 'Saya akan hubungi PEGUAM saya jika tidak selesai',
  priority: 'P3',
  flags: ['repeat'],
  repeat_count_30d: 2,
};
const facts = (over: Partial<RoutingFacts> = {}): RoutingFacts => ({ ...FACTS, ...over });
const leaf = (field: Field, op: Op, value: LeafValue): Condition => ({ field, op, value });
const rule = (name: string, order: number, when: Condition, then: RuleAction[], over: Partial<RoutingRule> = {}): RoutingRule => ({
  name,
  enabled: true,
  order,
  when,
  then,
  ...over,
});
const ALWAYS: Condition = { all: [] };
const NEVER: Condition = { not: { all: [] } };

/** Whether a (valid) condition holds for the facts. */
function holds(when: Condition, f: RoutingFacts = FACTS): boolean {
  expect(ruleProblems({ name: 'r', enabled: true, order: 1, when, then: [{ action: 'add_flag', value: 'vip' }] })).toEqual([]);
  return evaluateCondition(when, f).result;
}

describe('ops × fields', () => {
  const cases: [string, Condition, Partial<RoutingFacts>, boolean][] = [
    // category
    ['category eq', leaf('category', 'eq', 'payments/withdrawal-delayed'), {}, true],
    ['category eq other', leaf('category', 'eq', 'payments'), {}, false],
    ['category neq', leaf('category', 'neq', 'payments'), {}, true],
    ['category in', leaf('category', 'in', ['listing/removed', 'payments/withdrawal-delayed']), {}, true],
    ['category in none', leaf('category', 'in', ['listing/removed']), {}, false],
    ['category matches child glob', leaf('category', 'matches', 'payments/*'), {}, true],
    ['category glob needs the slash', leaf('category', 'matches', 'payments/*'), { category: 'payments' }, false],
    ['category glob is case-sensitive', leaf('category', 'matches', 'Payments/*'), {}, false],
    ['category glob star in the middle', leaf('category', 'matches', 'pay*/*-delayed'), {}, true],
    ['category glob dot is literal', leaf('category', 'matches', 'payments.*'), {}, false],
    ['category glob without star is equality', leaf('category', 'matches', 'payments/withdrawal-delayed'), {}, true],
    // region (nullable)
    ['region eq', leaf('region', 'eq', 'MY'), {}, true],
    ['region neq', leaf('region', 'neq', 'SG'), {}, true],
    ['region in', leaf('region', 'in', ['SG', 'MY']), {}, true],
    ['region matches', leaf('region', 'matches', 'M*'), {}, true],
    ['unknown region eq', leaf('region', 'eq', 'MY'), { region: null }, false],
    ['unknown region neq', leaf('region', 'neq', 'MY'), { region: null }, true],
    ['unknown region in', leaf('region', 'in', ['MY']), { region: null }, false],
    ['unknown region matches *', leaf('region', 'matches', '*'), { region: null }, false],
    // language, source, account
    ['language eq', leaf('language', 'eq', 'ms'), {}, true],
    ['language eq zh', leaf('language', 'eq', 'zh'), {}, false],
    ['language in', leaf('language', 'in', ['zh', 'ms']), {}, true],
    ['language neq', leaf('language', 'neq', 'ms'), {}, false],
    ['language matches', leaf('language', 'matches', 'm*'), {}, true],
    ['source eq', leaf('source', 'eq', 'crm'), {}, true],
    ['source in', leaf('source', 'in', ['email', 'api']), {}, false],
    ['source neq', leaf('source', 'neq', 'email'), {}, true],
    ['source matches', leaf('source', 'matches', 'c*'), {}, true],
    ['account.type eq', leaf('account.type', 'eq', 'seller'), {}, true],
    ['account.type neq', leaf('account.type', 'neq', 'seller'), {}, false],
    ['account.type in', leaf('account.type', 'in', ['creator', 'customer']), {}, false],
    ['account.type matches', leaf('account.type', 'matches', '*er'), {}, true],
    ['account.tier eq', leaf('account.tier', 'eq', 'vip'), {}, true],
    ['account.tier neq', leaf('account.tier', 'neq', 'standard'), {}, true],
    ['account.tier in', leaf('account.tier', 'in', ['key', 'vip']), {}, true],
    ['account.tier matches', leaf('account.tier', 'matches', 'v*'), {}, true],
    // flags: "has any of"
    ['flags contains_any', leaf('flags', 'contains_any', ['legal_threat', 'repeat']), {}, true],
    ['flags in', leaf('flags', 'in', ['repeat']), {}, true],
    ['flags contains_any none', leaf('flags', 'contains_any', ['media']), {}, false],
    ['no flags', leaf('flags', 'in', ['repeat']), { flags: [] }, false],
    // repeat_count_30d
    ['repeat eq', leaf('repeat_count_30d', 'eq', 2), {}, true],
    ['repeat neq', leaf('repeat_count_30d', 'neq', 2), {}, false],
    ['repeat in', leaf('repeat_count_30d', 'in', [0, 2]), {}, true],
    ['repeat gte equal', leaf('repeat_count_30d', 'gte', 2), {}, true],
    ['repeat gte above', leaf('repeat_count_30d', 'gte', 3), {}, false],
    ['repeat lte equal', leaf('repeat_count_30d', 'lte', 2), {}, true],
    ['repeat lte below', leaf('repeat_count_30d', 'lte', 1), {}, false],
    // priority eq / neq / in (gte and lte have their own table below)
    ['priority eq', leaf('priority', 'eq', 'P3'), {}, true],
    ['priority neq', leaf('priority', 'neq', 'P3'), {}, false],
    ['priority in', leaf('priority', 'in', ['P1', 'P2']), {}, false],
  ];
  it.each(cases)('%s', (_name, when, over, expected) => {
    expect(holds(when, facts(over))).toBe(expected);
  });

  // "priority gte P2" = P2 or more urgent; "lte P3" = P3 or less urgent.
  const P = ['P1', 'P2', 'P3', 'P4'];
  const priorityCases = P.flatMap((actual, a) =>
    P.flatMap((bound, b) => [
      [actual, 'gte', bound, a <= b],
      [actual, 'lte', bound, a >= b],
    ] as [string, Op, string, boolean][]),
  );
  it.each(priorityCases)('priority %s %s %s → %s (by urgency)', (actual, op, bound, expected) => {
    expect(holds(leaf('priority', op, bound), facts({ priority: actual }))).toBe(expected);
  });
  it('spelled out: gte P2 means P1 or P2', () => {
    expect(P.filter((p) => holds(leaf('priority', 'gte', 'P2'), facts({ priority: p })))).toEqual(['P1', 'P2']);
    expect(P.filter((p) => holds(leaf('priority', 'lte', 'P3'), facts({ priority: p })))).toEqual(['P3', 'P4']);
  });
});

describe('contains_any on text', () => {
  const cases: [string, string, string[], boolean][] = [
    // Chinese: anywhere, no word boundaries.
    ['Han keyword inside a sentence without spaces', '我要找律师起诉你们', ['律师'], true],
    ['second Han keyword', '我要找律师起诉你们', ['起诉'], true],
    ['Han keyword that is not there', '我要找律师起诉你们', ['律师函'], false],
    ['Han keyword next to Latin', 'my律师said', ['律师'], true],
    ['Han keyword in an English sentence', 'Call my 律师 tomorrow', ['律师'], true],
    // Malay / English: whole words, case- and accent-insensitive.
    ['Malay word upper-case', 'Saya akan hubungi PEGUAM saya', ['peguam'], true],
    ['Malay word whole', 'Saya akan saman kamu', ['saman'], true],
    ['Malay word is not a prefix', 'samannya sudah difailkan', ['saman'], false],
    ['trailing * makes a prefix', 'samannya sudah difailkan', ['saman*'], true],
    ['English word with punctuation', 'My Lawyer, Mr. Tan, will call', ['lawyer'], true],
    ['English plural is another word', 'I have lawyers', ['lawyer'], false],
    ['prefix keyword on the plural', 'I have lawyers', ['lawyer*'], true],
    ['inside another word', 'notalawyer here', ['lawyer'], false],
    ['accents fold', 'CAFÉ owner', ['cafe'], true],
    ['keyword accents fold', 'cafe owner', ['Café'], true],
    ['full-width letters fold', 'ＬＡＷＹＥＲ', ['lawyer'], true],
    ['Latin keyword next to Han', '我的lawyer说', ['lawyer'], true],
    // Phrases.
    ['phrase', 'I will take legal action now', ['legal action'], true],
    ['phrase across spaces and case', 'Legal   ACTION!', ['legal action'], true],
    ['phrase across a hyphen', 'legal-action pending', ['legal action'], true],
    ['phrase words apart', 'legal and action', ['legal action'], false],
    ['phrase out of order', 'action legal', ['legal action'], false],
    ['phrase with prefix', 'we are suing you, legal actions follow', ['legal action*'], true],
    ['phrase at the very end', 'take legal action', ['legal action'], true],
    ['hyphenated keyword', 'his e-mail was', ['e-mail'], true],
    // Lists: any of.
    ['any of three languages', 'Saya akan saman kamu', ['lawyer', '律师', 'saman'], true],
    ['none of three languages', 'Please help with my withdrawal', ['lawyer', '律师', 'saman'], false],
  ];
  it.each(cases)('%s', (_name, text, keywords, expected) => {
    expect(holds(leaf('title', 'contains_any', keywords), facts({ title: text }))).toBe(expected);
    expect(holds(leaf('description', 'contains_any', keywords), facts({ description: text }))).toBe(expected);
  });

  it('title, description and text (either) look at their own text', () => {
    const f = facts({ title: 'Withdrawal delayed', description: 'I will call my lawyer' });
    expect(holds(leaf('title', 'contains_any', ['lawyer']), f)).toBe(false);
    expect(holds(leaf('description', 'contains_any', ['lawyer']), f)).toBe(true);
    expect(holds(leaf('text', 'contains_any', ['lawyer']), f)).toBe(true);
    expect(holds(leaf('text', 'contains_any', ['withdrawal']), f)).toBe(true);
    // A phrase does not run from the title into the description.
    expect(holds(leaf('text', 'contains_any', ['delayed i']), f)).toBe(false);
  });

  it('reports which keywords were found', () => {
    const trace = evaluateCondition(leaf('title', 'contains_any', ['律师', 'lawyer', '起诉']), facts({ title: '我要找律师起诉你们' }));
    expect(trace).toMatchObject({ kind: 'leaf', result: true, found: ['律师', '起诉'], actual: '我要找律师起诉你们' });
  });
});

describe('nesting', () => {
  const zh = leaf('language', 'eq', 'zh');
  const ms = leaf('language', 'eq', 'ms');
  const vip = leaf('account.tier', 'eq', 'vip');
  const cases: [string, Condition, boolean][] = [
    ['all true', { all: [ms, vip] }, true],
    ['all with one false', { all: [ms, zh] }, false],
    ['empty all holds', ALWAYS, true],
    ['not of empty all never holds', NEVER, false],
    ['any with one true', { any: [zh, ms] }, true],
    ['any all false', { any: [zh, { not: ms }] }, false],
    ['not', { not: zh }, true],
    ['not not', { not: { not: zh } }, false],
    ['all of any', { all: [{ any: [zh, ms] }, vip] }, true],
    ['any of all', { any: [{ all: [zh, vip] }, { all: [ms, { not: vip }] }] }, false],
    ['deep', { all: [{ any: [{ not: { all: [zh] } }] }, { not: { any: [zh, { not: vip }] } }] }, true],
    ['a bare leaf as when', ms, true],
  ];
  it.each(cases)('%s', (_name, when, expected) => {
    expect(holds(when)).toBe(expected);
  });
});

const TEAM_CN = 'team-cn-payments';
const TEAM_LEGAL = 'team-legal';

describe('evaluate', () => {
  it('runs by order, not array position; the first matching rule per action kind wins', () => {
    const rules = [
      rule('late: everyone to legal', 30, ALWAYS, [{ action: 'set_team', team: TEAM_LEGAL }, { action: 'set_assignment', strategy: 'skills' }]),
      rule('first: payments to CN', 10, leaf('category', 'matches', 'payments/*'), [{ action: 'set_team', team: TEAM_CN }]),
      rule('middle: VIP P2', 20, leaf('account.tier', 'eq', 'vip'), [{ action: 'set_priority', value: 'P2' }, { action: 'set_team', team: 'team-vip' }]),
    ];
    const { outcome, trace } = evaluate(rules, FACTS);
    expect(outcome.set_team).toEqual({ action: { action: 'set_team', team: TEAM_CN }, rule: { name: 'first: payments to CN', order: 10 } });
    expect(outcome.set_priority?.rule.name).toBe('middle: VIP P2');
    expect(outcome.set_assignment).toEqual({ action: { action: 'set_assignment', strategy: 'skills' }, rule: { name: 'late: everyone to legal', order: 30 } });
    expect(outcome.raise_critical).toBeUndefined();
    expect(trace.map((t) => [t.rule.order, t.status])).toEqual([
      [10, 'matched'],
      [20, 'matched'],
      [30, 'matched'],
    ]);
    expect(trace[1]!.effects).toEqual([
      { path: 'then[0]', action: { action: 'set_priority', value: 'P2' }, applied: true },
      { path: 'then[1]', action: { action: 'set_team', team: 'team-vip' }, applied: false, shadowedBy: { name: 'first: payments to CN', order: 10 } },
    ]);
  });

  it('equal orders keep their array position', () => {
    const rules = [rule('a', 5, ALWAYS, [{ action: 'set_team', team: 'a' }]), rule('b', 5, ALWAYS, [{ action: 'set_team', team: 'b' }])];
    expect(evaluate(rules, FACTS).outcome.set_team?.action).toEqual({ action: 'set_team', team: 'a' });
    expect(evaluate([...rules].reverse(), FACTS).outcome.set_team?.action).toEqual({ action: 'set_team', team: 'b' });
  });

  it('records id and version of the deciding rule', () => {
    const r = rule('legal', 1, ALWAYS, [{ action: 'raise_critical', authority: 'auth-legal' }], { id: 'rule-7', version: 3 });
    expect(evaluate([r], FACTS).outcome.raise_critical).toEqual({
      action: { action: 'raise_critical', authority: 'auth-legal' },
      rule: { id: 'rule-7', version: 3, name: 'legal', order: 1 },
    });
  });

  it('skips disabled rules and reports them', () => {
    const rules = [
      rule('off', 1, ALWAYS, [{ action: 'set_team', team: 'off' }], { enabled: false }),
      rule('on', 2, ALWAYS, [{ action: 'set_team', team: 'on' }]),
    ];
    const { outcome, trace } = evaluate(rules, FACTS);
    expect(outcome.set_team?.action).toEqual({ action: 'set_team', team: 'on' });
    expect(trace[0]).toEqual({ rule: { name: 'off', order: 1 }, status: 'skipped', reason: 'disabled' });
  });

  it('reports an invalid rule with its problems and skips it', () => {
    const bad = { name: 'bad', enabled: true, order: 1, when: { field: 'colour', op: 'eq', value: 'red' }, then: [{ action: 'set_team', team: 'x' }] } as unknown as RoutingRule;
    const { outcome, trace } = evaluate([bad, rule('ok', 2, ALWAYS, [{ action: 'set_team', team: 'ok' }])], FACTS);
    expect(outcome.set_team?.action).toEqual({ action: 'set_team', team: 'ok' });
    expect(trace[0]).toMatchObject({ status: 'invalid', problems: [{ field: 'when.field', code: 'unknown_field' }] });
  });

  it('accumulates flags and checklist items over all matching rules, crediting the first rule', () => {
    const rules = [
      rule('legal words', 10, leaf('text', 'contains_any', ['peguam', '律师']), [
        { action: 'add_flag', value: 'legal_threat' },
        { action: 'add_checklist', items: ['Ask for the letter', 'Tell legal'] },
      ]),
      rule('vip', 20, leaf('account.tier', 'eq', 'vip'), [{ action: 'add_flag', value: 'vip' }]),
      rule('legal again', 30, ALWAYS, [{ action: 'add_flag', value: 'legal_threat' }, { action: 'add_checklist', items: ['Tell legal', 'Check history'] }]),
      rule('not matching', 40, leaf('language', 'eq', 'zh'), [{ action: 'add_flag', value: 'media' }]),
    ];
    const { outcome, trace } = evaluate(rules, FACTS);
    expect(outcome.add_flag.map((d) => [d.action.value, d.rule.name])).toEqual([
      ['legal_threat', 'legal words'],
      ['vip', 'vip'],
    ]);
    expect(outcome.add_checklist.map((d) => [d.action.items, d.rule.name])).toEqual([
      [['Ask for the letter', 'Tell legal'], 'legal words'],
      [['Check history'], 'legal again'],
    ]);
    expect(trace[2]!.effects![0]).toMatchObject({ applied: false, shadowedBy: { name: 'legal words' } });
    expect(trace[2]!.effects![1]).toMatchObject({ applied: true });
  });

  it('does not chain: a priority set by an earlier rule is not what later rules see', () => {
    const rules = [
      rule('to P1', 1, ALWAYS, [{ action: 'set_priority', value: 'P1' }]),
      rule('if P1', 2, leaf('priority', 'eq', 'P1'), [{ action: 'set_team', team: 'urgent' }]),
    ];
    expect(evaluate(rules, FACTS).outcome.set_team).toBeUndefined();
  });

  it('the trace says which leaf decided, what it asked and what the fact was', () => {
    const when: Condition = { all: [leaf('category', 'matches', 'payments/*'), leaf('language', 'eq', 'zh'), leaf('account.tier', 'eq', 'vip')] };
    const [t] = evaluate([rule('zh payments', 1, when, [{ action: 'set_team', team: TEAM_CN }])], FACTS).trace;
    expect(t!.status).toBe('not_matched');
    expect(t!.reason).toBe('did not match: when.all[1] language eq "zh" is false for "ms"');
    expect(t!.condition).toEqual({
      kind: 'all',
      path: 'when',
      result: false,
      decidedBy: 'when.all[1]',
      notEvaluated: 1,
      children: [
        { kind: 'leaf', path: 'when.all[0]', decidedBy: 'when.all[0]', field: 'category', op: 'matches', value: 'payments/*', actual: 'payments/withdrawal-delayed', result: true },
        { kind: 'leaf', path: 'when.all[1]', decidedBy: 'when.all[1]', field: 'language', op: 'eq', value: 'zh', actual: 'ms', result: false },
      ],
    });
  });

  it('the trace of a match names the keyword that was found', () => {
    const when: Condition = { any: [leaf('flags', 'in', ['legal_threat']), { not: { not: leaf('description', 'contains_any', ['lawyer', 'peguam']) } }] };
    const [t] = evaluate([rule('legal', 1, when, [{ action: 'add_flag', value: 'legal_threat' }])], FACTS).trace;
    expect(t!.status).toBe('matched');
    expect(t!.condition).toMatchObject({ kind: 'any', result: true, decidedBy: 'when.any[1].not.not', notEvaluated: 0 });
    expect(t!.reason).toBe(`matched: when.any[1].not.not description contains_any ["lawyer","peguam"] is true for ${JSON.stringify(FACTS.description)} (found "peguam")`);
  });

  it('cuts long texts in the trace', () => {
    const long = '律'.repeat(300);
    const trace = evaluateCondition(leaf('title', 'contains_any', ['律']), facts({ title: long }));
    expect(trace.kind === 'leaf' && trace.actual).toBe(`${'律'.repeat(200)}…`);
    // Counted in characters (code points), not UTF-16 units: 200 emoji are 400 units and stay whole.
    for (const [title, actual] of [
      ['a'.repeat(200), 'a'.repeat(200)],
      ['a'.repeat(201), `${'a'.repeat(200)}…`],
      ['😀'.repeat(200), '😀'.repeat(200)],
      ['😀'.repeat(201), `${'😀'.repeat(200)}…`],
    ]) {
      const t = evaluateCondition(leaf('title', 'contains_any', ['x']), facts({ title }));
      expect(t.kind === 'leaf' && t.actual).toBe(actual);
    }
  });

  it('the demo ruleset routes a Chinese legal threat', () => {
    const rules = [
      rule('Chinese payments to CN payments team', 10, { all: [leaf('category', 'matches', 'payments/*'), leaf('language', 'eq', 'zh')] }, [
        { action: 'set_team', team: TEAM_CN },
        { action: 'set_priority', value: 'P2' },
      ]),
      rule('Legal threats', 20, leaf('text', 'contains_any', ['lawyer', 'legal action', '律师', '起诉', 'peguam', 'saman']), [
        { action: 'add_flag', value: 'legal_threat' },
        { action: 'raise_critical', authority: 'auth-legal' },
      ]),
      rule('VIP sellers P2 at least', 30, { all: [leaf('account.tier', 'eq', 'vip'), leaf('priority', 'lte', 'P3')] }, [{ action: 'set_priority', value: 'P2' }]),
      rule('Third repeat', 40, leaf('repeat_count_30d', 'gte', 2), [{ action: 'add_flag', value: 'repeat' }]),
    ];
    const f = facts({ language: 'zh', title: '提现延迟', description: '我要找律师起诉你们', priority: 'P3', repeat_count_30d: 2 });
    const { outcome } = evaluate(rules, f);
    expect(outcome.set_team?.action.team).toBe(TEAM_CN);
    expect(outcome.set_priority).toMatchObject({ action: { value: 'P2' }, rule: { order: 10 } });
    expect(outcome.raise_critical?.action.authority).toBe('auth-legal');
    expect(outcome.add_flag.map((d) => d.action.value)).toEqual(['legal_threat', 'repeat']);
    // A Malay legal threat from an English-speaking VIP: no CN team, still flagged.
    const m = evaluate(rules, facts({ language: 'en', title: 'Withdrawal', description: 'Saya akan saman kamu', repeat_count_30d: 0 })).outcome;
    expect(m.set_team).toBeUndefined();
    expect(m.set_priority?.rule.order).toBe(30);
    expect(m.add_flag.map((d) => d.action.value)).toEqual(['legal_threat']);
  });
});

// ---------------------------------------------------------------------------- ruleProblems

const VALID = {
  name: 'Chinese payments to CN payments team',
  enabled: true,
  order: 10,
  when: { all: [{ field: 'category', op: 'matches', value: 'payments/*' }, { field: 'language', op: 'eq', value: 'zh' }] },
  then: [
    { action: 'set_team', team: 'team-1' },
    { action: 'set_priority', value: 'P2' },
    { action: 'add_flag', value: 'legal_threat' },
  ],
};
const withWhen = (...all: unknown[]) => ({ ...VALID, when: { all } });
const withThen = (...then: unknown[]) => ({ ...VALID, then });
const nested = (levels: number): unknown => {
  let node: unknown = { field: 'language', op: 'eq', value: 'zh' };
  for (let i = 0; i < levels; i++) node = { not: node };
  return node;
};

describe('ruleProblems', () => {
  it('accepts the issue example and every op × field that the engine supports', () => {
    expect(ruleProblems(VALID)).toEqual([]);
  });

  it('does not check that teams or authorities exist', () => {
    expect(ruleProblems(withThen({ action: 'set_team', team: 'no-such-team' }, { action: 'raise_critical', authority: 'nobody' }))).toEqual([]);
  });

  const cases: [string, unknown, { field: string; code: string }[]][] = [
    ['not an object', 'rule', [{ field: '', code: 'wrong_type' }]],
    ['missing name', { ...VALID, name: undefined }, [{ field: 'name', code: 'required' }]],
    ['blank name', { ...VALID, name: '  ' }, [{ field: 'name', code: 'empty' }]],
    ['long name', { ...VALID, name: 'x'.repeat(LIMITS.nameLength + 1) }, [{ field: 'name', code: 'too_long' }]],
    ['enabled not boolean', { ...VALID, enabled: 'yes' }, [{ field: 'enabled', code: 'wrong_type' }]],
    ['order not an integer', { ...VALID, order: 1.5 }, [{ field: 'order', code: 'wrong_type' }]],
    ['missing when', { ...VALID, when: undefined }, [{ field: 'when', code: 'required' }]],
    ['when not an object', { ...VALID, when: [] }, [{ field: 'when', code: 'wrong_type' }]],
    ['unknown field', withWhen({ field: 'language', op: 'eq', value: 'zh' }, { field: 'colour', op: 'eq', value: 'red' }), [{ field: 'when.all[1].field', code: 'unknown_field' }]],
    ['unknown op', withWhen({ field: 'language', op: 'eq', value: 'zh' }, { field: 'language', op: 'like', value: 'zh' }), [{ field: 'when.all[1].op', code: 'one_of' }]],
    ['missing op and value', withWhen({ field: 'language' }), [{ field: 'when.all[0].op', code: 'required' }, { field: 'when.all[0].value', code: 'required' }]],
    ['unknown key in a test', withWhen({ field: 'language', op: 'eq', value: 'zh', regex: '.*' }), [{ field: 'when.all[0].regex', code: 'unknown_field' }]],
    ['contains_any on a code field', withWhen({ field: 'category', op: 'contains_any', value: ['x'] }), [{ field: 'when.all[0].op', code: 'one_of' }]],
    ['gte on region', withWhen({ field: 'region', op: 'gte', value: 'MY' }), [{ field: 'when.all[0].op', code: 'one_of' }]],
    ['matches on title', withWhen({ field: 'title', op: 'matches', value: '*lawyer*' }), [{ field: 'when.all[0].op', code: 'one_of' }]],
    ['eq on flags', withWhen({ field: 'flags', op: 'eq', value: 'vip' }), [{ field: 'when.all[0].op', code: 'one_of' }]],
    ['matches on priority', withWhen({ field: 'priority', op: 'matches', value: 'P*' }), [{ field: 'when.all[0].op', code: 'one_of' }]],
    ['number for a code', withWhen({ field: 'category', op: 'eq', value: 7 }), [{ field: 'when.all[0].value', code: 'wrong_type' }]],
    ['empty code', withWhen({ field: 'region', op: 'eq', value: '' }), [{ field: 'when.all[0].value', code: 'empty' }]],
    ['in with a string', withWhen({ field: 'region', op: 'in', value: 'MY' }), [{ field: 'when.all[0].value', code: 'wrong_type' }]],
    ['in with nothing', withWhen({ field: 'region', op: 'in', value: [] }), [{ field: 'when.all[0].value', code: 'empty' }]],
    ['in with a number among codes', withWhen({ field: 'region', op: 'in', value: ['MY', 3] }), [{ field: 'when.all[0].value[1]', code: 'wrong_type' }]],
    ['string count', withWhen({ field: 'repeat_count_30d', op: 'gte', value: '3' }), [{ field: 'when.all[0].value', code: 'wrong_type' }]],
    ['negative count', withWhen({ field: 'repeat_count_30d', op: 'gte', value: -1 }), [{ field: 'when.all[0].value', code: 'out_of_range' }]],
    ['fractional count', withWhen({ field: 'repeat_count_30d', op: 'eq', value: 1.5 }), [{ field: 'when.all[0].value', code: 'out_of_range' }]],
    ['unknown priority', withWhen({ field: 'priority', op: 'gte', value: 'P5' }), [{ field: 'when.all[0].value', code: 'one_of' }]],
    ['unknown language', withWhen({ field: 'language', op: 'eq', value: 'fr' }), [{ field: 'when.all[0].value', code: 'one_of' }]],
    ['unknown tier in a list', withWhen({ field: 'account.tier', op: 'in', value: ['vip', 'gold'] }), [{ field: 'when.all[0].value[1]', code: 'one_of' }]],
    ['unknown source', withWhen({ field: 'source', op: 'neq', value: 'fax' }), [{ field: 'when.all[0].value', code: 'one_of' }]],
    ['unknown flag', withWhen({ field: 'flags', op: 'in', value: ['legal'] }), [{ field: 'when.all[0].value[0]', code: 'one_of' }]],
    ['empty keyword list', withWhen({ field: 'title', op: 'contains_any', value: [] }), [{ field: 'when.all[0].value', code: 'empty' }]],
    ['keywords not a list', withWhen({ field: 'title', op: 'contains_any', value: 'lawyer' }), [{ field: 'when.all[0].value', code: 'wrong_type' }]],
    ['blank keyword', withWhen({ field: 'description', op: 'contains_any', value: ['lawyer', ' '] }), [{ field: 'when.all[0].value[1]', code: 'empty' }]],
    ['keyword without letters', withWhen({ field: 'text', op: 'contains_any', value: ['!!!'] }), [{ field: 'when.all[0].value[0]', code: 'format' }]],
    ['star inside a keyword', withWhen({ field: 'text', op: 'contains_any', value: ['law*yer'] }), [{ field: 'when.all[0].value[0]', code: 'format' }]],
    ['star on a Chinese keyword', withWhen({ field: 'text', op: 'contains_any', value: ['律*'] }), [{ field: 'when.all[0].value[0]', code: 'format' }]],
    ['a lone star keyword', withWhen({ field: 'text', op: 'contains_any', value: ['*'] }), [{ field: 'when.all[0].value[0]', code: 'format' }]],
    ['empty glob', withWhen({ field: 'category', op: 'matches', value: '' }), [{ field: 'when.all[0].value', code: 'empty' }]],
    ['glob not a string', withWhen({ field: 'category', op: 'matches', value: ['payments/*'] }), [{ field: 'when.all[0].value', code: 'wrong_type' }]],
    ['glob that matches no language', withWhen({ field: 'language', op: 'matches', value: 'fr*' }), [{ field: 'when.all[0].value', code: 'one_of' }]],
    ['long glob', withWhen({ field: 'category', op: 'matches', value: `${'a'.repeat(LIMITS.valueLength)}*` }), [{ field: 'when.all[0].value', code: 'too_long' }]],
    ['all and any in one node', { ...VALID, when: { all: [], any: [] } }, [{ field: 'when', code: 'invalid' }]],
    ['group and field in one node', withWhen({ not: { field: 'language', op: 'eq', value: 'zh' }, field: 'region' }), [{ field: 'when.all[0]', code: 'invalid' }]],
    ['all not a list', { ...VALID, when: { all: { field: 'language', op: 'eq', value: 'zh' } } }, [{ field: 'when.all', code: 'wrong_type' }]],
    ['any of nothing', { ...VALID, when: { any: [] } }, [{ field: 'when.any', code: 'empty' }]],
    ['a condition that is a string', withWhen('language = zh'), [{ field: 'when.all[0]', code: 'wrong_type' }]],
    ['nested too deep', { ...VALID, when: nested(LIMITS.depth) }, [{ field: `when${'.not'.repeat(LIMITS.depth - 1)}`, code: 'out_of_range' }]],
    ['too many conditions', withWhen(...Array.from({ length: LIMITS.conditions + 1 }, () => ({ field: 'language', op: 'eq', value: 'zh' }))), [{ field: 'when', code: 'out_of_range' }]],
    ['missing then', { ...VALID, then: undefined }, [{ field: 'then', code: 'required' }]],
    ['then not a list', { ...VALID, then: { action: 'set_team', team: 'x' } }, [{ field: 'then', code: 'wrong_type' }]],
    ['no actions', withThen(), [{ field: 'then', code: 'empty' }]],
    ['action not an object', withThen('set_team'), [{ field: 'then[0]', code: 'wrong_type' }]],
    ['missing action kind', withThen({ team: 'x' }), [{ field: 'then[0].action', code: 'required' }]],
    ['unknown action', withThen({ action: 'set_team', team: 'x' }, { action: 'delete_case' }), [{ field: 'then[1].action', code: 'one_of' }]],
    ['set_team without team', withThen({ action: 'set_team' }), [{ field: 'then[0].team', code: 'required' }]],
    ['set_team with a blank team', withThen({ action: 'set_team', team: ' ' }), [{ field: 'then[0].team', code: 'empty' }]],
    ['set_team with a number', withThen({ action: 'set_team', team: 5 }), [{ field: 'then[0].team', code: 'wrong_type' }]],
    ['set_team with the wrong key', withThen({ action: 'set_team', value: 'x' }), [{ field: 'then[0].value', code: 'unknown_field' }, { field: 'then[0].team', code: 'required' }]],
    ['raise_critical without authority', withThen({ action: 'add_flag', value: 'vip' }, { action: 'raise_critical' }), [{ field: 'then[1].authority', code: 'required' }]],
    ['unknown priority to set', withThen({ action: 'set_priority', value: 'urgent' }), [{ field: 'then[0].value', code: 'one_of' }]],
    ['unknown flag to add', withThen({ action: 'add_flag', value: 'angry' }), [{ field: 'then[0].value', code: 'one_of' }]],
    ['unknown strategy', withThen({ action: 'set_assignment', strategy: 'random' }), [{ field: 'then[0].strategy', code: 'one_of' }]],
    ['empty checklist', withThen({ action: 'add_checklist', items: [] }), [{ field: 'then[0].items', code: 'empty' }]],
    ['blank checklist item', withThen({ action: 'add_checklist', items: ['ok', ''] }), [{ field: 'then[0].items[1]', code: 'empty' }]],
    ['set_team twice', withThen({ action: 'set_team', team: 'a' }, { action: 'add_flag', value: 'vip' }, { action: 'set_team', team: 'b' }), [{ field: 'then[2].action', code: 'invalid' }]],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    const problems = ruleProblems(input);
    expect(problems.map(({ field, code }) => ({ field, code }))).toEqual(expected);
    for (const p of problems) expect(p.message).toMatch(/\w/);
  });

  it('allows nesting up to the limit', () => {
    expect(ruleProblems({ ...VALID, when: nested(LIMITS.depth - 1) })).toEqual([]);
    expect(ruleProblems(withWhen(...Array.from({ length: LIMITS.conditions }, () => ({ field: 'language', op: 'eq', value: 'zh' }))))).toEqual([]);
  });

  it('reports every problem at once, under the given path', () => {
    const input = {
      name: '',
      enabled: true,
      order: 1,
      when: { any: [{ field: 'colour', op: 'eq', value: 'x' }, { not: { field: 'title', op: 'eq', value: 'x' } }] },
      then: [{ action: 'set_team' }, { action: 'raise_critical', authority: 'a' }],
    };
    expect(ruleProblems(input, 'rules[3]').map(({ field, code }) => `${field} ${code}`)).toEqual([
      'rules[3].name empty',
      'rules[3].when.any[0].field unknown_field',
      'rules[3].when.any[1].not.op one_of',
      'rules[3].then[0].team required',
    ]);
  });

  it('tells which ops a field takes', () => {
    const [problem] = ruleProblems(withWhen({ field: 'category', op: 'contains_any', value: ['x'] }));
    expect(problem).toMatchObject({ params: { allowed: 'eq, neq, in, matches' } });
    expect(problem!.message).toContain('contains_any does not apply to category');
  });
});

describe('referencedIds', () => {
  it('lists distinct team and authority ids with where they are named', () => {
    const r = withThen(
      { action: 'set_team', team: 't1' },
      { action: 'raise_critical', authority: 'a1' },
      { action: 'add_flag', value: 'vip' },
    );
    const other = withThen({ action: 'set_team', team: 't1' });
    expect(referencedIds(r, 'rules[0]')).toEqual({
      teams: ['t1'],
      authorities: ['a1'],
      references: [
        { kind: 'team', id: 't1', field: 'rules[0].then[0].team' },
        { kind: 'authority', id: 'a1', field: 'rules[0].then[1].authority' },
      ],
    });
    expect(referencedIds(other).teams).toEqual(['t1']);
  });

  it('tolerates anything', () => {
    for (const input of [null, 'x', {}, { then: 'x' }, { then: [null, { action: 'set_team', team: 3 }] }])
      expect(referencedIds(input)).toEqual({ teams: [], authorities: [], references: [] });
  });
});

// ---------------------------------------------------------------------------- properties

const CATEGORIES = ['payments/withdrawal-delayed', 'payments/refund', 'listing/removed', 'order/logistics'];
const REGIONS = ['MY', 'SG', 'CN'];
const FLAGS = ['legal_threat', 'media', 'vip', 'repeat'] as const;
const TITLES = ['我要找律师起诉你们', 'Saya akan saman kamu', 'My lawyer will call', 'Withdrawal delayed', 'Pengeluaran wang tertangguh', ''];
const KEYWORDS = ['律师', '起诉', 'saman', 'peguam', 'lawyer', 'withdrawal', 'legal action', 'wang'];

const factsArb: fc.Arbitrary<RoutingFacts> = fc.record({
  category: fc.constantFrom(...CATEGORIES),
  region: fc.constantFrom<string | null>(...REGIONS, null),
  language: fc.constantFrom('en', 'zh', 'ms'),
  source: fc.constantFrom('crm', 'email'),
  account: fc.record({ type: fc.constantFrom('seller', 'creator'), tier: fc.constantFrom('standard', 'vip') }),
  title: fc.constantFrom(...TITLES),
  description: fc.constantFrom(...TITLES),
  priority: fc.constantFrom('P1', 'P2', 'P3', 'P4'),
  flags: fc.subarray([...FLAGS]),
  repeat_count_30d: fc.integer({ min: 0, max: 4 }),
});

const leafArb: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ field: fc.constant('category' as const), op: fc.constantFrom<Op>('eq', 'neq'), value: fc.constantFrom(...CATEGORIES) }),
  fc.record({ field: fc.constant('category' as const), op: fc.constant<Op>('matches'), value: fc.constantFrom('payments/*', '*', '*/refund', 'listing/removed') }),
  fc.record({ field: fc.constant('region' as const), op: fc.constant<Op>('in'), value: fc.subarray(REGIONS, { minLength: 1 }) }),
  fc.record({ field: fc.constant('language' as const), op: fc.constantFrom<Op>('eq', 'neq'), value: fc.constantFrom('en', 'zh', 'ms') }),
  fc.record({ field: fc.constant('account.tier' as const), op: fc.constant<Op>('eq'), value: fc.constantFrom('standard', 'vip') }),
  fc.record({ field: fc.constantFrom('title' as const, 'description' as const, 'text' as const), op: fc.constant<Op>('contains_any'), value: fc.subarray(KEYWORDS, { minLength: 1, maxLength: 3 }) }),
  fc.record({ field: fc.constant('priority' as const), op: fc.constantFrom<Op>('eq', 'gte', 'lte'), value: fc.constantFrom('P1', 'P2', 'P3', 'P4') }),
  fc.record({ field: fc.constant('flags' as const), op: fc.constantFrom<Op>('in', 'contains_any'), value: fc.subarray([...FLAGS], { minLength: 1 }) }),
  fc.record({ field: fc.constant('repeat_count_30d' as const), op: fc.constantFrom<Op>('gte', 'lte', 'eq'), value: fc.integer({ min: 0, max: 4 }) }),
);
const { condition: conditionArb } = fc.letrec<{ condition: Condition }>((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.record({ all: fc.array(tie('condition'), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('condition') }),
  ),
}));

const actionArb: fc.Arbitrary<RuleAction> = fc.oneof(
  fc.record({ action: fc.constant('set_team' as const), team: fc.constantFrom('t1', 't2', 't3') }),
  fc.record({ action: fc.constant('set_priority' as const), value: fc.constantFrom('P1' as const, 'P2' as const, 'P4' as const) }),
  fc.record({ action: fc.constant('add_flag' as const), value: fc.constantFrom(...FLAGS) }),
  fc.record({ action: fc.constant('set_assignment' as const), strategy: fc.constantFrom('round_robin' as const, 'skills' as const) }),
  fc.record({ action: fc.constant('raise_critical' as const), authority: fc.constantFrom('a1', 'a2') }),
  fc.record({ action: fc.constant('add_checklist' as const), items: fc.subarray(['one', 'two', 'three'], { minLength: 1 }) }),
);
// At most one action of each first-wins kind per rule.
const actionsArb = fc
  .array(actionArb, { minLength: 1, maxLength: 4 })
  .map((actions) => actions.filter((a, i) => a.action === 'add_flag' || a.action === 'add_checklist' || actions.findIndex((b) => b.action === a.action) === i));

const ruleArb = (name: string, order: fc.Arbitrary<number>): fc.Arbitrary<RoutingRule> =>
  fc.record({ name: fc.constant(name), enabled: fc.constantFrom(true, true, true, false), order, when: conditionArb, then: actionsArb });
/** Rules with distinct orders. */
const rulesArb = fc
  .uniqueArray(fc.integer({ min: -50, max: 50 }), { maxLength: 8 })
  .chain((orders) => (orders.length === 0 ? fc.constant([] as RoutingRule[]) : fc.tuple(...orders.map((o, i) => ruleArb(`r${i}`, fc.constant(o))))));

/** The same value with every object's keys in reverse order. */
function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseKeys) as T;
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)])) as T;
  return value;
}
const resultOf = (trace: ConditionTrace) => trace.result;
const outcomeOf = (rules: RoutingRule[], f: RoutingFacts) => evaluate(rules, f).outcome;

describe('properties', () => {
  it('generated rules are valid', () => {
    fc.assert(fc.property(rulesArb, (rules) => rules.every((r) => ruleProblems(r).length === 0)));
  });

  it('deciding alone gives what the explained evaluation decides', () => {
    const invalid: RoutingRule = { name: 'dud', enabled: true, order: 0, when: { field: 'region', op: 'in', value: [] } as Condition, then: [{ action: 'add_flag', value: 'vip' }] };
    fc.assert(
      fc.property(rulesArb, factsArb, fc.boolean(), (rules, f, withInvalid) => {
        const all = withInvalid ? [invalid, ...rules] : rules;
        expect(decideOutcome(all, f)).toEqual(evaluate(all, f).outcome);
      }),
      { numRuns: 500 },
    );
  });

  it('evaluate is deterministic and independent of key order', () => {
    fc.assert(
      fc.property(rulesArb, factsArb, (rules, f) => {
        const first = evaluate(rules, f);
        expect(JSON.stringify(evaluate(rules, f))).toBe(JSON.stringify(first));
        expect(JSON.stringify(evaluate(structuredClone(rules), structuredClone(f)))).toBe(JSON.stringify(first));
        expect(evaluate(reverseKeys(rules), reverseKeys(f))).toEqual(first);
      }),
      { numRuns: 300 },
    );
  });

  it('not(not(c)) ≡ c, all([c]) ≡ c ≡ any([c]), and De Morgan', () => {
    fc.assert(
      fc.property(conditionArb, conditionArb, factsArb, (c, d, f) => {
        const r = resultOf(evaluateCondition(c, f));
        expect(resultOf(evaluateCondition({ not: { not: c } }, f))).toBe(r);
        expect(resultOf(evaluateCondition({ all: [c] }, f))).toBe(r);
        expect(resultOf(evaluateCondition({ any: [c] }, f))).toBe(r);
        expect(resultOf(evaluateCondition({ not: { all: [c, d] } }, f))).toBe(resultOf(evaluateCondition({ any: [{ not: c }, { not: d }] }, f)));
        expect(resultOf(evaluateCondition({ all: [c, d] }, f))).toBe(resultOf(evaluateCondition({ all: [d, c] }, f)));
      }),
      { numRuns: 500 },
    );
  });

  it('the leaf named by decidedBy has the result that settled the condition', () => {
    const find = (t: ConditionTrace, path: string): ConditionTrace | undefined =>
      t.path === path ? t : t.kind === 'leaf' ? undefined : (t.kind === 'not' ? [t.child] : t.children).map((c) => find(c, path)).find(Boolean);
    fc.assert(
      fc.property(conditionArb, factsArb, (c, f) => {
        const trace = evaluateCondition(c, f);
        const decider = find(trace, trace.decidedBy);
        expect(decider).toBeDefined();
        if (decider!.kind === 'leaf') {
          // Each `not` on the way flips the result.
          const nots = (trace.decidedBy.slice(trace.path.length).match(/\.not/g) ?? []).length;
          expect(decider!.result !== (nots % 2 === 1)).toBe(trace.result);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the array order of rules with distinct orders does not matter', () => {
    fc.assert(
      fc.property(
        rulesArb.chain((rules) => fc.tuple(fc.constant(rules), fc.shuffledSubarray(rules, { minLength: rules.length, maxLength: rules.length }))),
        factsArb,
        ([rules, shuffled], f) => {
          expect(evaluate(shuffled, f)).toEqual(evaluate(rules, f));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('adding a rule that does not match (or is disabled) never changes the outcome', () => {
    fc.assert(
      fc.property(rulesArb, ruleArb('extra', fc.integer({ min: -60, max: 60 })), factsArb, fc.nat(), fc.boolean(), (rules, extra, f, at, disable) => {
        const dud: RoutingRule = disable ? { ...extra, enabled: false } : { ...extra, when: { all: [extra.when, { not: extra.when }] } };
        const withDud = [...rules.slice(0, at % (rules.length + 1)), dud, ...rules.slice(at % (rules.length + 1))];
        expect(outcomeOf(withDud, f)).toEqual(outcomeOf(rules, f));
      }),
      { numRuns: 300 },
    );
  });

  it('the outcome is the first matching rule per kind, and every flag and item of every matching rule (brute force)', () => {
    fc.assert(
      fc.property(rulesArb, factsArb, (rules, f) => {
        const matching = [...rules].sort((a, b) => a.order - b.order).filter((r) => r.enabled && evaluateCondition(r.when, f).result);
        const outcome = outcomeOf(rules, f);
        for (const kind of ['set_team', 'set_priority', 'set_assignment', 'raise_critical'] as const) {
          const first = matching.find((r) => r.then.some((a) => a.action === kind));
          expect(outcome[kind]?.rule.name).toBe(first?.name);
          expect(outcome[kind]?.action).toEqual(first?.then.find((a) => a.action === kind));
        }
        const flags = [...new Set(matching.flatMap((r) => r.then.flatMap((a) => (a.action === 'add_flag' ? [a.value] : []))))];
        expect(outcome.add_flag.map((d) => d.action.value)).toEqual(flags);
        const items = [...new Set(matching.flatMap((r) => r.then.flatMap((a) => (a.action === 'add_checklist' ? a.items : []))))];
        expect(outcome.add_checklist.flatMap((d) => d.action.items)).toEqual(items);
        expect(evaluate(rules, f).trace.filter((t) => t.status === 'matched').map((t) => t.rule.name)).toEqual(matching.map((r) => r.name));
      }),
      { numRuns: 300 },
    );
  });

  it('glob * matches everything; a glob without * is equality', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '/', '.', '*', '律', '\n', '$'), maxLength: 8 });
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), text, text, (anything, p, t) => {
        expect(globMatches('*', anything)).toBe(true);
        expect(globMatches('**', anything)).toBe(true);
        const literal = p.replaceAll('*', '');
        expect(globMatches(literal, t)).toBe(literal === t);
        expect(holds(leaf('category', 'matches', '*'), facts({ category: anything }))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('a Han keyword is found wherever it stands; a Latin word of the text is found whatever its case', () => {
    const han = fc.array(fc.constantFrom(...'我要找律师起诉你们提现延迟'), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(han, fc.nat(), fc.nat(), (chars, a, b) => {
        const start = a % chars.length;
        const end = start + 1 + (b % (chars.length - start));
        expect(holds(leaf('title', 'contains_any', [chars.slice(start, end).join('')]), facts({ title: `前 ${chars.join('')}后` }))).toBe(true);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-zA-Zé]{1,8}$/), { minLength: 1, maxLength: 6 }), fc.nat(), (words, i) => {
        const text = words.join(', ');
        const word = words[i % words.length]!;
        expect(holds(leaf('description', 'contains_any', [word.toUpperCase()]), facts({ description: text }))).toBe(true);
        expect(holds(leaf('description', 'contains_any', [`${word}zzq`]), facts({ description: text }))).toBe(words.some((w) => w.toLowerCase() === `${word}zzq`.toLowerCase()));
      }),
      { numRuns: 300 },
    );
  });
});
