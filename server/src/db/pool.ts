import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { type CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

// bigint (int8) counts come back as JS numbers; our ids and counters stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export type Db = Kysely<Database>;

/** What a subscription to a NOTIFY channel reports. */
export interface ChannelHandlers {
  notified(payload: string): void;
  /** The subscription ended by itself (its connection dropped): notifications may have been missed. */
  lost(error: unknown): void;
}

/** The database a process talks to: one Kysely over a `pg` pool, whatever the backend. */
export interface DbHandle {
  db: Db;
  pool: pg.Pool;
  backend: 'pglite' | 'postgres';
  /** Subscribes to NOTIFY on `channel` (LISTEN); resolves, once listening, to the unsubscribe. */
  listen(channel: string, on: ChannelHandlers): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** What marks a statement text for keepPrepared. */
const PREPARED = '/* prepared */ ';

/**
 * A hot statement to keep prepared: on each connection it is parsed and planned once, under a name
 * derived from its text, and later runs only bind and execute. For statements whose text does not
 * vary with their data (rows as one parameter, see recordsetSql), or each variant would be kept.
 */
export function prepared<R>(query: CompiledQuery<R>): CompiledQuery<R> {
  return { ...query, sql: PREPARED + query.sql };
}

/** The prepared statements' names by text: the texts are few (see `prepared`) and some run thousands of times a second. */
const preparedNames = new Map<string, string>();

function preparedName(text: string): string {
  let name = preparedNames.get(text);
  if (name === undefined) {
    if (preparedNames.size >= 1_000) preparedNames.clear();
    preparedNames.set(text, (name = `prepared_${createHash('sha1').update(text).digest('hex')}`));
  }
  return name;
}

/** Runs the statements `prepared` marks as named statements on this connection (Kysely's driver sends text and values only). */
function keepPrepared(client: pg.ClientBase): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((text: unknown, ...rest: unknown[]) =>
    typeof text === 'string' && text.startsWith(PREPARED) ? query({ name: preparedName(text), text, values: rest[0] }, ...rest.slice(1)) : query(text, ...rest)) as typeof client.query;
}

export class DataDirLockedError extends Error {}

/**
 * PGlite is one process's database: a second process opening the same directory would
 * corrupt it. A lock file with the owner's pid makes the second one stop at once; a lock
 * left by a dead process is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'closeloop.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new DataDirLockedError(
          `the data directory ${dataDir} is in use by process ${owner}; stop it first, or set DATABASE_URL to share a PostgreSQL server`,
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirLockedError(`could not lock the data directory ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Wraps an open PGlite in the node-postgres adapter, so every query goes through `pg`. */
export function fromPglite(pglite: PGlite, onClose: () => void | Promise<void> = () => {}): DbHandle {
  // PGlite is a single connection: the pool holds exactly one client and keeps it.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1, idleTimeoutMillis: 0 } as pg.PoolConfig);
  pool.on('connect', keepPrepared);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    backend: 'pglite',
    // One process owns the embedded database: its notifications cannot be lost on the way.
    async listen(channel, on) {
      const unsubscribe = await pglite.listen(channel, (payload) => on.notified(payload));
      return () => unsubscribe();
    },
    async close() {
      await db.destroy();
      await pglite.close();
      await onClose();
    },
  };
}

/**
 * LISTEN on a connection of its own (a pooled one would be handed to other work). Keepalive, so
 * a server that vanished without closing the connection is noticed; either way `lost` is told.
 */
async function listenOn(connectionString: string, channel: string, on: ChannelHandlers): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString, keepAlive: true });
  let ended = false;
  const lose = (error: unknown) => {
    if (ended) return;
    ended = true;
    client.end().catch(() => {});
    on.lost(error);
  };
  client.on('error', lose);
  client.on('end', () => lose(new Error('the listening connection ended')));
  client.on('notification', (message) => on.notified(message.payload ?? ''));
  try {
    await client.connect();
    await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
  } catch (error) {
    ended = true;
    await client.end().catch(() => {});
    throw error;
  }
  return async () => {
    if (ended) return;
    ended = true;
    await client.end();
  };
}

/** Opens PGlite in dataDir (taking the lock) or a PostgreSQL pool for databaseUrl. */
export async function openDatabase(opts: { databaseUrl?: string; dataDir: string; poolSize?: number }): Promise<DbHandle> {
  if (opts.databaseUrl) {
    // No connectionTimeoutMillis: it also bounds the wait for a free client, so a burst that
    // queues behind a lock would fail with 503s. A server that is down refuses connections at once.
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle client whose server connection drops (restart, failover) must not crash the
    // process; the pool replaces it on the next checkout.
    pool.on('error', () => {});
    // A connection that drops while checked out (mid-query, mid-transaction) emits 'error' on its
    // client, where no listener would end the process. The query in flight fails on its own
    // (→ 503), and the pool discards the client when it comes back.
    pool.on('connect', (client) => {
      client.on('error', () => {});
      keepPrepared(client);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const databaseUrl = opts.databaseUrl;
    return { db, pool, backend: 'postgres', listen: (channel, on) => listenOn(databaseUrl, channel, on), close: () => db.destroy() };
  }
  const release = lockDataDir(opts.dataDir);
  try {
    const pglite = await PGlite.create({ dataDir: join(opts.dataDir, 'pgdata'), extensions: { pg_trgm } });
    return fromPglite(pglite, release);
  } catch (error) {
    release();
    throw error;
  }
}
