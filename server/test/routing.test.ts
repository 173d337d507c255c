// Routing rules over the API on a real database: versions, intake following the rules, the
// decisions recorded on the case, dry run and replay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { fileCase } from '../src/domains/cases/file-case.js';
import { createTeam } from '../src/domains/identity/teams.js';
import { createUser } from '../src/domains/identity/users.js';
import { cliActor } from '../src/platform/actor.js';
import { type TestContext, bearer, testApp } from './harness.js';

let ctx: TestContext;
let cnPayments: { id: string };
let legalDesk: { id: string };
let authorityId = '';

beforeAll(async () => {
  ctx = await testApp();
  cnPayments = await createTeam(ctx.deps, cliActor, { name: 'CN payments', kind: 'service' });
  legalDesk = await createTeam(ctx.deps, cliActor, { name: 'Legal desk', kind: 'service' });
});
afterAll(() => ctx.close());

type Role = keyof TestContext['users'];
const call = (who: Role, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  ctx.app.inject({ method, url: `/api/v1${url}`, headers: bearer(ctx.users[who]), ...(payload ? { payload } : {}) });
const fields = (res: { json: () => { errors?: Array<{ field: string }> } }) => (res.json().errors ?? []).map((e) => e.field);

const chinesePayments = () => ({
  name: 'Chinese payments to CN payments team',
  order: 10,
  when: { all: [{ field: 'category', op: 'matches', value: 'payments/*' }, { field: 'language', op: 'eq', value: 'zh' }] },
  then: [{ action: 'set_team', team: cnPayments.id }, { action: 'set_priority', value: 'P2' }, { action: 'add_flag', value: 'high_value' }],
});
let seq = 0;
async function file(over: Record<string, unknown> = {}, account: Record<string, unknown> = {}) {
  seq += 1;
  const res = await call('requester', 'POST', '/cases', {
    title: '提现一直没有到账',
    description: '卖家说提现已经三天了还没有到账，请帮忙查一下。',
    category: 'payments/payout-hold',
    account: { type: 'seller', externalId: `R-${seq}`, name: '陈记小店', region: 'CN', ...account },
    source: 'crm',
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const routingOf = async (id: string) => (await ctx.deps.db.selectFrom('cases').select('routing').where('id', '=', id).executeTakeFirstOrThrow()).routing as Record<string, { rule: { id: string; version: number } } & Record<string, unknown>>;

describe('rules', () => {
  let ruleId = '';
  it('refuses bad rules by path, and only leads and admins write them', async () => {
    const bad = await call('lead', 'POST', '/routing/rules', {
      ...chinesePayments(),
      when: { all: [{ field: 'colour', op: 'eq', value: 'red' }, { field: 'language', op: 'resembles', value: 'zh' }] },
      then: [{ action: 'set_team', team: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(expect.arrayContaining(['when.all[0].field', 'when.all[1].op']));
    const unknownTeam = await call('lead', 'POST', '/routing/rules', { ...chinesePayments(), then: [{ action: 'set_team', team: '00000000-0000-4000-8000-000000000000' }] });
    expect(fields(unknownTeam)).toEqual(['then[0].team']);
    expect((await call('specialist', 'POST', '/routing/rules', chinesePayments())).statusCode).toBe(403);
    expect((await call('admin', 'GET', '/routing/rules')).json().items).toEqual([]);
  });

  it('every save is a version; retiring keeps them', async () => {
    const created = await call('lead', 'POST', '/routing/rules', chinesePayments());
    expect(created.statusCode, created.body).toBe(201);
    ruleId = created.json().id;
    expect(created.json()).toMatchObject({ version: 1, enabled: true, order: 10 });
    const changed = await call('lead', 'PATCH', `/routing/rules/${ruleId}`, { order: 5 });
    expect(changed.json()).toMatchObject({ version: 2, order: 5, name: 'Chinese payments to CN payments team' });
    const versions = (await call('qa', 'GET', `/routing/rules/${ruleId}/versions`)).json().items;
    expect(versions.map((v: { version: number; order: number }) => [v.version, v.order])).toEqual([[2, 5], [1, 10]]);
    expect(versions[0].savedBy).toMatchObject({ id: ctx.users.lead.id });
  });

  it('intake follows the rules and the case records which rule and version decided', async () => {
    const c = await file();
    expect(c).toMatchObject({ team: { id: cnPayments.id }, priority: 'P2', flags: ['high_value'], language: 'zh' });
    const routing = await routingOf(c.id);
    expect(routing.team).toMatchObject({ id: cnPayments.id, name: 'CN payments', applied: true, rule: { id: ruleId, version: 2 } });
    expect(routing.priority).toMatchObject({ value: 'P2', rule: { id: ruleId, version: 2 } });
    // The SLA clocks start under the priority the rules set.
    const sla = (await call('specialist', 'GET', `/cases/${c.id}/sla`)).json().clocks;
    expect(sla[0].policy.name).toBe('CN P2 office hours');
    // A Malay case in the same category is not routed; a team the filer chose stays.
    const ms = await file({ title: 'Pengeluaran tertangguh', description: 'Penjual menunggu pengeluaran selama tiga hari.' });
    expect(ms).toMatchObject({ team: null, priority: 'P3', flags: [] });
    // Rules that changed nothing are recorded too (intake writes the record with its read-back).
    expect(await routingOf(ms.id)).toEqual({ evaluatedAt: expect.any(String) });
    const chosen = await file({ team: legalDesk.id });
    expect(chosen.team.id).toBe(legalDesk.id);
    expect((await routingOf(chosen.id)).team).toMatchObject({ applied: false });
  });

  it('a category change routes again; rules raise a priority but never lower one', async () => {
    const c = await file({ category: 'order/logistics', fields: { orderId: 'O-1' }, priority: 'P1' });
    expect(c).toMatchObject({ team: null, priority: 'P1' });
    const moved = await call('specialist', 'PATCH', `/cases/${c.id}`, { category: 'payments/payout-hold' });
    expect(moved.json()).toMatchObject({ team: { id: cnPayments.id }, priority: 'P1', flags: ['high_value'] });
    const timeline = (await call('specialist', 'GET', `/cases/${c.id}/timeline`)).json().items.map((i: { kind: string }) => i.kind);
    expect(timeline).toContain('routed');
  });

  it('legal threats in any of the three languages page the legal ladder; the third case in 30 days is a repeat', async () => {
    const ladder = await call('admin', 'POST', '/escalation/ladders', { name: 'Legal', levels: [{ notify: { team: legalDesk.id }, timeout: 'PT15M' }] });
    authorityId = (await call('admin', 'POST', '/escalation/authorities', { name: 'Legal', riskType: 'legal', ladder: ladder.json().id })).json().id;
    const legal = await call('admin', 'POST', '/routing/rules', {
      name: 'Legal threats',
      order: 1,
      when: { any: [{ field: 'text', op: 'contains_any', value: ['lawyer', 'sue', '律师', '起诉', 'peguam', 'saman'] }] },
      then: [{ action: 'add_flag', value: 'legal_threat' }, { action: 'raise_critical', authority: authorityId }],
    });
    expect(legal.statusCode, legal.body).toBe(201);
    const repeat = await call('admin', 'POST', '/routing/rules', {
      name: 'Repeats',
      order: 2,
      when: { field: 'repeat_count_30d', op: 'gte', value: 2 },
      then: [{ action: 'add_flag', value: 'repeat' }],
    });
    expect(repeat.statusCode, repeat.body).toBe(201);

    const ms = await file({ title: 'Akaun digantung', description: 'Saya akan saman syarikat ini.', category: 'account/suspension-appeal' }, { externalId: 'REP-1', region: 'MY' });
    expect(ms.flags).toEqual(['legal_threat']);
    const board = (await call('lead', 'GET', `/critical-escalations?caseId=${ms.id}`)).json().items;
    expect(board).toHaveLength(1);
    expect(board[0]).toMatchObject({ authority: { id: authorityId }, reason: 'Routing rule: Legal threats', status: 'open' });
    // The escalation is raised once the case exists; the routing record and the `routed` event name it.
    const events = (await call('specialist', 'GET', `/cases/${ms.id}/timeline`)).json().items as { kind: string; data: Record<string, unknown> }[];
    const routed = events.filter((e) => e.kind === 'routed');
    expect(routed).toHaveLength(1);
    expect(routed[0]!.data).toMatchObject({ changes: { flags: ['legal_threat'] }, decisions: { critical: { authority: authorityId, escalationId: board[0].id, rule: { name: 'Legal threats' } } } });
    expect(events.map((e) => e.kind).slice(0, 4)).toEqual(['created', 'routed', 'critical_raised', 'critical_paged']);
    expect((await routingOf(ms.id)).critical).toMatchObject({ escalationId: board[0].id });
    // The answer is the case as stored, and its audit record that very view.
    expect((await call('requester', 'GET', `/cases/${ms.id}`)).json()).toEqual(ms);
    const audit = await ctx.deps.db.selectFrom('audit_log').select('after').where('entity_id', '=', ms.id).where('action', '=', 'case.created').execute();
    expect(audit.map((a) => a.after)).toEqual([ms]);
    const second = await file({ title: 'Akaun masih digantung', description: 'Tolong semak semula.', category: 'account/suspension-appeal' }, { externalId: 'REP-1', region: 'MY' });
    expect(second.flags).toEqual([]);
    const third = await file({ title: 'Akaun digantung lagi', description: 'Kali ketiga saya menulis.', category: 'account/suspension-appeal' }, { externalId: 'REP-1', region: 'MY' });
    expect(third.flags).toEqual(['repeat']);
  });

  it('raises the escalations of intakes written together in their statement: page, notifications, mails, next page; events in order', async () => {
    // The ladder pages the legal desk's active members, each in their own language.
    const onDesk = async (email: string, locale: 'en' | 'zh' | 'ms', active = true) =>
      createUser(ctx.deps, cliActor, { email, displayName: email.split('@')[0]!, role: 'specialist', locale, teamIds: [legalDesk.id], active });
    const members = [await onDesk('desk.en@example.test', 'en'), await onDesk('desk.zh@example.test', 'zh')].sort((a, b) => (a.id < b.id ? -1 : 1));
    await onDesk('desk.gone@example.test', 'ms', false);
    const intake = (title: string, n: number) =>
      fileCase(ctx.deps, cliActor, {
        title,
        description: 'Akaun saya digantung.',
        category: 'account/suspension-appeal',
        account: { type: 'seller', externalId: `BATCH-${n}`, name: `Kedai ${n}`, region: 'MY' },
        source: 'crm',
      });
    // Submitted in one go, they are read and written together. Each is filed a second after the one
    // before (fileCase reads the clock at once), so what a batch writes for each case must carry that
    // case's own time.
    const filedAt: Date[] = [];
    const submitted = ['Goes first', 'Saya akan saman', 'Nothing legal', 'I will sue you'].map((title, n) => {
      filedAt.push(new Date(ctx.clock.now()));
      const filing = intake(title, n);
      ctx.clock.advance(1000);
      return filing;
    });
    const filed = (await Promise.all(submitted)).map((f) => f.view);
    const { rows } = await sql<{ id: string; tx: string }>`SELECT id, xmin::text AS tx FROM cases WHERE id IN (${sql.join(filed.map((v) => v.id))})`.execute(ctx.deps.db);
    const tx = new Map(rows.map((r) => [r.id, r.tx]));
    expect(new Set(filed.map((v) => tx.get(v.id))).size).toBe(1);

    for (const [i, view] of filed.entries()) {
      const threat = i === 1 || i === 3;
      const now = filedAt[i]!;
      expect(view.createdAt).toBe(now.toISOString());
      const events = await ctx.deps.db.selectFrom('case_events').select(['kind', 'data', 'at']).where('case_id', '=', view.id).orderBy('id').execute();
      expect(events.map((e) => e.at)).toEqual(events.map(() => now));
      const escalations = await ctx.deps.db.selectFrom('critical_escalations').selectAll().where('case_id', '=', view.id).execute();
      const notified = await ctx.deps.db.selectFrom('notifications').select(['user_id', 'data', 'created_at']).where('case_id', '=', view.id).where('kind', '=', 'critical_page').orderBy('user_id').execute();
      const mails = await ctx.deps.db.selectFrom('mail_outbox').select(['id', 'user_id', 'to_address', 'locale', 'data', 'created_at']).where('case_id', '=', view.id).where('kind', '=', 'critical_page').orderBy('user_id').execute();
      if (!threat) {
        expect(events.map((e) => e.kind)).toEqual(['created']);
        expect([escalations, notified, mails]).toEqual([[], [], []]);
        continue;
      }
      expect(events.map((e) => e.kind)).toEqual(['created', 'routed', 'critical_raised', 'critical_paged']);
      expect(escalations).toHaveLength(1);
      const esc = escalations[0]!;
      expect((await routingOf(view.id)).critical).toMatchObject({ escalationId: esc.id });
      expect(esc).toMatchObject({ authority_id: authorityId, reason: 'Routing rule: Legal threats', status: 'open', level: 0, pages_sent: 1, raised_by: null, raised_at: now, last_paged_at: now });
      expect(esc.levels).toEqual([{ notify: { team: legalDesk.id }, timeout: 'PT15M', timeoutSeconds: 900 }]);
      expect(events[2]!.data).toEqual({ escalationId: esc.id, authority: { id: authorityId, name: 'Legal' }, reason: 'Routing rule: Legal threats' });
      expect(events[3]!.data).toEqual({ escalationId: esc.id, level: 1, recipients: 2 });
      const pages = await ctx.deps.db.selectFrom('critical_pages').select(['seq', 'level', 'recipients', 'paged_at']).where('escalation_id', '=', esc.id).execute();
      expect(pages).toEqual([{ seq: 1, level: 0, recipients: members.map((m) => m.id), paged_at: now }]);
      const page = { escalationId: esc.id, level: 1, reason: 'Routing rule: Legal threats' };
      expect(notified).toEqual(members.map((m) => ({ user_id: m.id, data: page, created_at: now })));
      expect(mails.map(({ id: _id, ...m }) => m)).toEqual(members.map((m) => ({ user_id: m.id, to_address: m.email, locale: m.locale, data: page, created_at: now })));
      const jobs = await ctx.deps.db
        .selectFrom('jobs')
        .select(['kind', 'payload', 'run_at', 'max_attempts'])
        .where('dedupe_key', 'in', [`critical-page:${esc.id}:2`, ...mails.map((m) => `mail:${m.id}`)])
        .orderBy('kind')
        .orderBy('id')
        .execute();
      expect(jobs).toEqual([
        { kind: 'escalation.page', payload: { escalationId: esc.id, seq: 2 }, run_at: new Date(now.getTime() + 15 * 60_000), max_attempts: 5 },
        ...mails.map((m) => Number(m.id)).sort((a, b) => a - b).map((mailId) => ({ kind: 'mail.send', payload: { mailId }, run_at: now, max_attempts: 6 })),
      ]);
    }
  });

  it('dry run explains each rule for a draft case or a stored one, against live or draft rules', async () => {
    const res = await call('specialist', 'POST', '/routing/dry-run', { case: { category: 'payments/withdrawal-delayed', language: 'zh', title: '我要找律师', region: 'CN' } });
    expect(res.statusCode, res.body).toBe(200);
    const { outcome, trace } = res.json();
    expect(trace.map((t: { rule: { name: string }; status: string }) => [t.rule.name, t.status])).toEqual([
      ['Legal threats', 'matched'],
      ['Repeats', 'not_matched'],
      ['Chinese payments to CN payments team', 'matched'],
    ]);
    expect(outcome.set_team.action.team).toBe(cnPayments.id);
    expect(outcome.raise_critical.action.authority).toBe(authorityId);
    const draft = await call('lead', 'POST', '/routing/dry-run', { case: { category: 'payments/withdrawal-delayed', language: 'zh' }, rules: [{ ...chinesePayments(), then: [{ action: 'set_team', team: legalDesk.id }] }] });
    expect(draft.json().outcome.set_team.action.team).toBe(legalDesk.id);
    const badDraft = await call('lead', 'POST', '/routing/dry-run', { case: { category: 'x' }, rules: [{ ...chinesePayments(), when: { field: 'colour', op: 'eq', value: 1 } }] });
    expect(fields(badDraft)).toEqual(['rules[0].when.field']);
    expect((await call('specialist', 'POST', '/routing/dry-run', {})).statusCode).toBe(400);
  });

  it('replay shows how a period would have been routed by a draft against the live rules', async () => {
    const rules = (await call('lead', 'GET', '/routing/rules')).json().items.map((r: Record<string, unknown>) => ({ name: r.name, order: r.order, enabled: r.enabled, when: r.when, then: r.then }));
    const draft = rules.map((r: { name: string; then: Array<Record<string, unknown>> }) =>
      r.name === 'Chinese payments to CN payments team' ? { ...r, then: [{ action: 'set_team', team: legalDesk.id }, { action: 'set_priority', value: 'P2' }] } : r,
    );
    const res = await call('lead', 'POST', '/routing/replay', { rules: draft, from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.capped).toBe(false);
    expect(body.changed).toBeGreaterThanOrEqual(3);
    const byTeam = Object.fromEntries(body.byTeam.map((t: { name: string; live: number; draft: number }) => [t.name, [t.live, t.draft]]));
    expect(byTeam['CN payments']![1]).toBe(0);
    expect(byTeam['Legal desk']![0]).toBe(0);
    expect(byTeam['Legal desk']![1]).toBe(byTeam['CN payments']![0]);
    expect(body.examples[0]).toMatchObject({ live: { team: cnPayments.id }, draft: { team: legalDesk.id } });
    expect((await call('lead', 'POST', '/routing/replay', { rules: draft, from: '2026-12-01T00:00:00Z', to: '2026-11-01T00:00:00Z' })).statusCode).toBe(400);
  });

  it('a retired rule no longer routes, and its versions remain', async () => {
    expect((await call('lead', 'DELETE', `/routing/rules/${ruleId}`)).statusCode).toBe(204);
    expect((await call('lead', 'GET', `/routing/rules/${ruleId}`)).statusCode).toBe(404);
    const versions = (await call('lead', 'GET', `/routing/rules/${ruleId}/versions`)).json().items;
    expect(versions[0]).toMatchObject({ version: 3, deleted: true });
    const c = await file();
    expect(c.team).toBeNull();
  });
});
