// Shapes of the routing API (server/src/domains/routing/schemas.ts and rules.ts).

export const FIELDS = [
  'category', 'region', 'language', 'source', 'account.type', 'account.tier',
  'title', 'description', 'text', 'priority', 'flags', 'repeat_count_30d',
] as const;
export type Field = (typeof FIELDS)[number];

export const OPS = ['eq', 'neq', 'in', 'matches', 'contains_any', 'gte', 'lte'] as const;
export type Op = (typeof OPS)[number];

export const ACTION_KINDS = ['set_team', 'set_priority', 'add_flag', 'set_assignment', 'raise_critical', 'add_checklist'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const ASSIGNMENT_STRATEGIES = ['round_robin', 'least_loaded', 'skills', 'manual'] as const;
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const RISK_FLAGS = ['legal_threat', 'media', 'regulator', 'safety', 'fraud', 'vip', 'high_value', 'repeat'] as const;
export const LANGUAGES = ['en', 'zh', 'ms'] as const;
export const SOURCES = ['crm', 'oncall', 'email', 'api', 'import'] as const;
export const ACCOUNT_TYPES = ['seller', 'creator', 'customer'] as const;
export const ACCOUNT_TIERS = ['standard', 'key', 'vip'] as const;

/** What a field holds, which decides the input its value gets. */
export type FieldKind = 'category' | 'region' | 'enum' | 'text' | 'priority' | 'flags' | 'count';

const CODE_OPS: readonly Op[] = ['eq', 'neq', 'in', 'matches'];
/** The engine's FIELD_SPECS: the ops each field takes, and the values of enumerations. */
export const FIELD_SPECS: Readonly<Record<Field, { kind: FieldKind; ops: readonly Op[]; values?: readonly string[] }>> = {
  category: { kind: 'category', ops: CODE_OPS },
  region: { kind: 'region', ops: CODE_OPS },
  language: { kind: 'enum', ops: CODE_OPS, values: LANGUAGES },
  source: { kind: 'enum', ops: CODE_OPS, values: SOURCES },
  'account.type': { kind: 'enum', ops: CODE_OPS, values: ACCOUNT_TYPES },
  'account.tier': { kind: 'enum', ops: CODE_OPS, values: ACCOUNT_TIERS },
  title: { kind: 'text', ops: ['contains_any'] },
  description: { kind: 'text', ops: ['contains_any'] },
  text: { kind: 'text', ops: ['contains_any'] },
  priority: { kind: 'priority', ops: ['eq', 'neq', 'in', 'gte', 'lte'], values: PRIORITIES },
  flags: { kind: 'flags', ops: ['contains_any', 'in'], values: RISK_FLAGS },
  repeat_count_30d: { kind: 'count', ops: ['eq', 'neq', 'in', 'gte', 'lte'] },
};

export type LeafValue = string | number | readonly string[] | readonly number[];
export interface LeafCondition {
  field: Field;
  op: Op;
  value: LeafValue;
}
export type Condition = { all: readonly Condition[] } | { any: readonly Condition[] } | { not: Condition } | LeafCondition;

export type RuleAction =
  | { action: 'set_team'; team: string }
  | { action: 'set_priority'; value: string }
  | { action: 'add_flag'; value: string }
  | { action: 'set_assignment'; strategy: string }
  | { action: 'raise_critical'; authority: string }
  | { action: 'add_checklist'; items: readonly string[] };

export interface RuleInput {
  name: string;
  enabled: boolean;
  order: number;
  when: Condition;
  then: RuleAction[];
}

export interface Rule extends RuleInput {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface RuleVersion extends RuleInput {
  version: number;
  deleted: boolean;
  savedBy: { id: string; displayName: string } | null;
  savedAt: string;
}

export interface CaseDraft {
  category: string;
  region: string | null;
  language: string;
  source: string;
  account: { type: string; tier: string };
  title: string;
  description: string;
  priority: string;
  flags: string[];
  repeat_count_30d: number;
}

export interface RuleRef {
  id?: string;
  version?: number;
  name: string;
  order: number;
}

export interface RuleTrace {
  rule: RuleRef;
  status: 'matched' | 'not_matched' | 'skipped' | 'invalid';
  reason: string;
}

interface Decision<A> {
  action: A;
  rule: RuleRef;
}
export interface RoutingOutcome {
  set_team?: Decision<{ team: string }>;
  set_priority?: Decision<{ value: string }>;
  set_assignment?: Decision<{ strategy: string }>;
  raise_critical?: Decision<{ authority: string }>;
  add_flag: Decision<{ value: string }>[];
  add_checklist: Decision<{ items: string[] }>[];
}

export interface DryRunResult {
  facts: CaseDraft;
  outcome: RoutingOutcome;
  trace: RuleTrace[];
}

export interface ReplayCount {
  key: string | null;
  name: string | null;
  live: number;
  draft: number;
}
export interface ReplayResult {
  cases: number;
  capped: boolean;
  changed: number;
  byTeam: ReplayCount[];
  byPriority: ReplayCount[];
  examples: { case: { id: string; number: string; title: string }; live: { team: string | null; priority: string | null }; draft: { team: string | null; priority: string | null } }[];
}
