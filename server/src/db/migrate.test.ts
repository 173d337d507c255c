import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { withDatabase } from '../../test/global-setup.js';
import { testDatabase } from '../../test/harness.js';
import { MIGRATIONS_DIR, type Migration, migrate, readMigrations } from './migrate.js';
import { fromPglite } from './pool.js';

const DATABASE_URL = process.env.DATABASE_URL;

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A directory holding exactly these files. */
function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'closeloop-migrations-'));
  tempDirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

interface Scratch {
  pools: pg.Pool[];
  close(): Promise<void>;
}

/**
 * An empty database (no schema_migrations at all). PostgreSQL: a scratch database reached by
 * `poolCount` separate pools, as separate processes would. PGlite: one in-memory instance.
 */
async function emptyDatabase(poolCount = 1): Promise<Scratch> {
  if (!DATABASE_URL) {
    const handle = fromPglite(await PGlite.create({ extensions: { pg_trgm } }));
    return { pools: [handle.pool], close: () => handle.close() };
  }
  // Named like the harness's copies, so global teardown sweeps it if this file crashes.
  const name = `closeloop_test_${inject('databaseTemplate').split('_').pop()}_mig_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const pools = Array.from({ length: poolCount }, () => {
    const pool = new pg.Pool({ connectionString: withDatabase(DATABASE_URL, name), max: 2 });
    // DROP … WITH (FORCE) may reach a connection that is still closing; that is not a failure.
    pool.on('error', () => {});
    return pool;
  });
  return {
    pools,
    async close() {
      await Promise.all(pools.map((p) => p.end()));
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const m = (version: number, name: string, sql: string): Migration => ({ version, name, sql });
const tableExists = async (pool: pg.Pool, table: string) =>
  (await pool.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [table])).rows[0]!.t !== null;
const appliedVersions = async (pool: pg.Pool) =>
  (await pool.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version')).rows;
const advisoryLocks = async (pool: pg.Pool) =>
  Number((await pool.query<{ n: string }>("SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory'")).rows[0]!.n);

describe('readMigrations', () => {
  it('reads NNNN_name.sql files in version order and ignores other files', () => {
    const dir = migrationsDir({
      '0002_cases.sql': 'CREATE TABLE cases ();',
      '0001_platform.sql': 'CREATE TABLE platform ();',
      'README.md': '# not a migration',
      '0003_add_index_2.sql': 'SELECT 1;',
    });
    expect(readMigrations(dir)).toEqual([
      { version: 1, name: 'platform', sql: 'CREATE TABLE platform ();' },
      { version: 2, name: 'cases', sql: 'CREATE TABLE cases ();' },
      { version: 3, name: 'add_index_2', sql: 'SELECT 1;' },
    ]);
    expect(readMigrations(migrationsDir({}))).toEqual([]);
  });

  it.each(['1_platform.sql', '00001_platform.sql', '0001-platform.sql', '0001_Platform.sql', '0001_.sql', '0001_plat form.sql', 'platform.sql'])(
    'rejects the file name %s, naming it',
    (bad) => {
      const dir = migrationsDir({ '0001_ok.sql': 'SELECT 1;', [bad]: 'SELECT 1;' });
      expect(() => readMigrations(dir)).toThrow(`migration file name must look like 0001_name.sql: ${bad}`);
    },
  );

  it.each([
    ['a gap', ['0001_a.sql', '0003_c.sql'], 'migration 3 is out of sequence (expected 2)'],
    ['a duplicate number', ['0001_a.sql', '0002_b.sql', '0002_c.sql'], 'migration 2 is out of sequence (expected 3)'],
    ['no first migration', ['0002_b.sql'], 'migration 2 is out of sequence (expected 1)'],
    ['a zero version', ['0000_zero.sql', '0001_a.sql'], 'migration 0 is out of sequence (expected 1)'],
  ])('rejects %s', (_what, files, message) => {
    const dir = migrationsDir(Object.fromEntries(files.map((f) => [f, 'SELECT 1;'])));
    expect(() => readMigrations(dir)).toThrow(message);
  });

  it('finds the shipped migrations, numbered from 1 without gaps', () => {
    const shipped = readMigrations();
    expect(MIGRATIONS_DIR).toMatch(/server[/\\]migrations[/\\]$/);
    expect(shipped.length).toBeGreaterThan(0);
    expect(shipped.map((x) => x.version)).toEqual(shipped.map((_x, i) => i + 1));
  });
});

describe('migrate', () => {
  it('finds nothing to do on a database that is already at the latest migration', async () => {
    const database = await testDatabase();
    try {
      expect(await migrate(database.pool)).toEqual([]);
      expect((await appliedVersions(database.pool)).map((r) => r.version)).toEqual(readMigrations().map((x) => x.version));
    } finally {
      await database.close();
    }
  });

  it('applies pending migrations once, in order; a second call applies none; a new one is applied alone', async () => {
    const scratch = await emptyDatabase();
    const [pool] = scratch.pools as [pg.Pool];
    try {
      const first = [
        m(1, 'widgets', 'CREATE TABLE widgets (id int PRIMARY KEY);'),
        m(2, 'widget_rows', 'INSERT INTO widgets VALUES (1), (2);'),
      ];
      expect((await migrate(pool, first)).map((x) => x.version)).toEqual([1, 2]);
      expect(await appliedVersions(pool)).toEqual([
        { version: 1, name: 'widgets' },
        { version: 2, name: 'widget_rows' },
      ]);

      // Had migration 2 run again, the primary key would make this call fail.
      expect(await migrate(pool, first)).toEqual([]);
      expect((await pool.query('SELECT count(*)::int AS n FROM widgets')).rows[0]).toEqual({ n: 2 });

      const third = m(3, 'gadgets', 'CREATE TABLE gadgets (id int);');
      expect(await migrate(pool, [...first, third])).toEqual([third]);
      expect((await appliedVersions(pool)).map((r) => r.version)).toEqual([1, 2, 3]);
      expect(await advisoryLocks(pool), 'advisory lock left behind').toBe(0);
    } finally {
      await scratch.close();
    }
  });

  it('rolls a failing migration back completely, names it in the error, and lets a fixed one apply later', async () => {
    const scratch = await emptyDatabase();
    const [pool] = scratch.pools as [pg.Pool];
    try {
      const good = m(1, 'widgets', 'CREATE TABLE widgets (id int);');
      const broken = m(
        2,
        'half_done',
        `CREATE TABLE half_done (id int);
         INSERT INTO half_done VALUES (1);
         ALTER TABLE widgets ADD COLUMN colour text;
         SELECT no_such_column FROM half_done;`,
      );
      const after = m(3, 'never_reached', 'CREATE TABLE never_reached (id int);');

      const error = (await migrate(pool, [good, broken, after]).then(
        () => null,
        (e: unknown) => e,
      )) as Error;
      expect(error).toBeInstanceOf(Error);
      expect(error.message).toMatch(/^migration 2_half_done failed: .*no_such_column/);
      expect((error.cause as { code?: string }).code, 'the database error is kept as the cause').toBe('42703');

      expect(await tableExists(pool, 'widgets'), 'the migration before it stays applied').toBe(true);
      expect(await tableExists(pool, 'half_done')).toBe(false);
      expect(await tableExists(pool, 'never_reached')).toBe(false);
      const columns = await pool.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'widgets'");
      expect(columns.rows.map((r: { column_name: string }) => r.column_name)).toEqual(['id']);
      expect(await appliedVersions(pool)).toEqual([{ version: 1, name: 'widgets' }]);
      expect(await advisoryLocks(pool), 'the failure left the migration lock held').toBe(0);

      const fixed = m(2, 'half_done', 'CREATE TABLE half_done (id int);');
      expect((await migrate(pool, [good, fixed, after])).map((x) => x.version)).toEqual([2, 3]);
      expect((await appliedVersions(pool)).map((r) => r.version)).toEqual([1, 2, 3]);
    } finally {
      await scratch.close();
    }
  });

  it('two processes migrating a fresh database at the same moment both succeed, and each migration runs once', async () => {
    const scratch = await emptyDatabase(2);
    const pools = DATABASE_URL ? scratch.pools : [scratch.pools[0]!, scratch.pools[0]!];
    try {
      const shipped = readMigrations();
      // A slow last migration widens the window in which the second process would interfere.
      const migrations = [...shipped, m(shipped.length + 1, 'slow', 'CREATE TABLE slow_marker (id int); SELECT pg_sleep(0.3);')];
      const results = await Promise.all(pools.map((pool) => migrate(pool, migrations)));

      const applied = results.flat().map((x) => x.version);
      expect(applied.sort((a, b) => a - b), 'each migration applied exactly once').toEqual(migrations.map((x) => x.version));
      expect(results.map((r) => r.length).sort((a, b) => a - b), 'one process did all the work').toEqual([0, migrations.length]);
      expect((await appliedVersions(pools[1]!)).map((r) => r.version)).toEqual(migrations.map((x) => x.version));
      expect(await tableExists(pools[1]!, 'slow_marker')).toBe(true);
      expect(await advisoryLocks(pools[0]!)).toBe(0);
    } finally {
      await scratch.close();
    }
  });
});
