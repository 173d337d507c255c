import { type Compilable, type RawBuilder, sql } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { prepared } from '../../db/pool.js';
import type { Deps } from '../../platform/deps.js';
import { decodeCursor, encodeCursor, isUuid } from '../../platform/cursor.js';
import { AppError } from '../../platform/errors.js';
import { parseSearchQuery } from '../../platform/text/search-tokens.js';
import { CASE_READERS, caseAccess, role } from './policy.js';
import { type CaseView, presentCase } from './present.js';
import * as q from './queries.js';

// Exact totals cost a visit to every match: at a million cases, counting a busy team's queue
// or a common word to 10,000 took 15–140 ms of a request whose page took 3–7. Beyond this many
// the planner's estimate is reported, never below this (the UI shows "N+").
export const EXACT_TOTAL_LIMIT = 1_000;

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

/**
 * Up to `limit` rows in the list's order after the row with sort key `after` (keyset, never
 * OFFSET). The order is worked out on the ids alone and the rows read for those: sorting the
 * matches' whole rows (descriptions, joins) spilled to disk at a million cases.
 */
export async function casesAfter(deps: Deps, filter: q.CaseFilter, sort: q.CaseSort, after: [string, string] | undefined, limit: number): Promise<q.CaseWithRefs[]> {
  let query = deps.db.selectFrom('cases as c').select('c.id').where(q.caseFilterExpression(filter));
  const keep = isQueue(filter);
  const run = (qb: typeof query, n: number) => pageRows(deps, qb.limit(n), keep);
  switch (sort) {
    case 'createdAt':
      if (after) query = query.where(sql<boolean>`(c.created_at, c.id) > (${new Date(after[0])}, ${after[1]}::uuid)`);
      return run(query.orderBy('c.created_at', 'asc').orderBy('c.id', 'asc'), limit);
    case '-updatedAt':
      if (after) query = query.where(sql<boolean>`(c.updated_at, c.id) < (${new Date(after[0])}, ${after[1]}::uuid)`);
      return run(query.orderBy('c.updated_at', 'desc').orderBy('c.id', 'desc'), limit);
    case 'priority':
      // P1 first; within a priority, oldest first (the longest-waiting case is next).
      if (after) query = query.where(sql<boolean>`(c.priority, c.created_at, c.id) > (${after[0].slice(0, 2)}, ${new Date(after[0].slice(3))}, ${after[1]}::uuid)`);
      return run(query.orderBy('c.priority', 'asc').orderBy('c.created_at', 'asc').orderBy('c.id', 'asc'), limit);
    case 'due': {
      // Soonest due first; cases with no running clock after all that have one. Two reads, so
      // each follows an index: the due ones (team_id, sla_due_at, id), then, only when the page
      // is not full yet, the ones without a due time by id.
      const due =
        after?.[0] === '-'
          ? []
          : await run(
              query
                .where('c.sla_due_at', 'is not', null)
                .$if(after !== undefined, (qb) => qb.where(sql<boolean>`(c.sla_due_at, c.id) > (${new Date(after![0])}, ${after![1]}::uuid)`))
                .orderBy('c.sla_due_at', 'asc')
                .orderBy('c.id', 'asc'),
              limit,
            );
      if (due.length === limit) return due;
      const undated = query
        .where('c.sla_due_at', 'is', null)
        .$if(after?.[0] === '-', (qb) => qb.where('c.id', '>', after![1]))
        .orderBy('c.id', 'asc');
      return [...due, ...(await run(undated, limit - due.length))];
    }
    default: {
      const before = after ? sql<boolean>`(c.created_at, c.id) < (${new Date(after[0])}, ${after[1]}::uuid)` : sql<boolean>`true`;
      if (filter.search) {
        const found = await newestMatches(deps, filter, filter.search, before, limit);
        if (found) return found;
      }
      return run(query.where(before).orderBy('c.created_at', 'desc').orderBy('c.id', 'desc'), limit);
    }
  }
}

/**
 * A queue — a team's or a person's cases, by status, priority or SLA state, with no text, date,
 * category, account or requester filter — is the page the desk reads most, in a handful of
 * shapes. Its statements are kept prepared (db/pool.ts): parsing and planning the page's
 * statement took ~1.5 ms of a ~4 ms database part of each request (PostgreSQL, 100,000 cases).
 * PostgreSQL still plans each of the first five runs for their values and keeps a generic plan
 * only where it costs no more. Other lists vary too much in shape to keep every variant.
 */
function isQueue(filter: q.CaseFilter): boolean {
  const owned = filter.teamId !== undefined || filter.assigneeId !== undefined || filter.unassigned === true;
  const narrowed = filter.search || filter.category || filter.accountId || filter.requesterId || filter.createdFrom || filter.createdTo;
  return owned && !narrowed && filter.scope.kind === 'all';
}

/**
 * The rows of the ids `ids` selects, in its order, in one statement: the ids are worked out
 * first (materialised once), then the rows read by primary key. Two statements cost a round
 * trip more on every list request.
 */
async function pageRows(deps: Deps, ids: Compilable, keep = false): Promise<q.CaseWithRefs[]> {
  const page = sql`(SELECT ids FROM page)::uuid[]`;
  const rows = q.caseWithRefs(deps.db).where(sql<boolean>`c.id = ANY(${page})`).orderBy(sql`array_position(${page}, c.id)`);
  const statement = sql<q.CaseWithRefs>`WITH page AS MATERIALIZED (SELECT ARRAY(${ids}) AS ids) ${rows}`.compile(deps.db);
  return (await deps.db.executeQuery(keep ? prepared(statement) : statement)).rows;
}

/** How many of the newest cases a search looks through before it asks the text index for all matches. */
const SEARCH_WINDOW = 5_000;

/**
 * A common word matches tens of thousands of cases; fetching them all through the text index
 * to keep the newest 50 took 150–200 ms at a million cases (the planner cannot tell "bayaran
 * balik" is a phrase and expects few matches). Walking the newest cases in order finds a page of
 * them in a few thousand rows. Returns the page when the window holds a full one — then it is
 * exactly the newest matches — and null otherwise (a rare word), for the index to answer.
 */
async function newestMatches(deps: Deps, filter: q.CaseFilter, search: NonNullable<q.CaseFilter['search']>, before: RawBuilder<boolean>, limit: number): Promise<q.CaseWithRefs[] | null> {
  const newest = deps.db
    .selectFrom('cases as c')
    .select(['c.id', 'c.created_at', 'c.search_tokens', 'c.title', 'c.description'])
    .where(q.caseFilterExpression({ ...filter, search: undefined }))
    .where(before)
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(SEARCH_WINDOW);
  const ids = deps.db
    .selectFrom(newest.as('c'))
    .select('c.id')
    .where((eb) => eb.and(q.caseSearchConditions(search)))
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit);
  const rows = await pageRows(deps, ids);
  return rows.length === limit ? rows : null;
}

/** The case list with filters, text search, sort and keyset pagination, scoped to what the caller may see. */
export async function listCases(deps: Deps, actor: Actor, input: CaseListInput): Promise<CasePage> {
  const filter = caseListFilter(actor, input);
  const scope = filter.scope;
  const where = q.caseFilterExpression(filter);
  const after = input.cursor ? (decodeCursor(input.cursor, cursorFits(input.sort)) as [string, string]) : undefined;
  // The page and the count side by side: on PostgreSQL they run on two pooled connections. Past
  // the exact limit the same statement asks the planner for its estimate of the matches.
  const matching = deps.db.selectFrom('cases as c').select('c.id').where(where);
  const compiled = matching.compile();
  const matches = compiled.sql.replace(/\$(\d+)/g, (_, i) => literal(compiled.parameters[Number(i) - 1]));
  const count = deps.db
    .selectFrom(matching.limit(EXACT_TOTAL_LIMIT + 1).as('m'))
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      sql<number | null>`CASE WHEN count(*) > ${EXACT_TOTAL_LIMIT} THEN planner_row_estimate(${matches}) END`.as('estimate'),
    ])
    .compile();
  const [rows, counts] = await Promise.all([
    casesAfter(deps, filter, input.sort, after, input.limit + 1),
    deps.db.executeQuery(isQueue(filter) ? prepared(count) : count),
  ]);
  const counted = counts.rows[0]!; // an aggregate: always one row
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  const totalIsEstimate = Number(counted.n) > EXACT_TOTAL_LIMIT;
  const total = totalIsEstimate ? Math.max(EXACT_TOTAL_LIMIT, Number(counted.estimate)) : Number(counted.n);
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
