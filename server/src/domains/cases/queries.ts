import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/pool.js';
import type { CaseRow, CaseTable, Database, Labels } from '../../db/schema.js';
import { isUuid } from '../../platform/cursor.js';

// The only place in the cases domain that writes SQL.

/** A case with everything its header shows, in one query. */
/**
 * A case's columns as it is read and shown: all but its search keys and its routing record (a
 * hundred strings and a JSON document per row that nobody reads back from here; parsing them was
 * a tenth of a 50-case page).
 */
const CASE_COLUMNS = [
  'id', 'number', 'title', 'description', 'category_code', 'account_id', 'requester_id', 'source', 'language', 'priority',
  'flags', 'status', 'team_id', 'assignee_id', 'fields', 'root_cause_code', 'root_cause_text', 'resolution_code',
  'resolution_summary', 'external_id', 'merged_into_id', 'reopen_count', 'requester_notified_at', 'requester_confirmed_at',
  'csat', 'created_at', 'updated_at', 'first_response_at', 'resolved_at', 'closed_at', 'sla_due_at', 'sla_state',
] as const satisfies readonly Exclude<keyof CaseTable, 'search_tokens' | 'routing'>[];
// Every other column is listed: a column added to cases and not here fails to compile.
type Unlisted = Exclude<keyof CaseTable, 'search_tokens' | 'routing' | (typeof CASE_COLUMNS)[number]>;
const everyColumnListed: [Unlisted] extends [never] ? true : never = true;
void everyColumnListed;

/** A case's account columns (presentAccount's), of the accounts row `a`. */
export const ACCOUNT_REFS = [
  'a.type as account_type',
  'a.external_id as account_external_id',
  'a.name as account_name',
  'a.email as account_email',
  'a.phone as account_phone',
  'a.region as account_region',
  'a.language as account_language',
  'a.tier as account_tier',
] as const;

// The names a case refers to by id are scalar subqueries, not joins: planning a join of eight
// relations took 3–8 ms of every case read (more than running it); a subquery is planned alone.
export function caseWithRefs(db: Pick<Db, 'selectFrom'>) {
  return db
    .selectFrom('cases as c')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .innerJoin('categories as cat', 'cat.code', 'c.category_code')
    .select(CASE_COLUMNS.map((column) => `c.${column}` as const))
    .select((eb) => [
      ...ACCOUNT_REFS,
      'cat.labels as category_labels',
      eb.selectFrom('teams as t').select('t.name').whereRef('t.id', '=', 'c.team_id').as('team_name'),
      eb.selectFrom('users as asg').select('asg.display_name').whereRef('asg.id', '=', 'c.assignee_id').as('assignee_name'),
      eb.selectFrom('users as req').select('req.display_name').whereRef('req.id', '=', 'c.requester_id').as('requester_name'),
      eb.selectFrom('cases as m').select('m.number').whereRef('m.id', '=', 'c.merged_into_id').as('merged_into_number'),
    ]);
}
export type CaseWithRefs = Omit<CaseRow, 'search_tokens' | 'routing'> & {
  account_type: string;
  account_external_id: string;
  account_name: string;
  account_email: string | null;
  account_phone: string | null;
  account_region: string | null;
  account_language: string | null;
  account_tier: string;
  category_labels: Labels;
  team_name: string | null;
  assignee_name: string | null;
  requester_name: string | null;
  merged_into_number: string | null;
};

/** By id or by number (`ESC-000123`, any letter case). */
export async function findCase(db: Db, idOrNumber: string): Promise<CaseWithRefs | undefined> {
  const query = caseWithRefs(db);
  const row = isUuid(idOrNumber)
    ? await query.where('c.id', '=', idOrNumber).executeTakeFirst()
    : await query.where('c.number', '=', idOrNumber.toUpperCase()).executeTakeFirst();
  return row as CaseWithRefs | undefined;
}

/** Locks the case row for a change, so concurrent changes to one case apply one after another. */
export async function lockCase(db: Db, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** How many cases the database holds (merged duplicates included). */
export const countCases = async (db: Db) =>
  Number((await db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

/** `ESC-000123`; past a million the number simply grows wider. */
export function formatCaseNumber(n: number): string {
  return `ESC-${String(n).padStart(6, '0')}`;
}

/** formatCaseNumber in SQL, of a number column (read twice: never a volatile expression such as nextval). */
export const caseNumberSql = (n: RawBuilder<unknown>) => sql<string>`'ESC-' || lpad(${n}::text, greatest(6, length(${n}::text)), '0')`;

export async function partnerTeamsWithHandoff(db: Db, caseId: string, teamIds: string[]): Promise<boolean> {
  if (teamIds.length === 0) return false;
  const row = await db
    .selectFrom('handoffs')
    .select('id')
    .where('case_id', '=', caseId)
    .where('team_id', 'in', teamIds)
    .executeTakeFirst();
  return row !== undefined;
}

export async function openHandoffCount(db: Db, caseId: string): Promise<number> {
  const row = await db
    .selectFrom('handoffs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('case_id', '=', caseId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A case event that a statement inserts with others, numbered in `ord` order. */
export interface OrderedEvent {
  case_id: string;
  at: Date;
  actor_id: string | null;
  kind: string;
  data: object;
  ord: number;
}

/** Events as rows (case_id, at, actor_id, kind, data, ord) for insertEventsSql: one parameter (recordsJson of OrderedEvents), however many (see recordsetSql). */
export function eventRowsSql(json: string): RawBuilder<unknown> {
  return sql`SELECT * FROM jsonb_to_recordset(${json}::jsonb) AS v (case_id uuid, at timestamptz, actor_id uuid, kind text, data jsonb, ord int)`;
}

/**
 * One INSERT of the events that row sources (case_id, at, actor_id, kind, data, ord) select, in
 * `ord` order: the ids number a case's events in the order they happened, which separate INSERTs
 * in one statement would not (its parts run in no set order).
 */
export function insertEventsSql(sources: RawBuilder<unknown>[]): RawBuilder<{ id: number }> {
  return sql<{ id: number }>`(INSERT INTO case_events (case_id, at, actor_id, kind, data)
    SELECT case_id, at, actor_id, kind, data FROM (${sql.join(sources, sql` UNION ALL `)}) AS ev ORDER BY ord
    RETURNING id)`;
}

export async function insertEvent(
  db: Db,
  event: { caseId: string; at: Date; actorId: string | null; kind: string; data?: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('case_events')
    .values({
      case_id: event.caseId,
      at: event.at,
      actor_id: event.actorId,
      kind: event.kind,
      data: JSON.stringify(event.data ?? {}),
    })
    .execute();
}

export async function findCategory(db: Db, code: string) {
  return db.selectFrom('categories').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Filters of the case list; `scope` narrows it to what the caller may see. */
export interface CaseFilter {
  status?: string[];
  teamId?: string;
  unassigned?: boolean;
  assigneeId?: string;
  category?: string;
  priority?: string[];
  slaState?: string[];
  accountId?: string;
  requesterId?: string;
  createdFrom?: Date;
  createdTo?: Date;
  search?: { tokens: string[]; phrases: string[] };
  scope: { kind: 'all' } | { kind: 'requester'; userId: string } | { kind: 'partner'; teamIds: string[] };
}

export type CaseSort = '-createdAt' | 'createdAt' | '-updatedAt' | 'priority' | 'due';

type CaseEb = ExpressionBuilder<Database & { c: Database['cases'] }, 'c'>;

/** A text search's conditions over `c` (cases, or rows with their search_tokens, title and description). */
export function caseSearchConditions(search: NonNullable<CaseFilter['search']>): Expression<SqlBool>[] {
  return [
    sql<SqlBool>`c.search_tokens @> ${sql.val(search.tokens)}::text[]`,
    // Bigrams narrow it down through the index; this keeps only true contiguous matches.
    ...search.phrases.map((phrase) => sql<SqlBool>`strpos(lower(c.title || ' ' || c.description), ${phrase}) > 0`),
  ];
}

/** The list's filters as one WHERE expression over `cases as c`. */
export function caseFilterExpression(filter: CaseFilter) {
  return (eb: CaseEb): Expression<SqlBool> => {
    const all: Expression<SqlBool>[] = [];
    if (filter.status?.length) all.push(eb('c.status', 'in', filter.status as CaseRow['status'][]));
    if (filter.teamId) all.push(eb('c.team_id', '=', filter.teamId));
    if (filter.unassigned) all.push(eb('c.assignee_id', 'is', null));
    if (filter.assigneeId) all.push(eb('c.assignee_id', '=', filter.assigneeId));
    if (filter.category) {
      const prefix = filter.category.replace(/[\\%_]/g, '\\$&');
      all.push(eb.or([eb('c.category_code', '=', filter.category), eb('c.category_code', 'like', `${prefix}/%`)]));
    }
    if (filter.priority?.length) all.push(eb('c.priority', 'in', filter.priority as CaseRow['priority'][]));
    if (filter.slaState?.length) all.push(eb('c.sla_state', 'in', filter.slaState as NonNullable<CaseRow['sla_state']>[]));
    if (filter.accountId) all.push(eb('c.account_id', '=', filter.accountId));
    if (filter.requesterId) all.push(eb('c.requester_id', '=', filter.requesterId));
    if (filter.createdFrom) all.push(eb('c.created_at', '>=', filter.createdFrom));
    if (filter.createdTo) all.push(eb('c.created_at', '<', filter.createdTo));
    if (filter.search) all.push(...caseSearchConditions(filter.search));
    const scope = filter.scope;
    if (scope.kind === 'requester') all.push(eb('c.requester_id', '=', scope.userId));
    if (scope.kind === 'partner') {
      all.push(
        scope.teamIds.length === 0
          ? sql<SqlBool>`false`
          : eb.exists(
              eb.selectFrom('handoffs as h').select('h.id').whereRef('h.case_id', '=', 'c.id').where('h.team_id', 'in', scope.teamIds),
            ),
      );
    }
    return eb.and(all);
  };
}
