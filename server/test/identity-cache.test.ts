import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, openDatabase } from '../src/db/pool.js';
import { IDENTITY_CHANNEL, identityChanged } from '../src/domains/identity/identity-cache.js';
import { type TestContext, bearer, signInWithPassword, testApp } from './harness.js';

// Who a token or session is stays in the API process between requests; these tests hold it to
// forgetting whatever changed, in this process at once and from another within a moment.
let ctx: TestContext;
const onPostgres = Boolean(process.env.DATABASE_URL);
beforeAll(async () => {
  ctx = await testApp();
});
afterAll(async () => {
  await ctx.close();
});

const adminList = () => ctx.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(ctx.users.admin) });

async function eventually(check: () => Promise<boolean>, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Runs `change` with the users' change notification off: only the cache's own forgetting can show it. */
async function unnotified(change: () => Promise<unknown>): Promise<void> {
  await sql`ALTER TABLE users DISABLE TRIGGER users_identity_changed`.execute(ctx.deps.db);
  try {
    await change();
  } finally {
    await sql`ALTER TABLE users ENABLE TRIGGER users_identity_changed`.execute(ctx.deps.db);
  }
}
const setAdminRole = (role: 'admin' | 'requester') => ctx.deps.db.updateTable('users').set({ role }).where('id', '=', ctx.users.admin.id).execute();

describe('the identity cache', () => {
  it('keeps who a token is between requests, and forgets it when this process changes identity', async () => {
    expect((await adminList()).statusCode).toBe(200);
    try {
      await unnotified(() => setAdminRole('requester'));
      // Nobody said anything changed: the actor read on the first request still holds.
      expect((await adminList()).statusCode).toBe(200);
      identityChanged();
      expect((await adminList()).statusCode).toBe(403);
    } finally {
      await unnotified(() => setAdminRole('admin'));
      identityChanged();
    }
    expect((await adminList()).statusCode).toBe(200);
  });

  it('sees what another process commits within a moment: a revoked token, a new role, a deactivated person', async () => {
    // A connection of its own, as another API process or the CLI would have (PGlite has one owner).
    const other: DbHandle = onPostgres ? await openDatabase({ databaseUrl: ctx.database.databaseUrl!, dataDir: '', poolSize: 1 }) : ctx.database;
    try {
      const asQa = () => ctx.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(ctx.users.qa) });
      expect((await asQa()).statusCode).toBe(200);
      await other.db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('user_id', '=', ctx.users.qa.id).execute();
      await eventually(async () => (await asQa()).statusCode === 401, 'the revoked token refused');

      const asRequester = () => ctx.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(ctx.users.requester) });
      expect((await asRequester()).statusCode).toBe(403);
      await other.db.updateTable('users').set({ role: 'admin' }).where('id', '=', ctx.users.requester.id).execute();
      await eventually(async () => (await asRequester()).statusCode === 200, 'the new role in force');
      await other.db.updateTable('users').set({ active: false }).where('id', '=', ctx.users.requester.id).execute();
      await eventually(async () => (await asRequester()).statusCode === 401, 'the deactivated person refused');
    } finally {
      if (other !== ctx.database) await other.close();
    }
  });

  it('signals what an actor is made of, not the touches every request makes', async () => {
    const heard: string[] = [];
    const stop = await ctx.database.listen(IDENTITY_CHANNEL, { notified: (table) => heard.push(table), lost: () => {} });
    const db = ctx.deps.db;
    const now = new Date();
    const team = await db.insertInto('teams').values({ name: 'Cache probes', kind: 'service', created_at: now, updated_at: now }).returning(['id', 'name']).executeTakeFirstOrThrow();
    const lead = ctx.users.lead.id;
    // Notifications arrive in commit order: a change that says nothing is followed by one that does.
    const sentinel = () => db.updateTable('teams').set({ name: team.name }).where('id', '=', team.id).execute();
    const heardAfter = async (change: () => Promise<unknown>): Promise<string[]> => {
      heard.length = 0;
      await change();
      await sentinel();
      await eventually(async () => heard.includes('teams'), 'the sentinel heard');
      return heard.filter((table) => table !== 'teams');
    };
    try {
      expect(await heardAfter(() => db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('user_id', '=', lead).execute())).toEqual([]);
      expect(await heardAfter(() => db.updateTable('users').set({ available: true }).where('id', '=', lead).execute())).toEqual([]);
      expect(await heardAfter(() => db.updateTable('teams').set({ round_robin_last: lead }).where('id', '=', team.id).execute())).toEqual([]);
      expect(await heardAfter(() => db.updateTable('users').set({ locale: 'ms' }).where('id', '=', lead).execute())).toEqual(['users']);
      expect(await heardAfter(() => db.insertInto('team_members').values({ team_id: team.id, user_id: lead }).onConflict((oc) => oc.doNothing()).execute())).toEqual(['team_members']);
      expect(await heardAfter(() => db.deleteFrom('team_members').where('team_id', '=', team.id).where('user_id', '=', lead).execute())).toEqual(['team_members']);
      expect(await heardAfter(() => db.deleteFrom('sessions').where('user_id', '=', lead).execute())).toEqual(['sessions']);
      expect(await heardAfter(() => db.updateTable('api_tokens').set({ revoked_at: null }).where('user_id', '=', lead).execute())).toEqual(['api_tokens']);
    } finally {
      await stop();
    }
  });

  it('does not keep a session past its expiry', async () => {
    const { cookie } = await signInWithPassword(ctx.app, ctx.users.manager.email);
    const me = () => ctx.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect((await me()).statusCode).toBe(200);
    ctx.clock.advance((ctx.deps.config.sessionTtlHours + 1) * 3_600_000);
    expect((await me()).statusCode).toBe(401);
  });

  it.skipIf(!onPostgres)('keeps nothing while its listening connection is down, and listens again', async () => {
    const terminate = () =>
      sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = ${`LISTEN "${IDENTITY_CHANNEL}"`}`.execute(ctx.deps.db);
    expect((await adminList()).statusCode).toBe(200);
    try {
      await terminate();
      // The cache forgets when it learns the connection is gone: an unnotified change shows.
      await unnotified(() => setAdminRole('requester'));
      await eventually(async () => (await adminList()).statusCode === 403, 'the change seen once the subscription was lost');
      // Back to listening (retried after a second): what it reads is kept again.
      await eventually(async () => {
        await unnotified(() => setAdminRole('admin'));
        identityChanged();
        if ((await adminList()).statusCode !== 200) return false;
        await unnotified(() => setAdminRole('requester'));
        return (await adminList()).statusCode === 200;
      }, 'caching again after listening again', 10_000);
    } finally {
      await unnotified(() => setAdminRole('admin'));
      identityChanged();
    }
  });
});
