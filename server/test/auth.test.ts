import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/domains/identity/api-tokens.js';
import { THROTTLE } from '../src/domains/identity/sign-in-throttle.js';
import { cliActor } from '../src/platform/actor.js';
import { type TestContext, TEST_PASSWORD, bearer, signInWithPassword, testApp } from './harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await testApp();
});
afterAll(() => ctx.close());

const login = (email: string, password: string, ip = '127.0.0.1') =>
  ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip });

describe('password sign-in', () => {
  it('opens an HttpOnly SameSite session and returns the user, abilities and CSRF token', async () => {
    const { response, cookie } = await signInWithPassword(ctx.app, ctx.users.lead.email);
    const set = response.cookies.find((c) => c.name === 'closeloop_session')!;
    expect(set.httpOnly).toBe(true);
    expect(set.sameSite).toBe('Lax');
    expect(set.path).toBe('/');
    const body = response.json();
    expect(body.user).toMatchObject({ email: 'lead@example.test', role: 'lead' });
    expect(body.user).not.toHaveProperty('passwordHash');
    expect(body.abilities.areas.admin).toBe(false);
    expect(body.csrfToken).toEqual(expect.any(String));
    const me = await ctx.app.inject({ url: '/api/v1/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().csrfToken).toBe(body.csrfToken);
  });

  it('accepts the e-mail in any letter case', async () => {
    expect((await login('LEAD@Example.TEST', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('gives the same 401 for an unknown e-mail and a wrong password', async () => {
    const unknown = await login('nobody@example.test', 'whatever-password', '10.0.0.1');
    const wrong = await login(ctx.users.qa.email, 'not-the-password', '10.0.0.1');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    const strip = (body: { instance?: string }) => ({ ...body, instance: undefined });
    expect(strip(unknown.json())).toEqual(strip(wrong.json()));
    expect(unknown.json().code).toBe('invalid_credentials');
    expect(unknown.headers['content-type']).toContain('application/problem+json');
  });

  it('backs off after repeated failures, even for the right password, and forgives later', async () => {
    const email = ctx.users.manager.email;
    for (let i = 0; i < THROTTLE.freeFailures; i++) {
      expect((await login(email, 'wrong password', '10.0.0.2')).statusCode).toBe(401);
    }
    const blocked = await login(email, TEST_PASSWORD, '10.0.0.3');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBe(THROTTLE.baseDelaySeconds);
    ctx.clock.advance(THROTTLE.baseDelaySeconds * 1000);
    expect((await login(email, TEST_PASSWORD, '10.0.0.3')).statusCode).toBe(200);
    // A success resets the count.
    expect((await login(email, 'wrong password', '10.0.0.3')).statusCode).toBe(401);
  });

  it('rate-limits one address across accounts', async () => {
    const ip = '10.0.0.9';
    for (let i = 0; i < THROTTLE.perAddressPerMinute; i++) {
      await login(`someone${i}@example.test`, 'wrong password', ip);
    }
    const res = await login(ctx.users.partner.email, TEST_PASSWORD, ip);
    expect(res.statusCode).toBe(429);
    ctx.clock.advance(61_000);
    expect((await login(ctx.users.partner.email, TEST_PASSWORD, ip)).statusCode).toBe(200);
  });

  it('refuses deactivated users with the same 401', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(ctx.users.admin),
      payload: { email: 'gone@example.test', displayName: 'Gone', role: 'specialist', password: TEST_PASSWORD, active: false },
    });
    expect(res.statusCode).toBe(201);
    expect((await login('gone@example.test', TEST_PASSWORD, '10.0.0.4')).json().code).toBe('invalid_credentials');
  });

  it('rejects missing, malformed and unknown credentials on protected routes with 401', async () => {
    expect((await ctx.app.inject({ url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await ctx.app.inject({ url: '/api/v1/me', headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
    expect((await ctx.app.inject({ url: '/api/v1/me', headers: { authorization: 'Bearer clt_nope' } })).statusCode).toBe(401);
    expect((await ctx.app.inject({ url: '/api/v1/me', headers: { cookie: 'closeloop_session=nope' } })).statusCode).toBe(401);
  });

  it('expires sessions after their lifetime', async () => {
    const { cookie } = await signInWithPassword(ctx.app, ctx.users.requester.email);
    expect((await ctx.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(200);
    ctx.clock.advance(ctx.deps.config.sessionTtlHours * 3600_000 + 1);
    expect((await ctx.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
  });
});

describe('CSRF protection of cookie sessions', () => {
  it('refuses cookie-authenticated writes without the matching header, and allows them with it', async () => {
    const { cookie, csrfToken } = await signInWithPassword(ctx.app, ctx.users.specialist.email);
    const patch = (headers: Record<string, string>) =>
      ctx.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie, ...headers }, payload: { locale: 'zh' } });
    const missing = await patch({});
    expect(missing.statusCode).toBe(403);
    expect(missing.json().code).toBe('csrf_failed');
    expect((await patch({ 'x-csrf-token': 'forged' })).statusCode).toBe(403);
    const ok = await patch({ 'x-csrf-token': csrfToken });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.locale).toBe('zh');
    // Reads need no token.
    expect((await ctx.app.inject({ url: '/api/v1/me', headers: { cookie } })).json().user.locale).toBe('zh');
  });

  it('does not apply to bearer tokens (no ambient credential)', async () => {
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: bearer(ctx.users.qa),
      payload: { locale: 'ms' },
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('sign-out', () => {
  it('ends the session for good', async () => {
    const { cookie, csrfToken } = await signInWithPassword(ctx.app, ctx.users.lead.email);
    const out = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'closeloop_session')?.value).toBe('');
    expect((await ctx.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
  });
});

describe('API tokens', () => {
  it('shows the secret once, stores only a hash, records last use, and stops working when revoked', async () => {
    const owner = ctx.users.specialist;
    const created = await ctx.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: bearer(owner), payload: { name: 'CRM bridge' } });
    expect(created.statusCode).toBe(201);
    const { id, token, prefix } = created.json();
    expect(token).toMatch(/^clt_[A-Za-z0-9_-]{43}$/);
    expect(token.startsWith(prefix)).toBe(true);

    const stored = await ctx.database.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(token);

    const listed = await ctx.app.inject({ url: '/api/v1/tokens', headers: bearer(owner) });
    const row = listed.json().items.find((t: { id: string }) => t.id === id);
    expect(row).toMatchObject({ name: 'CRM bridge', lastUsedAt: null, revokedAt: null });
    expect(row).not.toHaveProperty('token');

    ctx.clock.advance(5 * 60_000);
    const used = await ctx.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(used.statusCode).toBe(200);
    expect(used.json().user.email).toBe(owner.email);
    const afterUse = (await ctx.app.inject({ url: '/api/v1/tokens', headers: bearer(owner) })).json();
    expect(afterUse.items.find((t: { id: string }) => t.id === id).lastUsedAt).toBe(ctx.clock.now().toISOString());

    const revoked = await ctx.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: bearer(owner) });
    expect(revoked.statusCode).toBe(204);
    const refused = await ctx.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('unauthenticated');
  });

  it("cannot see or revoke someone else's token (not found, not forbidden)", async () => {
    const mine = (await ctx.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: bearer(ctx.users.qa), payload: { name: 'mine' } })).json();
    const theirs = await ctx.app.inject({ url: '/api/v1/tokens', headers: bearer(ctx.users.admin) });
    expect(theirs.json().items.map((t: { id: string }) => t.id)).not.toContain(mine.id);
    const attempt = await ctx.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${mine.id}`, headers: bearer(ctx.users.admin) });
    expect(attempt.statusCode).toBe(404);
  });

  it('stop working when their owner is deactivated', async () => {
    const created = (await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(ctx.users.admin),
      payload: { email: 'leaver@example.test', displayName: 'Leaver', role: 'specialist' },
    })).json();
    const { token } = await createApiToken(ctx.deps, cliActor, { name: 'x', userId: created.id });
    expect((await ctx.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    await ctx.app.inject({ method: 'PATCH', url: `/api/v1/users/${created.id}`, headers: bearer(ctx.users.admin), payload: { active: false } });
    expect((await ctx.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
  });
});
