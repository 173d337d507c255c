import { randomUUID } from 'node:crypto';
import { type Insertable, sql } from 'kysely';
import type { Db } from '../../server/src/db/pool.js';
import type { CaseTable, Database } from '../../server/src/db/schema.js';
import { DEMO_SEED, type DemoDirectory, buildHistory } from '../../server/src/demo/history.js';
import { loadDemo } from '../../server/src/demo/load-demo.js';
import { DEMO_PEOPLE, DEMO_TEAMS } from '../../server/src/demo/organisation.js';
import { cliActor } from '../../server/src/platform/actor.js';
import type { Deps } from '../../server/src/platform/deps.js';

const DAY = 86_400_000;
/** Cases per generated batch: one demo history (90 days) each, so the mix of statuses stays the demo's. */
const BATCH = 2_000;
/** Rows per INSERT statement. */
const CHUNK = 2_000;

/**
 * The demo organisation (teams, people) and its 2,000-case history, loaded through the same
 * code as `npm start --demo`. Returns the directory later batches refer to.
 */
export async function seedOrganisation(deps: Deps): Promise<DemoDirectory> {
  const loaded = await loadDemo(deps, cliActor);
  if (!loaded.loaded) throw new Error(`the bench database is not empty: ${loaded.reason}`);
  return readDirectory(deps.db);
}

export async function readDirectory(db: Db): Promise<DemoDirectory> {
  const users = await db.selectFrom('users').select(['id', 'email', 'display_name']).execute();
  const teams = await db.selectFrom('teams').select(['id', 'name']).execute();
  const teamByName = new Map(teams.map((t) => [t.name, t.id]));
  const directory: DemoDirectory = { users: new Map(), teams: new Map() };
  for (const u of users) directory.users.set(u.email, { id: u.id, name: u.display_name });
  for (const t of DEMO_TEAMS) {
    const id = teamByName.get(t.name);
    if (id) directory.teams.set(t.key, { id, name: t.name });
  }
  if (directory.users.size < DEMO_PEOPLE.length || directory.teams.size < DEMO_TEAMS.length) throw new Error('the demo organisation is incomplete');
  return directory;
}

export const countCases = async (db: Db) =>
  Number((await db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

/**
 * Adds demo-history batches (cases and their accounts only, each batch with another seed and
 * a clock shifted one more day back) until the table holds `target` cases. Multi-row inserts
 * through jsonb_populate_recordset, as the demo loader does. Returns the cases added.
 */
export async function growCases(db: Db, directory: DemoDirectory, target: number, progress: (done: number, of: number) => void): Promise<number> {
  const start = await countCases(db);
  const missing = Math.max(0, target - start);
  if (missing === 0) return 0;
  const seen = new Map<string, string>();
  for (const a of await db.selectFrom('accounts').select(['id', 'type', 'external_id']).execute()) seen.set(`${a.type}|${a.external_id}`, a.id);
  const now = Date.now();
  let added = 0;
  for (let batch = 1; added < missing; batch++) {
    const size = Math.min(BATCH, missing - added);
    const { rows } = await sql<{ n: number }>`SELECT nextval('case_number_seq')::int AS n FROM generate_series(1, ${size})`.execute(db);
    const numbers = rows.map((r) => r.n).sort((a, b) => a - b);
    const history = buildHistory({ now: new Date(now - batch * DAY), directory, numbers, newId: randomUUID, seed: DEMO_SEED + batch });
    const remap = new Map<string, string>();
    const accounts = history.accounts.filter((a) => {
      const key = `${a.type}|${a.external_id}`;
      const existing = seen.get(key);
      if (existing) {
        remap.set(a.id!, existing);
        return false;
      }
      seen.set(key, a.id!);
      return true;
    });
    const cases: Insertable<CaseTable>[] = history.cases.map((c) => {
      // Links and merges point at cases of the same batch that are kept; the case rows alone are what the list reads.
      const row = { ...c, account_id: remap.get(c.account_id) ?? c.account_id, merged_into_id: null };
      return row;
    });
    await insertChunked(db, 'accounts', accounts);
    await insertChunked(db, 'cases', cases);
    await addClocks(db, cases.map((c) => c.id as string));
    added += cases.length;
    progress(start + added, target);
  }
  await sql`ANALYZE cases`.execute(db);
  await sql`ANALYZE sla_clocks`.execute(db);
  await sql`ANALYZE accounts`.execute(db);
  return added;
}

/**
 * First-response and resolution clocks for grown cases, derived in SQL from their timestamps so
 * a million cases load in minutes (the demo's own 2,000 get theirs from the real backfill).
 * Working time is taken as a third of wall time (8 working hours a day); targets are the default
 * policies' (P1 8 h … P3/P4 40 h to resolve); a clock past its target breached when it ran out.
 */
async function addClocks(db: Db, caseIds: string[]): Promise<void> {
  await sql`
    INSERT INTO sla_clocks (case_id, kind, policy_name, calendar_id, target_seconds, warn_at, pause_statuses, on_reopen, state,
                            started_at, elapsed_seconds, running_since, due_at, breached_at, stopped_at, stop_reason)
    SELECT c.id, k.kind, 'bench', cal.id, k.target, '{75,90}', '{waiting_requester}', 'continue',
           CASE WHEN k.done IS NULL THEN 'running' ELSE 'stopped' END, c.created_at,
           k.worked, CASE WHEN k.done IS NULL THEN c.created_at END,
           CASE WHEN k.done IS NULL THEN c.created_at + make_interval(secs => k.target * 3) END,
           CASE WHEN k.worked > k.target THEN c.created_at + make_interval(secs => k.target * 3) END,
           k.done, CASE WHEN k.done IS NOT NULL THEN 'met' END
      FROM cases c
      CROSS JOIN LATERAL (SELECT id FROM calendars ORDER BY name LIMIT 1) cal
      CROSS JOIN LATERAL (VALUES
        ('first_response', CASE c.priority WHEN 'P1' THEN 1800 WHEN 'P2' THEN 7200 ELSE 28800 END, c.first_response_at),
        ('resolution', CASE c.priority WHEN 'P1' THEN 28800 WHEN 'P2' THEN 57600 ELSE 144000 END, c.resolved_at)
      ) AS v(kind, target, done)
      CROSS JOIN LATERAL (SELECT v.kind, v.target, v.done,
                                 extract(epoch FROM coalesce(v.done, c.created_at + interval '30 days') - c.created_at) / 3 AS worked) k
     WHERE c.id = ANY(${caseIds}::uuid[])`.execute(db);
}

const JSONB_COLUMNS = new Set(['data', 'payload', 'fields']);

/** Rows as one JSON parameter per chunk, expanded by jsonb_populate_recordset (fast on PGlite too). */
export async function insertChunked(db: Db, table: keyof Database, rows: readonly object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const columns = [...new Set(chunk.flatMap((row) => Object.keys(row)))];
    const records = chunk.map((row) =>
      Object.fromEntries(Object.entries(row).map(([key, value]) => [key, JSONB_COLUMNS.has(key) && typeof value === 'string' ? JSON.parse(value) : value])),
    );
    const list = sql.join(columns.map((c) => sql.ref(c)));
    await sql`INSERT INTO ${sql.table(table)} (${list})
              SELECT ${list} FROM jsonb_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(records)}::jsonb)`.execute(db);
  }
}

/** A case as POST /api/v1/cases takes it. */
export interface IntakeBody {
  title: string;
  description: string;
  category: string;
  account: { type: string; externalId: string; name: string; email: string; region: string; language: string };
  source: 'api';
  team?: string;
  fields: Record<string, string | number>;
}

/** `count` realistic intake bodies (en/zh/ms) from a demo history that is never inserted. */
export function intakeBodies(directory: DemoDirectory, count: number): IntakeBody[] {
  const bodies: IntakeBody[] = [];
  for (let batch = 0; bodies.length < count; batch++) {
    const size = Math.min(BATCH, count - bodies.length);
    const history = buildHistory({
      now: new Date(),
      directory,
      numbers: Array.from({ length: size }, (_, i) => i + 1),
      newId: randomUUID,
      seed: DEMO_SEED + 1_000_000 + batch,
    });
    const accounts = new Map(history.accounts.map((a) => [a.id, a]));
    for (const c of history.cases) {
      const a = accounts.get(c.account_id)!;
      bodies.push({
        title: c.title,
        description: c.description,
        category: c.category_code,
        account: { type: a.type, externalId: a.external_id, name: a.name, email: a.email!, region: a.region!, language: a.language! },
        source: 'api',
        team: c.team_id ?? undefined,
        fields: JSON.parse(String(c.fields ?? '{}')) as Record<string, string | number>,
      });
    }
  }
  return bodies;
}
