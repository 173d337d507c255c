/**
 * The SQL behind each metric: a "units" query yielding one row per thing counted (a case, a
 * clock, a handoff, an escalation) with the instant that places it in a period (`at`), the
 * case's dimensions and the unit's measure `v`. Aggregation, grouping and drill-down are built
 * on top of it (compute.ts), so a value and the list of cases behind it come from one query.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Filter, GroupBy, TimeGroup } from './catalogue.js';
import { KEY_FORMAT } from './period.js';
import type { MetricQuery } from './query.js';

export interface Window {
  from: Date;
  to: Date;
}

/**
 * Columns every units query yields besides `at` and `v`. The region lives on the account: it is
 * joined only when a query filters or groups by it (a hash join over every account otherwise).
 */
const dims = (region: boolean) =>
  sql`c.id AS case_id, c.team_id, c.assignee_id, c.category_code, ${region ? sql`a.region` : sql`NULL::text AS region`}, c.priority, c.source, c.language`;
const casesFrom = (region: boolean) => (region ? sql`cases c JOIN accounts a ON a.id = c.account_id` : sql`cases c`);
export const needsRegion = (q: Pick<MetricQuery, 'filters' | 'groupBy'>) => Boolean(q.filters.region) || q.groupBy === 'region';
const epoch = (interval: RawBuilder<unknown>) => sql`extract(epoch FROM ${interval})::double precision`;

/**
 * The filters as conditions: on the case (c) and its account (a), or on a metric unit (m),
 * which carries the same dimensions.
 */
export function filterSql(filters: MetricQuery['filters'], on: 'case' | 'unit' = 'case'): RawBuilder<unknown> {
  const col = (name: string) => sql.ref(on === 'unit' ? `m.${name}` : name === 'region' ? 'a.region' : `c.${name}`);
  const parts: RawBuilder<unknown>[] = [sql`true`];
  const f = filters;
  if (f.team) parts.push(sql`${col('team_id')} = ${f.team}::uuid`);
  if (f.agent) parts.push(sql`${col('assignee_id')} = ${f.agent}::uuid`);
  if (f.category) parts.push(sql`(${col('category_code')} = ${f.category} OR ${col('category_code')} LIKE ${`${f.category}/%`})`);
  if (f.region) parts.push(sql`${col('region')} = ${f.region}`);
  if (f.priority) parts.push(sql`${col('priority')} = ${f.priority}`);
  if (f.source) parts.push(sql`${col('source')} = ${f.source}`);
  if (f.language) parts.push(sql`${col('language')} = ${f.language}`);
  return sql.join(parts, sql` AND `);
}

/**
 * Units read from metric_units (kept by triggers, migration 0011): one index range per family,
 * no joins. Same rows as the case/clock queries they stand for, which the fixture tests check.
 */
function keptUnits(family: string, v: RawBuilder<unknown>, q: MetricQuery, w: Window, only: RawBuilder<unknown> = sql`true`): RawBuilder<unknown> {
  return sql`SELECT ${UNIT_DIMS}, m.at, ${v} AS v
    FROM metric_units m WHERE m.family = ${family} AND ${within(sql`m.at`, w)} AND ${only} AND ${filterSql(q.filters, 'unit')}`;
}
const UNIT_DIMS = sql`m.case_id, m.team_id, m.assignee_id, m.category_code, m.region, m.priority, m.source, m.language`;

/** `at` inside the window, written against the very expression so indexes on it apply. */
const within = (at: RawBuilder<unknown>, w: Window) => sql`${at} >= ${w.from} AND ${at} < ${w.to}`;

/** One row per unit of the metric whose `at` falls in the window. */
export function unitsSql(q: MetricQuery, w: Window): RawBuilder<unknown> {
  const where = filterSql(q.filters);
  const region = needsRegion(q);
  const DIMS = dims(region);
  const CASES = casesFrom(region);
  const business = q.basis === 'business';
  switch (q.metric) {
    case 'volume_created':
    case 'escalation_rate':
      return keptUnits('created', sql`1`, q, w);
    case 'first_response_median':
    case 'first_response_p90':
      return business
        ? keptUnits('created', sql`m.work_seconds`, q, w, sql`m.work_seconds IS NOT NULL`)
        : keptUnits('created', sql`m.seconds`, q, w, sql`m.seconds IS NOT NULL`);
    case 'volume_resolved':
      return keptUnits('resolved', sql`1`, q, w);
    case 'reopen_rate':
      return keptUnits('resolved', sql`m.v`, q, w);
    case 'resolution_median':
    case 'resolution_p90':
      return business ? keptUnits('resolved', sql`m.work_seconds`, q, w, sql`m.work_seconds IS NOT NULL`) : keptUnits('resolved', sql`m.seconds`, q, w);
    case 'close_loop_rate':
      return keptUnits('resolved', sql`m.loop_closed`, q, w);
    case 'csat_avg':
      return keptUnits('resolved', sql`m.score`, q, w, sql`m.score IS NOT NULL`);
    case 'csat_satisfied_share':
      return keptUnits('resolved', sql`(m.score >= 4)::int`, q, w, sql`m.score IS NOT NULL`);
    case 'sla_attainment':
      return keptUnits(`sla:${q.clock}`, sql`m.v`, q, w);
    case 'handoff_answer_median':
      return business
        ? sql`SELECT ${DIMS}, h.answered_at AS at, k.elapsed_seconds AS v
            FROM handoffs h JOIN ${CASES} ON c.id = h.case_id JOIN sla_clocks k ON k.handoff_id = h.id AND k.state = 'stopped'
            WHERE h.status = 'answered' AND ${within(sql`h.answered_at`, w)} AND ${where}`
        : sql`SELECT ${DIMS}, h.answered_at AS at, ${epoch(sql`h.answered_at - h.created_at`)} AS v
            FROM handoffs h JOIN ${CASES} ON c.id = h.case_id
            WHERE h.status = 'answered' AND ${within(sql`h.answered_at`, w)} AND ${where}`;
    case 'handoff_ola_attainment':
      return sql`SELECT ${DIMS}, h.answered_at AS at, (h.answered_at <= h.due_at)::int AS v
        FROM handoffs h JOIN ${CASES} ON c.id = h.case_id
        WHERE h.status = 'answered' AND ${within(sql`h.answered_at`, w)} AND ${where}`;
    case 'critical_ack_median':
      return sql`SELECT ${DIMS}, e.raised_at AS at, ${epoch(sql`e.acknowledged_at - e.raised_at`)} AS v
        FROM critical_escalations e JOIN ${CASES} ON c.id = e.case_id
        WHERE e.acknowledged_at IS NOT NULL AND ${within(sql`e.raised_at`, w)} AND ${where}`;
    case 'csat_response_rate':
      // Imported scores came from surveys another helpdesk sent: they count as answered surveys.
      return sql`SELECT ${DIMS}, c.resolved_at AS at, (c.csat IS NOT NULL)::int AS v FROM ${CASES}
        WHERE ${within(sql`c.resolved_at`, w)} AND c.merged_into_id IS NULL AND ${where}
          AND (c.csat IS NOT NULL OR EXISTS (SELECT 1 FROM csat_surveys s WHERE s.case_id = c.id AND s.sent_at IS NOT NULL))`;
    case 'backlog':
    case 'age_buckets':
      throw new Error(`${q.metric} is a snapshot, not a units metric`);
  }
}

/**
 * Every entry into and exit from the backlog in [since, before), signed: +1 when a case is
 * created or reopened, −1 when it is resolved or closed. Creations and the one exit of a case
 * never reopened are metric units; a reopened case's history is read from its status changes
 * (few cases, so the event table is only read for them). Duplicates merged away are left out
 * throughout, as they are from every metric.
 */
export function backlogMovesSql(filters: MetricQuery['filters'], range: { since: Date; before: Date }, region: boolean): RawBuilder<unknown> {
  const inRange = (at: RawBuilder<unknown>) => sql`${at} >= ${range.since} AND ${at} < ${range.before}`;
  const unitFilters = filterSql(filters, 'unit');
  return sql`
    SELECT ${UNIT_DIMS}, m.at, 1 AS sign FROM metric_units m WHERE m.family = 'created' AND ${inRange(sql`m.at`)} AND ${unitFilters}
    UNION ALL
    SELECT ${UNIT_DIMS}, m.at, -1 AS sign FROM metric_units m WHERE m.family = 'left' AND ${inRange(sql`m.at`)} AND ${unitFilters}
    UNION ALL
    SELECT ${dims(region)}, e.at, CASE WHEN e.data->>'to' = 'reopened' THEN 1 ELSE -1 END AS sign
      FROM ${casesFrom(region)} JOIN case_events e ON e.case_id = c.id
     WHERE c.reopen_count > 0 AND c.merged_into_id IS NULL AND ${inRange(sql`e.at`)} AND ${filterSql(filters)}
       AND e.kind = 'status_changed' AND (e.data->>'to' = 'reopened'
            OR (e.data->>'to' IN ('resolved', 'closed') AND e.data->>'from' NOT IN ('resolved', 'closed')))`;
}

/** The cases open now (their `open` units). */
export function openNowSql(filters: MetricQuery['filters']): RawBuilder<unknown> {
  return sql`SELECT ${UNIT_DIMS}, m.at AS created_at FROM metric_units m WHERE m.family = 'open' AND ${filterSql(filters, 'unit')}`;
}

/**
 * The cases open at instant t: worked back from now, since history since t is short and all of
 * history is long. A case was open at t when (open now) − (its moves since t) is 1.
 */
export function openAtSql(filters: MetricQuery['filters'], t: Date, now: Date, region: boolean): RawBuilder<unknown> {
  if (t.getTime() > now.getTime()) return openNowSql(filters);
  return sql`SELECT ${dims(region)}, c.created_at FROM ${casesFrom(region)}
    WHERE c.id IN (SELECT x.case_id FROM (
        SELECT o.case_id, 1 AS s FROM (${openNowSql(filters)}) o
        UNION ALL
        SELECT m.case_id, -m.sign FROM (${backlogMovesSql(filters, { since: t, before: new Date(now.getTime() + 1) }, region)}) m
      ) x GROUP BY x.case_id HAVING sum(x.s) > 0)`;
}

/** The group key of a unit row (alias u) as text; null for "none" (no team, unassigned, no region). */
export function groupSql(groupBy: GroupBy, timeZone: string, at: RawBuilder<unknown> = sql`u.at`): RawBuilder<string | null> {
  if (isTime(groupBy)) return bucketKeySql(groupBy, truncatedSql(groupBy, timeZone, at));
  const column = { team: 'team_id', agent: 'assignee_id', category: 'category_code', region: 'region', priority: 'priority', source: 'source' }[groupBy];
  return sql<string | null>`${sql.ref(`u.${column}`)}::text`;
}

/** The local start of a unit's day, week or month (a timestamp without zone). */
export const truncatedSql = (g: TimeGroup, timeZone: string, at: RawBuilder<unknown>) => sql`date_trunc(${g}, ${at} AT TIME ZONE ${timeZone})`;
/** A truncated local timestamp as its bucket key. */
export const bucketKeySql = (g: TimeGroup, truncated: RawBuilder<unknown>) => sql<string>`to_char(${truncated}, ${KEY_FORMAT[g]})`;

const isTime = (g: GroupBy): g is TimeGroup => g === 'day' || g === 'week' || g === 'month';

export type { Filter };
