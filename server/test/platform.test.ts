import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES, ROLES, TEAM_KINDS } from '../src/db/schema.js';
import { type TestContext, bearer, testApp } from './harness.js';

// A small body limit, so "too large" is cheap to provoke.
const BODY_LIMIT = 2048;

let ctx: TestContext;
let admin: Record<string, string>;

beforeAll(async () => {
  ctx = await testApp({ bodyLimitBytes: BODY_LIMIT });
  admin = bearer(ctx.users.admin);
});
afterAll(() => ctx.close());

/** Every error is RFC 9457 problem details with our stable code. */
function expectProblem(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json<Record<string, unknown>>();
  expect(body).toMatchObject({ type: `urn:closeloop:problem:${code}`, status, code });
  expect(typeof body.title).toBe('string');
  expect((body.title as string).length).toBeGreaterThan(0);
  return body;
}

const json = { 'content-type': 'application/json' };

describe('problems for requests the API cannot take', () => {
  it('an unknown /api/v1 route is a 404 route_not_found, whatever the method', async () => {
    const body = expectProblem(await ctx.app.inject({ url: '/api/v1/no-such-thing?x=1' }), 404, 'route_not_found');
    expect(body.detail).toBe('GET /api/v1/no-such-thing is not an endpoint');
    expectProblem(await ctx.app.inject({ method: 'DELETE', url: '/api/v1/me', headers: admin }), 404, 'route_not_found');
    expectProblem(await ctx.app.inject({ method: 'POST', url: '/api/v2/users', headers: admin, payload: {} }), 404, 'route_not_found');
  });

  it('malformed or empty JSON is a 400 malformed_json', async () => {
    for (const payload of ['{"email":', '{email: "x"}', '', '{"a":1}}']) {
      const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: json, payload });
      expectProblem(res, 400, 'malformed_json');
    }
    // Prototype poisoning is refused at parse time, not merged into objects.
    const poisoned = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { ...admin, ...json },
      payload: '{"__proto__": {"locale": "zh"}}',
    });
    expect(poisoned.statusCode).toBe(400);
  });

  it('a body over the configured limit is a 413 payload_too_large, before anything else is looked at', async () => {
    const big = JSON.stringify({ email: 'x'.repeat(BODY_LIMIT), password: 'whatever' });
    expectProblem(await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: json, payload: big }), 413, 'payload_too_large');
    const justUnder = JSON.stringify({ email: 'nobody@example.test', password: 'p'.repeat(150) });
    expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: json, payload: justUnder })).statusCode).toBe(401);
  });

  it.each(['application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'a %s body is a 415 unsupported_media_type',
    async (type) => {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: { ...admin, 'content-type': type },
        payload: '<user/>',
      });
      expectProblem(res, 415, 'unsupported_media_type');
    },
  );

  it('a text/plain body is a 415 too: the API speaks JSON only', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers: { ...admin, 'content-type': 'text/plain' },
      payload: '{"name":"Plain","kind":"service"}',
    });
    expectProblem(res, 415, 'unsupported_media_type');
  });

  it('a schema failure is a 400 validation_failed naming each field', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: { email: 'not-an-email', role: 'boss', surprise: true },
    });
    const body = expectProblem(res, 400, 'validation_failed');
    const fields = (body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['displayName', 'email', 'role', 'surprise']);
  });
});

describe('health and request ids', () => {
  it('GET /healthz answers 200 without the database', async () => {
    const res = await ctx.app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz answers 200 and names the backend', async () => {
    const res = await ctx.app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', database: ctx.database.backend });
    expect(ctx.database.backend).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
  });

  it('every response carries an x-request-id, a fresh one per request', async () => {
    const a = await ctx.app.inject({ url: '/healthz' });
    const b = await ctx.app.inject({ url: '/api/v1/nope' });
    const ids = [a.headers['x-request-id'], b.headers['x-request-id']];
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('echoes a sane incoming x-request-id and replaces one that is not', async () => {
    for (const sane of ['abc-123', 'trace:01HZX.7_b', 'a'.repeat(64)]) {
      const res = await ctx.app.inject({ url: '/api/v1/me', headers: { 'x-request-id': sane } });
      expect(res.headers['x-request-id']).toBe(sane);
    }
    for (const insane of ['a'.repeat(65), '<script>alert(1)</script>', 'two words', '{"json":1}', '']) {
      const res = await ctx.app.inject({ url: '/healthz', headers: { 'x-request-id': insane } });
      expect(res.headers['x-request-id'], JSON.stringify(insane)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { required?: string[] }> };
}
interface Operation {
  parameters?: { in: string; name: string; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: object }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: object }> }>;
}

// A POST creating something in a collection must declare its body; an action on one resource
// (`/…/{id}/read`) or one of these may take none.
const BODYLESS_POSTS = new Set(['POST /api/v1/auth/logout']);
const mayBeBodyless = (name: string, path: string) => BODYLESS_POSTS.has(name) || /\}\/[a-z-]+$/.test(path);

describe('the API description', () => {
  let doc: OpenApiDoc;
  let operations: [string, Operation][];
  beforeAll(async () => {
    const res = await ctx.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    doc = res.json<OpenApiDoc>();
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as [string, Operation]),
    );
  });

  it('is OpenAPI 3.1.0 with the shared Problem schema, and leaves out the probes', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('Closeloop API');
    expect(doc.components.schemas.Problem?.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'code']));
    expect(operations.length).toBeGreaterThan(10);
    expect(Object.keys(doc.paths).filter((p) => !p.startsWith('/api/v1/'))).toEqual([]);
  });

  it('gives every operation a described 2xx response and the problem responses', () => {
    const missing: string[] = [];
    for (const [name, op] of operations) {
      const success = Object.keys(op.responses).filter((status) => /^2\d\d$/.test(status));
      if (success.length === 0) missing.push(`${name}: no 2xx response`);
      for (const status of success) {
        const schema = op.responses[status]!.content?.['application/json']?.schema;
        if (status !== '204' && !schema) missing.push(`${name}: ${status} has no schema`);
        if (status === '204' && op.responses[status]!.content) missing.push(`${name}: 204 declares content`);
      }
      for (const problem of ['4XX', '5XX']) {
        const schema = op.responses[problem]?.content?.['application/json']?.schema;
        if (!schema || !JSON.stringify(schema).includes('Problem')) missing.push(`${name}: no ${problem} problem response`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('declares a request body for every write and every path parameter', () => {
    const missing: string[] = [];
    for (const [name, op] of operations) {
      const [method, path] = name.split(' ') as [string, string];
      const hasBody = Object.values(op.requestBody?.content ?? {}).some((c) => Boolean((c as { schema?: unknown }).schema));
      if ((method === 'PATCH' || method === 'PUT' || (method === 'POST' && !mayBeBodyless(name, path))) && !hasBody) {
        missing.push(`${name}: no request body schema`);
      }
      if ((method === 'GET' || method === 'DELETE') && op.requestBody) missing.push(`${name}: a ${method} with a body`);
      for (const [, param] of path.matchAll(/\{([^}]+)\}/g)) {
        if (!op.parameters?.some((p) => p.in === 'path' && p.name === param && p.required)) missing.push(`${name}: path parameter ${param}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('is browsable at /api/docs', async () => {
    const res = await ctx.app.inject({ url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('<html');
  });
});

describe('junk bodies never cause a 5xx', () => {
  // Strings a database can choke on: empty, blank, NUL, lone surrogates, other scripts.
  const text = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.constantFrom('', ' ', '  \t ', 'a\u0000b', '\u0000', '\ud800', 'Ünïcødé 客服 團隊', "Robert'); DROP TABLE teams;--"),
  );
  /** A field's value: usually of the right shape, sometimes anything at all. */
  const field = <T>(plausible: fc.Arbitrary<T>) =>
    fc.oneof({ weight: 9, arbitrary: plausible }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<unknown> });
  /** Mostly bodies shaped like the real thing (to get past validation into the handler), some pure junk. */
  const bodies = (plausible: fc.Arbitrary<unknown>) =>
    fc.oneof({ weight: 1, arbitrary: fc.jsonValue() as fc.Arbitrary<unknown> }, { weight: 4, arbitrary: plausible });

  async function send(method: 'POST' | 'PATCH', url: string, body: unknown) {
    return ctx.app.inject({ method, url, headers: { ...admin, ...json }, payload: JSON.stringify(body) ?? 'null' });
  }

  /** Asserts no 5xx; returns how many requests got past schema validation into the use case. */
  async function neverServerError(method: 'POST' | 'PATCH', url: () => string, bodies: fc.Arbitrary<unknown>) {
    let reachedHandler = 0;
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const res = await send(method, url(), body);
        expect(res.statusCode, `${method} ${JSON.stringify(body)} → ${res.body}`).toBeLessThan(500);
        expect(res.statusCode).toBeGreaterThanOrEqual(200);
        if (res.statusCode >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        const detail = res.statusCode >= 400 ? res.json<{ detail: string }>().detail : '';
        if (res.statusCode < 300 || res.statusCode === 409 || /unknown (team|region)/.test(detail)) reachedHandler++;
      }),
      { numRuns: 50 },
    );
    return reachedHandler;
  }

  it('POST /api/v1/users', async () => {
    const team = await send('POST', '/api/v1/teams', { name: 'Fuzz target', kind: 'service' });
    const teamId = team.json<{ id: string }>().id;
    const plausibleUser = fc.record(
      {
        email: field(fc.oneof({ weight: 4, arbitrary: fc.emailAddress() }, { weight: 1, arbitrary: text.map((s) => `${s}@example.test`) })),
        displayName: field(text),
        role: field(fc.constantFrom(...ROLES)),
        teamIds: field(fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant(teamId) }, { weight: 1, arbitrary: fc.uuid() }), { maxLength: 2 })),
        region: field(fc.constantFrom('MY', 'SG', 'CN', null, 'ZZ')),
        languages: field(fc.uniqueArray(fc.constantFrom('en', 'ms', 'zh', 'xx'), { maxLength: 3 })),
        locale: field(fc.constantFrom(...LOCALES)),
        password: field(fc.oneof({ weight: 1, arbitrary: text }, { weight: 3, arbitrary: text.map((s) => `${s}-long-enough`) })),
        active: field(fc.boolean()),
      },
      { requiredKeys: ['email', 'displayName', 'role'] },
    );
    // The generator must get past validation often enough to exercise the use case too.
    expect(await neverServerError('POST', () => '/api/v1/users', bodies(plausibleUser))).toBeGreaterThan(0);
  });

  it('PATCH /api/v1/teams/{id}', async () => {
    const created = await send('POST', '/api/v1/teams', { name: 'Patch target', kind: 'service' });
    const id = created.json<{ id: string }>().id;
    await send('POST', '/api/v1/teams', { name: 'Other team', kind: 'partner' });
    const plausibleTeam = fc.record({
      name: field(fc.oneof(text, fc.constantFrom('Other team', 'OTHER TEAM', 'Patch target'))),
      kind: field(fc.constantFrom(...TEAM_KINDS)),
      region: field(fc.constantFrom('MY', 'SG', 'CN', 'ZZ', null)),
    });
    expect(await neverServerError('PATCH', () => `/api/v1/teams/${id}`, bodies(plausibleTeam))).toBeGreaterThan(0);
  });
});
