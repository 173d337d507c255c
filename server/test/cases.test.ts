import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { type CaseDraft, fileCase } from '../src/domains/cases/file-case.js';
import { listCases } from '../src/domains/cases/list-cases.js';
import { openDatabase } from '../src/db/pool.js';
import { createTeam } from '../src/domains/identity/teams.js';
import { createUser } from '../src/domains/identity/users.js';
import { cliActor } from '../src/platform/actor.js';
import { createApiToken } from '../src/domains/identity/api-tokens.js';
import { JobRunner } from '../src/platform/jobs.js';
import { jobHandlers } from '../src/worker.js';
import { type TestContext, type TestUser, bearer, testApp } from './harness.js';

let ctx: TestContext;
let payments: { id: string };
let partner: TestUser;
let outsider: TestUser;
let otherRequester: TestUser;

async function person(email: string, role: 'partner' | 'requester', teamIds: string[] = []): Promise<TestUser> {
  const user = await createUser(ctx.deps, cliActor, { email, displayName: email.split('@')[0]!, role, teamIds });
  const { token } = await createApiToken(ctx.deps, cliActor, { name: 't', userId: user.id });
  return { id: user.id, email, role, token };
}

beforeAll(async () => {
  ctx = await testApp();
  payments = await createTeam(ctx.deps, cliActor, { name: 'Payments', kind: 'partner' });
  const legal = await createTeam(ctx.deps, cliActor, { name: 'Legal', kind: 'partner' });
  partner = await person('pay.partner@example.test', 'partner', [payments.id]);
  outsider = await person('legal.partner@example.test', 'partner', [legal.id]);
  otherRequester = await person('other.requester@example.test', 'requester');
});
afterAll(() => ctx.close());

const draft = (over: Record<string, unknown> = {}) => ({
  title: 'Withdrawal pending for 5 days',
  description: 'Seller says the withdrawal has been pending since Monday, please help.',
  category: 'payments/withdrawal-delayed',
  account: { type: 'seller', externalId: 'S-1001', name: 'Kedai Runcit Ali', email: 'ali@kedai.example', phone: '+60 12-345 6789', region: 'MY', tier: 'key' },
  source: 'crm',
  fields: { withdrawalId: 'W-778899', amount: 1520.5 },
  ...over,
});

const call = (user: TestUser, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method, url, headers: { ...bearer(user), ...headers }, payload });

async function file(user: TestUser, over: Record<string, unknown> = {}) {
  const res = await call(user, 'POST', '/api/v1/cases', draft(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('intake', () => {
  it('files a case with a number, detected language, the account and the requester', async () => {
    const c = await file(ctx.users.requester);
    expect(c.number).toMatch(/^ESC-\d{6}$/);
    expect(c).toMatchObject({
      status: 'new',
      priority: 'P3',
      language: 'en',
      source: 'crm',
      category: { code: 'payments/withdrawal-delayed', labels: { zh: '提现延迟' } },
      account: { type: 'seller', externalId: 'S-1001', name: 'Kedai Runcit Ali', tier: 'key', region: 'MY' },
      requester: { id: ctx.users.requester.id },
      fields: { withdrawalId: 'W-778899', amount: 1520.5 },
      abilities: { edit: false, comment: true, commentInternal: false },
    });
    const byNumber = await call(ctx.users.specialist, 'GET', `/api/v1/cases/${c.number.toLowerCase()}`);
    expect(byNumber.json().id).toBe(c.id);
  });

  it('answers with the case as stored and audits that very view, with a key or without', async () => {
    // Filing decides the case before writing it in one statement; the account is the stored one
    // with what the intake says over it (the e-mail left out is kept).
    const first = await file(ctx.users.specialist, { account: { type: 'seller', externalId: 'S-2002', name: 'Toko Maju', email: 'maju@toko.example', region: 'MY' } });
    for (const headers of [{}, { 'idempotency-key': 'as-stored-1' }] as Record<string, string>[]) {
      const account = { type: 'seller', externalId: 'S-2002', name: 'Toko Maju Jaya', phone: '+60 3-1234 5678' };
      const res = await call(ctx.users.specialist, 'POST', '/api/v1/cases', draft({ title: `As stored ${JSON.stringify(headers)}`, account }), headers);
      expect(res.statusCode, res.body).toBe(201);
      const filed = res.json();
      expect(filed.account).toEqual({ ...first.account, name: 'Toko Maju Jaya', phone: '+60 3-1234 5678' });
      expect(filed.sla.dueAt).not.toBeNull();
      expect((await call(ctx.users.specialist, 'GET', `/api/v1/cases/${filed.id}`)).json()).toEqual(filed);
      const audit = await ctx.database.db.selectFrom('audit_log').select('after').where('entity_id', '=', filed.id).where('action', '=', 'case.created').execute();
      expect(audit.map((a) => a.after)).toEqual([filed]);
    }
  });

  it('requires the intake fields of the category, naming each', async () => {
    const res = await call(ctx.users.requester, 'POST', '/api/v1/cases', draft({ fields: { amount: 'lots' } }));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'fields.withdrawalId', message: 'is required for this category', code: 'required' },
      { field: 'fields.amount', message: 'must be a number', code: 'wrong_type', params: { type: 'number' } },
    ]);
    const root = await call(ctx.users.requester, 'POST', '/api/v1/cases', draft({ category: 'payments' }));
    expect(root.json().errors[0].field).toBe('category');
    const badAccount = await call(ctx.users.requester, 'POST', '/api/v1/cases', draft({ account: { type: 'robot', externalId: 'x', name: 'x' } }));
    expect(badAccount.json().errors[0].field).toBe('account.type');
  });

  it('detects Chinese and Malay', async () => {
    const zh = await file(ctx.users.requester, { title: '提现三天未到账', description: '卖家反映提现一直处理中，请尽快核查。' });
    expect(zh.language).toBe('zh');
    const ms = await file(ctx.users.requester, { title: 'Pengeluaran belum diterima', description: 'Penjual kata wang pengeluaran masih belum masuk sejak minggu lepas, tolong semak.' });
    expect(ms.language).toBe('ms');
  });

  it('makes retries with one Idempotency-Key safe, even when they race', async () => {
    const headers = { 'idempotency-key': 'crm-ticket-4242' };
    const body = draft({ title: 'Idempotent intake' });
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => call(ctx.users.requester, 'POST', '/api/v1/cases', body, headers)),
    );
    const ids = new Set(responses.map((r) => r.json().id));
    expect(ids.size).toBe(1);
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(7);
    const count = await ctx.database.db.selectFrom('cases').select('id').where('title', '=', 'Idempotent intake').execute();
    expect(count).toHaveLength(1);
    const reused = await call(ctx.users.requester, 'POST', '/api/v1/cases', draft({ title: 'Something else' }), headers);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('idempotency_key_reused');
  });

  it('writes intakes that wait together in one statement, each account as its own request says', async () => {
    await file(ctx.users.specialist, { account: { type: 'seller', externalId: 'S-GC-1', name: 'Kept', email: 'kept@gc.example', region: 'MY' } });
    await file(ctx.users.specialist, { account: { type: 'seller', externalId: 'S-GC-2', name: 'Cleared', email: 'cleared@gc.example', region: 'MY' } });
    const intake = (title: string, account: CaseDraft['account']) => fileCase(ctx.deps, cliActor, draft({ title, account }) as CaseDraft);
    // The first finds nothing running and starts a batch; the rest, submitted once it runs, wait for it and go together.
    const alone = intake('Goes alone', { type: 'seller', externalId: 'S-GC-0', name: 'Alone' });
    await new Promise((resolve) => setImmediate(resolve));
    const [kept, cleared, added] = await Promise.all([
      intake('Leaves the e-mail out', { type: 'seller', externalId: 'S-GC-1', name: 'Kept' }),
      intake('Clears the e-mail', { type: 'seller', externalId: 'S-GC-2', name: 'Cleared', email: null }),
      intake('Names a new account', { type: 'creator', externalId: 'C-GC-3', name: 'New', email: 'new@gc.example', region: 'MY', tier: 'vip' }),
    ]);
    const together = [kept!, cleared!, added!].map((f) => f.view);
    const first = (await alone).view;
    const { rows } = await sql<{ id: string; tx: string }>`SELECT id, xmin::text AS tx FROM cases WHERE id IN (${sql.join([first.id, ...together.map((v) => v.id)])})`.execute(ctx.deps.db);
    const tx = new Map(rows.map((r) => [r.id, r.tx]));
    expect(new Set(together.map((v) => tx.get(v.id))).size).toBe(1);
    expect(tx.get(first.id)).not.toBe(tx.get(together[0]!.id));
    expect(together.map((v) => [v.account.name, v.account.email, v.account.region, v.account.tier])).toEqual([
      ['Kept', 'kept@gc.example', 'MY', 'standard'],
      ['Cleared', null, 'MY', 'standard'],
      ['New', 'new@gc.example', 'MY', 'vip'],
    ]);
    for (const view of together) {
      expect((await call(ctx.users.specialist, 'GET', `/api/v1/cases/${view.id}`)).json()).toEqual(JSON.parse(JSON.stringify(view)));
      const audit = await ctx.database.db.selectFrom('audit_log').select('after').where('entity_id', '=', view.id).where('action', '=', 'case.created').execute();
      expect(audit.map((a) => a.after)).toEqual([JSON.parse(JSON.stringify(view))]);
    }
  });

  it('writes the others of a batch when one request in it is bad, and answers that one alone', async () => {
    const intake = (n: number, region: string) =>
      fileCase(ctx.deps, cliActor, draft({ title: `Batch with a bad one ${n}`, account: { type: 'customer', externalId: `U-BAD-${n}`, name: `Customer ${n}`, region } }) as CaseDraft);
    const results = await Promise.allSettled([intake(0, 'MY'), intake(1, 'MY'), intake(2, 'ZZ'), intake(3, 'SG')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ code: 'validation_failed', errors: [{ field: 'account.region', code: 'unknown_reference' }] });
    // Nothing of the bad one is written: no account, no case.
    expect(await ctx.database.db.selectFrom('accounts').select('id').where('external_id', '=', 'U-BAD-2').execute()).toEqual([]);
    expect(await ctx.database.db.selectFrom('cases').select('id').where('title', '=', 'Batch with a bad one 2').execute()).toEqual([]);
    const filed = await ctx.database.db.selectFrom('cases').select(['title', 'number']).where('title', 'like', 'Batch with a bad one %').orderBy('title').execute();
    expect(filed.map((c) => c.title)).toEqual([0, 1, 3].map((n) => `Batch with a bad one ${n}`));
  });

  it('numbers 50 concurrent intakes distinctly', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => call(ctx.users.specialist, 'POST', '/api/v1/cases', draft({ title: `Burst ${i}`, source: 'oncall' }))),
    );
    expect(responses.every((r) => r.statusCode === 201)).toBe(true);
    expect(new Set(responses.map((r) => r.json().number)).size).toBe(50);
  });
});

describe('text search', () => {
  it('finds Chinese by any 2+ character substring, Malay and English by word, and round-trips exotic text', async () => {
    const long = 'x'.repeat(20_000);
    const c = await file(ctx.users.requester, {
      title: '直播间佣金结算异常 🙂 komisen tertunggak',
      description: `达人反映上周直播带货的佣金没有结算。Creator says the Commission is missing. ${long}`,
      category: 'creator/commission',
      fields: {},
    });
    const find = async (q: string) => {
      const res = await call(ctx.users.specialist, 'GET', `/api/v1/cases?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((i: { id: string }) => i.id);
    };
    for (const q of ['佣金', '佣金结算', '直播带货', '上周直播', 'KOMISEN', 'commission', 'creator missing']) {
      expect(await find(q), q).toContain(c.id);
    }
    for (const q of ['佣结', '结算佣金', 'komis', 'payout']) expect(await find(q), q).not.toContain(c.id);
    const got = (await call(ctx.users.specialist, 'GET', `/api/v1/cases/${c.id}`)).json();
    expect(got.title).toBe('直播间佣金结算异常 🙂 komisen tertunggak');
    expect(got.description.length).toBe(c.description.length);
    expect((await call(ctx.users.specialist, 'GET', '/api/v1/cases?q=%F0%9F%99%82')).json().errors[0].field).toBe('q');
  });

  it('pages a common word newest first, through full pages (the newest cases) and the last one (the index)', async () => {
    const filed: string[] = [];
    for (let i = 0; i < 23; i++) {
      // Every third case says the word; the rest are noise between them.
      const c = await file(ctx.users.requester, i % 3 === 0 ? { title: `Gudang penuh ${i}` } : { title: `Unrelated ${i}` });
      if (i % 3 === 0) filed.push(c.id);
      ctx.clock.advance(60_000);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(ctx.users.specialist, 'GET', `/api/v1/cases?q=gudang&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const page: { items: { id: string }[]; nextCursor: string | null } = res.json();
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...filed].reverse());
  });
});

describe('who sees what', () => {
  it('scopes requesters to their own cases and hides others as not found', async () => {
    const mine = await file(ctx.users.requester, { title: 'Mine only' });
    const list = (await call(otherRequester, 'GET', '/api/v1/cases')).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(mine.id);
    expect((await call(otherRequester, 'GET', `/api/v1/cases/${mine.id}`)).statusCode).toBe(404);
  });

  it('lets partners reach a case only through their handoffs, with personal data masked', async () => {
    const c = await file(ctx.users.requester, { title: 'Partner visibility' });
    expect((await call(partner, 'GET', `/api/v1/cases/${c.id}`)).statusCode).toBe(404);
    const handoff = await call(ctx.users.specialist, 'POST', `/api/v1/cases/${c.id}/handoffs`, {
      team: payments.id,
      question: 'Is W-778899 stuck in the bank batch?',
      dueAt: new Date(ctx.clock.now().getTime() + 4 * 3600_000).toISOString(),
    });
    expect(handoff.statusCode, handoff.body).toBe(201);
    const seen = await call(partner, 'GET', `/api/v1/cases/${c.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().account).toMatchObject({ email: 'a•••@kedai.example', phone: '•••89', name: 'Kedai Runcit Ali' });
    expect(seen.json().abilities).toMatchObject({ edit: false, comment: false });
    expect((await call(ctx.users.specialist, 'GET', `/api/v1/cases/${c.id}`)).json().account.email).toBe('ali@kedai.example');
    const partnerList = (await call(partner, 'GET', '/api/v1/cases')).json();
    expect(partnerList.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
    expect(partnerList.items[0].account.email).toBe('a•••@kedai.example');
    expect((await call(outsider, 'GET', `/api/v1/cases/${c.id}`)).statusCode).toBe(404);
    const timeline = (await call(partner, 'GET', `/api/v1/cases/${c.id}/timeline`)).json().items;
    expect(timeline.map((i: { kind: string }) => i.kind)).toEqual(['handoff_created']);
  });

  it('refuses fields a role may not change, by name', async () => {
    const c = await file(ctx.users.requester);
    const res = await call(ctx.users.requester, 'PATCH', `/api/v1/cases/${c.id}`, { priority: 'P1', title: 'x' });
    expect(res.statusCode).toBe(403);
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['priority', 'title']);
    expect((await call(ctx.users.qa, 'PATCH', `/api/v1/cases/${c.id}`, { priority: 'P1' })).statusCode).toBe(403);
  });
});

describe('closing the loop', () => {
  it('runs intake → handoff → answer → resolve → requester confirms → closed, all on the timeline', async () => {
    // Each step a second apart, as in life, so the timeline's order is the order of the steps.
    const step = (...args: Parameters<typeof call>) => {
      ctx.clock.advance(1000);
      return call(...args);
    };
    const c = await file(ctx.users.requester, { title: 'Full loop' });
    const id = c.id;
    const sp = ctx.users.specialist;
    expect((await step(sp, 'PATCH', `/api/v1/cases/${id}`, { assignee: sp.id, priority: 'P2' })).json()).toMatchObject({ assignee: { id: sp.id }, priority: 'P2' });
    expect((await step(sp, 'POST', `/api/v1/cases/${id}/transitions`, { to: 'in_progress' })).json().status).toBe('in_progress');

    const reply = await step(sp, 'POST', `/api/v1/cases/${id}/comments`, { body: 'We are checking with Payments.', visibility: 'requester' });
    expect(reply.statusCode).toBe(201);
    expect((await step(sp, 'GET', `/api/v1/cases/${id}`)).json().firstResponseAt).toBe(reply.json().createdAt);

    const handoff = (await step(sp, 'POST', `/api/v1/cases/${id}/handoffs`, {
      team: payments.id,
      question: 'Why is the withdrawal held?',
      dueAt: new Date(ctx.clock.now().getTime() + 3600_000).toISOString(),
    })).json();
    expect((await step(sp, 'POST', `/api/v1/cases/${id}/transitions`, { to: 'waiting_partner' })).statusCode).toBe(200);
    const inbox = (await step(partner, 'GET', '/api/v1/handoffs?status=open')).json().items;
    expect(inbox.map((h: { id: string }) => h.id)).toContain(handoff.id);
    expect(inbox.find((h: { id: string }) => h.id === handoff.id).abilities).toEqual({ answer: true });
    const asSpecialist = (await step(sp, 'GET', `/api/v1/cases/${id}/handoffs`)).json().items[0];
    expect(asSpecialist.abilities).toEqual({ answer: false });
    expect((await step(outsider, 'POST', `/api/v1/handoffs/${handoff.id}/answer`, { answer: 'nope' })).statusCode).toBe(404);

    // Resolving without a root cause is refused by field; closing with an open handoff too.
    const noCause = await step(sp, 'POST', `/api/v1/cases/${id}/transitions`, { to: 'resolved', resolution: { summary: 'x' } });
    expect(noCause.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'rootCause' }] });

    const answered = await step(partner, 'POST', `/api/v1/handoffs/${handoff.id}/answer`, { answer: 'Bank batch failed; re-queued today.' });
    expect(answered.json()).toMatchObject({ status: 'answered', answeredBy: { id: partner.id } });
    expect((await step(partner, 'POST', `/api/v1/handoffs/${handoff.id}/answer`, { answer: 'again' })).statusCode).toBe(409);
    const spNotes = (await step(sp, 'GET', '/api/v1/notifications')).json();
    expect(spNotes.items.some((n: { kind: string; case: { id: string } }) => n.kind === 'handoff_answered' && n.case.id === id)).toBe(true);

    const resolved = await step(sp, 'POST', `/api/v1/cases/${id}/transitions`, {
      to: 'resolved',
      rootCause: { code: 'partner-outage', text: 'Bank batch job failed on Monday' },
      resolution: { code: 'reprocessed', summary: 'Withdrawal re-queued and paid out' },
    });
    expect(resolved.json()).toMatchObject({ status: 'resolved', rootCause: { text: 'Bank batch job failed on Monday' } });
    expect(resolved.json().requesterNotifiedAt).not.toBeNull();

    const notes = (await step(ctx.users.requester, 'GET', '/api/v1/notifications')).json();
    const note = notes.items.find((n: { kind: string; case: { id: string } }) => n.kind === 'case_resolved' && n.case.id === id);
    expect(note.data.resolution).toBe('Withdrawal re-queued and paid out');
    expect(notes.unread).toBeGreaterThan(0);
    expect((await step(ctx.users.requester, 'POST', `/api/v1/notifications/${note.id}/read`)).statusCode).toBe(204);

    // The server says what each person may do next; the UI offers exactly that.
    expect((await step(ctx.users.requester, 'GET', `/api/v1/cases/${id}`)).json().abilities.transitions).toEqual(['closed', 'reopened']);
    expect((await step(sp, 'GET', `/api/v1/cases/${id}`)).json().abilities.transitions).toEqual(['closed', 'reopened']);
    expect((await step(ctx.users.requester, 'GET', `/api/v1/cases/${id}/handoffs`)).json().items).toEqual([]);
    const confirmed = await step(ctx.users.requester, 'POST', `/api/v1/cases/${id}/transitions`, { to: 'closed' });
    expect(confirmed.json()).toMatchObject({ status: 'closed' });
    expect(confirmed.json().requesterConfirmedAt).not.toBeNull();
    expect(confirmed.json().abilities).toMatchObject({ edit: false, handoff: false, comment: false, transitions: ['reopened'] });

    const kinds = (await step(sp, 'GET', `/api/v1/cases/${id}/timeline`)).json().items.map((i: { kind: string }) => i.kind);
    expect(kinds).toEqual(['created', 'assigned', 'field_changed', 'status_changed', 'comment', 'handoff_created', 'status_changed', 'handoff_answered', 'status_changed', 'notification_sent', 'status_changed']);
    const requesterKinds = (await step(ctx.users.requester, 'GET', `/api/v1/cases/${id}/timeline`)).json().items.map((i: { kind: string }) => i.kind);
    expect(requesterKinds).not.toContain('handoff_created');
    expect(requesterKinds).toContain('comment');
  });

  it('refuses illegal moves with 409 naming from and to, and closing with an open handoff', async () => {
    const c = await file(ctx.users.requester);
    const sp = ctx.users.specialist;
    const illegal = await call(sp, 'POST', `/api/v1/cases/${c.id}/transitions`, { to: 'waiting_requester' });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json()).toMatchObject({ code: 'illegal_transition', detail: 'a case cannot move from new to waiting_requester' });
    await call(sp, 'POST', `/api/v1/cases/${c.id}/handoffs`, { team: payments.id, question: 'q', dueAt: new Date(ctx.clock.now().getTime() + 60_000).toISOString() });
    await call(sp, 'POST', `/api/v1/cases/${c.id}/transitions`, {
      to: 'resolved',
      rootCause: { text: 'cause' },
      resolution: { summary: 'fixed' },
    });
    const close = await call(sp, 'POST', `/api/v1/cases/${c.id}/transitions`, { to: 'closed' });
    expect(close.statusCode).toBe(409);
    expect(close.json().code).toBe('open_handoffs');
    // A requester may not move a case except to close the loop or reopen.
    expect((await call(ctx.users.requester, 'POST', `/api/v1/cases/${c.id}/transitions`, { to: 'in_progress' })).statusCode).toBe(403);
    const reopened = await call(ctx.users.requester, 'POST', `/api/v1/cases/${c.id}/transitions`, { to: 'reopened', reason: 'Still not paid' });
    expect(reopened.json()).toMatchObject({ status: 'reopened', reopenCount: 1, resolvedAt: null });
  });

  it('closes quiet resolved cases after the quiet period, and reminds partners of overdue handoffs', async () => {
    const runner = new JobRunner(ctx.deps, jobHandlers);
    const c = await file(ctx.users.requester, { title: 'Quiet requester' });
    const sp = ctx.users.specialist;
    const overdue = await file(ctx.users.requester, { title: 'Overdue handoff' });
    const handoff = (await call(sp, 'POST', `/api/v1/cases/${overdue.id}/handoffs`, {
      team: payments.id,
      question: 'Anyone?',
      dueAt: new Date(ctx.clock.now().getTime() + 3600_000).toISOString(),
    })).json();
    await call(sp, 'POST', `/api/v1/cases/${c.id}/transitions`, { to: 'resolved', rootCause: { text: 'c' }, resolution: { summary: 'r' } });

    ctx.clock.advance(2 * 3600_000);
    while ((await runner.runOnce()) > 0);
    let h = (await call(sp, 'GET', `/api/v1/cases/${overdue.id}/handoffs`)).json().items[0];
    expect(h).toMatchObject({ id: handoff.id, remindersSent: 1, overdue: true });
    const partnerNotes = (await call(partner, 'GET', '/api/v1/notifications')).json().items;
    expect(partnerNotes.some((n: { kind: string }) => n.kind === 'handoff_overdue')).toBe(true);
    expect((await call(sp, 'GET', `/api/v1/cases/${c.id}`)).json().status).toBe('resolved');

    ctx.clock.advance(7 * 24 * 3600_000);
    while ((await runner.runOnce()) > 0);
    expect((await call(sp, 'GET', `/api/v1/cases/${c.id}`)).json().status).toBe('closed');
    // Each further reminder comes a day after the one before, up to the cap.
    for (const expected of [2, 3, 3]) {
      h = (await call(sp, 'GET', `/api/v1/cases/${overdue.id}/handoffs`)).json().items[0];
      expect(h.remindersSent).toBe(expected);
      ctx.clock.advance(24 * 3600_000);
      while ((await runner.runOnce()) > 0);
    }
  });

  it('merges a duplicate: it closes, both timelines say so', async () => {
    const a = await file(ctx.users.requester, { title: 'Original' });
    const b = await file(ctx.users.requester, { title: 'Duplicate' });
    const merged = await call(ctx.users.lead, 'POST', `/api/v1/cases/${b.id}/merge`, { into: a.number });
    expect(merged.json()).toMatchObject({ status: 'closed', mergedInto: { id: a.id, number: a.number } });
    const aTimeline = (await call(ctx.users.lead, 'GET', `/api/v1/cases/${a.id}/timeline`)).json().items;
    expect(aTimeline.at(-1)).toMatchObject({ kind: 'merged', data: { from: { number: b.number } } });
    expect((await call(ctx.users.lead, 'POST', `/api/v1/cases/${a.id}/merge`, { into: a.id })).json().errors[0].field).toBe('into');
  });
});

describe('links', () => {
  it('links cases from both ends and shows them on both timelines', async () => {
    const parent = await file(ctx.users.requester, { title: 'Bank outage umbrella' });
    const child = await file(ctx.users.requester, { title: 'One affected seller' });
    const res = await call(ctx.users.lead, 'POST', `/api/v1/cases/${parent.id}/links`, { other: child.number, kind: 'parent_of' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items).toMatchObject([{ kind: 'parent_of', case: { id: child.id } }]);
    const fromChild = (await call(ctx.users.lead, 'GET', `/api/v1/cases/${child.id}/links`)).json().items;
    expect(fromChild).toMatchObject([{ kind: 'child_of', case: { id: parent.id } }]);
    // Linking again changes nothing; linking to itself names the field.
    expect((await call(ctx.users.lead, 'POST', `/api/v1/cases/${parent.id}/links`, { other: child.id, kind: 'parent_of' })).json().items).toHaveLength(1);
    expect((await call(ctx.users.lead, 'POST', `/api/v1/cases/${parent.id}/links`, { other: parent.id, kind: 'related' })).json().errors[0].field).toBe('other');
    expect((await call(ctx.users.requester, 'POST', `/api/v1/cases/${parent.id}/links`, { other: child.id, kind: 'related' })).statusCode).toBe(403);
  });
});

describe('lists', () => {
  it('filters by status, priority, category prefix and assignee, and pages with a total', async () => {
    const sp = ctx.users.specialist;
    const c = await file(ctx.users.requester, { title: 'Listing takedown', category: 'listing/removed', fields: { listingId: 'L-1' } });
    await call(sp, 'PATCH', `/api/v1/cases/${c.id}`, { assignee: sp.id, priority: 'P1' });
    const mine = (await call(sp, 'GET', '/api/v1/cases?assigneeId=me&category=listing&priority=P1,P2')).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toContain(c.id);
    expect(mine.items.every((i: { category: { code: string } }) => i.category.code.startsWith('listing/'))).toBe(true);

    const seen: string[] = [];
    let cursor: string | null = null;
    let total = 0;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null; total: number } = (await call(sp, 'GET', `/api/v1/cases?status=new&limit=7${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((i) => i.id));
      total = page.total;
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect((await call(sp, 'GET', '/api/v1/cases?status=bogus')).json().errors[0].field).toBe('status');
    // Forged or mismatched cursors are refused by name, never a database error.
    const forged = (key: string, id: string) => Buffer.from(JSON.stringify([key, id])).toString('base64url');
    for (const [sort, cursor] of [
      ['-createdAt', forged('not a date', '00000000-0000-4000-8000-000000000000')],
      ['-createdAt', forged('2026-11-01T00:00:00.000Z', 'not-a-uuid')],
      ['priority', forged('2026-11-01T00:00:00.000Z', '00000000-0000-4000-8000-000000000000')],
      ['createdAt', 'garbage!'],
    ]) {
      const res = await call(sp, 'GET', `/api/v1/cases?sort=${sort}&cursor=${cursor}`);
      expect(res.statusCode, `${sort} ${cursor}`).toBe(400);
      expect(res.json().errors[0].field).toBe('cursor');
    }
    const byPriority = (await call(sp, 'GET', '/api/v1/cases?sort=priority&limit=3')).json();
    const next = await call(sp, 'GET', `/api/v1/cases?sort=priority&limit=3&cursor=${byPriority.nextCursor}`);
    expect(next.statusCode).toBe(200);
    expect(next.json().items[0].id).not.toBe(byPriority.items[0].id);
  });

  it("keeps a queue's page and count statements prepared on the connection, and no narrower list's", async () => {
    // One connection, so every statement meets the same session (PGlite has only one).
    const single = ctx.database.databaseUrl ? await openDatabase({ databaseUrl: ctx.database.databaseUrl, dataDir: '', poolSize: 1 }) : ctx.database;
    const deps = { ...ctx.deps, db: single.db };
    const kept = async () =>
      (await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements WHERE statement LIKE '/* prepared */ %'`.execute(single.db)).rows.map((r) => r.statement);
    try {
      const team = await createTeam(ctx.deps, cliActor, { name: 'Prepared queue probe', kind: 'service' });
      const queue = { teamId: team.id, status: ['new', 'triaged', 'in_progress'], sort: 'due' as const, limit: 5 };
      await listCases(deps, cliActor, queue);
      await listCases(deps, cliActor, queue);
      const afterQueue = await kept();
      expect(afterQueue).toEqual(expect.arrayContaining([expect.stringMatching(/WITH page AS MATERIALIZED .*"c"\."team_id" = \$4.*"c"\."sla_due_at" is not null/), expect.stringMatching(/planner_row_estimate\(\$2\).*"c"\."team_id" = \$6/)]));
      await listCases(deps, cliActor, { ...queue, q: 'refund' });
      await listCases(deps, cliActor, { ...queue, category: 'listing' });
      await listCases(deps, cliActor, { status: ['new'], sort: '-createdAt', limit: 5 });
      expect((await kept()).sort()).toEqual(afterQueue.sort());
    } finally {
      if (single !== ctx.database) await single.close();
    }
  });
});

describe('junk input', () => {
  it('never gets a 5xx from intake, edits, transitions, comments or handoffs', async () => {
    const c = await file(ctx.users.requester, { title: 'Fuzz target' });
    const targets: [string, string][] = [
      ['POST', '/api/v1/cases'],
      ['PATCH', `/api/v1/cases/${c.id}`],
      ['POST', `/api/v1/cases/${c.id}/transitions`],
      ['POST', `/api/v1/cases/${c.id}/comments`],
      ['POST', `/api/v1/cases/${c.id}/handoffs`],
      ['POST', `/api/v1/cases/${c.id}/merge`],
      ['POST', `/api/v1/cases/${c.id}/links`],
    ];
    // Bodies shaped like real ones, with wrong, odd or hostile values in the fields.
    const value = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }));
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }),
      fc.record(
        {
          title: value, description: value, category: fc.oneof(value, fc.constantFrom('payments/payout-hold', 'listing', 'x/y')),
          account: fc.oneof(value, fc.record({ type: fc.constantFrom('seller', 'robot'), externalId: value, name: value })),
          source: fc.constantFrom('crm', 'api', 'import', 'fax'), priority: value, team: value, assignee: value, fields: value,
          to: fc.constantFrom('resolved', 'closed', 'reopened', 'bogus'), rootCause: value, resolution: value, body: value,
          visibility: fc.constantFrom('internal', 'requester', 'nobody'), question: value, dueAt: value, into: value, other: value, kind: value,
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), fc.constantFrom(ctx.users.specialist, ctx.users.requester, partner), body, async ([method, url], user, payload) => {
        const res = await call(user, method as 'POST', url, payload as object);
        expect(res.statusCode, `${method} ${url} ${JSON.stringify(payload)} → ${res.body}`).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });
});
