import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClockKind, SlaTargets } from '../../db/schema.js';
import { globMatches } from '../../platform/text/glob.js';
import { type CaseFacts, type PolicyRule, TARGET_OF, choosePolicy, whyMatches } from './policy-match.js';

const KINDS: ClockKind[] = ['first_response', 'next_response', 'resolution', 'handoff_answer'];
const ALL_TARGETS: SlaTargets = { firstResponse: 'PT1H', nextResponse: 'PT4H', resolution: 'PT8H', handoffAnswer: 'PT2H' };

const rule = (name: string, over: Partial<PolicyRule> = {}): PolicyRule => ({
  id: `id-${name}`,
  name,
  enabled: true,
  priorities: [],
  categoryPattern: '*',
  accountTiers: [],
  regions: [],
  partnerTeams: [],
  targets: ALL_TARGETS,
  ...over,
});
/** A policy row as the callers hold it: a rule plus whatever else. */
const policy = (name: string, over: Partial<PolicyRule> = {}) => ({ name, position: 0, rule: rule(name, over) });
const FACTS: CaseFacts = { priority: 'P2', category: 'payments/refunds', accountTier: 'vip', region: 'MY', partnerTeam: 'finance' };
const chosenName = (policies: ReturnType<typeof policy>[], kind: ClockKind, facts: CaseFacts = FACTS) => choosePolicy(policies, facts, kind)?.policy.name ?? null;

describe('globMatches', () => {
  it.each<[string, string, boolean]>([
    ['*', 'payments/refunds', true],
    ['*', 'general', true],
    ['*', '', true],
    ['payments/*', 'payments/refunds', true],
    ['payments/*', 'payments/refunds/partial', true],
    ['payments/*', 'payments/', true],
    ['payments/*', 'payments', false],
    ['payments/*', 'payments-old/refunds', false],
    ['payments/*', 'old/payments/refunds', false],
    ['payments/*', 'Payments/refunds', false],
    ['*/refunds', 'payments/refunds', true],
    ['*/refunds', 'refunds', false],
    ['*/refunds', 'payments/refunds/x', false],
    ['pay*/*', 'payouts/late', true],
    ['pay*/*', 'delivery/late', false],
    ['payments/refunds', 'payments/refunds', true],
    ['payments/refunds', 'payments/refunds/partial', false],
    ['payments/refunds', 'payments', false],
    ['payments/refunds', 'xpayments/refunds', false],
    // Regular-expression metacharacters are literal.
    ['pay.ments/*', 'pay.ments/x', true],
    ['pay.ments/*', 'payXments/x', false],
    ['a+b', 'a+b', true],
    ['a+b', 'aab', false],
    ['(x)|y', '(x)|y', true],
    ['(x)|y', 'y', false],
    ['(x)|y', 'x', false],
    ['[ab]', '[ab]', true],
    ['[ab]', 'a', false],
    ['a?', 'a?', true],
    ['a?', 'a', false],
    ['^a$', '^a$', true],
    ['^a$', 'a', false],
    ['a{2}', 'a{2}', true],
    ['a{2}', 'aa', false],
    ['a\\d', 'a\\d', true],
    ['a\\d', 'a1', false],
    ['$x/*', '$x/y', true],
    ['.*', 'anything', false],
    ['.*', '.anything', true],
  ])('%j on %j → %s', (pattern, code, expected) => {
    expect(globMatches(pattern, code)).toBe(expected);
  });
});

describe('choosePolicy', () => {
  it('the first match in the given order wins', () => {
    const urgent = policy('urgent', { priorities: ['P1'] });
    const payments = policy('payments', { categoryPattern: 'payments/*' });
    const fallback = policy('fallback');
    expect(chosenName([urgent, payments, fallback], 'resolution')).toBe('payments');
    expect(chosenName([urgent, fallback, payments], 'resolution')).toBe('fallback');
    expect(chosenName([urgent, payments, fallback], 'resolution', { ...FACTS, priority: 'P1' })).toBe('urgent');
    expect(chosenName([urgent, payments, fallback], 'resolution', { ...FACTS, category: 'delivery/late' })).toBe('fallback');
    expect(chosenName([urgent, payments], 'resolution', { ...FACTS, category: 'delivery/late' })).toBeNull();
    expect(chosenName([], 'resolution')).toBeNull();
  });
  it('returns the policy object it was given, with its extra fields', () => {
    const p = policy('fallback');
    expect(choosePolicy([p], FACTS, 'resolution')!.policy).toBe(p);
  });
  it('a policy without a target for a kind is skipped for that kind only', () => {
    const resolutionOnly = policy('resolution-only', { targets: { resolution: 'PT8H' } });
    const fallback = policy('fallback');
    const list = [resolutionOnly, fallback];
    expect(KINDS.map((kind) => chosenName(list, kind))).toEqual(['fallback', 'fallback', 'resolution-only', 'fallback']);
    expect(KINDS.map((kind) => chosenName([resolutionOnly], kind))).toEqual([null, null, 'resolution-only', null]);
  });
  it('empty lists mean any, a missing region included', () => {
    const any = policy('any');
    for (const facts of [FACTS, { ...FACTS, region: null }, { priority: 'P4', category: 'x', accountTier: 'standard', region: 'SG' }]) {
      for (const kind of KINDS) expect(chosenName([any], kind, facts)).toBe('any');
    }
  });
  it.each<[string, Partial<PolicyRule>, Partial<CaseFacts>, boolean]>([
    ['priority in the list', { priorities: ['P1', 'P2'] }, {}, true],
    ['priority not in the list', { priorities: ['P1'] }, {}, false],
    ['category by glob', { categoryPattern: 'payments/*' }, {}, true],
    ['category outside the glob', { categoryPattern: 'delivery/*' }, {}, false],
    ['category exact', { categoryPattern: 'payments/refunds' }, {}, true],
    ['tier in the list', { accountTiers: ['key', 'vip'] }, {}, true],
    ['tier not in the list', { accountTiers: ['standard'] }, {}, false],
    ['region in the list', { regions: ['MY', 'SG'] }, {}, true],
    ['region not in the list', { regions: ['SG'] }, {}, false],
    ['no region, a list of regions', { regions: ['MY'] }, { region: null }, false],
    ['every criterion at once', { priorities: ['P2'], categoryPattern: 'payments/*', accountTiers: ['vip'], regions: ['MY'] }, {}, true],
    ['all but one criterion', { priorities: ['P2'], categoryPattern: 'payments/*', accountTiers: ['vip'], regions: ['CN'] }, {}, false],
  ])('%s', (_name, over, facts, matches) => {
    for (const kind of KINDS) expect(chosenName([policy('p', over)], kind, { ...FACTS, ...facts })).toBe(matches ? 'p' : null);
  });
  it('partner teams narrow only the handoff-answer clock', () => {
    const legal = policy('legal', { partnerTeams: ['legal'] });
    const fallback = policy('fallback');
    const list = [legal, fallback];
    expect(KINDS.map((kind) => chosenName(list, kind, { ...FACTS, partnerTeam: 'finance' }))).toEqual(['legal', 'legal', 'legal', 'fallback']);
    expect(KINDS.map((kind) => chosenName(list, kind, { ...FACTS, partnerTeam: 'legal' }))).toEqual(['legal', 'legal', 'legal', 'legal']);
    // A handoff clock with no team named does not match a list of teams.
    expect(chosenName(list, 'handoff_answer', { ...FACTS, partnerTeam: undefined })).toBe('fallback');
    expect(chosenName(list, 'handoff_answer', { ...FACTS, partnerTeam: null })).toBe('fallback');
    expect(chosenName([fallback], 'handoff_answer', { ...FACTS, partnerTeam: null })).toBe('fallback');
  });
  it('a disabled policy never matches', () => {
    const off = policy('off', { enabled: false });
    const fallback = policy('fallback');
    for (const kind of KINDS) {
      expect(chosenName([off, fallback], kind)).toBe('fallback');
      expect(chosenName([off], kind)).toBeNull();
      expect(whyMatches(off.rule, FACTS, kind)).toBeNull();
    }
  });
  it('why lists each criterion with the case’s value and the rule', () => {
    const p = policy('p', { priorities: ['P1', 'P2'], categoryPattern: 'payments/*', regions: ['MY', 'SG'], partnerTeams: ['finance'] });
    const common = [
      { field: 'priority', value: 'P2', rule: ['P1', 'P2'] },
      { field: 'category', value: 'payments/refunds', rule: ['payments/*'] },
      { field: 'accountTier', value: 'vip', rule: [] },
      { field: 'region', value: 'MY', rule: ['MY', 'SG'] },
    ];
    expect(choosePolicy([p], FACTS, 'resolution')!.why).toEqual(common);
    expect(choosePolicy([p], FACTS, 'first_response')!.why).toEqual(common);
    expect(choosePolicy([p], FACTS, 'handoff_answer')!.why).toEqual([...common, { field: 'partnerTeam', value: 'finance', rule: ['finance'] }]);
  });
  it('why shows `*` as no rule, and a missing region or team as null', () => {
    expect(choosePolicy([policy('any')], { ...FACTS, region: null, partnerTeam: undefined }, 'handoff_answer')!.why).toEqual([
      { field: 'priority', value: 'P2', rule: [] },
      { field: 'category', value: 'payments/refunds', rule: [] },
      { field: 'accountTier', value: 'vip', rule: [] },
      { field: 'region', value: null, rule: [] },
      { field: 'partnerTeam', value: null, rule: [] },
    ]);
  });
  it('maps every clock kind to its target', () => {
    expect(TARGET_OF).toEqual({ first_response: 'firstResponse', next_response: 'nextResponse', resolution: 'resolution', handoff_answer: 'handoffAnswer' });
  });
});

// ---- properties ------------------------------------------------------------------------------

/** `*` is any run of characters (slashes included); every other character is itself. */
function globReference(pattern: string, code: string): boolean {
  const p = [...pattern];
  const s = [...code];
  // can[i][j]: p[i..] matches s[j..]
  const can = Array.from({ length: p.length + 1 }, () => new Array<boolean>(s.length + 1).fill(false));
  can[p.length]![s.length] = true;
  for (let i = p.length - 1; i >= 0; i--) {
    for (let j = s.length; j >= 0; j--) {
      can[i]![j] = p[i] === '*' ? can[i + 1]![j]! || (j < s.length && can[i]![j + 1]!) : j < s.length && p[i] === s[j] && can[i + 1]![j + 1]!;
    }
  }
  return can[0]![0]!;
}

/** The matching rules, written out again from the spec. */
function matchesReference(r: PolicyRule, f: CaseFacts, kind: ClockKind): boolean {
  const any = (list: string[], v: string | null | undefined) => list.length === 0 || (v != null && list.includes(v));
  if (!r.enabled) return false;
  if (!r.targets[TARGET_OF[kind]]) return false;
  return (
    any(r.priorities, f.priority) &&
    globReference(r.categoryPattern, f.category) &&
    any(r.accountTiers, f.accountTier) &&
    any(r.regions, f.region) &&
    (kind !== 'handoff_answer' || any(r.partnerTeams, f.partnerTeam))
  );
}

const PIECES = ['payments', 'refunds', 'pay', 'a', 'b', '/', '.', '+', '?', '(', ')', '[', ']', '{', '}', '|', '^', '$', '\\', '-'];
const codeArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 5 }).map((xs) => xs.join(''));
const patternArb = fc.oneof(
  fc.constant('*'),
  codeArb,
  fc.array(fc.constantFrom(...PIECES, '*', '*'), { maxLength: 6 }).map((xs) => xs.join('')),
  codeArb.map((c) => `${c}/*`),
);
const subsetOf = <T>(values: T[]) => fc.subarray(values, { maxLength: 2 });
const PRIORITIES = ['P1', 'P2', 'P3'];
const TIERS = ['standard', 'vip'];
const REGIONS = ['MY', 'SG'];
const TEAMS = ['legal', 'finance'];
const targetsArb: fc.Arbitrary<SlaTargets> = fc.record(
  { firstResponse: fc.constant('PT1H'), nextResponse: fc.constant('PT2H'), resolution: fc.constant('PT8H'), handoffAnswer: fc.constant('PT4H') },
  { requiredKeys: [] },
);
const ruleArb = (name: string): fc.Arbitrary<PolicyRule> =>
  fc.record({
    id: fc.constant(`id-${name}`),
    name: fc.constant(name),
    enabled: fc.integer({ min: 0, max: 4 }).map((n) => n > 0),
    priorities: subsetOf(PRIORITIES),
    categoryPattern: patternArb,
    accountTiers: subsetOf(TIERS),
    regions: subsetOf(REGIONS),
    partnerTeams: subsetOf(TEAMS),
    targets: targetsArb,
  });
const policiesArb = fc.integer({ min: 0, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => ruleArb(`p${i}`).map((r) => ({ name: r.name, rule: r })))));
const factsArb: fc.Arbitrary<CaseFacts> = fc.record({
  priority: fc.constantFrom(...PRIORITIES),
  category: fc.oneof(codeArb, fc.constantFrom('payments/refunds', 'payments', 'delivery/late')),
  accountTier: fc.constantFrom(...TIERS),
  region: fc.constantFrom<string | null>(...REGIONS, null),
  partnerTeam: fc.constantFrom<string | null | undefined>(...TEAMS, null, undefined),
});

describe('policy matching: properties', () => {
  it('globMatches agrees with a reference wildcard matcher', () => {
    fc.assert(
      fc.property(patternArb, codeArb, (pattern, code) => {
        expect(globMatches(pattern, code)).toBe(globReference(pattern, code));
      }),
      { numRuns: 2000 },
    );
  });

  it('a pattern matches itself (with its `*` taken as any text), and one without `*` only itself', () => {
    fc.assert(
      fc.property(patternArb, codeArb, (pattern, code) => {
        expect(globMatches(pattern, pattern)).toBe(true);
        expect(globMatches(pattern, pattern.replaceAll('*', code))).toBe(true);
        if (!pattern.includes('*')) expect(globMatches(pattern, code)).toBe(code === pattern);
      }),
      { numRuns: 500 },
    );
  });

  it('choosePolicy returns the first policy whose rule matches (brute force over whyMatches and over a reference)', () => {
    fc.assert(
      fc.property(policiesArb, factsArb, fc.constantFrom(...KINDS), (policies, facts, kind) => {
        const chosen = choosePolicy(policies, facts, kind);
        const first = policies.filter((p) => whyMatches(p.rule, facts, kind) !== null)[0];
        const reference = policies.find((p) => matchesReference(p.rule, facts, kind));
        expect(chosen?.policy).toBe(first);
        expect(chosen?.policy).toBe(reference);
        if (chosen) {
          expect(chosen.why).toEqual(whyMatches(chosen.policy.rule, facts, kind));
          // One entry per criterion, each with the case's value and the rule's values.
          const r = chosen.policy.rule;
          expect(chosen.why.map((w) => w.field)).toEqual(['priority', 'category', 'accountTier', 'region', ...(kind === 'handoff_answer' ? ['partnerTeam'] : [])]);
          expect(chosen.why[0]).toEqual({ field: 'priority', value: facts.priority, rule: r.priorities });
          expect(chosen.why[1]).toEqual({ field: 'category', value: facts.category, rule: r.categoryPattern === '*' ? [] : [r.categoryPattern] });
          expect(chosen.why[2]).toEqual({ field: 'accountTier', value: facts.accountTier, rule: r.accountTiers });
          expect(chosen.why[3]).toEqual({ field: 'region', value: facts.region, rule: r.regions });
          if (kind === 'handoff_answer') expect(chosen.why[4]).toEqual({ field: 'partnerTeam', value: facts.partnerTeam ?? null, rule: r.partnerTeams });
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('partner teams never change the choice for clocks other than the handoff answer', () => {
    fc.assert(
      fc.property(policiesArb, factsArb, fc.constantFrom<ClockKind>('first_response', 'next_response', 'resolution'), fc.constantFrom(...TEAMS, null), (policies, facts, kind, team) => {
        expect(choosePolicy(policies, { ...facts, partnerTeam: team }, kind)?.policy).toBe(choosePolicy(policies, facts, kind)?.policy);
      }),
      { numRuns: 300 },
    );
  });
});
