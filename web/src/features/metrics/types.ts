// Shapes of the metrics API (server/src/domains/metrics), as the issue 6 contract fixes them.

export const METRICS = [
  'volume_created',
  'volume_resolved',
  'backlog',
  'age_buckets',
  'sla_attainment',
  'first_response_median',
  'first_response_p90',
  'resolution_median',
  'resolution_p90',
  'csat_avg',
  'csat_satisfied_share',
  'csat_response_rate',
  'reopen_rate',
  'close_loop_rate',
  'handoff_answer_median',
  'handoff_ola_attainment',
  'escalation_rate',
  'critical_ack_median',
] as const;
export type MetricName = (typeof METRICS)[number];

export type MetricUnit = 'count' | 'seconds' | 'ratio' | 'score';

export const TIME_GROUPS = ['day', 'week', 'month'] as const;
export type TimeGroup = (typeof TIME_GROUPS)[number];
export type GroupBy = TimeGroup | 'team' | 'agent' | 'category' | 'region' | 'priority' | 'source';

export const FILTERS = ['region', 'team', 'agent', 'category', 'priority', 'source', 'language'] as const;
export type FilterName = (typeof FILTERS)[number];

export const CLOCKS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaClock = (typeof CLOCKS)[number];

/** Time metrics count working time (business) or wall time (calendar). */
export const BASES = ['business', 'calendar'] as const;
export type Basis = (typeof BASES)[number];

export const AGE_BUCKETS = ['lt_1d', '1_3d', '3_7d', '7_14d', '14_30d', 'gt_30d'] as const;

/** GET /metrics: what each metric can be grouped and filtered by. */
export interface MetricInfo {
  metric: string;
  unit: MetricUnit;
  groupBys: string[];
  filters: string[];
  params: string[];
}

export interface MetricCatalogue {
  timeZone: string;
  metrics: MetricInfo[];
}

export interface MetricRow {
  /** Day "2026-11-01", week (its Monday), month "2026-11", a code or uuid; null = none. */
  group: string | null;
  label: string | null;
  value: number | null;
  /** The cases behind the value: what the drill-down lists. */
  count: number;
}

export interface MetricResult {
  metric: string;
  unit: MetricUnit;
  from: string;
  to: string;
  timeZone: string;
  groupBy: string | null;
  rows: MetricRow[];
  total: { value: number | null; count: number };
}

export interface MetricCase {
  id: string;
  number: string;
  title: string;
  status: string;
  priority: string;
  categoryCode: string | null;
  teamName: string | null;
  assigneeName: string | null;
  createdAt: string;
  resolvedAt: string | null;
}

export interface MetricCasesPage {
  total: number;
  items: MetricCase[];
  nextCursor: string | null;
}

export interface Tier1Row {
  date: string;
  category: string;
  region: string;
  contacts: number;
}
