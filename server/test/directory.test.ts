import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestContext, TEST_PASSWORD, bearer, testApp } from './harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await testApp();
});
afterAll(() => ctx.close());

const asAdmin = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: bearer(ctx.users.admin), payload });

const auditCount = async () =>
  Number((await ctx.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('teams', () => {
  it('creates, lists and renames teams, auditing each change with before and after', async () => {
    const created = await asAdmin('POST', '/api/v1/teams', { name: 'Payments Escalations', kind: 'service', region: 'MY' });
    expect(created.statusCode).toBe(201);
    const team = created.json();
    expect(team).toMatchObject({ name: 'Payments Escalations', kind: 'service', region: 'MY', memberCount: 0 });

    expect(team.assignment).toEqual({ strategy: 'manual', capacity: null });
    const assigning = await asAdmin('POST', '/api/v1/teams', { name: 'Night shift', kind: 'service', assignment: { strategy: 'least_loaded', capacity: 8 } });
    expect(assigning.json().assignment).toEqual({ strategy: 'least_loaded', capacity: 8 });
    expect((await asAdmin('PATCH', `/api/v1/teams/${team.id}`, { assignment: { strategy: 'sometimes' } })).statusCode).toBe(400);

    const renamed = await asAdmin('PATCH', `/api/v1/teams/${team.id}`, { name: 'Payments Tier 2' });
    expect(renamed.json().name).toBe('Payments Tier 2');

    const audit = await ctx.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', team.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['team.created', 'team.updated']);
    expect(audit[1]).toMatchObject({ actor_id: ctx.users.admin.id, actor_label: ctx.users.admin.email });
    expect((audit[1]!.before as { name: string }).name).toBe('Payments Escalations');
    expect((audit[1]!.after as { name: string }).name).toBe('Payments Tier 2');

    const list = await ctx.app.inject({ url: '/api/v1/teams', headers: bearer(ctx.users.specialist) });
    expect(list.json().items.map((t: { name: string }) => t.name)).toContain('Payments Tier 2');
  });

  it('refuses a duplicate name (any case) with 409 naming the field, writing nothing', async () => {
    await asAdmin('POST', '/api/v1/teams', { name: 'Legal', kind: 'partner' });
    const before = await auditCount();
    const dup = await asAdmin('POST', '/api/v1/teams', { name: 'LEGAL', kind: 'partner' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'team_name_taken', errors: [{ field: 'name' }] });
    expect(await auditCount()).toBe(before);
  });

  it('validates kind and region', async () => {
    const badKind = await asAdmin('POST', '/api/v1/teams', { name: 'X', kind: 'department' });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().errors).toEqual([{ field: 'kind', message: 'must be one of service, partner', code: 'one_of', params: { allowed: 'service, partner' } }]);
    const badRegion = await asAdmin('POST', '/api/v1/teams', { name: 'Y', kind: 'service', region: 'XX' });
    expect(badRegion.statusCode).toBe(400);
    expect(badRegion.json().errors[0].field).toBe('region');
    const missing = await asAdmin('PATCH', `/api/v1/teams/00000000-0000-4000-8000-000000000000`, { name: 'Z' });
    expect(missing.statusCode).toBe(404);
  });
});

describe('users', () => {
  it('creates a user with teams who can then sign in', async () => {
    const team = (await asAdmin('POST', '/api/v1/teams', { name: 'Creators SG', kind: 'service', region: 'SG' })).json();
    const res = await asAdmin('POST', '/api/v1/users', {
      email: 'Mei.Ling@Example.test',
      displayName: 'Tan Mei Ling',
      role: 'specialist',
      teamIds: [team.id],
      region: 'SG',
      languages: ['en', 'zh'],
      locale: 'zh',
      password: TEST_PASSWORD,
    });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({
      displayName: 'Tan Mei Ling',
      role: 'specialist',
      region: 'SG',
      languages: ['en', 'zh'],
      locale: 'zh',
      active: true,
      teams: [{ id: team.id, name: 'Creators SG', kind: 'service' }],
    });
    expect(user).not.toHaveProperty('password');
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'mei.ling@example.test', password: TEST_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const teams = (await asAdmin('GET', '/api/v1/teams')).json().items;
    expect(teams.find((t: { id: string }) => t.id === team.id).memberCount).toBe(1);
  });

  it('names every unknown field instead of ignoring it', async () => {
    const res = await asAdmin('POST', '/api/v1/users', {
      email: 'x@example.test',
      displayName: 'X',
      role: 'qa',
      isAdmin: true,
      nickname: 'x',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation_failed');
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['isAdmin', 'nickname']);
  });

  it('names role when it is outside the list, and each missing field', async () => {
    const badRole = await asAdmin('POST', '/api/v1/users', { email: 'y@example.test', displayName: 'Y', role: 'superuser' });
    expect(badRole.statusCode).toBe(400);
    const allowed = 'requester, specialist, lead, qa, manager, partner, admin';
    expect(badRole.json().errors).toEqual([{ field: 'role', message: `must be one of ${allowed}`, code: 'one_of', params: { allowed } }]);
    const missing = await asAdmin('POST', '/api/v1/users', { role: 'qa' });
    expect(missing.json().errors.every((e: { code: string }) => e.code === 'required')).toBe(true);
    expect(missing.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['displayName', 'email']);
    const shortPassword = await asAdmin('POST', '/api/v1/users', { email: 'z@example.test', displayName: 'Z', role: 'qa', password: 'short' });
    expect(shortPassword.json().errors[0].field).toBe('password');
  });

  it('rejects an unknown team by its position, and leaves nothing half-written', async () => {
    const before = await auditCount();
    const res = await asAdmin('POST', '/api/v1/users', {
      email: 'half@example.test',
      displayName: 'Half',
      role: 'lead',
      teamIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'teamIds[0]', message: 'unknown team', code: 'unknown_reference' }]);
    const stored = await ctx.database.db.selectFrom('users').select('id').where('email', '=', 'half@example.test').execute();
    expect(stored).toEqual([]);
    expect(await auditCount()).toBe(before);
  });

  it('takes team ids in either letter case, once each', async () => {
    const team = (await asAdmin('POST', '/api/v1/teams', { name: 'Upper Case Team', kind: 'service' })).json();
    const res = await asAdmin('POST', '/api/v1/users', {
      email: 'upper@example.test',
      displayName: 'Upper',
      role: 'specialist',
      teamIds: [team.id.toUpperCase(), team.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().teams.map((t: { id: string }) => t.id)).toEqual([team.id]);
  });

  it('refuses a second user with the same e-mail in another letter case', async () => {
    const res = await asAdmin('POST', '/api/v1/users', { email: 'QA@EXAMPLE.TEST', displayName: 'Dup', role: 'qa' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'email_taken', errors: [{ field: 'email' }] });
  });

  it('deactivating a user ends their sessions', async () => {
    const user = (await asAdmin('POST', '/api/v1/users', {
      email: 'temp@example.test',
      displayName: 'Temp',
      role: 'specialist',
      password: TEST_PASSWORD,
    })).json();
    const login = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'temp@example.test', password: TEST_PASSWORD } });
    const cookie = `closeloop_session=${login.cookies.find((c) => c.name === 'closeloop_session')!.value}`;
    expect((await ctx.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(200);
    const off = await asAdmin('PATCH', `/api/v1/users/${user.id}`, { active: false });
    expect(off.json().active).toBe(false);
    expect((await ctx.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('lists with filters and cursor pagination that visits everyone once', async () => {
    for (let i = 0; i < 7; i++) {
      await asAdmin('POST', '/api/v1/users', { email: `page${i}@example.test`, displayName: `Pager ${i}`, role: 'requester' });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/v1/users?q=pager&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await asAdmin('GET', query)).json();
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((u: { displayName: string }) => u.displayName));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => `Pager ${i}`));

    const leads = (await asAdmin('GET', '/api/v1/users?role=lead')).json().items;
    expect(leads.every((u: { role: string }) => u.role === 'lead')).toBe(true);
    expect((await asAdmin('GET', '/api/v1/users?role=boss')).json().errors[0].field).toBe('role');
    expect((await asAdmin('GET', '/api/v1/users?cursor=garbage')).json().errors[0].field).toBe('cursor');
    expect((await asAdmin('GET', '/api/v1/users?limit=0')).statusCode).toBe(400);
  });

  it('a specialist may read the directory but not change it', async () => {
    expect((await ctx.app.inject({ url: '/api/v1/users', headers: bearer(ctx.users.specialist) })).statusCode).toBe(200);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(ctx.users.specialist),
      payload: { email: 'sneaky@example.test', displayName: 'S', role: 'admin' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('forbidden');
  });
});

describe('the last admin', () => {
  it('cannot be demoted or deactivated until someone else is admin', async () => {
    const self = ctx.users.admin.id;
    const demote = await asAdmin('PATCH', `/api/v1/users/${self}`, { role: 'lead' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json()).toMatchObject({ code: 'last_admin', errors: [{ field: 'role' }] });
    const deactivate = await asAdmin('PATCH', `/api/v1/users/${self}`, { active: false });
    expect(deactivate.json()).toMatchObject({ code: 'last_admin', errors: [{ field: 'active' }] });

    const second = (await asAdmin('POST', '/api/v1/users', { email: 'admin2@example.test', displayName: 'Second', role: 'admin' })).json();
    const ok = await asAdmin('PATCH', `/api/v1/users/${second.id}`, { role: 'manager' });
    expect(ok.statusCode).toBe(200);
    await asAdmin('PATCH', `/api/v1/users/${second.id}`, { role: 'admin' });
    expect((await asAdmin('PATCH', `/api/v1/users/${second.id}`, { active: false })).statusCode).toBe(200);
  });
});

describe('own profile', () => {
  it('remembers the interface language per user', async () => {
    const res = await ctx.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: bearer(ctx.users.partner), payload: { locale: 'ms' } });
    expect(res.json().user.locale).toBe('ms');
    const again = await ctx.app.inject({ url: '/api/v1/me', headers: bearer(ctx.users.partner) });
    expect(again.json().user.locale).toBe('ms');
    expect(again.json().abilities.areas).toMatchObject({ admin: false, knowledge: false, cases: true });
    expect(again.json().abilities).toMatchObject({ cases: { list: false, file: false, queues: false }, handoffs: { inbox: true }, imports: { run: false } });
    const bad = await ctx.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: bearer(ctx.users.partner), payload: { locale: 'fr' } });
    expect(bad.json().errors).toEqual([{ field: 'locale', message: 'must be one of en, zh, ms', code: 'one_of', params: { allowed: 'en, zh, ms' } }]);
    const sneaky = await ctx.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: bearer(ctx.users.partner), payload: { role: 'admin' } });
    expect(sneaky.statusCode).toBe(400);
    expect(sneaky.json().errors[0].field).toBe('role');
  });
});

describe('NUL characters', () => {
  it('are refused with 400 naming the field, not a database error', async () => {
    const res = await asAdmin('POST', '/api/v1/users', { email: 'nul@example.test', displayName: 'Bad\u0000Name', role: 'qa' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'displayName', message: 'must not contain NUL characters', code: 'nul' }]);
    const query = await asAdmin('GET', '/api/v1/users?q=%00');
    expect(query.statusCode).toBe(400);
    expect(query.json().errors[0].field).toBe('q');
  });
});
