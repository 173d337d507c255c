import { Type } from 'typebox';
import { ACCOUNT_TIERS, ACCOUNT_TYPES, LOCALES, PRIORITIES, SOURCES, VISIBILITIES } from '../../db/schema.js';
import { STATUSES } from './status-machine.js';

const Labels = Type.Object(
  { en: Type.String({ minLength: 1, maxLength: 120 }), zh: Type.String({ minLength: 1, maxLength: 120 }), ms: Type.String({ minLength: 1, maxLength: 120 }) },
  { additionalProperties: false },
);
const IntakeField = Type.Object(
  { key: Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]{0,39}$' }), type: Type.Enum(['text', 'number']), labels: Labels },
  { additionalProperties: false },
);
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const PersonRef = Type.Object({ id: Type.String(), displayName: Type.String() });
const Id = Type.String({ format: 'uuid' });
const FieldValues = Type.Record(Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]{0,39}$' }), Type.Union([Type.String({ maxLength: 500 }), Type.Number()]), { maxProperties: 40 });
// `\\S`: texts need at least one visible character.
const Visible = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });
const Title = Visible(300);
const Description = Visible(50_000);
const RootCause = Type.Object({ code: Type.Optional(Nullable(Type.String({ maxLength: 80 }))), text: Visible(5000) }, { additionalProperties: false });
const Resolution = Type.Object({ code: Type.Optional(Nullable(Type.String({ maxLength: 80 }))), summary: Visible(5000) }, { additionalProperties: false });

export const Category = Type.Object({
  code: Type.String(),
  parentCode: Nullable(Type.String()),
  labels: Type.Object({ en: Type.String(), zh: Type.String(), ms: Type.String() }),
  requiredFields: Type.Array(Type.Object({ key: Type.String(), type: Type.String(), labels: Type.Object({ en: Type.String(), zh: Type.String(), ms: Type.String() }) })),
  active: Type.Boolean(),
  position: Type.Integer(),
});
export const CategoryCreate = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z0-9-]+(/[a-z0-9-]+)?$', maxLength: 80, description: 'root or root/child' }),
    labels: Labels,
    requiredFields: Type.Optional(Type.Array(IntakeField, { maxItems: 20 })),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  },
  { additionalProperties: false },
);
export const CategoryPatch = Type.Object(
  {
    labels: Type.Optional(Labels),
    requiredFields: Type.Optional(Type.Array(IntakeField, { maxItems: 20 })),
    active: Type.Optional(Type.Boolean()),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export const CategoryParams = Type.Object({ code: Type.String({ maxLength: 80 }) });

export const AccountInput = Type.Object(
  {
    type: Type.Enum([...ACCOUNT_TYPES]),
    externalId: Type.String({ minLength: 1, maxLength: 120 }),
    name: Visible(200),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 254 }))),
    phone: Type.Optional(Nullable(Type.String({ pattern: '^[+0-9 ()-]{3,40}$' }))),
    region: Type.Optional(Nullable(Type.String({ pattern: '^[A-Z]{2}$' }))),
    language: Type.Optional(Nullable(Type.Enum([...LOCALES]))),
    tier: Type.Optional(Type.Enum([...ACCOUNT_TIERS])),
  },
  { additionalProperties: false },
);

export const CaseCreate = Type.Object(
  {
    title: Title,
    description: Description,
    category: Type.String({ maxLength: 80 }),
    account: AccountInput,
    source: Type.Enum(SOURCES.filter((s) => s !== 'import')),
    language: Type.Optional(Type.Enum([...LOCALES])),
    priority: Type.Optional(Type.Enum([...PRIORITIES])),
    team: Type.Optional(Id),
    fields: Type.Optional(FieldValues),
  },
  { additionalProperties: false },
);

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7E]+$' })),
});

export const CasePatch = Type.Object(
  {
    title: Type.Optional(Title),
    description: Type.Optional(Description),
    category: Type.Optional(Type.String({ maxLength: 80 })),
    priority: Type.Optional(Type.Enum([...PRIORITIES])),
    flags: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
    team: Type.Optional(Nullable(Id)),
    assignee: Type.Optional(Nullable(Id)),
    fields: Type.Optional(FieldValues),
    rootCause: Type.Optional(RootCause),
    resolution: Type.Optional(Resolution),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const SLA_STATES = ['on_track', 'at_risk', 'breached', 'paused'] as const;

export const Case = Type.Object(
  {
    id: Type.String(),
    number: Type.String(),
    title: Type.String(),
    description: Type.String(),
    category: Type.Object({ code: Type.String(), labels: Type.Object({ en: Type.String(), zh: Type.String(), ms: Type.String() }) }),
    account: Type.Object({
      id: Type.String(),
      type: Type.String(),
      externalId: Type.String(),
      name: Type.String(),
      email: Nullable(Type.String()),
      phone: Nullable(Type.String()),
      region: Nullable(Type.String()),
      language: Nullable(Type.String()),
      tier: Type.String(),
    }),
    requester: Nullable(PersonRef),
    source: Type.String(),
    language: Type.String(),
    priority: Type.String(),
    flags: Type.Array(Type.String()),
    status: Type.Enum([...STATUSES]),
    team: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
    assignee: Nullable(PersonRef),
    fields: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
    rootCause: Nullable(Type.Object({ code: Nullable(Type.String()), text: Type.String() })),
    resolution: Nullable(Type.Object({ code: Nullable(Type.String()), summary: Type.String() })),
    externalId: Nullable(Type.String()),
    mergedInto: Nullable(Type.Object({ id: Type.String(), number: Type.String() })),
    reopenCount: Type.Integer(),
    createdAt: DateTime,
    updatedAt: DateTime,
    firstResponseAt: Nullable(DateTime),
    resolvedAt: Nullable(DateTime),
    closedAt: Nullable(DateTime),
    requesterNotifiedAt: Nullable(DateTime),
    requesterConfirmedAt: Nullable(DateTime),
    sla: Type.Object(
      {
        state: Nullable(Type.Enum([...SLA_STATES])),
        dueAt: Nullable(DateTime),
      },
      { description: 'the soonest due of the running SLA clocks and the worst state of the open ones (null for partner departments or without clocks)' },
    ),
    abilities: Type.Object({
      edit: Type.Boolean(),
      comment: Type.Boolean(),
      commentInternal: Type.Boolean(),
      transition: Type.Boolean(),
      transitions: Type.Array(Type.Enum([...STATUSES]), { description: 'the statuses this person may move the case to now' }),
      handoff: Type.Boolean(),
      merge: Type.Boolean(),
      attach: Type.Boolean(),
    }),
  },
  { $id: 'Case' },
);

const CommaList = (values: readonly string[]) =>
  Type.String({ pattern: `^(${values.join('|')})(,(${values.join('|')}))*$`, description: `comma-separated: ${values.join(', ')}` });
const IdOrMe = Type.String({ pattern: '^(me|[0-9a-fA-F-]{36})$', description: 'a user id, or me' });

// The list's filters, shared by the list and its export.
const CaseFilterProperties = {
    status: Type.Optional(CommaList(STATUSES)),
    priority: Type.Optional(CommaList(PRIORITIES)),
    category: Type.Optional(Type.String({ pattern: '^[a-z0-9-]+(/[a-z0-9-]+)?$' })),
    teamId: Type.Optional(Id),
    assigneeId: Type.Optional(IdOrMe),
    unassigned: Type.Optional(Type.Boolean()),
    requesterId: Type.Optional(IdOrMe),
    accountId: Type.Optional(Id),
    createdFrom: Type.Optional(DateTime),
    createdTo: Type.Optional(DateTime),
    slaState: Type.Optional(CommaList(SLA_STATES)),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    sort: Type.Enum(['-createdAt', 'createdAt', '-updatedAt', 'priority', 'due'], { default: '-createdAt', description: 'due: soonest SLA due first, cases without a running clock last' }),
};

export const CaseQuery = Type.Object(
  {
    ...CaseFilterProperties,
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const CaseExportQuery = Type.Object(
  {
    ...CaseFilterProperties,
    format: Type.Enum(['csv', 'xlsx'], { description: 'csv: UTF-8 with BOM, RFC 4180; xlsx: one sheet, header frozen, typed cells' }),
    tz: Type.Optional(Type.String({ maxLength: 64, description: 'IANA zone for the date-time columns (default: the organisation’s, CLOSELOOP_TIME_ZONE)' })),
  },
  { additionalProperties: false },
);

export const CasePage = Type.Object({
  items: Type.Array(Case),
  nextCursor: Nullable(Type.String()),
  total: Type.Integer(),
  totalIsEstimate: Type.Boolean(),
});

export const CaseParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 60, description: 'case id or number (ESC-000123)' }) });

export const TransitionBody = Type.Object(
  {
    to: Type.Enum([...STATUSES]),
    rootCause: Type.Optional(RootCause),
    resolution: Type.Optional(Resolution),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const CommentBody = Type.Object(
  { body: Visible(20_000), visibility: Type.Enum([...VISIBILITIES]) },
  { additionalProperties: false },
);
export const Comment = Type.Object({
  id: Type.Integer(),
  body: Type.String(),
  visibility: Type.String(),
  author: Nullable(PersonRef),
  createdAt: DateTime,
});

export const TimelineItem = Type.Object({
  id: Type.String(),
  at: DateTime,
  kind: Type.String(),
  actor: Nullable(PersonRef),
  comment: Type.Optional(Type.Object({ body: Type.String(), visibility: Type.String() })),
  data: Type.Record(Type.String(), Type.Unknown()),
});

export const MergeBody = Type.Object({ into: Type.String({ minLength: 1, maxLength: 60 }) }, { additionalProperties: false });

export const Handoff = Type.Object({
  id: Type.String(),
  case: Type.Object({ id: Type.String(), number: Type.String(), title: Type.String() }),
  team: Type.Object({ id: Type.String(), name: Type.String() }),
  question: Type.String(),
  dueAt: DateTime,
  status: Type.String(),
  answer: Nullable(Type.String()),
  answeredBy: Nullable(PersonRef),
  answeredAt: Nullable(DateTime),
  remindersSent: Type.Integer(),
  overdue: Type.Boolean(),
  createdBy: Nullable(PersonRef),
  createdAt: DateTime,
  abilities: Type.Object({ answer: Type.Boolean() }),
});
export const HandoffCreate = Type.Object(
  { team: Id, question: Visible(5000), dueAt: DateTime },
  { additionalProperties: false },
);
export const HandoffAnswer = Type.Object({ answer: Visible(20_000) }, { additionalProperties: false });
export const HandoffQuery = Type.Object({ status: Type.Enum(['open', 'answered', 'all'], { default: 'open' }) }, { additionalProperties: false });

export const LinkBody = Type.Object(
  { other: Type.String({ minLength: 1, maxLength: 60, description: 'case id or number' }), kind: Type.Enum(['related', 'parent_of', 'child_of']) },
  { additionalProperties: false },
);
export const Link = Type.Object({
  kind: Type.String(),
  case: Type.Object({ id: Type.String(), number: Type.String(), title: Type.String(), status: Type.String() }),
  createdAt: DateTime,
});
