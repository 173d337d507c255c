/**
 * The metrics leads and program managers are judged by: what each one counts, in which unit,
 * and by what it may be grouped and filtered. Pure data; the SQL is in sources.ts and the
 * definitions users read are in the README and the UI catalogues.
 */

export const TIME_GROUPS = ['day', 'week', 'month'] as const;
export const DIMENSIONS = ['team', 'agent', 'category', 'region', 'priority', 'source', 'language'] as const;
export const GROUP_BYS = [...TIME_GROUPS, 'team', 'agent', 'category', 'region', 'priority', 'source'] as const;
export const FILTERS = DIMENSIONS;
export const CLOCKS = ['first_response', 'next_response', 'resolution'] as const;
export const BASES = ['business', 'calendar'] as const;

export type TimeGroup = (typeof TIME_GROUPS)[number];
export type Dimension = (typeof DIMENSIONS)[number];
export type GroupBy = (typeof GROUP_BYS)[number];
export type Filter = Dimension;
export type SlaClock = (typeof CLOCKS)[number];
export type Basis = (typeof BASES)[number];

export type Unit = 'count' | 'seconds' | 'ratio' | 'score';
/** How a group's units become its value: their number, a percentile of v, the mean of v (a share when v is 0/1). */
export type Aggregate = 'count' | 'median' | 'p90' | 'mean';

export interface MetricSpec {
  unit: Unit;
  aggregate: Aggregate;
  groupBys: readonly GroupBy[];
  filters: readonly Filter[];
  params: readonly ('clock' | 'basis')[];
  /** Several units (handoffs, escalations) can belong to one case: counts are of distinct cases. */
  manyPerCase?: boolean;
}

const ALL = { groupBys: GROUP_BYS, filters: FILTERS, params: [] } as const;

export const METRICS = {
  volume_created: { unit: 'count', aggregate: 'count', ...ALL },
  volume_resolved: { unit: 'count', aggregate: 'count', ...ALL },
  backlog: { unit: 'count', aggregate: 'count', ...ALL },
  age_buckets: { unit: 'count', aggregate: 'count', groupBys: [], filters: FILTERS, params: [] },
  sla_attainment: { unit: 'ratio', aggregate: 'mean', ...ALL, params: ['clock'] },
  first_response_median: { unit: 'seconds', aggregate: 'median', ...ALL, params: ['basis'] },
  first_response_p90: { unit: 'seconds', aggregate: 'p90', ...ALL, params: ['basis'] },
  resolution_median: { unit: 'seconds', aggregate: 'median', ...ALL, params: ['basis'] },
  resolution_p90: { unit: 'seconds', aggregate: 'p90', ...ALL, params: ['basis'] },
  csat_avg: { unit: 'score', aggregate: 'mean', ...ALL },
  csat_satisfied_share: { unit: 'ratio', aggregate: 'mean', ...ALL },
  csat_response_rate: { unit: 'ratio', aggregate: 'mean', ...ALL },
  reopen_rate: { unit: 'ratio', aggregate: 'mean', ...ALL },
  close_loop_rate: { unit: 'ratio', aggregate: 'mean', ...ALL },
  handoff_answer_median: { unit: 'seconds', aggregate: 'median', ...ALL, params: ['basis'], manyPerCase: true },
  handoff_ola_attainment: { unit: 'ratio', aggregate: 'mean', ...ALL, manyPerCase: true },
  // Tier 1 contacts are counted per day × category × region, so nothing finer can divide them.
  escalation_rate: { unit: 'ratio', aggregate: 'mean', groupBys: [...TIME_GROUPS, 'category', 'region'], filters: ['category', 'region'], params: [] },
  critical_ack_median: { unit: 'seconds', aggregate: 'median', ...ALL, manyPerCase: true },
} as const satisfies Record<string, MetricSpec>;

export type MetricName = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

export function isMetric(name: string): name is MetricName {
  return Object.hasOwn(METRICS, name);
}

export function specOf(metric: MetricName): MetricSpec {
  return METRICS[metric];
}

/** Age buckets of open cases, in days since creation: [key, upper bound in days (exclusive)]. */
export const AGE_BUCKETS: readonly (readonly [string, number])[] = [
  ['lt_1d', 1],
  ['1_3d', 3],
  ['3_7d', 7],
  ['7_14d', 14],
  ['14_30d', 30],
  ['gt_30d', Infinity],
];

export const isTimeGroup = (g: GroupBy | undefined): g is TimeGroup => g === 'day' || g === 'week' || g === 'month';
