// Which SLA policy sets which clock of a case, and why. Pure.
import type { ClockKind, PolicyWhy, SlaTargets } from '../../db/schema.js';
import { globMatches } from '../../platform/text/glob.js';

export const TARGET_OF: Record<ClockKind, keyof SlaTargets> = {
  first_response: 'firstResponse',
  next_response: 'nextResponse',
  resolution: 'resolution',
  handoff_answer: 'handoffAnswer',
};

/** The parts of a policy matching needs. */
export interface PolicyRule {
  id: string | null;
  name: string;
  enabled: boolean;
  priorities: string[];
  categoryPattern: string;
  accountTiers: string[];
  regions: string[];
  partnerTeams: string[];
  targets: SlaTargets;
}

/** What a policy is matched against. */
export interface CaseFacts {
  priority: string;
  category: string;
  accountTier: string;
  region: string | null;
  /** The team a handoff asks; only the handoff-answer clock looks at it. */
  partnerTeam?: string | null;
}

const inList = (list: string[], value: string | null | undefined) => list.length === 0 || (value != null && list.includes(value));

/** Why the policy applies to the case, or null when one of its criteria does not. */
export function whyMatches(rule: PolicyRule, facts: CaseFacts, kind: ClockKind): PolicyWhy | null {
  if (!rule.enabled || !rule.targets[TARGET_OF[kind]]) return null;
  const why: PolicyWhy = [];
  const check = (field: string, value: string | null, ruleValues: string[], ok: boolean) => {
    why.push({ field, value, rule: ruleValues });
    return ok;
  };
  const ok =
    check('priority', facts.priority, rule.priorities, inList(rule.priorities, facts.priority)) &&
    check('category', facts.category, rule.categoryPattern === '*' ? [] : [rule.categoryPattern], globMatches(rule.categoryPattern, facts.category)) &&
    check('accountTier', facts.accountTier, rule.accountTiers, inList(rule.accountTiers, facts.accountTier)) &&
    check('region', facts.region, rule.regions, inList(rule.regions, facts.region)) &&
    (kind !== 'handoff_answer' || check('partnerTeam', facts.partnerTeam ?? null, rule.partnerTeams, inList(rule.partnerTeams, facts.partnerTeam)));
  return ok ? why : null;
}

/** The first policy (in the given order) that matches and has a target for the clock's kind. */
export function choosePolicy<P extends { rule: PolicyRule }>(policies: P[], facts: CaseFacts, kind: ClockKind): { policy: P; why: PolicyWhy } | null {
  for (const policy of policies) {
    const why = whyMatches(policy.rule, facts, kind);
    if (why) return { policy, why };
  }
  return null;
}
