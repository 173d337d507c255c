import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Config, loadConfig } from '../../server/src/config.js';
import { migrate } from '../../server/src/db/migrate.js';
import { type DbHandle, openDatabase } from '../../server/src/db/pool.js';
import { systemClock } from '../../server/src/platform/clock.js';
import type { Deps } from '../../server/src/platform/deps.js';

/** A migrated, empty database of one backend, made for this run and removed after it. */
export interface Backend {
  kind: 'pglite' | 'postgres';
  database: DbHandle;
  config: Config;
  deps: Deps;
  /** A pool for the reference workload: plain `pg`, as many connections as the app may use. */
  referencePool(connections: number): pg.Pool;
  close(): Promise<void>;
}

export const SCRATCH_PREFIX = 'closeloop_bench_';

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** PGlite on disk in a temporary directory, as `npm start` runs it. */
export async function openPglite(): Promise<Backend> {
  const dir = mkdtempSync(join(tmpdir(), 'closeloop-bench-'));
  const config = loadConfig({ LOG_LEVEL: 'silent', CLOSELOOP_DATA_DIR: dir, CLOSELOOP_IN_PROCESS_WORKER: 'false' });
  let database: DbHandle;
  try {
    database = await openDatabase({ dataDir: dir });
    await migrate(database.pool);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    kind: 'pglite',
    database,
    config,
    deps: { db: database.db, clock: systemClock, config },
    // PGlite is one connection: the reference shares it, like the app does.
    referencePool: () => database.pool,
    async close() {
      try {
        await database.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * A scratch database `closeloop_bench_<pid>` on the server of `adminUrl`, created here and
 * dropped on close. No other database is read or written.
 */
export async function openPostgres(adminUrl: string): Promise<Backend> {
  const name = `${SCRATCH_PREFIX}${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const dir = mkdtempSync(join(tmpdir(), 'closeloop-bench-'));
  const drop = async () => {
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const url = withDatabase(adminUrl, name);
  let database: DbHandle;
  try {
    // Only ever our own name: a leftover from a crashed run with this pid is ours too.
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    database = await openDatabase({ databaseUrl: url, dataDir: dir });
    await migrate(database.pool);
  } catch (error) {
    await drop();
    throw error;
  }
  const config = loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: url, CLOSELOOP_DATA_DIR: dir, CLOSELOOP_IN_PROCESS_WORKER: 'false' });
  const extra: pg.Pool[] = [];
  return {
    kind: 'postgres',
    database,
    config,
    deps: { db: database.db, clock: systemClock, config },
    referencePool(connections) {
      const pool = new pg.Pool({ connectionString: url, max: connections });
      pool.on('error', () => {});
      extra.push(pool);
      return pool;
    },
    async close() {
      try {
        for (const pool of extra) await pool.end();
        await database.close();
      } finally {
        await drop();
      }
    },
  };
}
