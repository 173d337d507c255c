import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { recordsetSql } from './bulk.js';
import { DataDirLockedError, lockDataDir, openDatabase, prepared } from './pool.js';
import type { Database } from './schema.js';

const POOL_MODULE = fileURLToPath(new URL('./pool.ts', import.meta.url));

const tempDirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'closeloop-data-'));
  tempDirs.push(dir);
  return dir;
}

const lockFile = (dir: string) => join(dir, 'closeloop.lock');

/** Another process that takes the lock with lockDataDir and then sits there, as `serve` would. */
async function otherProcessHolding(dir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `import { lockDataDir } from ${JSON.stringify(POOL_MODULE)};
       lockDataDir(${JSON.stringify(dir)});
       console.log('locked');
       setInterval(() => {}, 60_000);`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
    child.once('exit', (code) => reject(new Error(`lock holder exited early with ${code}`)));
  });
  return child;
}

describe('lockDataDir', () => {
  it('writes our pid to the lock file, and release removes it so the directory can be locked again', () => {
    const dir = join(tempDir(), 'nested', 'data');
    const release = lockDataDir(dir);
    expect(readFileSync(lockFile(dir), 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(lockFile(dir))).toBe(false);
    lockDataDir(dir)();
    expect(existsSync(lockFile(dir))).toBe(false);
  });

  it('refuses a directory another live process holds, naming it and the pid; takes it over once that process died', async () => {
    const dir = tempDir();
    const holder = await otherProcessHolding(dir);
    expect(readFileSync(lockFile(dir), 'utf8')).toBe(String(holder.pid));

    let error: unknown;
    try {
      lockDataDir(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as Error).message).toContain(`the data directory ${dir} is in use by process ${holder.pid}`);
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(DataDirLockedError);
    expect(readFileSync(lockFile(dir), 'utf8'), "the refused side must leave the holder's lock alone").toBe(String(holder.pid));

    // The holder dies without releasing (kill -9): its lock file stays behind, stale.
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    holder.kill('SIGKILL');
    await exited;
    expect(readFileSync(lockFile(dir), 'utf8')).toBe(String(holder.pid));

    const release = lockDataDir(dir);
    expect(readFileSync(lockFile(dir), 'utf8')).toBe(String(process.pid));
    release();
  });

  it.each([
    ['an empty file', ''],
    ['garbage', 'not a pid'],
    ['a negative number', '-1'],
    ['zero', '0'],
  ])('takes over a lock file holding %s', (_what, content) => {
    const dir = tempDir();
    writeFileSync(lockFile(dir), content);
    const release = lockDataDir(dir);
    expect(readFileSync(lockFile(dir), 'utf8')).toBe(String(process.pid));
    release();
  });
});

// The embedded path only: with DATABASE_URL set the suite targets PostgreSQL instead.
describe.skipIf(Boolean(process.env.DATABASE_URL))('openDatabase on a PGlite data directory', () => {
  it('keeps what was written across close and reopen, and holds the lock only while open', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const first = await openDatabase({ dataDir: dir });
    expect(first.backend).toBe('pglite');
    expect(readFileSync(lockFile(dir), 'utf8')).toBe(String(process.pid));
    await sql`CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)`.execute(first.db);
    await sql`INSERT INTO notes VALUES (1, 'kept'), (2, 'also kept')`.execute(first.db);
    await first.db.transaction().execute(async (trx) => {
      await sql`INSERT INTO notes VALUES (3, 'in a committed transaction')`.execute(trx);
    });
    await first.close();
    expect(existsSync(lockFile(dir)), 'close() releases the lock').toBe(false);

    const second = await openDatabase({ dataDir: dir });
    try {
      const { rows } = await sql<{ id: number; body: string }>`SELECT id, body FROM notes ORDER BY id`.execute(second.db);
      expect(rows).toEqual([
        { id: 1, body: 'kept' },
        { id: 2, body: 'also kept' },
        { id: 3, body: 'in a committed transaction' },
      ]);
    } finally {
      await second.close();
    }
  });

  it('releases the lock when the database cannot be opened', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pgdata'), 'a file where the data directory should be');
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow();
    expect(existsSync(lockFile(dir))).toBe(false);
  });
});

// On the suite's backend: PostgreSQL with DATABASE_URL (one connection, so every run meets the same), else PGlite.
describe('rows as one parameter, kept prepared', () => {
  it('inserts rows of any count through one statement text, prepared once on the connection, each value as given', { timeout: 60_000 }, async () => {
    const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: tempDir(), poolSize: 1 });
    try {
      const { db } = handle;
      const table = `recordset_probe_${process.pid}`;
      await sql`CREATE TEMP TABLE ${sql.table(table)} (n int NOT NULL, tags text[], data jsonb, at timestamptz, note text)`.execute(db);
      // recordsetSql is typed to the schema's tables; the probe table has the same kinds of column.
      const insert = (rows: object[]) => {
        const { columns, select } = recordsetSql(table as keyof Database & string, rows);
        return db.executeQuery(prepared(sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) ${select}`.compile(db)));
      };
      const at = new Date('2026-12-07T01:02:03.456Z');
      // jsonb given as JSON text (as Kysely's Insertable types have it), an array, a quote, a null and an absent note.
      await insert([{ n: 1, tags: ['a', 'b"c'], data: JSON.stringify({ x: [1, 'two'] }), at, note: "it's" }]);
      await insert([
        { n: 2, tags: [], data: JSON.stringify('text'), at, note: null },
        { n: 3, tags: ['中文'], data: '{"y":null}', at },
      ]);
      const { rows } = await sql<{ n: number; tags: string[]; data: unknown; at: Date; note: string | null }>`SELECT * FROM ${sql.table(table)} ORDER BY n`.execute(db);
      expect(rows).toEqual([
        { n: 1, tags: ['a', 'b"c'], data: { x: [1, 'two'] }, at, note: "it's" },
        { n: 2, tags: [], data: 'text', at, note: null },
        { n: 3, tags: ['中文'], data: { y: null }, at, note: null },
      ]);
      // Two runs, one and two rows: one prepared statement; an unmarked statement is not kept.
      await sql`SELECT 1`.execute(db);
      const kept = await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(db);
      expect(kept.rows.map((r) => r.statement)).toEqual([expect.stringMatching(new RegExp(`^/\\* prepared \\*/ INSERT INTO "${table}"`))]);
    } finally {
      await handle.close();
    }
  });
});
