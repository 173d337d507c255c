import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../src/db/schema.js';
import { ACCESS_MATRIX } from './access-matrix.js';
import { type TestContext, bearer, testApp } from './harness.js';

let ctx: TestContext;
let operations: string[] = [];

beforeAll(async () => {
  ctx = await testApp();
  const doc = (await ctx.app.inject({ url: '/api/openapi.json' })).json<{ paths: Record<string, object> }>();
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
  );
});
afterAll(() => ctx.close());

describe('authorisation matrix', () => {
  it('has a row for every operation in the OpenAPI document, and no stale rows', () => {
    expect(operations.length).toBeGreaterThan(10);
    expect(operations.filter((op) => !(op in ACCESS_MATRIX)), 'operations without a row').toEqual([]);
    expect(Object.keys(ACCESS_MATRIX).filter((op) => !operations.includes(op)), 'rows without an operation').toEqual([]);
  });

  it('answers every operation × role as the table says', async () => {
    const mismatches: string[] = [];
    for (const operation of operations) {
      const [method, path] = operation.split(' ') as [string, string];
      const url = path.replace(/\{[^}]+\}/g, () => randomUUID());
      const expected = ACCESS_MATRIX[operation]!;
      const payload = ['POST', 'PATCH', 'PUT'].includes(method) ? {} : undefined;
      const callers = [null, ...ROLES] as const;
      for (const role of callers) {
        const headers = role ? bearer(ctx.users[role]) : {};
        const res = await ctx.app.inject({ method: method as 'GET', url, headers, payload });
        const allowed =
          expected === 'public' || (role !== null && (expected === 'signed-in' || expected.includes(role)));
        const status = res.statusCode;
        const ok = allowed
          ? status !== 401 && status !== 403 && status < 500
          : status === (role === null ? 401 : 403);
        if (!ok) mismatches.push(`${operation} as ${role ?? 'anonymous'}: ${status} (expected ${allowed ? 'allowed' : 'denied'})`);
        if (!allowed) expect(res.headers['content-type']).toContain('application/problem+json');
      }
    }
    expect(mismatches).toEqual([]);
  });
});
