// Shapes of the server's JSON, as documented by its OpenAPI contract.

export const LOCALES = ['en', 'zh', 'ms'] as const;
export type Locale = (typeof LOCALES)[number];

export const ROLES = ['requester', 'specialist', 'lead', 'qa', 'manager', 'partner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const TEAM_KINDS = ['service', 'partner'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

/** Regions the UI has names for; the server's /regions list is the source of truth. */
export const KNOWN_REGIONS = ['MY', 'SG', 'CN'] as const;
export type RegionCode = string;

/** Languages a person can work in (cases, replies, articles). */
export const WORKING_LANGUAGES = ['en', 'zh', 'ms'] as const;

export const AREAS = ['cases', 'dashboards', 'knowledge', 'qa', 'shifts', 'admin'] as const;
export type Area = (typeof AREAS)[number];

export interface TeamRef {
  id: string;
  name: string;
  kind: TeamKind;
}

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  region: RegionCode | null;
  languages: string[];
  locale: Locale;
  active: boolean;
  /** Takes automatically assigned cases. */
  available: boolean;
  /** Category prefixes for the skills strategy; empty: any. */
  skillCategories: string[];
  teams: TeamRef[];
  createdAt: string;
  updatedAt: string;
}

export interface Abilities {
  areas: Record<Area, boolean>;
  users: { read: boolean; manage: boolean };
  teams: { read: boolean; manage: boolean };
  tokens: { manage: boolean };
  /** Which case lists and forms the person gets (partners work from their handoff inbox). */
  cases: { list: boolean; file: boolean; queues: boolean };
  handoffs: { inbox: boolean };
  imports: { run: boolean };
  knowledge: { write: boolean; publish: boolean };
  templates: { use: boolean; manage: boolean };
}

/** What /auth/login and /me return: who is signed in and what they may do. */
export interface Session {
  user: User;
  abilities: Abilities;
  csrfToken: string;
}

export interface Team {
  id: string;
  name: string;
  kind: TeamKind;
  region: RegionCode | null;
  memberCount: number;
  assignment: TeamAssignment;
  createdAt: string;
}

/** How a service team hands out new cases (`manual`: they wait in the team queue). */
export const ASSIGNMENT_STRATEGIES = ['round_robin', 'least_loaded', 'skills', 'manual'] as const;
export type AssignmentStrategy = (typeof ASSIGNMENT_STRATEGIES)[number];

export interface TeamAssignment {
  /** One of ASSIGNMENT_STRATEGIES; a string, so a newer server's strategy still shows. */
  strategy: string;
  /** Open cases an agent may hold; null: no limit. */
  capacity: number | null;
}

export interface Region {
  code: RegionCode;
  name: string;
  timeZone: string;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface FieldProblem {
  field: string;
  /** English explanation from the server. */
  message: string;
  /** Stable reason the UI translates (server/src/platform/errors.ts FIELD_ERROR_CODES). */
  code?: string;
  params?: Record<string, string | number>;
}

/** RFC 9457 problem details with the server's stable error code. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: FieldProblem[];
}
