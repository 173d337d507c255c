import { sql } from 'kysely';
import type { Db } from '../../db/pool.js';
import type { AccountTier, AccountType, CaseSource, Locale, Priority } from '../../db/schema.js';
import { formatCaseNumber } from '../cases/queries.js';
import type { CaseStatus } from '../cases/status-machine.js';
import type { Directory, NewAgent, NewCategory } from './map-row.js';
import { nameKey } from './value-names.js';

// The only place in the imports domain that writes SQL. Bulk writes go through unnest() of
// one array per column: one statement and a handful of parameters per 1,000 rows.


/** Categories, teams, people and regions, indexed by the names a file may use for them. */
export async function loadDirectory(db: Db): Promise<Directory> {
  const [categories, teams, users, regions] = await Promise.all([
    db.selectFrom('categories').select(['code', 'parent_code', 'labels']).execute(),
    db.selectFrom('teams').select(['id', 'name', 'kind']).execute(),
    db.selectFrom('users').select(['id', 'email', 'display_name', 'role']).execute(),
    db.selectFrom('regions').select('code').execute(),
  ]);
  const directory: Directory = { categories: new Map(), teams: new Map(), users: new Map(), regions: new Set(regions.map((r) => r.code)) };
  for (const c of categories) {
    const entry = { code: c.code, leaf: c.parent_code !== null };
    for (const label of Object.values(c.labels)) if (!directory.categories.has(nameKey(label))) directory.categories.set(nameKey(label), entry);
  }
  // Codes win over labels that happen to spell another code.
  for (const c of categories) directory.categories.set(c.code, { code: c.code, leaf: c.parent_code !== null });
  for (const t of teams) directory.teams.set(nameKey(t.name), { id: t.id, kind: t.kind });
  const byName = new Map<string, number>();
  for (const u of users) byName.set(nameKey(u.display_name), (byName.get(nameKey(u.display_name)) ?? 0) + 1);
  for (const u of users) {
    const key = nameKey(u.display_name);
    directory.users.set(key, byName.get(key)! > 1 ? 'ambiguous' : { id: u.id, role: u.role });
  }
  for (const u of users) directory.users.set(u.email.toLowerCase(), { id: u.id, role: u.role });
  return directory;
}

/** Creates the categories (and their roots) the file needs; ones another writer added meanwhile are kept. */
export async function createCategories(db: Db, categories: NewCategory[], rootLabels: Record<string, string>, now: Date): Promise<void> {
  if (categories.length === 0) return;
  const roots = [...new Set(categories.map((c) => c.parentCode))];
  const labels = (text: string) => JSON.stringify({ en: text, zh: text, ms: text });
  await db
    .insertInto('categories')
    .values(roots.map((code) => ({ code, parent_code: null, labels: labels(rootLabels[code] ?? code), position: 1000, created_at: now, updated_at: now })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  await db
    .insertInto('categories')
    .values(categories.map((c) => ({ code: c.code, parent_code: c.parentCode, labels: labels([...c.label].slice(0, 120).join('')), position: 1000, created_at: now, updated_at: now })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

/** Creates service teams by name; returns nameKey(name) → id for all of them, created or found. */
export async function createTeams(db: Db, names: string[], now: Date): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  await sql`INSERT INTO teams (name, kind, created_at, updated_at)
    SELECT n, 'service', ${now}, ${now} FROM unnest(${names}::text[]) AS n
    ON CONFLICT ((lower(name))) DO NOTHING`.execute(db);
  const rows = await db.selectFrom('teams').select(['id', 'name']).where(sql<boolean>`lower(name) = ANY(${names.map((n) => n.toLowerCase())}::text[])`).execute();
  return new Map(rows.map((r) => [nameKey(r.name), r.id]));
}

/** Creates inactive specialists without a password (they can't sign in until an admin says so); returns e-mail → id. */
export async function createAgents(db: Db, agents: NewAgent[], now: Date): Promise<Map<string, string>> {
  if (agents.length === 0) return new Map();
  await sql`INSERT INTO users (email, display_name, role, active, password_hash, created_at, updated_at)
    SELECT e, n, 'specialist', false, NULL, ${now}, ${now}
    FROM unnest(${agents.map((a) => a.email)}::text[], ${agents.map((a) => a.displayName)}::text[]) AS a(e, n)
    ON CONFLICT ((lower(email))) DO NOTHING`.execute(db);
  const rows = await db.selectFrom('users').select(['id', 'email']).where(sql<boolean>`lower(email) = ANY(${agents.map((a) => a.email)}::text[])`).execute();
  return new Map(rows.map((r) => [r.email.toLowerCase(), r.id]));
}

export interface AccountValues {
  type: AccountType;
  externalId: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  region: string | null;
  tier: AccountTier | null;
}

const accountKey = (type: string, externalId: string) => `${type}\u0001${externalId}`;

/**
 * Creates the accounts the file names and refreshes what it says about known ones (blank
 * cells keep stored values); returns (type, externalId) key → id. Callers merge duplicates first.
 */
export async function upsertAccounts(db: Db, accounts: AccountValues[], now: Date): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (let i = 0; i < accounts.length; i += CHUNK) {
    const chunk = accounts.slice(i, i + CHUNK);
    const existing = await db
      .selectFrom('accounts')
      .select(['id', 'type', 'external_id', 'name', 'email', 'phone', 'region', 'tier'])
      .where(sql<boolean>`(type, external_id) IN (SELECT * FROM unnest(${chunk.map((a) => a.type)}::text[], ${chunk.map((a) => a.externalId)}::text[]))`)
      .execute();
    const known = new Map(existing.map((a) => [accountKey(a.type, a.external_id), a]));
    const fresh: AccountValues[] = [];
    const changed: (AccountValues & { id: string })[] = [];
    for (const a of chunk) {
      const row = known.get(accountKey(a.type, a.externalId));
      if (!row) {
        fresh.push(a);
        continue;
      }
      ids.set(accountKey(a.type, a.externalId), row.id);
      const next = { name: a.name ?? row.name, email: a.email ?? row.email, phone: a.phone ?? row.phone, region: a.region ?? row.region, tier: a.tier ?? row.tier };
      if (next.name !== row.name || next.email !== row.email || next.phone !== row.phone || next.region !== row.region || next.tier !== row.tier) {
        changed.push({ ...a, ...next, id: row.id });
      }
    }
    if (fresh.length) {
      const { rows } = await sql<{ id: string; type: string; external_id: string }>`
        INSERT INTO accounts (type, external_id, name, email, phone, region, tier, created_at, updated_at)
        SELECT t, x, coalesce(n, x), e, p, r, coalesce(tier, 'standard'), ${now}, ${now}
        FROM unnest(${fresh.map((a) => a.type)}::text[], ${fresh.map((a) => a.externalId)}::text[], ${fresh.map((a) => a.name)}::text[],
                    ${fresh.map((a) => a.email)}::text[], ${fresh.map((a) => a.phone)}::text[], ${fresh.map((a) => a.region)}::text[],
                    ${fresh.map((a) => a.tier)}::text[]) AS a(t, x, n, e, p, r, tier)
        RETURNING id, type, external_id`.execute(db);
      for (const r of rows) ids.set(accountKey(r.type, r.external_id), r.id);
    }
    if (changed.length) {
      await sql`UPDATE accounts SET name = u.n, email = u.e, phone = u.p, region = u.r, tier = u.tier, updated_at = ${now}
        FROM unnest(${changed.map((a) => a.id)}::uuid[], ${changed.map((a) => a.name)}::text[], ${changed.map((a) => a.email)}::text[],
                    ${changed.map((a) => a.phone)}::text[], ${changed.map((a) => a.region)}::text[], ${changed.map((a) => a.tier)}::text[])
             AS u(id, n, e, p, r, tier)
        WHERE accounts.id = u.id`.execute(db);
    }
  }
  return ids;
}
export { accountKey };

/** Rows are written this many at a time: big enough to amortise a statement, small enough for memory. */
export const CHUNK = 1000;

/** What an import compares and writes for one case. */
export interface CaseValues {
  externalId: string;
  title: string;
  description: string;
  categoryCode: string;
  accountId: string;
  source: CaseSource;
  language: Locale;
  priority: Priority;
  status: CaseStatus;
  teamId: string | null;
  assigneeId: string | null;
  csat: number | null;
  createdAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
}

/** The stored values of cases with these external ids, for the update-or-insert decision. */
export async function existingCases(db: Db, externalIds: string[]): Promise<Map<string, CaseValues & { id: string }>> {
  const rows = await db
    .selectFrom('cases')
    .select([
      'id', 'external_id', 'title', 'description', 'category_code', 'account_id', 'source', 'language', 'priority', 'status',
      'team_id', 'assignee_id', 'csat', 'created_at', 'first_response_at', 'resolved_at', 'closed_at',
    ])
    .where(sql<boolean>`external_id = ANY(${externalIds}::text[])`)
    .execute();
  return new Map(
    rows.map((r) => [
      r.external_id!,
      {
        id: r.id,
        externalId: r.external_id!,
        title: r.title,
        description: r.description,
        categoryCode: r.category_code,
        accountId: r.account_id,
        source: r.source,
        language: r.language,
        priority: r.priority,
        status: r.status,
        teamId: r.team_id,
        assigneeId: r.assignee_id,
        csat: r.csat,
        createdAt: r.created_at,
        firstResponseAt: r.first_response_at,
        resolvedAt: r.resolved_at,
        closedAt: r.closed_at,
      },
    ]),
  );
}

// Search keys never contain control characters, so one can join a row's keys into one array element.
const TOKEN_SEPARATOR = '\u001f';
const latest = (c: CaseValues) => new Date(Math.max(...[c.createdAt, c.firstResponseAt, c.resolvedAt, c.closedAt].filter((d) => d !== null).map((d) => d.getTime())));

/** Inserts new cases with fresh numbers and their `created` events; returns how many. */
/** Inserts new imported cases; returns their ids. */
export async function insertCases(db: Db, cases: (CaseValues & { searchTokens: string[] })[]): Promise<string[]> {
  if (cases.length === 0) return [];
  const { rows: numbers } = await sql<{ n: number }>`SELECT nextval('case_number_seq')::int AS n FROM generate_series(1, ${cases.length}::int)`.execute(db);
  const col = <T>(pick: (c: CaseValues & { searchTokens: string[] }) => T) => cases.map(pick);
  const { rows } = await sql<{ id: string; created_at: Date }>`
    INSERT INTO cases (number, external_id, title, description, category_code, account_id, source, language, priority, status,
                       team_id, assignee_id, csat, flags, fields, search_tokens, created_at, updated_at, first_response_at, resolved_at, closed_at)
    SELECT num, x, t, d, cat, acc, src, lang, pri, st, team, asg, csat, '{}', '{}', string_to_array(tok, ${TOKEN_SEPARATOR}), ca, ua, fr, ra, cl
    FROM unnest(${numbers.map((r) => formatCaseNumber(r.n))}::text[], ${col((c) => c.externalId)}::text[], ${col((c) => c.title)}::text[],
                ${col((c) => c.description)}::text[], ${col((c) => c.categoryCode)}::text[], ${col((c) => c.accountId)}::uuid[],
                ${col((c) => c.source)}::text[], ${col((c) => c.language)}::text[], ${col((c) => c.priority)}::text[], ${col((c) => c.status)}::text[],
                ${col((c) => c.teamId)}::uuid[], ${col((c) => c.assigneeId)}::uuid[], ${col((c) => c.csat)}::smallint[],
                ${col((c) => c.searchTokens.join(TOKEN_SEPARATOR))}::text[], ${col((c) => c.createdAt)}::timestamptz[], ${col(latest)}::timestamptz[],
                ${col((c) => c.firstResponseAt)}::timestamptz[], ${col((c) => c.resolvedAt)}::timestamptz[], ${col((c) => c.closedAt)}::timestamptz[])
         AS c(num, x, t, d, cat, acc, src, lang, pri, st, team, asg, csat, tok, ca, ua, fr, ra, cl)
    RETURNING id, created_at`.execute(db);
  // The case began in the other helpdesk: its `created` event keeps that time.
  await sql`INSERT INTO case_events (case_id, at, actor_id, kind, data)
    SELECT id, at, NULL, 'created', '{"source":"import"}' FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.created_at)}::timestamptz[]) AS e(id, at)`.execute(db);
  return rows.map((r) => r.id);
}

/** Rewrites imported cases whose file row changed, with a `field_changed` event naming the changes. */
export async function updateCases(
  db: Db,
  cases: (CaseValues & { id: string; searchTokens: string[]; changes: Record<string, { from: unknown; to: unknown }> })[],
  now: Date,
): Promise<void> {
  if (cases.length === 0) return;
  const col = <T>(pick: (c: (typeof cases)[number]) => T) => cases.map(pick);
  await sql`UPDATE cases SET title = u.t, description = u.d, category_code = u.cat, account_id = u.acc, source = u.src, language = u.lang,
      priority = u.pri, status = u.st, team_id = u.team, assignee_id = u.asg, csat = u.csat, search_tokens = string_to_array(u.tok, ${TOKEN_SEPARATOR}),
      created_at = u.ca, first_response_at = u.fr, resolved_at = u.ra, closed_at = u.cl, updated_at = ${now}
    FROM unnest(${col((c) => c.id)}::uuid[], ${col((c) => c.title)}::text[], ${col((c) => c.description)}::text[], ${col((c) => c.categoryCode)}::text[],
                ${col((c) => c.accountId)}::uuid[], ${col((c) => c.source)}::text[], ${col((c) => c.language)}::text[], ${col((c) => c.priority)}::text[],
                ${col((c) => c.status)}::text[], ${col((c) => c.teamId)}::uuid[], ${col((c) => c.assigneeId)}::uuid[], ${col((c) => c.csat)}::smallint[],
                ${col((c) => c.searchTokens.join(TOKEN_SEPARATOR))}::text[], ${col((c) => c.createdAt)}::timestamptz[],
                ${col((c) => c.firstResponseAt)}::timestamptz[], ${col((c) => c.resolvedAt)}::timestamptz[], ${col((c) => c.closedAt)}::timestamptz[])
         AS u(id, t, d, cat, acc, src, lang, pri, st, team, asg, csat, tok, ca, fr, ra, cl)
    WHERE cases.id = u.id`.execute(db);
  await sql`INSERT INTO case_events (case_id, at, actor_id, kind, data)
    SELECT id, ${now}, NULL, 'field_changed', data::jsonb
    FROM unnest(${col((c) => c.id)}::uuid[], ${col((c) => JSON.stringify({ source: 'import', changes: c.changes }))}::text[]) AS e(id, data)`.execute(db);
}

/** Serialises imports: two at once could both decide an external id is new. */
export async function lockImports(db: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('closeloop.imports'))`.execute(db);
}
