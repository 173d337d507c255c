import { Type } from 'typebox';

const Id = Type.String({ format: 'uuid' });
const Name = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });
const Target = Type.Union([
  Type.Object({ user: Id }, { additionalProperties: false, description: 'a person' }),
  Type.Object({ team: Id }, { additionalProperties: false, description: "a team's members (its on-call, until shifts name one)" }),
  Type.Object({ team: Id, role: Type.Enum(['lead', 'specialist', 'manager']) }, { additionalProperties: false, description: 'a role in a team' }),
]);

export const LadderCreate = Type.Object(
  {
    name: Name,
    levels: Type.Array(
      Type.Object(
        { notify: Target, timeout: Type.String({ maxLength: 64, description: 'ISO 8601 duration before the next level is paged, e.g. PT5M or PT30S (at least 10 s)' }) },
        { additionalProperties: false },
      ),
      { maxItems: 10 },
    ),
  },
  { additionalProperties: false },
);
export const Ladder = Type.Object({
  id: Type.String(),
  name: Type.String(),
  levels: Type.Array(Type.Object({ notify: Type.Record(Type.String(), Type.String()), timeout: Type.String() })),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const AuthorityCreate = Type.Object(
  {
    name: Name,
    riskType: Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 60, description: 'legal, pr_media, regulator, trust_safety, payments_risk …' }),
    region: Type.Optional(Type.Union([Type.String({ pattern: '^[A-Z]{2}$' }), Type.Null()])),
    ladder: Id,
  },
  { additionalProperties: false },
);
export const Authority = Type.Object({
  id: Type.String(),
  name: Type.String(),
  riskType: Type.String(),
  region: Type.Union([Type.String(), Type.Null()]),
  ladder: Type.Object({ id: Type.String(), name: Type.String() }),
  createdAt: Type.String({ format: 'date-time' }),
});

export const RaiseBody = Type.Object({ authority: Id, reason: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }) }, { additionalProperties: false });

const Person = Type.Object({ id: Type.String(), displayName: Type.String() });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
export const Escalation = Type.Object({
  id: Type.String(),
  case: Type.Object({ id: Type.String(), number: Type.String(), title: Type.String() }),
  authority: Type.Object({ id: Type.String(), name: Type.String(), riskType: Type.String(), region: Nullable(Type.String()) }),
  reason: Type.String(),
  status: Type.Enum(['open', 'acknowledged', 'ended']),
  level: Type.Integer({ description: 'the level paged last, from 1' }),
  levels: Type.Integer(),
  raisedAt: Type.String({ format: 'date-time' }),
  raisedBy: Nullable(Person),
  lastPagedAt: Nullable(Type.String({ format: 'date-time' })),
  acknowledgedAt: Nullable(Type.String({ format: 'date-time' })),
  acknowledgedBy: Nullable(Person),
  endedAt: Nullable(Type.String({ format: 'date-time' })),
  endReason: Nullable(Type.String()),
  pages: Type.Array(Type.Object({ seq: Type.Integer(), level: Type.Integer(), pagedAt: Type.String({ format: 'date-time' }), recipients: Type.Array(Person) })),
});
export const EscalationQuery = Type.Object(
  { status: Type.Enum(['open', 'acknowledged', 'ended', 'all'], { default: 'open' }), caseId: Type.Optional(Id) },
  { additionalProperties: false },
);
