import { Type } from 'typebox';
import { LOCALES, ROLES, TEAM_KINDS } from '../../db/schema.js';

const Role = Type.Enum([...ROLES], { description: 'One of the roles of DESIGN §1' });
const Locale = Type.Enum([...LOCALES], { description: 'Interface language' });
const TeamKind = Type.Enum([...TEAM_KINDS], { description: 'service team or partner department' });
const RegionCode = Type.String({ pattern: '^[A-Z]{2}$', description: 'Region (market) code such as MY' });
const Email = Type.String({ format: 'email', maxLength: 254 });
// `\\S`: at least one visible character, so a name of spaces is not saved as an empty one.
const DisplayName = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });
const Password = Type.String({ minLength: 10, maxLength: 200, description: 'At least 10 characters' });
const Languages = Type.Array(Type.String({ pattern: '^[a-z]{2}$' }), { maxItems: 10, uniqueItems: true });
const DateTime = Type.String({ format: 'date-time' });

export const TeamRef = Type.Object({ id: Type.String(), name: Type.String(), kind: TeamKind });

export const User = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String(),
    displayName: Type.String(),
    role: Role,
    region: Type.Union([Type.String(), Type.Null()]),
    languages: Type.Array(Type.String()),
    locale: Locale,
    active: Type.Boolean(),
    available: Type.Boolean({ description: 'takes automatically assigned cases' }),
    skillCategories: Type.Array(Type.String(), { description: 'category prefixes for the skills strategy; empty: any' }),
    teams: Type.Array(TeamRef),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { $id: 'User' },
);

const AreaAbilities = Type.Object({
  cases: Type.Boolean(),
  dashboards: Type.Boolean(),
  knowledge: Type.Boolean(),
  qa: Type.Boolean(),
  shifts: Type.Boolean(),
  admin: Type.Boolean(),
});
const ReadManage = Type.Object({ read: Type.Boolean(), manage: Type.Boolean() });
export const Abilities = Type.Object({
  areas: AreaAbilities,
  users: ReadManage,
  teams: ReadManage,
  tokens: Type.Object({ manage: Type.Boolean() }),
  cases: Type.Object({ list: Type.Boolean(), file: Type.Boolean(), queues: Type.Boolean() }),
  handoffs: Type.Object({ inbox: Type.Boolean() }),
  imports: Type.Object({ run: Type.Boolean() }),
  knowledge: Type.Object({ write: Type.Boolean(), publish: Type.Boolean() }),
  templates: Type.Object({ use: Type.Boolean(), manage: Type.Boolean() }),
});

export const Me = Type.Object({ user: User, abilities: Abilities, csrfToken: Type.Union([Type.String(), Type.Null()]) });

export const LoginBody = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const MePatch = Type.Object(
  { locale: Type.Optional(Locale), displayName: Type.Optional(DisplayName) },
  { additionalProperties: false, minProperties: 1 },
);

const userFields = {
  email: Email,
  displayName: DisplayName,
  role: Role,
  teamIds: Type.Array(Type.String({ format: 'uuid' }), { maxItems: 50 }),
  region: Type.Union([RegionCode, Type.Null()]),
  languages: Languages,
  locale: Locale,
  password: Password,
  active: Type.Boolean(),
};

export const UserCreate = Type.Object(
  {
    email: userFields.email,
    displayName: userFields.displayName,
    role: userFields.role,
    teamIds: Type.Optional(userFields.teamIds),
    region: Type.Optional(userFields.region),
    languages: Type.Optional(userFields.languages),
    locale: Type.Optional(userFields.locale),
    password: Type.Optional(userFields.password),
    active: Type.Optional(userFields.active),
  },
  { additionalProperties: false },
);

export const UserPatch = Type.Partial(Type.Object(userFields), { additionalProperties: false, minProperties: 1 });

export const UserQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    role: Type.Optional(Role),
    teamId: Type.Optional(Type.String({ format: 'uuid' })),
    active: Type.Optional(Type.Boolean()),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const UserPage = Type.Object({ items: Type.Array(User), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const Team = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    kind: TeamKind,
    region: Type.Union([Type.String(), Type.Null()]),
    memberCount: Type.Integer(),
    assignment: Type.Object({ strategy: Type.String(), capacity: Type.Union([Type.Integer(), Type.Null()]) }),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { $id: 'Team' },
);

const teamFields = {
  name: Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' }),
  kind: TeamKind,
  region: Type.Union([RegionCode, Type.Null()]),
  assignment: Type.Object(
    {
      strategy: Type.Enum(['round_robin', 'least_loaded', 'skills', 'manual']),
      capacity: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 1000 }), Type.Null()], { description: 'open cases an agent may hold; null: no limit' })),
    },
    { additionalProperties: false },
  ),
};
export const TeamCreate = Type.Object(
  { name: teamFields.name, kind: teamFields.kind, region: Type.Optional(teamFields.region), assignment: Type.Optional(teamFields.assignment) },
  { additionalProperties: false },
);
export const TeamPatch = Type.Partial(Type.Object(teamFields), { additionalProperties: false, minProperties: 1 });

export const Region = Type.Object({ code: Type.String(), name: Type.String(), timeZone: Type.String() });

export const Token = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  prefix: Type.String({ description: 'The first characters of the token, to recognise it' }),
  createdAt: DateTime,
  lastUsedAt: Type.Union([DateTime, Type.Null()]),
  revokedAt: Type.Union([DateTime, Type.Null()]),
});
export const CreatedToken = Type.Object({
  ...Token.properties,
  token: Type.String({ description: 'The secret; shown only in this response' }),
});
export const TokenCreate = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }) },
  { additionalProperties: false },
);

export const AvailabilityBody = Type.Object({ available: Type.Boolean() }, { additionalProperties: false });
export const Availability = Type.Object({ id: Type.String(), available: Type.Boolean() });
