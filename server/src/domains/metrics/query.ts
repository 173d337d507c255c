/**
 * A metric request as the API receives it (flat query parameters) → a checked MetricQuery.
 * Every problem names the parameter at fault, so a client (or the dashboard) can say which.
 */
import { isUuid } from '../../platform/cursor.js';
import { AppError } from '../../platform/errors.js';
import { DAY_MS, isKnownTimeZone } from '../sla/zoned-time.js';
import {
  BASES,
  type Basis,
  CLOCKS,
  type Filter,
  FILTERS,
  GROUP_BYS,
  type GroupBy,
  type MetricName,
  METRIC_NAMES,
  type SlaClock,
  isMetric,
  specOf,
} from './catalogue.js';
import { type Period, lastDays, parseBound, periodOf } from './period.js';

/** The longest period one query may cover: enough for a year against the last. */
export const MAX_RANGE_DAYS = 400;
export const DEFAULT_RANGE_DAYS = 30;

export interface MetricQuery {
  metric: MetricName;
  period: Period;
  timeZone: string;
  groupBy?: GroupBy;
  filters: Partial<Record<Filter, string>>;
  clock: SlaClock;
  basis: Basis;
}

const FILTER_VALUE: Record<Filter, { test: (v: string) => boolean; hint: string }> = {
  team: { test: isUuid, hint: 'a team id' },
  agent: { test: isUuid, hint: 'a user id' },
  category: { test: (v) => /^[a-z0-9-]+(\/[a-z0-9-]+)?$/.test(v), hint: 'a category code such as payments or payments/payout-hold' },
  region: { test: (v) => /^[A-Z]{2}$/.test(v), hint: 'a region code such as MY' },
  priority: { test: (v) => /^P[1-4]$/.test(v), hint: 'one of P1, P2, P3, P4' },
  source: { test: (v) => ['crm', 'oncall', 'email', 'api', 'import'].includes(v), hint: 'one of crm, oncall, email, api, import' },
  language: { test: (v) => ['en', 'zh', 'ms'].includes(v), hint: 'one of en, zh, ms' },
};

const COMMON = new Set(['from', 'to', 'groupBy', 'tz', 'clock', 'basis', ...FILTERS]);

/**
 * Checks the parameters of one metric. `extra` lists the parameters the calling route adds
 * (drill-down paging, export format), which are checked there.
 */
export function parseMetricQuery(
  metric: string,
  raw: Record<string, string | undefined>,
  opts: { defaultTimeZone: string; now: number; extra?: readonly string[] },
): MetricQuery {
  if (!isMetric(metric)) throw AppError.validation('metric', `is not a metric; known: ${METRIC_NAMES.join(', ')}`);
  const spec = specOf(metric);
  for (const key of Object.keys(raw)) {
    if (raw[key] === undefined) continue;
    if (!COMMON.has(key) && !opts.extra?.includes(key)) throw AppError.validation(key, 'is not a parameter of metric queries', 'unknown_field');
  }
  const timeZone = raw.tz ?? opts.defaultTimeZone;
  if (!isKnownTimeZone(timeZone)) throw AppError.validation('tz', 'is not an IANA time zone such as Asia/Kuala_Lumpur');

  const from = raw.from === undefined ? undefined : parseBound(raw.from);
  if (from === null) throw AppError.validation('from', 'must be a date (2026-11-01) or an ISO instant with its zone');
  const to = raw.to === undefined ? undefined : parseBound(raw.to);
  if (to === null) throw AppError.validation('to', 'must be a date (2026-11-30) or an ISO instant with its zone');
  let period: Period;
  if (from && to) period = periodOf(timeZone, from, to);
  else if (to) {
    const end = periodOf(timeZone, to, to).to;
    period = { from: end - DEFAULT_RANGE_DAYS * DAY_MS, to: end };
  } else if (from) period = { from: periodOf(timeZone, from, from).from, to: Math.max(lastDays(timeZone, opts.now, 1).to, periodOf(timeZone, from, from).to) };
  else period = lastDays(timeZone, opts.now, DEFAULT_RANGE_DAYS);
  if (period.from >= period.to) throw AppError.validation('from', 'must be before to');
  // An hour of slack for a daylight-saving day inside the range.
  if (period.to - period.from > MAX_RANGE_DAYS * DAY_MS + 3_600_000) {
    throw AppError.validation('to', `the period may cover at most ${MAX_RANGE_DAYS} days`, 'too_long', { limit: MAX_RANGE_DAYS });
  }

  let groupBy: GroupBy | undefined;
  if (raw.groupBy !== undefined) {
    if (!(GROUP_BYS as readonly string[]).includes(raw.groupBy)) throw AppError.validation('groupBy', `must be one of ${GROUP_BYS.join(', ')}`);
    groupBy = raw.groupBy as GroupBy;
    if (!spec.groupBys.includes(groupBy)) {
      throw AppError.validation('groupBy', spec.groupBys.length ? `${metric} groups only by ${spec.groupBys.join(', ')}` : `${metric} has its own groups and takes no groupBy`);
    }
  }

  const filters: MetricQuery['filters'] = {};
  for (const f of FILTERS) {
    const value = raw[f];
    if (value === undefined) continue;
    if (!spec.filters.includes(f)) throw AppError.validation(f, `${metric} cannot be filtered by ${f}; it takes ${spec.filters.join(', ')}`);
    if (!FILTER_VALUE[f].test(value)) throw AppError.validation(f, `must be ${FILTER_VALUE[f].hint}`);
    filters[f] = value;
  }

  if (raw.clock !== undefined) {
    if (!spec.params.includes('clock')) throw AppError.validation('clock', `applies to sla_attainment only`);
    if (!(CLOCKS as readonly string[]).includes(raw.clock)) throw AppError.validation('clock', `must be one of ${CLOCKS.join(', ')}`);
  }
  if (raw.basis !== undefined) {
    if (!spec.params.includes('basis')) throw AppError.validation('basis', `applies to time metrics (first response, resolution, handoff answer) only`);
    if (!(BASES as readonly string[]).includes(raw.basis)) throw AppError.validation('basis', `must be one of ${BASES.join(', ')}`);
  }
  return {
    metric,
    period,
    timeZone,
    groupBy,
    filters,
    clock: (raw.clock as SlaClock | undefined) ?? 'resolution',
    basis: (raw.basis as Basis | undefined) ?? 'business',
  };
}
