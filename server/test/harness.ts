import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { inject } from 'vitest';
import { type App, buildApp } from '../src/app.js';
import { type Config, loadConfig } from '../src/config.js';
import { type DbHandle, fromPglite, openDatabase } from '../src/db/pool.js';
import { ROLES, type Role } from '../src/db/schema.js';
import { createApiToken } from '../src/domains/identity/api-tokens.js';
import { createUser } from '../src/domains/identity/users.js';
import { cliActor } from '../src/platform/actor.js';
import { ManualClock } from '../src/platform/clock.js';
import type { Deps } from '../src/platform/deps.js';
import { withDatabase } from './global-setup.js';

export const TEST_PASSWORD = 'correct horse battery';

/** A fresh database for one test file: a copy of the migrated template (with its URL on PostgreSQL, for child processes). */
export async function testDatabase(): Promise<DbHandle & { databaseUrl?: string }> {
  const template = inject('databaseTemplate');
  const url = process.env.DATABASE_URL;
  if (!url) {
    const pglite = await PGlite.create({
      loadDataDir: new Blob([readFileSync(template)]),
      extensions: { pg_trgm },
    });
    return fromPglite(pglite);
  }
  const name = `closeloop_test_${template.split('_').pop()}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const databaseUrl = withDatabase(url, name);
  const handle = await openDatabase({ databaseUrl, dataDir: '' });
  return {
    ...handle,
    databaseUrl,
    async close() {
      await handle.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ LOG_LEVEL: 'silent' }), ...overrides };
}

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  token: string;
}

export interface TestContext {
  app: App;
  database: DbHandle & { databaseUrl?: string };
  deps: Deps;
  clock: ManualClock;
  /** One active user per role, each with an API token. */
  users: Record<Role, TestUser>;
  close(): Promise<void>;
}

/** An app over a fresh database with one user (and token) per role. */
export async function testApp(overrides: Partial<Config> = {}): Promise<TestContext> {
  const database = await testDatabase();
  const clock = new ManualClock();
  const config = testConfig(overrides);
  const deps: Deps = { db: database.db, clock, config };
  const users = {} as Record<Role, TestUser>;
  for (const role of ROLES) {
    const user = await createUser(deps, cliActor, {
      email: `${role}@example.test`,
      displayName: `Test ${role}`,
      role,
      password: TEST_PASSWORD,
    });
    const { token } = await createApiToken(deps, cliActor, { name: 'test', userId: user.id });
    users[role] = { id: user.id, email: user.email, role, token };
  }
  const app = await buildApp({ config, database, clock, webDist: null });
  await app.ready();
  return {
    app,
    database,
    deps,
    clock,
    users,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export const bearer = (user: TestUser) => ({ authorization: `Bearer ${user.token}` });

/** Signs in through the API and returns what a browser would hold: the cookie and the CSRF token. */
export async function signInWithPassword(app: App, email: string, password = TEST_PASSWORD) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'closeloop_session')!;
  return { cookie: `closeloop_session=${cookie.value}`, csrfToken: res.json<{ csrfToken: string }>().csrfToken, response: res };
}
