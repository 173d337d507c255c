// Dashboard filters as kept in the address bar (shareable), and the query each metric gets.
import { BASES, CLOCKS, FILTERS, TIME_GROUPS, type Basis, type FilterName, type MetricInfo, type SlaClock, type TimeGroup } from './types';

export interface DashboardFilters {
  /** Days in the organisation's time zone, `to` inclusive. */
  from: string;
  to: string;
  /** Buckets of the time charts. */
  groupBy: TimeGroup;
  region: string | null;
  team: string | null;
  agent: string | null;
  category: string | null;
  priority: string | null;
  source: string | null;
  language: string | null;
  /** Which SLA clock the attainment charts count. */
  clock: SlaClock;
  /** Whether the time metrics count working time or wall time. */
  basis: Basis;
}

export const PRESETS = [7, 30, 90] as const;
export const DEFAULT_DAYS = 30;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Today's date in a time zone (the organisation's, so "last 7 days" means its days). */
export function todayIn(timeZone: string, now = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The last `days` days up to and including today. */
export function presetRange(days: number, today: string): { from: string; to: string } {
  return { from: addDays(today, -(days - 1)), to: today };
}

/** Which preset a range is, if any (for the highlighted button). */
export function presetOf(filters: Pick<DashboardFilters, 'from' | 'to'>, today: string): number | null {
  if (filters.to !== today) return null;
  return PRESETS.find((days) => addDays(today, -(days - 1)) === filters.from) ?? null;
}

export function readFilters(params: URLSearchParams, today: string): DashboardFilters {
  const preset = presetRange(DEFAULT_DAYS, today);
  const from = params.get('from');
  const to = params.get('to');
  const groupBy = params.get('groupBy') as TimeGroup | null;
  const clock = params.get('clock') as SlaClock | null;
  const basis = params.get('basis') as Basis | null;
  const text = (name: FilterName) => params.get(name) || null;
  return {
    from: from && DAY.test(from) ? from : preset.from,
    to: to && DAY.test(to) ? to : preset.to,
    groupBy: groupBy && (TIME_GROUPS as readonly string[]).includes(groupBy) ? groupBy : 'day',
    region: text('region'),
    team: text('team'),
    agent: text('agent'),
    category: text('category'),
    priority: text('priority'),
    source: text('source'),
    language: text('language'),
    clock: clock && (CLOCKS as readonly string[]).includes(clock) ? clock : 'resolution',
    basis: basis && (BASES as readonly string[]).includes(basis) ? basis : 'business',
  };
}

/** Defaults (the last 30 days by day) stay out of the address, so a plain link means "now". */
export function writeFilters(filters: DashboardFilters, today: string): URLSearchParams {
  const params = new URLSearchParams();
  const preset = presetRange(DEFAULT_DAYS, today);
  if (filters.from !== preset.from || filters.to !== preset.to) {
    params.set('from', filters.from);
    params.set('to', filters.to);
  }
  if (filters.groupBy !== 'day') params.set('groupBy', filters.groupBy);
  for (const name of FILTERS) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  if (filters.clock !== 'resolution') params.set('clock', filters.clock);
  if (filters.basis !== 'business') params.set('basis', filters.basis);
  return params;
}

export interface MetricQuery {
  /** The parameters sent (also to the drill-down and the export). */
  params: Record<string, string>;
  /** Filters set on the page that this metric cannot take (left out, and said so). */
  ignored: FilterName[];
}

/**
 * The query of one metric: the range, the page's filters the metric takes (escalation_rate
 * takes only time, category and region; a filter it cannot take would be a 400), and extras
 * such as groupBy; `clock` and `basis` go to the metrics that take them. Without the catalogue
 * yet, every filter is sent (the charts wait for it).
 */
export function metricQuery(
  filters: DashboardFilters,
  info: MetricInfo | undefined,
  extra: Record<string, string | null | undefined> = {},
  omit: FilterName[] = [],
): MetricQuery {
  const params: Record<string, string> = { from: filters.from, to: filters.to };
  const ignored: FilterName[] = [];
  for (const name of FILTERS) {
    const value = filters[name];
    if (!value || omit.includes(name)) continue;
    if (info && !info.filters.includes(name)) ignored.push(name);
    else params[name] = value;
  }
  if (info?.params.includes('clock') && filters.clock !== 'resolution') params.clock = filters.clock;
  if (info?.params.includes('basis') && filters.basis !== 'business') params.basis = filters.basis;
  for (const [key, value] of Object.entries(extra)) {
    if (value) params[key] = value;
  }
  return { params, ignored };
}

export function toSearch(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}
