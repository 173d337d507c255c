import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CaseStatus } from '../domains/cases/status-machine.js';

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
  accounts: AccountTable;
  categories: CategoryTable;
  cases: CaseTable;
  case_comments: CaseCommentTable;
  case_events: CaseEventTable;
  handoffs: HandoffTable;
  case_links: CaseLinkTable;
  attachments: AttachmentTable;
  idempotency_keys: IdempotencyKeyTable;
  notifications: NotificationTable;
  tier1_contacts: Tier1ContactTable;
  metric_units: MetricUnitTable;
  calendars: CalendarTable;
  sla_policies: SlaPolicyTable;
  sla_clocks: SlaClockTable;
  sla_clock_segments: SlaClockSegmentTable;
  sla_events: SlaEventTable;
  escalation_ladders: EscalationLadderTable;
  escalation_authorities: EscalationAuthorityTable;
  critical_escalations: CriticalEscalationTable;
  critical_pages: CriticalPageTable;
  routing_rules: RoutingRuleTable;
  routing_rule_versions: RoutingRuleVersionTable;
  mail_outbox: MailOutboxTable;
  csat_surveys: CsatSurveyTable;
  mail_attachments: MailAttachmentTable;
  articles: ArticleTable;
  article_variants: ArticleVariantTable;
  article_versions: ArticleVersionTable;
  article_case_links: ArticleCaseLinkTable;
  response_templates: ResponseTemplateTable;
  configuration_generation: ConfigurationGenerationTable;
}

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface SchemaMigrationTable {
  version: number;
  name: string;
  applied_at: Timestamp;
}

/** One row: moves on with every change to the configuration intake caches (migration 0018). */
export interface ConfigurationGenerationTable {
  only_row: Generated<boolean>;
  generation: Generated<string>;
  changed_by: string | null;
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
  assignment_strategy: Generated<AssignmentStrategy>;
  assignment_capacity: number | null;
  round_robin_last: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export const ASSIGNMENT_STRATEGIES = ['round_robin', 'least_loaded', 'skills', 'manual'] as const;
export type AssignmentStrategy = (typeof ASSIGNMENT_STRATEGIES)[number];
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
  available: Generated<boolean>;
  skill_categories: Generated<string[]>;
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

export const ACCOUNT_TYPES = ['seller', 'creator', 'customer'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];
export const ACCOUNT_TIERS = ['standard', 'key', 'vip'] as const;
export type AccountTier = (typeof ACCOUNT_TIERS)[number];

export interface AccountTable {
  id: Generated<string>;
  type: AccountType;
  external_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  region: string | null;
  language: Locale | null;
  tier: Generated<AccountTier>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export type AccountRow = Selectable<AccountTable>;

export interface Labels {
  en: string;
  zh: string;
  ms: string;
}
export interface IntakeField {
  key: string;
  type: 'text' | 'number';
  labels: Labels;
}

export interface CategoryTable {
  code: string;
  parent_code: string | null;
  labels: ColumnType<Labels, string, string>;
  required_fields: ColumnType<IntakeField[], string | undefined, string>;
  active: Generated<boolean>;
  position: Generated<number>;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type CategoryRow = Selectable<CategoryTable>;

export const SOURCES = ['crm', 'oncall', 'email', 'api', 'import'] as const;
export type CaseSource = (typeof SOURCES)[number];
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const RISK_FLAGS = ['legal_threat', 'media', 'regulator', 'safety', 'fraud', 'vip', 'high_value', 'repeat'] as const;

export interface CaseTable {
  id: Generated<string>;
  number: string;
  title: string;
  description: string;
  category_code: string;
  account_id: string;
  requester_id: string | null;
  source: CaseSource;
  language: Locale;
  priority: Priority;
  flags: string[];
  status: CaseStatus;
  team_id: string | null;
  assignee_id: string | null;
  fields: ColumnType<Record<string, string | number>, string | undefined, string>;
  root_cause_code: string | null;
  root_cause_text: string | null;
  resolution_code: string | null;
  resolution_summary: string | null;
  external_id: string | null;
  merged_into_id: string | null;
  reopen_count: Generated<number>;
  requester_notified_at: Timestamp | null;
  requester_confirmed_at: Timestamp | null;
  search_tokens: string[];
  /** Customer satisfaction 1–5: the latest survey answer, or the imported score. */
  csat: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  first_response_at: Timestamp | null;
  resolved_at: Timestamp | null;
  closed_at: Timestamp | null;
  sla_due_at: Timestamp | null;
  routing: ColumnType<Record<string, unknown>, string | undefined, string>;
  sla_state: 'on_track' | 'at_risk' | 'breached' | 'paused' | null;
}
export type CaseRow = Selectable<CaseTable>;

export const VISIBILITIES = ['internal', 'requester', 'account'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export interface CaseCommentTable {
  id: Generated<number>;
  case_id: string;
  author_id: string | null;
  visibility: Visibility;
  body: string;
  created_at: Timestamp;
}

export interface CaseEventTable {
  id: Generated<number>;
  case_id: string;
  at: Timestamp;
  actor_id: string | null;
  kind: string;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface HandoffTable {
  id: Generated<string>;
  case_id: string;
  team_id: string;
  question: string;
  due_at: Timestamp;
  status: Generated<'open' | 'answered' | 'cancelled'>;
  answer: string | null;
  answered_by: string | null;
  answered_at: Timestamp | null;
  reminders_sent: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
}
export type HandoffRow = Selectable<HandoffTable>;

export const LINK_KINDS = ['related', 'duplicate_of', 'parent_of', 'child_of'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export interface CaseLinkTable {
  case_id: string;
  other_id: string;
  kind: LinkKind;
  created_at: Timestamp;
}

export interface AttachmentTable {
  id: Generated<string>;
  case_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string | null;
  created_at: Timestamp;
}

export interface IdempotencyKeyTable {
  actor_key: string;
  key: string;
  request_hash: string;
  case_id: string;
  created_at: Timestamp;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: string;
  kind: string;
  case_id: string | null;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

/** What the metrics count, one row per case and family, kept by triggers (migration 0011). */
export interface MetricUnitTable {
  case_id: string;
  family: string;
  at: Timestamp;
  v: number;
  seconds: number | null;
  work_seconds: number | null;
  loop_closed: number | null;
  score: number | null;
  team_id: string | null;
  assignee_id: string | null;
  category_code: string;
  region: string | null;
  priority: string;
  source: string;
  language: string;
}

/** Tier 1 contact volumes per local day × category × region (the escalation rate's denominator). */
export interface Tier1ContactTable {
  day: ColumnType<string, string, string>;
  category_code: string;
  region: string;
  contacts: number;
  updated_at: Timestamp;
}

/** A business calendar (domains/sla/calendar.ts has the shapes of `week` and `holidays`). */
export interface CalendarTable {
  id: Generated<string>;
  name: string;
  time_zone: string;
  week: ColumnType<Record<string, Array<[string, string]>>, string, string>;
  holidays: ColumnType<Array<{ date: string; name?: string; blocks?: Array<[string, string]> }>, string, string>;
  always_open: boolean;
  region: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export type CalendarRow = Selectable<CalendarTable>;

export type ClockKind = 'first_response' | 'next_response' | 'resolution' | 'handoff_answer';
export type SlaTargets = Partial<Record<'firstResponse' | 'nextResponse' | 'resolution' | 'handoffAnswer', string>>;
export type BreachAction =
  | { action: 'notify' }
  | { action: 'raise_priority' }
  | { action: 'move_to_team'; team: string }
  | { action: 'raise_critical'; authority: string };
export type PolicyWhy = Array<{ field: string; value: string | null; rule: string[] }>;

export interface SlaPolicyTable {
  id: Generated<string>;
  name: string;
  position: number;
  enabled: Generated<boolean>;
  priorities: string[];
  category_pattern: string;
  account_tiers: string[];
  regions: string[];
  partner_teams: string[];
  calendar_id: string;
  targets: ColumnType<SlaTargets, string, string>;
  warn_at: number[];
  breach_actions: ColumnType<BreachAction[], string, string>;
  pause_statuses: string[];
  on_reopen: 'continue' | 'restart';
  created_at: Timestamp;
  updated_at: Timestamp;
}
export type SlaPolicyRow = Selectable<SlaPolicyTable>;

export interface SlaClockTable {
  id: Generated<number>;
  case_id: string;
  kind: ClockKind;
  handoff_id: string | null;
  policy_id: string | null;
  policy_name: string;
  calendar_id: string;
  target_seconds: number;
  warn_at: number[];
  pause_statuses: string[];
  on_reopen: 'continue' | 'restart';
  state: 'running' | 'paused' | 'stopped';
  cycle: Generated<number>;
  started_at: Timestamp;
  elapsed_seconds: Generated<number>;
  running_since: Timestamp | null;
  due_at: Timestamp | null;
  next_check_at: Timestamp | null;
  warned_percent: Generated<number>;
  why: ColumnType<PolicyWhy, string, string>;
  breached_at: Timestamp | null;
  stopped_at: Timestamp | null;
  stop_reason: string | null;
}
export type SlaClockRow = Selectable<SlaClockTable>;

export interface SlaClockSegmentTable {
  id: Generated<number>;
  clock_id: number;
  cycle: number;
  state: 'running' | 'paused' | 'stopped';
  from_at: Timestamp;
  to_at: Timestamp | null;
  reason: string;
  detail: ColumnType<Record<string, unknown>, string, string>;
}

export interface SlaEventTable {
  id: Generated<number>;
  clock_id: number;
  cycle: number;
  kind: 'warning' | 'breach';
  percent: number;
  due_at: Timestamp;
  fired_at: Timestamp;
}

/** Who a ladder level pages: a person, a team (its members until shifts name an on-call), or a role in a team. */
export type LadderTarget = { user: string } | { team: string; role?: 'lead' | 'specialist' | 'manager' };
export interface LadderLevel {
  notify: LadderTarget;
  timeout: string;
  timeoutSeconds: number;
}

export interface EscalationLadderTable {
  id: Generated<string>;
  name: string;
  levels: ColumnType<LadderLevel[], string, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export type EscalationLadderRow = Selectable<EscalationLadderTable>;

export interface EscalationAuthorityTable {
  id: Generated<string>;
  name: string;
  risk_type: string;
  region: string | null;
  ladder_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CriticalEscalationTable {
  id: Generated<string>;
  case_id: string;
  authority_id: string;
  levels: ColumnType<LadderLevel[], string, string>;
  reason: string;
  status: 'open' | 'acknowledged' | 'ended';
  level: Generated<number>;
  pages_sent: Generated<number>;
  raised_by: string | null;
  raised_at: Timestamp;
  last_paged_at: Timestamp | null;
  acknowledged_by: string | null;
  acknowledged_at: Timestamp | null;
  ended_at: Timestamp | null;
  end_reason: string | null;
}
export type CriticalEscalationRow = Selectable<CriticalEscalationTable>;

export interface CriticalPageTable {
  id: Generated<number>;
  escalation_id: string;
  seq: number;
  level: number;
  recipients: string[];
  paged_at: Timestamp;
}

export interface RoutingRuleTable {
  id: Generated<string>;
  version: Generated<number>;
  name: string;
  enabled: boolean;
  position: number;
  definition: ColumnType<{ when: unknown; then: unknown[] }, string, string>;
  deleted_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export type RoutingRuleRow = Selectable<RoutingRuleTable>;

export interface RoutingRuleVersionTable {
  rule_id: string;
  version: number;
  name: string;
  enabled: boolean;
  position: number;
  definition: ColumnType<{ when: unknown; then: unknown[] }, string, string>;
  deleted: Generated<boolean>;
  saved_by: string | null;
  saved_at: Timestamp;
}

export interface MailOutboxTable {
  id: Generated<number>;
  /** NULL for mail to an address without a user (a survey to an account's contact). */
  user_id: string | null;
  to_address: string;
  to_name: string | null;
  locale: Locale;
  kind: string;
  case_id: string | null;
  data: ColumnType<Record<string, unknown>, string, string>;
  status: Generated<'queued' | 'sent' | 'held' | 'failed'>;
  subject: string | null;
  body: string | null;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface CsatSurveyTable {
  id: Generated<string>;
  case_id: string;
  resolved_at: Timestamp;
  language: Locale;
  recipient_user_id: string | null;
  recipient_address: string;
  nonce: string;
  sent_at: Timestamp;
  expires_at: Timestamp;
  answered_at: Timestamp | null;
  score: number | null;
  comment: string | null;
  created_at: Timestamp;
}

export interface MailAttachmentTable {
  id: Generated<number>;
  mail_id: number;
  file_name: string;
  content_type: string;
  content: Buffer;
}

export type ArticleStatus = 'draft' | 'in_review' | 'published' | 'archived';
export type ArticleTexts = Partial<Record<Locale, { title: string; body: string }>>;

export interface ArticleTable {
  id: Generated<string>;
  number: Generated<string>;
  status: Generated<ArticleStatus>;
  version: Generated<number>;
  category_code: string | null;
  tags: Generated<string[]>;
  team_id: string | null;
  source_case_id: string | null;
  created_by: string | null;
  updated_by: string | null;
  submitted_by: string | null;
  published_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  submitted_at: Timestamp | null;
  published_at: Timestamp | null;
  archived_at: Timestamp | null;
  use_count: Generated<number>;
  helped_count: Generated<number>;
  last_used_at: Timestamp | null;
}
export type ArticleRow = Selectable<ArticleTable>;

export interface ArticleVariantTable {
  article_id: string;
  language: Locale;
  title: string;
  body: string;
  title_tokens: Generated<string[]>;
  body_tokens: Generated<string[]>;
}

export interface ArticleVersionTable {
  article_id: string;
  version: number;
  variants: ColumnType<ArticleTexts, string, string>;
  category_code: string | null;
  tags: Generated<string[]>;
  team_id: string | null;
  saved_by: string | null;
  saved_at: Timestamp;
}

export interface ArticleCaseLinkTable {
  article_id: string;
  case_id: string;
  linked_by: string | null;
  linked_at: Timestamp;
  helped: boolean | null;
}

export interface ResponseTemplateTable {
  id: Generated<string>;
  name: string;
  language: Locale;
  category_code: string | null;
  body: string;
  variables: Generated<string[]>;
  active: Generated<boolean>;
  created_by: string | null;
  updated_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
