// Shapes of the calendars and SLA policies API (issue 5 contract), as the server sends them.
import type { AccountTier, Priority } from '../cases/types';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Holiday {
  date: string;
  name?: string;
  /** Absent or empty: closed all day; otherwise work only these blocks (half days, make-up days). */
  blocks?: string[][];
}

export interface Calendar {
  id: string;
  name: string;
  timeZone: string;
  week: Record<string, string[][]>;
  holidays: Holiday[];
  alwaysOpen: boolean;
  region: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CalendarInput {
  name: string;
  timeZone: string;
  week: Record<Weekday, [string, string][]>;
  holidays: { date: string; name?: string; blocks?: [string, string][] }[];
  alwaysOpen: boolean;
  region: string | null;
}

export const TARGET_KEYS = ['firstResponse', 'nextResponse', 'resolution', 'handoffAnswer'] as const;
export type TargetKey = (typeof TARGET_KEYS)[number];

export const CLOCK_KINDS = ['first_response', 'next_response', 'resolution', 'handoff_answer'] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

/** Which target of a policy sets each clock. */
export const TARGET_OF_CLOCK: Record<ClockKind, TargetKey> = {
  first_response: 'firstResponse',
  next_response: 'nextResponse',
  resolution: 'resolution',
  handoff_answer: 'handoffAnswer',
};

export const PAUSE_STATUSES = ['triaged', 'waiting_requester', 'waiting_partner'] as const;
export type PauseStatus = (typeof PAUSE_STATUSES)[number];

export const REOPEN_RULES = ['continue', 'restart'] as const;
export type ReopenRule = (typeof REOPEN_RULES)[number];

export type BreachAction =
  | { action: 'notify' }
  | { action: 'raise_priority' }
  | { action: 'move_to_team'; team: string }
  | { action: 'raise_critical'; authority: string };

export interface PolicyMatch {
  priorities: Priority[];
  categoryPattern: string;
  accountTiers: AccountTier[];
  regions: string[];
  partnerTeams: string[];
}

export interface CalendarRef {
  id: string;
  name: string;
  timeZone: string;
}

export interface Policy {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  match: PolicyMatch;
  calendar: CalendarRef;
  targets: Partial<Record<TargetKey, string>>;
  warnAt: number[];
  breachActions: BreachAction[];
  pauseStatuses: PauseStatus[];
  onReopen: ReopenRule;
  createdAt: string;
  updatedAt: string;
}

/** What POST /sla/policies takes; `calendar` is the calendar's id. */
export interface PolicyInput {
  name: string;
  position: number;
  enabled: boolean;
  match: PolicyMatch;
  calendar: string;
  targets: Partial<Record<TargetKey, string>>;
  warnAt: number[];
  breachActions: BreachAction[];
  pauseStatuses: PauseStatus[];
  onReopen: ReopenRule;
}

export interface PreviewCase {
  priority: Priority;
  category: string;
  accountTier?: AccountTier;
  region?: string | null;
  partnerTeam?: string;
}

export interface PreviewRequest {
  case: PreviewCase;
  at: string;
  policy?: Omit<PolicyInput, 'name' | 'position'>;
}

export interface PreviewClock {
  kind: ClockKind;
  policy: { id: string | null; name: string };
  calendar: CalendarRef;
  why: { field: string; value: string | null; rule: string[] }[];
  target: string;
  targetSeconds: number;
  due: string;
}

export interface PreviewResult {
  clocks: PreviewClock[];
}
