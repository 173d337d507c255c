// Shapes of the cases API (issue 3 contract), as the server sends them.
import type { Locale } from '../../app/types';

export const CASE_STATUSES = [
  'new',
  'triaged',
  'in_progress',
  'waiting_requester',
  'waiting_partner',
  'resolved',
  'closed',
  'reopened',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const ACCOUNT_TYPES = ['seller', 'creator', 'customer'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

export const ACCOUNT_TIERS = ['standard', 'key', 'vip'] as const;
export type AccountTier = (typeof ACCOUNT_TIERS)[number];

export const VISIBILITIES = ['internal', 'requester', 'account'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const CASE_SOURCES = ['crm', 'oncall', 'email', 'api', 'import'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

/** Risk flags of DESIGN §2; a flag the UI does not know yet shows its code. */
export const CASE_FLAGS = ['legal_threat', 'media', 'regulator', 'safety', 'fraud', 'vip', 'high_value', 'repeat'] as const;

export const HANDOFF_STATUSES = ['open', 'answered', 'cancelled'] as const;
export type HandoffStatus = (typeof HANDOFF_STATUSES)[number];

/** Labels of a category or intake field in each UI language. */
export type Labels = Partial<Record<Locale, string>>;

export interface IntakeField {
  key: string;
  type: 'text' | 'number';
  labels: Labels;
}

export interface Category {
  code: string;
  parentCode: string | null;
  labels: Labels;
  requiredFields: IntakeField[];
  active: boolean;
  position: number;
}

export interface PersonRef {
  id: string;
  displayName: string;
}

export interface TeamRefLite {
  id: string;
  name: string;
}

export interface Account {
  id: string;
  type: AccountType;
  externalId: string;
  name: string;
  email: string | null;
  phone: string | null;
  region: string | null;
  language: string | null;
  tier: AccountTier | null;
}

/** What the signed-in person may do with this case, decided by the server. */
export interface CaseAbilities {
  edit: boolean;
  comment: boolean;
  commentInternal: boolean;
  transition: boolean;
  handoff: boolean;
  merge: boolean;
  attach: boolean;
  /** The statuses this person may move the case to now. */
  transitions: CaseStatus[];
}

export interface Case {
  id: string;
  number: string;
  title: string;
  description: string;
  category: { code: string; labels: Labels };
  account: Account;
  requester: PersonRef | null;
  source: CaseSource;
  language: string;
  priority: Priority;
  flags: string[];
  status: CaseStatus;
  team: TeamRefLite | null;
  assignee: PersonRef | null;
  fields: Record<string, string | number>;
  rootCause: { code: string | null; text: string } | null;
  resolution: { code: string | null; summary: string } | null;
  externalId: string | null;
  mergedInto: { id: string; number: string } | null;
  reopenCount: number;
  createdAt: string;
  updatedAt: string;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  requesterNotifiedAt: string | null;
  requesterConfirmedAt: string | null;
  /** The worst state of the case's clocks and their soonest running due; absent from servers before SLA. */
  sla?: CaseSlaSummary;
  abilities: CaseAbilities;
}

export interface CasePage {
  items: Case[];
  nextCursor: string | null;
  total: number;
  totalIsEstimate: boolean;
}

export interface CaseDraft {
  title: string;
  description: string;
  category: string;
  account: {
    type: AccountType;
    externalId: string;
    name: string;
    email?: string;
    phone?: string;
    region?: string;
    language?: string;
    tier?: AccountTier;
  };
  source: CaseSource;
  priority?: Priority;
  fields?: Record<string, string | number>;
}

export interface CaseChanges {
  priority?: Priority;
  team?: string | null;
  assignee?: string | null;
  category?: string;
}

export interface TransitionInput {
  to: CaseStatus;
  rootCause?: { code?: string; text: string };
  resolution?: { code?: string; summary: string };
  reason?: string;
}

export interface Comment {
  id: string;
  body: string;
  visibility: Visibility;
  author: PersonRef | null;
  createdAt: string;
}

export interface TimelineEntry {
  id: string;
  at: string;
  kind: string;
  actor: PersonRef | null;
  comment?: { body: string; visibility: Visibility };
  data: Record<string, unknown>;
}

export interface Handoff {
  id: string;
  case: { id: string; number: string; title: string };
  team: TeamRefLite;
  question: string;
  dueAt: string;
  status: HandoffStatus;
  answer: string | null;
  answeredBy: PersonRef | null;
  answeredAt: string | null;
  remindersSent: number;
  overdue: boolean;
  createdBy: PersonRef | null;
  createdAt: string;
  /** Whether the signed-in person may answer it. */
  abilities: { answer: boolean };
}

export interface AppNotification {
  /** The server sends an integer today; the UI only passes it back. */
  id: string | number;
  kind: string;
  case: { id: string; number: string; title: string } | null;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

/** A file on a case; its content type was decided by the server from the bytes. */
export interface Attachment {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: PersonRef | null;
  createdAt: string;
}

/** How a linked case relates, read from this case: `parent_of` means this case is the parent. */
export const LINK_KINDS = ['related', 'parent_of', 'child_of', 'duplicate_of'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
/** The kinds a person may choose; `duplicate_of` comes from merging. */
export const NEW_LINK_KINDS = ['related', 'parent_of', 'child_of'] as const satisfies readonly LinkKind[];
export type NewLinkKind = (typeof NEW_LINK_KINDS)[number];

export interface CaseLink {
  kind: LinkKind;
  case: { id: string; number: string; title: string; status: CaseStatus };
  createdAt: string;
}

/** The state of a case's SLA as a whole (the worst of its clocks); null when none applies. */
export const SLA_STATES = ['on_track', 'at_risk', 'breached', 'paused'] as const;
export type SlaState = (typeof SLA_STATES)[number];

export interface CaseSlaSummary {
  state: SlaState | null;
  /** The soonest due of the running clocks. */
  dueAt: string | null;
}

export const CLOCK_KINDS = ['first_response', 'next_response', 'resolution', 'handoff_answer'] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

/** A clock's status: the SLA states while it counts, met or missed once stopped. */
export const CLOCK_STATUSES = [...SLA_STATES, 'met', 'missed'] as const;
export type ClockStatus = (typeof CLOCK_STATUSES)[number];

export const CLOCK_STATES = ['running', 'paused', 'stopped'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

/** Why a segment of a clock began (or the clock stopped). */
export const CLOCK_REASONS = [
  'started',
  'paused',
  'resumed',
  'responded',
  'requester_message',
  'resolved',
  'closed',
  'reopened',
  'retargeted',
  'handoff_answered',
  'handoff_cancelled',
  'no_target',
] as const;

/** The case facts a policy matches on. */
export const SLA_MATCH_FIELDS = ['priority', 'category', 'accountTier', 'region', 'partnerTeam'] as const;

export interface ClockSegment {
  cycle: number;
  state: ClockState;
  from: string;
  to: string | null;
  reason: string;
  detail: Record<string, unknown>;
}

export interface ClockEvent {
  kind: 'warning' | 'breach';
  percent: number;
  dueAt: string;
  firedAt: string;
}

export interface SlaClock {
  id: number | string;
  kind: ClockKind;
  handoff: { id: string } | null;
  policy: { id: string | null; name: string };
  /** Per criterion: the case's value and the policy's rule (an empty rule matches anything). */
  why: { field: string; value: string | null; rule: string[] }[];
  calendar: { id: string; name: string; timeZone: string };
  state: ClockState;
  status: ClockStatus;
  /** ISO 8601 duration of working time, e.g. PT2H. */
  target: string;
  targetSeconds: number;
  cycle: number;
  startedAt: string;
  elapsedSeconds: number;
  /** Negative once breached. */
  remainingSeconds: number;
  /** Null while paused or stopped. */
  dueAt: string | null;
  breachedAt: string | null;
  stoppedAt: string | null;
  stopReason: string | null;
  warnedPercent: number;
  history: ClockSegment[];
  events: ClockEvent[];
}

export interface CaseSla extends CaseSlaSummary {
  clocks: SlaClock[];
}
