import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Table types; they mirror server/migrations/*.sql. */
export interface Database {
  schema_migrations: SchemaMigrationTable;
  regions: RegionTable;
  teams: TeamTable;
  users: UserTable;
  team_members: TeamMemberTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  login_attempts: LoginAttemptTable;
  audit_log: AuditLogTable;
  jobs: JobTable;
}

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface SchemaMigrationTable {
  version: number;
  name: string;
  applied_at: Timestamp;
}

export interface RegionTable {
  code: string;
  name: string;
  time_zone: string;
}

export const ROLES = ['requester', 'specialist', 'lead', 'qa', 'manager', 'partner', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const TEAM_KINDS = ['service', 'partner'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];
export const LOCALES = ['en', 'zh', 'ms'] as const;
export type Locale = (typeof LOCALES)[number];

export interface TeamTable {
  id: Generated<string>;
  name: string;
  kind: TeamKind;
  region: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export type TeamRow = Selectable<TeamTable>;

export interface UserTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  role: Role;
  region: string | null;
  languages: string[];
  locale: Locale;
  active: Generated<boolean>;
  password_hash: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export type UserRow = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;

export interface TeamMemberTable {
  team_id: string;
  user_id: string;
}

export interface SessionTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface ApiTokenTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}
export type ApiTokenRow = Selectable<ApiTokenTable>;

export interface LoginAttemptTable {
  id: Generated<number>;
  email: string;
  ip: string;
  succeeded: boolean;
  at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Json | null;
  after: Json | null;
  request_id: string | null;
}

export interface JobTable {
  id: Generated<number>;
  kind: string;
  payload: ColumnType<unknown, string | undefined, string>;
  status: Generated<'queued' | 'running' | 'done' | 'dead'>;
  run_at: Timestamp;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_by: string | null;
  locked_until: Timestamp | null;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
}
export type JobRow = Selectable<JobTable>;
