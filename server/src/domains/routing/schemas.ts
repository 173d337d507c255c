import { Type } from 'typebox';

// The rule's `when` and `then` are checked by the engine (ruleProblems), which names the exact
// path of each problem; the schema only fixes the envelope.
const RuleFields = {
  name: Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' }),
  enabled: Type.Boolean(),
  order: Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'lower is tried first' }),
  when: Type.Unknown({ description: 'conditions: { all: […] } | { any: […] } | { not: … } | { field, op, value }' }),
  then: Type.Array(Type.Unknown(), { maxItems: 20, description: 'actions: set_team, set_priority, add_flag, set_assignment, raise_critical, add_checklist' }),
};
export const RuleCreate = Type.Object(
  { name: RuleFields.name, enabled: Type.Optional(RuleFields.enabled), order: RuleFields.order, when: RuleFields.when, then: RuleFields.then },
  { additionalProperties: false },
);
export const RulePatch = Type.Partial(Type.Object(RuleFields), { additionalProperties: false, minProperties: 1 });
export const Rule = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  name: Type.String(),
  enabled: Type.Boolean(),
  order: Type.Integer(),
  when: Type.Unknown(),
  then: Type.Array(Type.Unknown()),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export const RuleVersion = Type.Object({
  version: Type.Integer(),
  name: Type.String(),
  enabled: Type.Boolean(),
  order: Type.Integer(),
  when: Type.Unknown(),
  then: Type.Array(Type.Unknown()),
  deleted: Type.Boolean(),
  savedBy: Type.Union([Type.Object({ id: Type.String(), displayName: Type.String() }), Type.Null()]),
  savedAt: Type.String({ format: 'date-time' }),
});

const Draft = Type.Array(RuleCreate, { maxItems: 500, description: 'a draft ruleset, instead of the live rules' });
export const DryRunBody = Type.Object(
  {
    caseId: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'a case id or number' })),
    case: Type.Optional(
      Type.Object(
        {
          category: Type.String({ minLength: 1, maxLength: 120 }),
          region: Type.Optional(Type.Union([Type.String({ maxLength: 10 }), Type.Null()])),
          language: Type.Optional(Type.String({ maxLength: 5 })),
          source: Type.Optional(Type.String({ maxLength: 20 })),
          account: Type.Optional(Type.Object({ type: Type.Optional(Type.String({ maxLength: 20 })), tier: Type.Optional(Type.String({ maxLength: 20 })) }, { additionalProperties: false })),
          title: Type.Optional(Type.String({ maxLength: 300 })),
          description: Type.Optional(Type.String({ maxLength: 20_000 })),
          priority: Type.Optional(Type.String({ maxLength: 2 })),
          flags: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
          repeat_count_30d: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
        },
        { additionalProperties: false, description: 'a draft case' },
      ),
    ),
    rules: Type.Optional(Draft),
  },
  { additionalProperties: false },
);
export const DryRunResult = Type.Object({ facts: Type.Unknown(), outcome: Type.Unknown(), trace: Type.Array(Type.Unknown()) });

const Instant = Type.String({ format: 'date-time' });
export const ReplayBody = Type.Object({ rules: Draft, from: Instant, to: Instant }, { additionalProperties: false });
const Count = Type.Object({ key: Type.Union([Type.String(), Type.Null()]), name: Type.Unknown(), live: Type.Integer(), draft: Type.Integer() });
const Routed = Type.Object({ team: Type.Union([Type.String(), Type.Null()]), priority: Type.Union([Type.String(), Type.Null()]) });
export const ReplayResult = Type.Object({
  cases: Type.Integer(),
  capped: Type.Boolean({ description: 'more cases were filed in the period than a replay reads' }),
  changed: Type.Integer(),
  byTeam: Type.Array(Count),
  byPriority: Type.Array(Count),
  examples: Type.Array(Type.Object({ case: Type.Object({ id: Type.String(), number: Type.String(), title: Type.String() }), live: Routed, draft: Routed })),
});
