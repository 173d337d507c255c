import { sql } from 'kysely';
import type { Db } from '../db/pool.js';
import type { Deps } from './deps.js';
import { type JobHandler, enqueueJob } from './jobs.js';

const DAY = 86_400_000;

/** Housekeeping: expired sessions, old sign-in attempts and finished jobs. */
export const purgeExpired: JobHandler = async ({ db, clock }) => {
  const now = clock.now();
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
  await db.deleteFrom('login_attempts').where('at', '<', new Date(now.getTime() - DAY)).execute();
  await db
    .deleteFrom('jobs')
    .where('status', '=', 'done')
    .where('finished_at', '<', new Date(now.getTime() - 7 * DAY))
    .execute();
};

/**
 * Whether the planner's statistics depend on us: nobody runs autovacuum here — the embedded
 * database has no background processes, and a server may have it turned off.
 */
export async function statisticsAreOurs(db: Db): Promise<boolean> {
  const { rows } = await sql<{ ours: boolean }>`
    SELECT current_setting('autovacuum') = 'off'
        OR NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE backend_type = 'autovacuum launcher') AS ours`.execute(db);
  return rows[0]!.ours;
}

/**
 * Fresh planner statistics where autovacuum does not keep them: without them a table that grew
 * from thousands to hundreds of thousands of rows keeps plans made for thousands (a bulk load
 * slowed batch by batch until it was measured). ANALYZE samples a bounded number of rows per
 * table, so its cost does not grow with the data.
 */
export const refreshStatistics: JobHandler = async ({ db }) => {
  if (await statisticsAreOurs(db)) await sql`ANALYZE`.execute(db);
};

/**
 * VACUUM where no autovacuum runs, table by table, by autovacuum's own default rules: dead rows
 * over 50 + 20 % of the table (an update or a delete leaves the old row version until a vacuum
 * frees it: without one, tables and their indexes only grow, and every scan wades through the
 * dead), or rows inserted since the last vacuum over 1,000 + 20 % (a vacuum marks pages
 * all-visible, which an index-only scan — the queue's walk by due time — needs to skip the table).
 * A plain (lazy) VACUUM: on a server, reads and writes go on meanwhile; the embedded database's
 * one connection waits for it. Returns the tables vacuumed.
 */
export async function vacuumWhereDue(db: Db): Promise<string[]> {
  if (!(await statisticsAreOurs(db))) return [];
  // reltuples is -1 for a table never analyzed or vacuumed.
  const { rows } = await sql<{ schema: string; table: string }>`
    SELECT s.schemaname AS schema, s.relname AS table
      FROM pg_stat_user_tables s
      JOIN pg_class c ON c.oid = s.relid
     WHERE s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0)
        OR s.n_ins_since_vacuum > 1000 + 0.2 * greatest(c.reltuples, 0)
     ORDER BY s.relname`.execute(db);
  for (const { schema, table } of rows) await sql`VACUUM ${sql.id(schema, table)}`.execute(db);
  return rows.map((r) => r.table);
}

/**
 * Keeps planner statistics up with a bulk write: ANALYZE the tables it fills once it is under
 * way, then each time the data has doubled. Autovacuum cannot do it for rows not yet committed
 * (an import is one transaction) nor where it does not run; with statistics of an empty table the metric triggers chose an
 * index on clock kind over the one on case id, and a 20,000-row import slowed chunk by chunk
 * to under 200 rows/s. ANALYZE runs inside a transaction and counts its own uncommitted rows.
 */
export function statisticsFollowGrowth(db: Db, tables: readonly string[], rowsAtStart: number) {
  // Once early (the statistics may be older than the write: a database nobody analyzed), then as it doubles.
  let analyzedAt: number | null = null;
  const analyze = async () => {
    for (const table of tables) await sql`ANALYZE ${sql.table(table)}`.execute(db);
  };
  return {
    /** Call as the write goes on with the table's row count now. */
    async grown(rows: number): Promise<void> {
      if (analyzedAt === null ? rows - rowsAtStart < FIRST_ANALYZE_AFTER : rows < analyzedAt * 2) return;
      await analyze();
      analyzedAt = rows;
    },
    analyze,
  };
}
const FIRST_ANALYZE_AFTER = 1000;

/**
 * Schedules this hour's housekeeping. Every worker calls it; the dedupe key makes it one job
 * per hour however many workers run.
 */
export async function scheduleMaintenance(deps: Deps): Promise<void> {
  const now = deps.clock.now();
  const hour = now.toISOString().slice(0, 13);
  await enqueueJob(deps.db, now, { kind: 'maintenance.purge', dedupeKey: `maintenance.purge:${hour}` });
  await enqueueJob(deps.db, now, { kind: 'maintenance.statistics', dedupeKey: `maintenance.statistics:${hour}` });
  await enqueueJob(deps.db, now, { kind: 'maintenance.vacuum', dedupeKey: `maintenance.vacuum:${hour}` });
}

export const platformJobHandlers: Record<string, JobHandler> = {
  'maintenance.purge': purgeExpired,
  'maintenance.statistics': refreshStatistics,
  'maintenance.vacuum': async ({ db }) => void (await vacuumWhereDue(db)),
};
