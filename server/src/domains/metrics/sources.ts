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

/** Columns every units query yields besides `at` and `v`. */
const DIMS = sql`c.id AS case_id, c.team_id, c.assignee_id, c.category_code, a.region, c.priority, c.source, c.language`;
const CASES = sql`cases c JOIN accounts a ON a.id = c.account_id`;
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
function keptUnits(family: string, v: RawBuilder<unknown>, q: MetricQuery, w: Window): RawBuilder<unknown> {
  return sql`SELECT m.case_id, m.team_id, m.assignee_id, m.category_code, m.region, m.priority, m.source, m.language, m.at, ${v} AS v
    FROM metric_units m WHERE m.family = ${family} AND ${within(sql`m.at`, w)} AND ${filterSql(q.filters, 'unit')}`;
}

/** `at` inside the window, written against the very expression so indexes on it apply. */
const within = (at: RawBuilder<unknown>, w: Window) => sql`${at} >= ${w.from} AND ${at} < ${w.to}`;

/** One row per unit of the metric whose `at` falls in the window. */
export function unitsSql(q: MetricQuery, w: Window): RawBuilder<unknown> {
  const where = filterSql(q.filters);
  const business = q.basis === 'business';
  switch (q.metric) {
    case 'volume_created':
    case 'escalation_rate':
      return keptUnits('created', sql`1`, q, w);
    case 'volume_resolved':
      return keptUnits('resolved', sql`1`, q, w);
    case 'reopen_rate':
      return keptUnits('resolved', sql`m.v`, q, w);
    case 'csat_avg':
      return keptUnits('csat', sql`m.v`, q, w);
    case 'csat_satisfied_share':
      return keptUnits('csat', sql`(m.v >= 4)::int`, q, w);
    case 'sla_attainment':
      return keptUnits(`sla:${q.clock}`, sql`m.v`, q, w);
    case 'close_loop_rate':
      return sql`SELECT ${DIMS}, c.resolved_at AS at,
          (NOT EXISTS (SELECT 1 FROM handoffs h WHERE h.case_id = c.id AND h.status = 'open')
           AND (c.requester_notified_at IS NOT NULL OR c.requester_id IS NULL))::int AS v
        FROM ${CASES} WHERE ${within(sql`c.resolved_at`, w)} AND c.merged_into_id IS NULL AND ${where}`;
    case 'first_response_median':
    case 'first_response_p90':
      return business
        ? sql`SELECT ${DIMS}, c.created_at AS at, k.elapsed_seconds AS v
            FROM ${CASES} JOIN sla_clocks k ON k.case_id = c.id AND k.kind = 'first_response' AND k.state = 'stopped'
            WHERE ${within(sql`c.created_at`, w)} AND c.first_response_at IS NOT NULL AND ${where}`
        : sql`SELECT ${DIMS}, c.created_at AS at, ${epoch(sql`c.first_response_at - c.created_at`)} AS v FROM ${CASES}
            WHERE ${within(sql`c.created_at`, w)} AND c.first_response_at IS NOT NULL AND ${where}`;
    case 'resolution_median':
    case 'resolution_p90':
      return business
        ? sql`SELECT ${DIMS}, c.resolved_at AS at, k.elapsed_seconds AS v
            FROM ${CASES} JOIN sla_clocks k ON k.case_id = c.id AND k.kind = 'resolution' AND k.state = 'stopped'
            WHERE ${within(sql`c.resolved_at`, w)} AND c.merged_into_id IS NULL AND ${where}`
        : sql`SELECT ${DIMS}, c.resolved_at AS at, ${epoch(sql`c.resolved_at - c.created_at`)} AS v FROM ${CASES}
            WHERE ${within(sql`c.resolved_at`, w)} AND c.merged_into_id IS NULL AND ${where}`;
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
 * Every entry into and exit from the backlog, signed: +1 when a case is created or reopened,
 * −1 when it is resolved, closed or merged away. The backlog at t is the sum of signs before t.
 * A case never reopened has its one exit on its row; a reopened case's history is read from its
 * status changes (few cases, so the event table is only read for them).
 */
export function backlogMovesSql(filters: MetricQuery['filters'], before: Date): RawBuilder<unknown> {
  const where = filterSql(filters);
  return sql`
    SELECT ${DIMS}, c.created_at AS at, 1 AS sign FROM ${CASES} WHERE c.created_at < ${before} AND ${where}
    UNION ALL
    SELECT ${DIMS}, least(c.resolved_at, c.closed_at) AS at, -1 AS sign FROM ${CASES}
     WHERE c.reopen_count = 0 AND least(c.resolved_at, c.closed_at) < ${before} AND ${where}
    UNION ALL
    SELECT ${DIMS}, e.at, CASE WHEN e.data->>'to' = 'reopened' THEN 1 ELSE -1 END AS sign
      FROM ${CASES} JOIN case_events e ON e.case_id = c.id
     WHERE c.reopen_count > 0 AND e.at < ${before} AND ${where}
       AND ((e.kind = 'status_changed' AND (e.data->>'to' = 'reopened'
              OR (e.data->>'to' IN ('resolved', 'closed') AND e.data->>'from' NOT IN ('resolved', 'closed'))))
         OR (e.kind = 'merged' AND e.data ? 'into' AND e.data->>'fromStatus' NOT IN ('resolved', 'closed')))`;
}

/** The cases open at instant t (created before it, and not resolved, closed or merged at it). */
export function openAtSql(filters: MetricQuery['filters'], t: Date, now: Date): RawBuilder<unknown> {
  if (t.getTime() >= now.getTime()) {
    // Today's backlog is simply the open statuses (the same answer, without reading history).
    return sql`SELECT ${DIMS}, c.created_at FROM ${CASES}
      WHERE c.status NOT IN ('resolved', 'closed') AND c.created_at < ${t} AND ${filterSql(filters)}`;
  }
  return sql`SELECT ${DIMS}, c.created_at FROM ${CASES}
    WHERE c.id IN (SELECT m.case_id FROM (${backlogMovesSql(filters, t)}) m GROUP BY m.case_id HAVING sum(m.sign) > 0)`;
}

/** The group key of a unit row (alias u) as text; null for "none" (no team, unassigned, no region). */
export function groupSql(groupBy: GroupBy, timeZone: string, at: RawBuilder<unknown> = sql`u.at`): RawBuilder<string | null> {
  if (isTime(groupBy)) return sql<string>`to_char(date_trunc(${groupBy}, ${at} AT TIME ZONE ${timeZone}), ${KEY_FORMAT[groupBy]})`;
  const column = { team: 'team_id', agent: 'assignee_id', category: 'category_code', region: 'region', priority: 'priority', source: 'source' }[groupBy];
  return sql<string | null>`${sql.ref(`u.${column}`)}::text`;
}

const isTime = (g: GroupBy): g is TimeGroup => g === 'day' || g === 'week' || g === 'month';

export type { Filter };
