// Shapes of the escalation API (server/src/domains/escalation/schemas.ts).

export const ESCALATION_STATUSES = ['open', 'acknowledged', 'ended'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

/** Risk types the UI has words for; the server takes any `^[a-z][a-z0-9_]*$`. */
export const RISK_TYPES = ['legal', 'pr_media', 'regulator', 'trust_safety', 'payments_risk', 'other'] as const;

export interface PersonRef {
  id: string;
  displayName: string;
}

export interface EscalationPage {
  seq: number;
  level: number;
  pagedAt: string;
  recipients: PersonRef[];
}

export interface Escalation {
  id: string;
  case: { id: string; number: string; title: string };
  authority: { id: string; name: string; riskType: string; region: string | null };
  reason: string;
  status: EscalationStatus;
  /** The level paged last, from 1. */
  level: number;
  levels: number;
  raisedAt: string;
  raisedBy: PersonRef | null;
  lastPagedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: PersonRef | null;
  endedAt: string | null;
  endReason: string | null;
  pages: EscalationPage[];
}

/** Who a level pages: a person, a team's members, or one role in a team. */
export type LadderTarget = { user: string } | { team: string } | { team: string; role: 'lead' | 'specialist' | 'manager' };

export interface Ladder {
  id: string;
  name: string;
  levels: { notify: Record<string, string>; timeout: string }[];
  createdAt: string;
  updatedAt: string;
}

export interface LadderInput {
  name: string;
  levels: { notify: LadderTarget; timeout: string }[];
}

export interface Authority {
  id: string;
  name: string;
  riskType: string;
  region: string | null;
  ladder: { id: string; name: string };
  createdAt: string;
}

export interface AuthorityInput {
  name: string;
  riskType: string;
  region: string | null;
  ladder: string;
}
