// The configuration cache (migration 0018, platform/configuration-cache.ts): every change to a
// table it holds moves the generation, an intake sees a change at once, a transaction that
// changed configuration keeps what it read to itself, and the case number taken inside the
// INSERT is the one formatCaseNumber writes.
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseNumberSql, formatCaseNumber } from '../src/domains/cases/queries.js';
import { updateCategory } from '../src/domains/cases/categories.js';
import { createTeam, updateTeam } from '../src/domains/identity/teams.js';
import { createRule, deleteRule } from '../src/domains/routing/rulesets.js';
import { cliActor } from '../src/platform/actor.js';
import { ConfigurationSnapshot } from '../src/platform/configuration-cache.js';
import { type TestContext, bearer, testApp } from './harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await testApp();
});
afterAll(() => ctx.close());

const generation = async () =>
  Number((await ctx.database.db.selectFrom('configuration_generation').select('generation').executeTakeFirstOrThrow()).generation);

const draft = (over: Record<string, unknown> = {}) => ({
  title: 'Payout held after appeal',
  description: 'Seller says the payout is still on hold after the appeal was approved.',
  category: 'payments/payout-hold',
  account: { type: 'seller', externalId: 'S-CACHE-1', name: 'Toko Cache', region: 'MY' },
  source: 'crm',
  ...over,
});
const file = (over: Record<string, unknown> = {}) =>
  ctx.app.inject({ method: 'POST', url: '/api/v1/cases', headers: bearer(ctx.users.specialist), payload: draft(over) });

describe('configuration generation', () => {
  it('moves with every change to a cached table, and not with the round-robin pointer alone', async () => {
    const team = await createTeam(ctx.deps, cliActor, { name: 'Cache desk', kind: 'service' });
    const changes: [string, () => Promise<unknown>][] = [
      ['categories', () => sql`UPDATE categories SET position = position WHERE code = 'payments'`.execute(ctx.database.db)],
      ['regions', () => sql`UPDATE regions SET name = name WHERE code = 'MY'`.execute(ctx.database.db)],
      ['routing_rules', () => sql`DELETE FROM routing_rules WHERE false`.execute(ctx.database.db)],
      ['sla_policies', () => sql`UPDATE sla_policies SET position = position`.execute(ctx.database.db)],
      ['calendars', () => sql`UPDATE calendars SET name = name`.execute(ctx.database.db)],
      ['teams (insert)', () => createTeam(ctx.deps, cliActor, { name: 'Cache desk 2', kind: 'partner' })],
      ['teams (update)', () => updateTeam(ctx.deps, cliActor, team.id, { name: 'Cache desk renamed' })],
    ];
    for (const [table, change] of changes) {
      const before = await generation();
      await change();
      expect(await generation(), table).toBeGreaterThan(before);
    }
    const before = await generation();
    await sql`UPDATE teams SET round_robin_last = ${ctx.users.specialist.id} WHERE id = ${team.id}`.execute(ctx.database.db);
    expect(await generation()).toBe(before);
  });

  it('gives a transaction that changed configuration its own reads, and shares only committed ones', async () => {
    const labelOf = (db = ctx.database.db) =>
      db.selectFrom('categories').select('labels').where('code', '=', 'payments').executeTakeFirstOrThrow().then((r) => (r.labels as { en: string }).en);
    const cached = async () => (await ConfigurationSnapshot.read(ctx.database.db, ctx.database.db)).get('test:label', labelOf);
    expect(await cached()).toBe('Payments');
    await ctx.database.db
      .transaction()
      .execute(async (trx) => {
        await sql`UPDATE categories SET labels = labels || '{"en":"Uncommitted"}' WHERE code = 'payments'`.execute(trx);
        expect(await (await ConfigurationSnapshot.read(trx, ctx.database.db)).get('test:label', labelOf)).toBe('Uncommitted');
        throw new Error('roll back');
      })
      .catch(() => {});
    expect(await cached()).toBe('Payments');
  });
});

describe('intake with cached configuration', () => {
  it('sees a deactivated category, a new routing rule and a deleted one at once', async () => {
    expect((await file()).statusCode).toBe(201);
    await updateCategory(ctx.deps, cliActor, 'payments/payout-hold', { active: false });
    const refused = await file();
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('category');
    await updateCategory(ctx.deps, cliActor, 'payments/payout-hold', { active: true });
    expect((await file()).statusCode).toBe(201);

    const rule = await createRule(ctx.deps, cliActor, {
      name: 'Payout holds are urgent',
      order: 1,
      when: { all: [{ field: 'category', op: 'eq', value: 'payments/payout-hold' }] },
      then: [{ action: 'set_priority', value: 'P1' }],
    });
    expect((await file()).json().priority).toBe('P1');
    await deleteRule(ctx.deps, cliActor, rule.id);
    expect((await file()).json().priority).toBe('P3');
  });

  it('refuses an unknown account region by name and writes nothing', async () => {
    const before = await ctx.database.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await file({ account: { type: 'seller', externalId: 'S-NOWHERE', name: 'Nowhere', region: 'ZZ' } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors[0]).toMatchObject({ field: 'account.region', code: 'unknown_reference' });
    const after = await ctx.database.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(await ctx.database.db.selectFrom('accounts').select('id').where('external_id', '=', 'S-NOWHERE').executeTakeFirst()).toBeUndefined();
  });
});

describe('case numbers taken in the INSERT', () => {
  it('are written as formatCaseNumber writes them, six digits and wider', async () => {
    const inSql = async (n: number) => (await sql<{ t: string }>`SELECT ${caseNumberSql(sql`${n}::bigint`)} AS t`.execute(ctx.database.db)).rows[0]!.t;
    for (const n of [1, 42, 999_999, 1_000_000, 123_456_789]) expect(await inSql(n)).toBe(formatCaseNumber(n));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 40 }), async (n) => {
        expect(await inSql(n)).toBe(formatCaseNumber(n));
      }),
      { numRuns: 50 },
    );
  });
});
