import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir, openDatabase } from './pool.js';

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
