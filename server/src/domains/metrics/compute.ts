/**
 * Computing a metric and listing the cases behind any of its values. A value's `count` and its
 * drill-down's `total` come from the same units query, so they always agree.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/pool.js';
import type { Locale, Role } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor, isUuid } from '../../platform/cursor.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { localDayOf } from '../sla/zoned-time.js';
import { AGE_BUCKETS, type GroupBy, type MetricName, type Unit, isTimeGroup, specOf } from './catalogue.js';
import { type Bucket, bucketsOf, dayKey } from './period.js';
import type { MetricQuery } from './query.js';
import { type Window, backlogMovesSql, bucketKeySql, filterSql, groupSql, needsRegion, openAtSql, openNowSql, truncatedSql, unitsSql } from './sources.js';

/** Who may read metrics; specialists see their own numbers only. */
export const METRIC_READERS: readonly Role[] = ['specialist', 'lead', 'qa', 'manager', 'admin'];

export interface MetricRow {
  group: string | null;
  label: string | null;
  value: number | null;
  count: number;
}

export interface MetricResult {
  metric: MetricName;
  unit: Unit;
  from: string;
  to: string;
  timeZone: string;
  groupBy: GroupBy | null;
  rows: MetricRow[];
  total: { value: number | null; count: number };
}

/**
 * Specialists get their own numbers: the agent filter is set to them, and asking for anyone
 * else's (or for org-wide metrics that cannot be narrowed to one agent) is refused.
 */
export function authoriseMetricQuery(actor: Actor, q: MetricQuery): MetricQuery {
  const r = actor.user?.role;
  if (!r || r !== 'specialist') return q;
  if (!specOf(q.metric).filters.includes('agent')) throw new AppError('forbidden', `${q.metric} is an organisation metric; specialists see their own numbers`);
  if (q.filters.agent && q.filters.agent !== actor.user!.id) throw new AppError('forbidden', 'specialists see their own numbers only');
  return { ...q, filters: { ...q.filters, agent: actor.user!.id } };
}

const AGGREGATE: Record<string, RawBuilder<number | null>> = {
  count: sql`count(*)::double precision`,
  median: sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY g.v)`,
  p90: sql`percentile_cont(0.9) WITHIN GROUP (ORDER BY g.v)`,
  mean: sql`avg(g.v)::double precision`,
};

interface RawRow {
  grp: string | null;
  is_total: number;
  value: number | null;
  n: string | number;
}

export async function computeMetric(deps: Deps, actor: Actor, query: MetricQuery): Promise<MetricResult> {
  const q = authoriseMetricQuery(actor, query);
  const db = deps.db;
  const now = deps.clock.now();
  let rows: MetricRow[];
  let total: MetricResult['total'];
  if (q.metric === 'backlog') ({ rows, total } = await backlog(db, q, now));
  else if (q.metric === 'age_buckets') ({ rows, total } = await ageBuckets(db, q, now));
  else if (q.metric === 'escalation_rate') ({ rows, total } = await escalationRate(db, q));
  else ({ rows, total } = await aggregateUnits(db, q));
  if (q.groupBy && !isTimeGroup(q.groupBy)) rows = await labelled(db, q.groupBy, rows, actor.user?.locale ?? 'en');
  return {
    metric: q.metric,
    unit: specOf(q.metric).unit,
    from: new Date(q.period.from).toISOString(),
    to: new Date(q.period.to).toISOString(),
    timeZone: q.timeZone,
    groupBy: q.groupBy ?? null,
    rows,
    total,
  };
}

const windowOf = (q: MetricQuery): Window => ({ from: new Date(q.period.from), to: new Date(q.period.to) });

/**
 * Groups and the grand total in one scan: GROUPING SETS over the group key, computed once in an
 * inner select (repeating a parameterised expression in GROUP BY would not match the SELECT's).
 */
function grouped(q: MetricQuery, units: RawBuilder<unknown>, measures: RawBuilder<unknown>) {
  // Time buckets group on the truncated timestamp and are formatted once per group, not per row.
  const time = q.groupBy && isTimeGroup(q.groupBy) ? q.groupBy : null;
  const key = time ? truncatedSql(time, q.timeZone, sql`u.at`) : q.groupBy ? groupSql(q.groupBy, q.timeZone) : sql<string | null>`NULL::text`;
  const shown = time ? bucketKeySql(time, sql`g.grp`) : sql`g.grp`;
  return sql<RawRow>`
    SELECT ${q.groupBy ? sql`${shown} AS grp, GROUPING(g.grp)` : sql`NULL::text AS grp, 1`} AS is_total, ${measures}
      FROM (SELECT ${key} AS grp, u.* FROM (${units}) u) g
     ${q.groupBy ? sql`GROUP BY GROUPING SETS ((g.grp), ())` : sql``}`;
}

async function aggregateUnits(db: Db, q: MetricQuery) {
  const spec = specOf(q.metric);
  const count = spec.manyPerCase ? sql`count(DISTINCT g.case_id)` : sql`count(*)`;
  const result = await grouped(q, unitsSql(q, windowOf(q)), sql`${AGGREGATE[spec.aggregate]} AS value, ${count} AS n`).execute(db);
  return shape(q, result.rows);
}

/**
 * Rows (every time bucket listed, empty ones too) and the total from grouped SQL rows. A counting
 * metric's value is its count; any other value is null where the SQL found nothing to measure.
 */
function shape(q: MetricQuery, raw: RawRow[], counting = specOf(q.metric).aggregate === 'count') {
  const totalRow = raw.find((r) => Number(r.is_total) === 1);
  const count = totalRow ? Number(totalRow.n) : 0;
  const total = { value: counting ? count : num(totalRow?.value), count };
  if (!q.groupBy) return { rows: [], total };
  const found = raw
    .filter((r) => Number(r.is_total) === 0)
    .map((r) => ({ group: r.grp, label: null, value: counting ? Number(r.n) : num(r.value), count: Number(r.n) }));
  if (!isTimeGroup(q.groupBy)) return { rows: found.sort((a, b) => b.count - a.count || String(a.group).localeCompare(String(b.group))), total };
  const byKey = new Map(found.map((r) => [r.group, r]));
  const empty = counting ? 0 : null;
  return { rows: bucketsOf(q.timeZone, q.period, q.groupBy).map((b) => byKey.get(b.key) ?? { group: b.key, label: null, value: empty, count: 0 }), total };
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** When a backlog bucket is read: its end, but never past the period or the present. */
const snapshotOf = (b: Pick<Bucket, 'end'>, q: MetricQuery, now: Date) => new Date(Math.min(b.end, q.period.to, now.getTime()));

/**
 * The backlog, worked back from the cases open now: the backlog at t is the open cases minus the
 * moves (created, reopened: +1; resolved, closed, merged: −1) since t. History since the period
 * began is short; all of history, summed forward, would grow with the database.
 */
async function backlog(db: Db, q: MetricQuery, now: Date) {
  const region = needsRegion(q);
  const justAfterNow = new Date(now.getTime() + 1);
  if (!q.groupBy || !isTimeGroup(q.groupBy)) {
    const t = snapshotOf({ end: q.period.to }, q, now);
    const result = await grouped(q, openAtSql(q.filters, t, now, region), sql`NULL AS value, count(*) AS n`).execute(db);
    return shape(q, result.rows);
  }
  const buckets = bucketsOf(q.timeZone, q.period, q.groupBy);
  const to = new Date(q.period.to);
  const [open, moves] = await Promise.all([
    sql<{ n: string }>`SELECT count(*) AS n FROM (${openNowSql(q.filters)}) o`.execute(db),
    sql<{ grp: string; n: string }>`
      SELECT CASE WHEN x.after THEN 'after' ELSE ${bucketKeySql(q.groupBy, sql`x.t`)} END AS grp, sum(x.n) AS n
        FROM (SELECT m.at >= ${to} AS after, ${truncatedSql(q.groupBy, q.timeZone, sql`m.at`)} AS t, sum(m.sign) AS n
                FROM (${backlogMovesSql(q.filters, { since: new Date(q.period.from), before: justAfterNow }, region)}) m GROUP BY 1, 2) x
       GROUP BY 1`.execute(db),
  ]);
  const delta = new Map(moves.rows.map((r) => [r.grp, Number(r.n)]));
  const openNow = Number(open.rows[0]?.n ?? 0);
  // Backwards from the last bucket: what is open at a bucket's end is what is open now, less
  // what moved after it (in later buckets, or after the period).
  let after = delta.get('after') ?? 0;
  const values = new Map<string, number>();
  for (let i = buckets.length - 1; i >= 0; i--) {
    values.set(buckets[i]!.key, openNow - after);
    after += delta.get(buckets[i]!.key) ?? 0;
  }
  const rows: MetricRow[] = buckets.map((b, i) => {
    // A bucket that starts in the future has no backlog yet.
    const started = i === 0 || buckets[i - 1]!.end <= now.getTime();
    const value = values.get(b.key)!;
    return { group: b.key, label: null, value: started ? value : null, count: started ? value : 0 };
  });
  const last = [...rows].reverse().find((r) => r.value !== null);
  return { rows, total: { value: last?.value ?? 0, count: last?.count ?? 0 } };
}

const ageBucketSql = (t: Date) =>
  sql<string>`CASE ${sql.join(
    AGE_BUCKETS.filter(([, days]) => Number.isFinite(days)).map(([k, days]) => sql`WHEN ${t}::timestamptz - u.created_at < make_interval(days => ${days}) THEN ${k}`),
    sql` `,
  )} ELSE ${AGE_BUCKETS[AGE_BUCKETS.length - 1]![0]} END`;

async function ageBuckets(db: Db, q: MetricQuery, now: Date) {
  const t = snapshotOf({ end: q.period.to }, q, now);
  const result = await sql<{ grp: string; n: string }>`
    SELECT ${ageBucketSql(t)} AS grp, count(*) AS n FROM (${openAtSql(q.filters, t, now, needsRegion(q))}) u GROUP BY 1`.execute(db);
  const counts = new Map(result.rows.map((r) => [r.grp, Number(r.n)]));
  const rows = AGE_BUCKETS.map(([k]) => ({ group: k, label: null, value: counts.get(k) ?? 0, count: counts.get(k) ?? 0 }));
  const n = rows.reduce((s, r) => s + r.count, 0);
  return { rows, total: { value: n, count: n } };
}

/** Cases created ÷ Tier 1 contacts of the same days, categories and regions. */
async function escalationRate(db: Db, q: MetricQuery) {
  const cases = await grouped(q, unitsSql(q, windowOf(q)), sql`NULL AS value, count(*) AS n`).execute(db);
  const firstDay = dayKey(localDayOf(q.timeZone, q.period.from));
  const lastDay = dayKey(localDayOf(q.timeZone, q.period.to - 1));
  const contactKey = !q.groupBy
    ? sql<string | null>`NULL::text`
    : isTimeGroup(q.groupBy)
      ? groupSql(q.groupBy, 'UTC', sql`t.day::timestamp AT TIME ZONE 'UTC'`)
      : q.groupBy === 'category' ? sql<string>`t.category_code` : sql<string>`t.region`;
  const f = q.filters;
  const contacts = await sql<{ grp: string | null; is_total: number; n: string }>`
    SELECT ${q.groupBy ? sql`g.grp, GROUPING(g.grp)` : sql`NULL::text AS grp, 1`} AS is_total, sum(g.contacts) AS n
      FROM (SELECT ${contactKey} AS grp, t.contacts FROM tier1_contacts t
             WHERE t.day BETWEEN ${firstDay}::date AND ${lastDay}::date
               ${f.category ? sql`AND (t.category_code = ${f.category} OR t.category_code LIKE ${`${f.category}/%`})` : sql``}
               ${f.region ? sql`AND t.region = ${f.region}` : sql``}) g
     ${q.groupBy ? sql`GROUP BY GROUPING SETS ((g.grp), ())` : sql``}`.execute(db);
  const denominator = new Map(contacts.rows.map((r) => [`${Number(r.is_total)}|${r.grp}`, Number(r.n)]));
  const rate = (r: RawRow) => {
    const d = denominator.get(`${Number(r.is_total)}|${r.grp}`);
    return d ? Number(r.n) / d : null;
  };
  const withRates = cases.rows.map((r) => ({ ...r, value: rate(r) }));
  // Groups with contacts but no escalations have a rate of 0, not "no data".
  for (const r of contacts.rows) {
    if (!withRates.some((c) => Number(c.is_total) === Number(r.is_total) && c.grp === r.grp) && Number(r.n) > 0) {
      withRates.push({ grp: r.grp, is_total: r.is_total, value: 0, n: 0 });
    }
  }
  // A rate, not a count: groups with contacts but no escalations are 0, those without contacts null.
  return shape(q, withRates, false);
}

/** Names for team, agent, category and region groups, in the reader's language. */
async function labelled(db: Db, groupBy: GroupBy, rows: MetricRow[], locale: Locale): Promise<MetricRow[]> {
  const keys = rows.map((r) => r.group).filter((g): g is string => g !== null);
  if (keys.length === 0 || groupBy === 'priority' || groupBy === 'source') return rows;
  let names: { key: string; label: string }[] = [];
  if (groupBy === 'team') names = await db.selectFrom('teams').select(['id as key', 'name as label']).where('id', 'in', keys.filter(isUuid)).execute();
  else if (groupBy === 'agent') names = await db.selectFrom('users').select(['id as key', 'display_name as label']).where('id', 'in', keys.filter(isUuid)).execute();
  else if (groupBy === 'region') names = await db.selectFrom('regions').select(['code as key', 'name as label']).where('code', 'in', keys).execute();
  else if (groupBy === 'category') {
    names = await db
      .selectFrom('categories')
      .select(['code as key', sql<string>`coalesce(labels->>${locale}, labels->>'en', code)`.as('label')])
      .where('code', 'in', keys)
      .execute();
  }
  const byKey = new Map(names.map((n) => [n.key, n.label]));
  return rows.map((r) => ({ ...r, label: r.group === null ? null : (byKey.get(r.group) ?? null) }));
}

export interface DrillItem {
  id: string;
  number: string;
  title: string;
  status: string;
  priority: string;
  categoryCode: string;
  teamName: string | null;
  assigneeName: string | null;
  createdAt: string;
  resolvedAt: string | null;
}

export interface DrillPage {
  total: number;
  items: DrillItem[];
  nextCursor: string | null;
}

/** The ids of the cases behind one row (or behind the total when `group` is undefined). */
function casesBehind(q: MetricQuery, group: string | undefined, now: Date): RawBuilder<unknown> {
  const none = group === 'none';
  const match = (key: RawBuilder<unknown>) => (group === undefined ? sql`true` : none ? sql`${key} IS NULL` : sql`${key} = ${group}`);
  if (q.metric === 'backlog' || q.metric === 'age_buckets') {
    let t = snapshotOf({ end: q.period.to }, q, now);
    let condition = sql`true`;
    if (q.metric === 'age_buckets') {
      if (group !== undefined) condition = sql`${ageBucketSql(t)} = ${group}`;
    } else if (q.groupBy && isTimeGroup(q.groupBy) && group !== undefined) {
      const bucket = bucketsOf(q.timeZone, q.period, q.groupBy).find((b) => b.key === group);
      if (!bucket) throw AppError.validation('group', `is not a ${q.groupBy} of the period`);
      t = snapshotOf(bucket, q, now);
    } else if (q.groupBy && group !== undefined) condition = match(groupSql(q.groupBy, q.timeZone));
    return sql`SELECT u.case_id FROM (${openAtSql(q.filters, t, now, needsRegion(q))}) u WHERE ${condition}`;
  }
  const key = q.groupBy ? groupSql(q.groupBy, q.timeZone) : sql`NULL`;
  return sql`SELECT u.case_id FROM (${unitsSql(q, windowOf(q))}) u WHERE ${q.groupBy ? match(key) : sql`true`}`;
}

const DRILL_CURSOR = (v: string[]) => v.length === 2 && !Number.isNaN(Date.parse(v[0]!)) && isUuid(v[1]!);

/** The cases behind a value, newest first, in keyset pages. */
export async function drillDown(
  deps: Deps,
  actor: Actor,
  query: MetricQuery,
  page: { group?: string; limit: number; cursor?: string },
): Promise<DrillPage> {
  const q = authoriseMetricQuery(actor, query);
  if (page.group !== undefined && !q.groupBy && q.metric !== 'age_buckets') throw AppError.validation('group', 'needs a groupBy to pick a group from');
  const now = deps.clock.now();
  const behind = casesBehind(q, page.group, now);
  const after = page.cursor ? decodeCursor(page.cursor, DRILL_CURSOR) : null;
  const [count, rows] = await Promise.all([
    sql<{ n: string }>`SELECT count(DISTINCT b.case_id) AS n FROM (${behind}) b`.execute(deps.db),
    sql<{ id: string; number: string; title: string; status: string; priority: string; category_code: string; team_name: string | null; assignee_name: string | null; created_at: Date; resolved_at: Date | null }>`
      SELECT c.id, c.number, c.title, c.status, c.priority, c.category_code, t.name AS team_name, p.display_name AS assignee_name, c.created_at, c.resolved_at
        FROM cases c LEFT JOIN teams t ON t.id = c.team_id LEFT JOIN users p ON p.id = c.assignee_id
       WHERE c.id IN (${behind}) ${after ? sql`AND (c.created_at, c.id) < (${new Date(after[0]!)}, ${after[1]!}::uuid)` : sql``}
       ORDER BY c.created_at DESC, c.id DESC LIMIT ${page.limit + 1}`.execute(deps.db),
  ]);
  const items = rows.rows.slice(0, page.limit).map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    status: r.status,
    priority: r.priority,
    categoryCode: r.category_code,
    teamName: r.team_name,
    assigneeName: r.assignee_name,
    createdAt: new Date(r.created_at).toISOString(),
    resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
  }));
  const last = items[items.length - 1];
  return {
    total: Number(count.rows[0]?.n ?? 0),
    items,
    nextCursor: rows.rows.length > page.limit && last ? encodeCursor([last.createdAt, last.id]) : null,
  };
}

export { filterSql };
