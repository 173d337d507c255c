// Automatic assignment over the API on a real database: round robin under 200 concurrent
// intakes, capacity, skills, availability, and the lead told when nobody fits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { fileCase } from '../src/domains/cases/file-case.js';
import { createApiToken } from '../src/domains/identity/api-tokens.js';
import { createTeam } from '../src/domains/identity/teams.js';
import { createUser } from '../src/domains/identity/users.js';
import { cliActor } from '../src/platform/actor.js';
import { type TestContext, type TestUser, bearer, testApp } from './harness.js';

let ctx: TestContext;
let team: { id: string };
const agents: TestUser[] = [];
let lead: TestUser;
let seq = 0;

async function person(email: string, role: 'specialist' | 'lead', teamIds: string[], languages: string[] = ['en', 'ms']): Promise<TestUser> {
  const user = await createUser(ctx.deps, cliActor, { email, displayName: email.split('@')[0]!, role, teamIds, languages });
  const { token } = await createApiToken(ctx.deps, cliActor, { name: 't', userId: user.id });
  return { id: user.id, email, role, token };
}
const call = (who: TestUser | keyof TestContext['users'], method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
  ctx.app.inject({ method, url: `/api/v1${url}`, headers: bearer(typeof who === 'string' ? ctx.users[who] : who), ...(payload ? { payload } : {}) });

async function file(over: Record<string, unknown> = {}) {
  seq += 1;
  const res = await call('requester', 'POST', '/cases', {
    title: `Listing removed ${seq}`,
    description: 'My listing was removed without a reason.',
    category: 'account/verification',
    account: { type: 'seller', externalId: `A-${seq}`, name: 'Shop' },
    source: 'crm',
    language: 'en',
    team: team.id,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; assignee: { id: string } | null }>();
}
const setTeam = (assignment: object) => call('admin', 'PATCH', `/teams/${team.id}`, { assignment });
const openCounts = async () => {
  const rows = await ctx.deps.db.selectFrom('cases').select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')]).where('team_id', '=', team.id).where('status', 'not in', ['resolved', 'closed']).groupBy('assignee_id').execute();
  return new Map(rows.map((r) => [r.assignee_id, Number(r.n)]));
};

beforeAll(async () => {
  ctx = await testApp();
  team = await createTeam(ctx.deps, cliActor, { name: 'Tier 2 listings', kind: 'service' });
  for (let i = 0; i < 5; i++) agents.push(await person(`agent${i}@example.test`, 'specialist', [team.id], i === 4 ? ['zh', 'en'] : ['en', 'ms']));
  lead = await person('listings.lead@example.test', 'lead', [team.id]);
});
afterAll(() => ctx.close());

describe('availability', () => {
  it('people set their own, leads their team’s, admins anyone’s; nobody else', async () => {
    expect((await call(agents[0]!, 'PUT', `/users/${agents[0]!.id}/availability`, { available: true })).json()).toEqual({ id: agents[0]!.id, available: true });
    expect((await call(agents[0]!, 'PUT', `/users/${agents[1]!.id}/availability`, { available: true })).statusCode).toBe(403);
    expect((await call('lead', 'PUT', `/users/${agents[1]!.id}/availability`, { available: true })).statusCode).toBe(403);
    expect((await call(lead, 'PUT', `/users/${agents[1]!.id}/availability`, { available: true })).statusCode).toBe(200);
    for (const a of agents.slice(2)) expect((await call('admin', 'PUT', `/users/${a.id}/availability`, { available: true })).statusCode).toBe(200);
    const listed = (await call('lead', 'GET', '/users?limit=200')).json().items.find((u: { id: string }) => u.id === agents[2]!.id);
    expect(listed.available).toBe(true);
  });
});

describe('strategies', () => {
  it('manual (the default) leaves cases unassigned in the team queue', async () => {
    expect((await file()).assignee).toBeNull();
  });

  it('round robin: 200 concurrent intakes over 5 available agents differ by at most one', { timeout: 120_000 }, async () => {
    const res = await setTeam({ strategy: 'round_robin' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().assignment).toEqual({ strategy: 'round_robin', capacity: null });
    const created = await Promise.all(Array.from({ length: 200 }, () => file()));
    const counts = new Map<string, number>();
    for (const c of created) counts.set(c.assignee!.id, (counts.get(c.assignee!.id) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(agents.map((a) => a.id).sort());
    expect(Math.max(...counts.values()) - Math.min(...counts.values())).toBeLessThanOrEqual(1);
  });

  it('an assigned case is written once with its assignee: the answer is the stored case and its audit record; the pick is told and remembered', async () => {
    const c = await file();
    const assignee = c.assignee!.id;
    expect((await call('requester', 'GET', `/cases/${c.id}`)).json()).toEqual(c);
    const audit = await ctx.deps.db.selectFrom('audit_log').select('after').where('entity_id', '=', c.id).where('action', '=', 'case.created').execute();
    expect(audit.map((a) => a.after)).toEqual([c]);
    const events = await ctx.deps.db.selectFrom('case_events').select(['kind', 'data']).where('case_id', '=', c.id).orderBy('id').execute();
    expect(events.map((e) => e.kind)).toEqual(['created', 'assigned']);
    expect(events[1]!.data).toEqual({
      team: { id: team.id, name: 'Tier 2 listings' },
      assignee: { id: assignee, displayName: agents.find((a) => a.id === assignee)!.email.split('@')[0] },
      previousTeam: null,
      previousAssignee: null,
      strategy: 'round_robin',
    });
    const told = await ctx.deps.db.selectFrom('notifications').select(['user_id', 'data']).where('case_id', '=', c.id).where('kind', '=', 'case_assigned').execute();
    expect(told).toEqual([{ user_id: assignee, data: { strategy: 'round_robin' } }]);
    const mails = await ctx.deps.db.selectFrom('mail_outbox').select(['id', 'to_address']).where('case_id', '=', c.id).where('kind', '=', 'case_assigned').execute();
    expect(mails.map((m) => m.to_address)).toEqual([agents.find((a) => a.id === assignee)!.email]);
    expect(await ctx.deps.db.selectFrom('jobs').select('kind').where('dedupe_key', '=', `mail:${mails[0]!.id}`).execute()).toEqual([{ kind: 'mail.send' }]);
    const { round_robin_last } = await ctx.deps.db.selectFrom('teams').select('round_robin_last').where('id', '=', team.id).executeTakeFirstOrThrow();
    expect(round_robin_last).toBe(assignee);
    // Round robin goes on from there: the next case goes to the next agent by id.
    const byId = agents.map((a) => a.id).sort();
    expect((await file()).assignee!.id).toBe(byId[(byId.indexOf(assignee) + 1) % byId.length]);
  });

  it('least loaded within capacity: nobody over it; the rest wait and the lead is told', { timeout: 120_000 }, async () => {
    // Close the books: resolve everything open so loads start from zero.
    await ctx.deps.db.updateTable('cases').set({ status: 'closed' }).where('team_id', '=', team.id).execute();
    expect((await setTeam({ strategy: 'least_loaded', capacity: 3 })).statusCode).toBe(200);
    const created = await Promise.all(Array.from({ length: 20 }, () => file({ priority: 'P2' })));
    const counts = await openCounts();
    for (const a of agents) expect(counts.get(a.id)).toBe(3);
    expect(counts.get(null as unknown as string)).toBe(5);
    const waiting = created.filter((c) => c.assignee === null).map((c) => c.id);
    const told = await ctx.deps.db.selectFrom('notifications').select('case_id').where('user_id', '=', lead.id).where('kind', '=', 'case_waiting').execute();
    expect(told.map((n) => n.case_id).sort()).toEqual(waiting.sort());
    const waited = await ctx.deps.db.selectFrom('case_events').select(['kind', 'data']).where('case_id', '=', waiting[0]!).orderBy('id').execute();
    expect(waited).toEqual([
      { kind: 'created', data: { source: 'crm' } },
      { kind: 'assignment_waiting', data: { team: { id: team.id, name: 'Tier 2 listings' }, strategy: 'least_loaded', available: 5 } },
    ]);
  });

  it('intakes submitted together are written in one transaction, each pick counting in the next: round robin in turn, capacity kept', async () => {
    await ctx.deps.db.updateTable('cases').set({ status: 'closed' }).where('team_id', '=', team.id).execute();
    // Submitted in one go, they are picked for and written together.
    const submit = (regions: (string | undefined)[]) =>
      regions.map((region) => {
        seq += 1;
        const account = { type: 'seller' as const, externalId: `A-${seq}`, name: 'Shop', ...(region ? { region } : {}) };
        return fileCase(ctx.deps, cliActor, { title: `Listing removed ${seq}`, description: 'Removed.', category: 'account/verification', account, source: 'crm', language: 'en', team: team.id });
      });
    const together = async (n: number) => {
      const filed = (await Promise.all(submit(Array.from({ length: n }, () => undefined)))).map((f) => f.view);
      const { rows } = await sql<{ id: string; tx: string }>`SELECT id, xmin::text AS tx FROM cases WHERE id IN (${sql.join(filed.map((v) => v.id))})`.execute(ctx.deps.db);
      const tx = new Map(rows.map((r) => [r.id, r.tx]));
      expect(new Set(filed.map((v) => tx.get(v.id))).size).toBe(1);
      return filed.map((v) => v.assignee?.id ?? null);
    };
    expect((await setTeam({ strategy: 'round_robin', capacity: null })).statusCode).toBe(200);
    const byId = agents.map((a) => a.id).sort();
    const turns = await together(6);
    const first = byId.indexOf(turns[0]!);
    expect(turns).toEqual(turns.map((_, k) => byId[(first + k) % byId.length]));
    const { round_robin_last } = await ctx.deps.db.selectFrom('teams').select('round_robin_last').where('id', '=', team.id).executeTakeFirstOrThrow();
    expect(round_robin_last).toBe(turns[5]);

    await ctx.deps.db.updateTable('cases').set({ status: 'closed' }).where('team_id', '=', team.id).execute();
    expect((await setTeam({ strategy: 'least_loaded', capacity: 1 })).statusCode).toBe(200);
    const picks = await together(7);
    expect(picks.filter((p) => p !== null).sort()).toEqual(byId);
    expect(picks.filter((p) => p === null)).toHaveLength(2);

    // A bad request in a batch fails its transaction: the others are then filed each alone, and it is answered alone.
    const results = await Promise.allSettled(submit(['MY', 'MY', 'ZZ', 'SG']));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ code: 'validation_failed', errors: [{ field: 'account.region', code: 'unknown_reference' }] });
  });

  it('least loaded weighs priority: a P1 counts more than a P4', async () => {
    await ctx.deps.db.updateTable('cases').set({ status: 'closed' }).where('team_id', '=', team.id).execute();
    expect((await setTeam({ strategy: 'least_loaded', capacity: null })).statusCode).toBe(200);
    const p1 = await file({ priority: 'P1' });
    const others = await Promise.all(Array.from({ length: 4 }, () => file({ priority: 'P4' })));
    // Five agents, five cases: one each. The next P4 goes to someone holding a P4, not the P1 holder.
    expect(new Set([p1, ...others].map((c) => c.assignee!.id)).size).toBe(5);
    const next = await file({ priority: 'P4' });
    expect(next.assignee!.id).not.toBe(p1.assignee!.id);
  });

  it('skills: only agents who speak the case’s language; unavailable agents get nothing', async () => {
    await ctx.deps.db.updateTable('cases').set({ status: 'closed' }).where('team_id', '=', team.id).execute();
    expect((await setTeam({ strategy: 'skills' })).statusCode).toBe(200);
    const zh = await file({ language: 'zh', title: '商品被下架', description: '我的商品没有理由就被下架了。' });
    expect(zh.assignee!.id).toBe(agents[4]!.id);
    await call(agents[4]!, 'PUT', `/users/${agents[4]!.id}/availability`, { available: false });
    const waiting = await file({ language: 'zh', title: '商品又被下架', description: '第二次了。' });
    expect(waiting.assignee).toBeNull();
    const en = await file();
    expect(agents.slice(0, 4).map((a) => a.id)).toContain(en.assignee!.id);
  });

  it('a routing rule can pick the strategy for its cases', async () => {
    await ctx.deps.db.updateTable('cases').set({ status: 'closed' }).where('team_id', '=', team.id).execute();
    expect((await setTeam({ strategy: 'manual' })).statusCode).toBe(200);
    const rule = await call('admin', 'POST', '/routing/rules', {
      name: 'Verification round robin',
      order: 1,
      when: { field: 'category', op: 'eq', value: 'account/verification' },
      then: [{ action: 'set_assignment', strategy: 'round_robin' }],
    });
    expect(rule.statusCode, rule.body).toBe(201);
    expect((await file()).assignee).not.toBeNull();
    expect((await file({ category: 'account/suspension-appeal' })).assignee).toBeNull();
  });
});
