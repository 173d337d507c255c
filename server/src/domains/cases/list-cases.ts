import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { decodeCursor, encodeCursor, isUuid } from '../../platform/cursor.js';
import { AppError } from '../../platform/errors.js';
import { parseSearchQuery } from '../../platform/text/search-tokens.js';
import { CASE_READERS, caseAccess, role } from './policy.js';
import { type CaseView, presentCase } from './present.js';
import * as q from './queries.js';

// Exact totals cost a count over every match; beyond this many we report the planner's estimate.
const EXACT_TOTAL_LIMIT = 10_000;

export interface CaseListInput extends Omit<q.CaseFilter, 'scope' | 'search'> {
  q?: string;
  sort: q.CaseSort;
  limit: number;
  cursor?: string;
}

export interface CasePage {
  items: CaseView[];
  nextCursor: string | null;
  total: number;
  totalIsEstimate: boolean;
}

const TIMESTAMP = /^\d{4}-\d\d-\d\dT[\d:.]+Z$/;
const SORT_KEY: Record<q.CaseSort, RegExp> = {
  '-createdAt': TIMESTAMP,
  createdAt: TIMESTAMP,
  '-updatedAt': TIMESTAMP,
  priority: /^P[1-4]\|\d{4}-\d\d-\d\dT[\d:.]+Z$/,
  // A case without a running clock sorts last; its key is `-`.
  due: /^(\d{4}-\d\d-\d\dT[\d:.]+Z|-)$/,
};

/** [sort key, id] of the last row, checked against the sort it was issued for. */
const cursorFits = (sort: q.CaseSort) => (values: string[]) =>
  values.length === 2 &&
  SORT_KEY[sort].test(values[0]!) &&
  (values[0] === '-' || !Number.isNaN(Date.parse(values[0]!.replace(/^P\d\|/, '')))) &&
  isUuid(values[1]!);

/** The list's filters plus what the caller may see (partners, requesters), text search checked. */
export function caseListFilter(actor: Actor, input: Omit<CaseListInput, 'sort' | 'limit' | 'cursor'>): q.CaseFilter {
  const r = role(actor);
  const scope: q.CaseFilter['scope'] =
    r === 'system' || CASE_READERS.includes(r)
      ? { kind: 'all' }
      : r === 'partner'
        ? { kind: 'partner', teamIds: actor.user!.teamIds }
        : { kind: 'requester', userId: actor.user!.id };
  let search: q.CaseFilter['search'];
  if (input.q !== undefined && input.q.trim() !== '') {
    search = parseSearchQuery(input.q);
    if (search.tokens.length === 0) throw AppError.validation('q', 'has no letters or digits to search for');
  }
  return { ...input, search, scope };
}

/** The sort key of a row, as its cursor carries it. */
export function caseSortKey(sort: q.CaseSort, row: q.CaseWithRefs): [string, string] {
  const key =
    sort === '-updatedAt'
      ? row.updated_at.toISOString()
      : sort === 'priority'
        ? `${row.priority}|${row.created_at.toISOString()}`
        : sort === 'due'
          ? (row.sla_due_at?.toISOString() ?? '-')
          : row.created_at.toISOString();
  return [key, row.id];
}

/** Up to `limit` rows in the list's order after the row with sort key `after` (keyset, never OFFSET). */
export async function casesAfter(deps: Deps, filter: q.CaseFilter, sort: q.CaseSort, after: [string, string] | undefined, limit: number): Promise<q.CaseWithRefs[]> {
  let query = q.caseWithRefs(deps.db).where(q.caseFilterExpression(filter));
  switch (sort) {
    case 'createdAt':
      if (after) query = query.where(sql<boolean>`(c.created_at, c.id) > (${new Date(after[0])}, ${after[1]}::uuid)`);
      query = query.orderBy('c.created_at', 'asc').orderBy('c.id', 'asc');
      break;
    case '-updatedAt':
      if (after) query = query.where(sql<boolean>`(c.updated_at, c.id) < (${new Date(after[0])}, ${after[1]}::uuid)`);
      query = query.orderBy('c.updated_at', 'desc').orderBy('c.id', 'desc');
      break;
    case 'priority':
      // P1 first; within a priority, oldest first (the longest-waiting case is next).
      if (after) query = query.where(sql<boolean>`(c.priority, c.created_at, c.id) > (${after[0].slice(0, 2)}, ${new Date(after[0].slice(3))}, ${after[1]}::uuid)`);
      query = query.orderBy('c.priority', 'asc').orderBy('c.created_at', 'asc').orderBy('c.id', 'asc');
      break;
    case 'due':
      // Soonest due first; cases with no running clock after all that have one.
      if (after) {
        query = query.where(
          after[0] === '-'
            ? sql<boolean>`c.sla_due_at IS NULL AND c.id > ${after[1]}::uuid`
            : sql<boolean>`((c.sla_due_at, c.id) > (${new Date(after[0])}, ${after[1]}::uuid) OR c.sla_due_at IS NULL)`,
        );
      }
      query = query.orderBy(sql`c.sla_due_at ASC NULLS LAST`).orderBy('c.id', 'asc');
      break;
    default:
      if (after) query = query.where(sql<boolean>`(c.created_at, c.id) < (${new Date(after[0])}, ${after[1]}::uuid)`);
      query = query.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc');
  }
  return (await query.limit(limit).execute()) as q.CaseWithRefs[];
}

/** The case list with filters, text search, sort and keyset pagination, scoped to what the caller may see. */
export async function listCases(deps: Deps, actor: Actor, input: CaseListInput): Promise<CasePage> {
  const filter = caseListFilter(actor, input);
  const scope = filter.scope;
  const where = q.caseFilterExpression(filter);
  const after = input.cursor ? (decodeCursor(input.cursor, cursorFits(input.sort)) as [string, string]) : undefined;
  const rows = await casesAfter(deps, filter, input.sort, after, input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];

  const counted = await deps.db
    .selectFrom((db) => db.selectFrom('cases as c').select('c.id').where(where).limit(EXACT_TOTAL_LIMIT + 1).as('m'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  let total = Number(counted.n);
  let totalIsEstimate = false;
  if (total > EXACT_TOTAL_LIMIT) {
    const compiled = deps.db.selectFrom('cases as c').select('c.id').where(where).compile();
    const plan = await sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>`EXPLAIN (FORMAT JSON) ${sql.raw(compiled.sql.replace(/\$(\d+)/g, (_, i) => literal(compiled.parameters[Number(i) - 1])))}`.execute(deps.db);
    total = Math.max(EXACT_TOTAL_LIMIT, Math.round(plan.rows[0]!['QUERY PLAN'][0].Plan['Plan Rows']));
    totalIsEstimate = true;
  }
  return {
    items: page.map((row) => presentCase(row, caseAccess(actor, row, scope.kind === 'partner'))),
    nextCursor: rows.length > input.limit && last ? encodeCursor(caseSortKey(input.sort, last)) : null,
    total,
    totalIsEstimate,
  };
}

/** A SQL literal for EXPLAIN, which cannot take bind parameters. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return `'${value.toISOString()}'::timestamptz`;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `ARRAY[${value.map(literal).join(',')}]::text[]`;
  return `'${String(value).replace(/'/g, "''")}'`;
}
