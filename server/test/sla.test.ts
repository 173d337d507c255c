// SLA clocks end to end over the API, on a real database, with a manual clock.
// Time starts Monday 2026-11-23 09:00 in Kuala Lumpur (01:00Z); the MY calendar works
// Mon–Fri 09:00–12:00 and 13:00–18:00. The default "P2 office hours" policy gives a first
// response in 2 working hours and a resolution in 16.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/domains/identity/api-tokens.js';
import { createTeam } from '../src/domains/identity/teams.js';
import { createUser } from '../src/domains/identity/users.js';
import { sweepSlaClocks } from '../src/domains/sla/sweep.js';
import { cliActor } from '../src/platform/actor.js';
import { type TestContext, type TestUser, bearer, testApp } from './harness.js';

let ctx: TestContext;
let team: { id: string };
let otherTeam: { id: string };
let partnerTeam: { id: string };
let lead: TestUser;
let partner: TestUser;
let seq = 0;

const MONDAY_0900 = '2026-11-23T01:00:00.000Z';

async function person(email: string, role: 'partner' | 'lead', teamIds: string[]): Promise<TestUser> {
  const user = await createUser(ctx.deps, cliActor, { email, displayName: email.split('@')[0]!, role, teamIds });
  const { token } = await createApiToken(ctx.deps, cliActor, { name: 't', userId: user.id });
  return { id: user.id, email, role, token };
}

beforeAll(async () => {
  ctx = await testApp();
  team = await createTeam(ctx.deps, cliActor, { name: 'Tier 2 MY', kind: 'service' });
  otherTeam = await createTeam(ctx.deps, cliActor, { name: 'Escalations desk', kind: 'service' });
  partnerTeam = await createTeam(ctx.deps, cliActor, { name: 'Payments ops', kind: 'partner' });
  lead = await person('lead.my@example.test', 'lead', [team.id]);
  partner = await person('payments.ops@example.test', 'partner', [partnerTeam.id]);
});
afterAll(() => ctx.close());
beforeEach(() => ctx.clock.set(MONDAY_0900));

type Role = keyof TestContext['users'];
const call = (who: Role | TestUser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  ctx.app.inject({ method, url: `/api/v1${url}`, headers: bearer(typeof who === 'string' ? ctx.users[who] : who), ...(payload ? { payload } : {}) });
const fields = (res: { json: () => { errors?: Array<{ field: string }> } }) => (res.json().errors ?? []).map((e) => e.field);

interface Clock {
  kind: string;
  state: string;
  status: string;
  cycle: number;
  policy: { name: string };
  why: Array<{ field: string; value: string | null; rule: string[] }>;
  targetSeconds: number;
  elapsedSeconds: number;
  remainingSeconds: number;
  dueAt: string | null;
  breachedAt: string | null;
  history: Array<{ state: string; reason: string; from: string; to: string | null; detail: Record<string, unknown> }>;
  events: Array<{ kind: string; percent: number }>;
}

async function fileCase(over: { priority?: string; region?: string; tier?: string; category?: string } = {}) {
  seq += 1;
  const res = await call('requester', 'POST', '/cases', {
    title: `Withdrawal stuck ${seq}`,
    description: 'The seller has waited a week for the withdrawal.',
    category: over.category ?? 'payments/payout-hold',
    account: { type: 'seller', externalId: `SLA-${seq}`, name: `Seller ${seq}`, region: over.region ?? 'MY', tier: over.tier ?? 'standard' },
    source: 'crm',
    priority: over.priority ?? 'P2',
    team: team.id,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; number: string; sla: { state: string | null; dueAt: string | null } }>();
}

async function clocks(caseId: string): Promise<Record<string, Clock>> {
  const res = await call('specialist', 'GET', `/cases/${caseId}/sla`);
  expect(res.statusCode, res.body).toBe(200);
  return Object.fromEntries(res.json<{ clocks: Clock[] }>().clocks.map((c) => [c.kind, c]));
}

const at = (iso: string) => ctx.clock.set(iso);
const reply = (caseId: string, who: Role = 'specialist') => call(who, 'POST', `/cases/${caseId}/comments`, { body: 'We are on it.', visibility: 'requester' });
const move = (caseId: string, to: string, extra: object = {}) => call('specialist', 'POST', `/cases/${caseId}/transitions`, { to, ...extra });
const RESOLVE = { rootCause: { text: 'Bank file rejected' }, resolution: { summary: 'Resent the payout' } };
// The sweep is global and earlier tests' cases stay in the database: assert on a case's own events.
const sweep = () => sweepSlaClocks(ctx.deps);
async function fired(caseId: string, kind = 'first_response'): Promise<Array<[string, number]>> {
  const rows = await ctx.database.db
    .selectFrom('sla_events as e')
    .innerJoin('sla_clocks as k', 'k.id', 'e.clock_id')
    .select(['e.kind', 'e.percent'])
    .where('k.case_id', '=', caseId)
    .where('k.kind', '=', kind as 'first_response')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => [r.kind, r.percent]);
}

describe('clocks start at intake under the first matching policy', () => {
  it('a P2 case in MY gets first response and resolution clocks in working hours, with why', async () => {
    const c = await fileCase();
    const k = await clocks(c.id);
    expect(Object.keys(k).sort()).toEqual(['first_response', 'resolution']);
    expect(k.first_response).toMatchObject({ state: 'running', status: 'on_track', policy: { name: 'P2 office hours' }, targetSeconds: 7200, dueAt: '2026-11-23T03:00:00.000Z' });
    // 16 working hours: Monday 8 + Tuesday 8 → Tuesday 18:00 local.
    expect(k.resolution!.dueAt).toBe('2026-11-24T10:00:00.000Z');
    expect(k.first_response!.why).toEqual([
      { field: 'priority', value: 'P2', rule: ['P2'] },
      { field: 'category', value: 'payments/payout-hold', rule: [] },
      { field: 'accountTier', value: 'standard', rule: [] },
      { field: 'region', value: 'MY', rule: [] },
    ]);
    expect(c.sla).toEqual({ state: 'on_track', dueAt: '2026-11-23T03:00:00.000Z' });
    // The queue columns are stored, not only answered (intake writes them with its read-back).
    const stored = await ctx.deps.db.selectFrom('cases').select(['sla_due_at', 'sla_state']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ sla_due_at: new Date('2026-11-23T03:00:00.000Z'), sla_state: 'on_track' });
  });

  it('a CN case counts in the China calendar, an SG case in Singapore’s', async () => {
    const cn = await clocks((await fileCase({ region: 'CN' })).id);
    expect(cn.first_response!.policy.name).toBe('CN P2 office hours');
    const sg = await clocks((await fileCase({ region: 'SG' })).id);
    expect(sg.first_response!.policy.name).toBe('SG P2 office hours');
  });

  it('a case filed after hours starts counting at the next working block (lunch excluded)', async () => {
    at('2026-11-23T03:30:00.000Z'); // Monday 11:30: 30 min before lunch, then 13:00–14:30
    const k = await clocks((await fileCase()).id);
    expect(k.first_response!.dueAt).toBe('2026-11-23T06:30:00.000Z');
  });
});

describe('responses', () => {
  it('a reply to the requester stops the first-response clock: no breach later (an agent replied)', async () => {
    const c = await fileCase();
    at('2026-11-23T02:30:00.000Z');
    expect((await reply(c.id)).statusCode).toBe(201);
    at('2026-11-23T09:00:00.000Z');
    await sweep();
    const k = await clocks(c.id);
    expect(k.first_response).toMatchObject({ state: 'stopped', status: 'met', elapsedSeconds: 5400, breachedAt: null, events: [] });
    expect(k.first_response!.history.map((h) => [h.state, h.reason])).toEqual([['running', 'started'], ['stopped', 'responded']]);
  });

  it('a reply after the target ran out, before any sweep saw it, is a miss dated at the due', async () => {
    const c = await fileCase();
    at('2026-11-23T04:00:00.000Z');
    await reply(c.id);
    const k = await clocks(c.id);
    expect(k.first_response).toMatchObject({ state: 'stopped', status: 'missed', breachedAt: '2026-11-23T03:00:00.000Z', elapsedSeconds: 3 * 3600 });
    expect(await fired(c.id)).toEqual([['breach', 100]]);
    await sweep();
    expect(await fired(c.id)).toEqual([['breach', 100]]);
  });

  it('an internal note is not a response', async () => {
    const c = await fileCase();
    await call('specialist', 'POST', `/cases/${c.id}/comments`, { body: 'note to self', visibility: 'internal' });
    expect((await clocks(c.id)).first_response!.state).toBe('running');
  });

  it('a requester message after the first response owes a next response; the reply stops it', async () => {
    const c = await fileCase();
    await reply(c.id);
    at('2026-11-23T02:00:00.000Z');
    expect((await call('requester', 'POST', `/cases/${c.id}/comments`, { body: 'Any news?', visibility: 'requester' })).statusCode).toBe(201);
    let k = await clocks(c.id);
    // P2 next response: 4 working hours from Monday 10:00 → 15:00 (lunch excluded).
    expect(k.next_response).toMatchObject({ state: 'running', cycle: 1, dueAt: '2026-11-23T07:00:00.000Z' });
    at('2026-11-23T03:00:00.000Z');
    await reply(c.id);
    at('2026-11-23T04:00:00.000Z');
    await call('requester', 'POST', `/cases/${c.id}/comments`, { body: 'And now?', visibility: 'requester' });
    k = await clocks(c.id);
    expect(k.next_response).toMatchObject({ state: 'running', cycle: 2, elapsedSeconds: 0 });
  });
});

describe('warnings and breaches', () => {
  it('fire once each, at 75 %, 90 % and 100 %, notify assignee and team lead, and show in lists', async () => {
    const c = await fileCase();
    await call('lead', 'PATCH', `/cases/${c.id}`, { assignee: ctx.users.specialist.id });
    at('2026-11-23T02:29:00.000Z');
    await sweep();
    expect(await fired(c.id)).toEqual([]);
    at('2026-11-23T02:30:00.000Z'); // 90 minutes = 75 %
    await sweep();
    await sweep();
    expect(await fired(c.id)).toEqual([['warning', 75]]);
    let view = (await call('specialist', 'GET', `/cases/${c.id}`)).json();
    expect(view.sla.state).toBe('at_risk');
    at('2026-11-23T02:48:00.000Z'); // 108 minutes = 90 %
    await sweep();
    expect(await fired(c.id)).toEqual([['warning', 75], ['warning', 90]]);
    at('2026-11-23T03:00:00.000Z');
    await sweep();
    await sweep();
    const k = await clocks(c.id);
    expect(k.first_response!.events.map((e) => [e.kind, e.percent])).toEqual([['warning', 75], ['warning', 90], ['breach', 100]]);
    expect(k.first_response).toMatchObject({ status: 'breached', breachedAt: '2026-11-23T03:00:00.000Z', remainingSeconds: 0 });
    view = (await call('specialist', 'GET', `/cases/${c.id}`)).json();
    expect(view.sla.state).toBe('breached');
    const notified = await ctx.database.db.selectFrom('notifications').select(['user_id', 'kind']).where('case_id', '=', c.id).orderBy('id').execute();
    expect(notified).toEqual([
      { user_id: ctx.users.specialist.id, kind: 'sla_warning' },
      { user_id: ctx.users.specialist.id, kind: 'sla_warning' },
      { user_id: ctx.users.specialist.id, kind: 'sla_breached' },
      { user_id: lead.id, kind: 'sla_breached' },
    ]);
    const breached = (await call('specialist', 'GET', `/cases?slaState=breached&teamId=${team.id}`)).json<{ items: Array<{ id: string }> }>();
    expect(breached.items.map((i) => i.id)).toContain(c.id);
    const timeline = (await call('specialist', 'GET', `/cases/${c.id}/timeline`)).json<{ items: Array<{ kind: string }> }>();
    expect(timeline.items.filter((i) => i.kind.startsWith('sla_')).map((i) => i.kind)).toEqual(['sla_warning', 'sla_warning', 'sla_breached']);
  });

  it('a sweep that comes late fires the breach only, not the warnings passed over', async () => {
    const c = await fileCase();
    at('2026-11-23T05:00:00.000Z');
    await sweep();
    const k = await clocks(c.id);
    expect(k.first_response!.events.map((e) => [e.kind, e.percent])).toEqual([['breach', 100]]);
    // The breach is dated when the clock reached its target, not when the sweep saw it.
    expect(k.first_response!.breachedAt).toBe('2026-11-23T03:00:00.000Z');
  });

  it('several sweeps at once fire every breach exactly once', async () => {
    const ids = [];
    for (let i = 0; i < 12; i++) ids.push((await fileCase()).id);
    at('2026-11-23T03:00:00.000Z');
    await Promise.all([sweep(), sweep(), sweep(), sweep()]);
    await sweep();
    const events = await ctx.database.db
      .selectFrom('sla_events as e')
      .innerJoin('sla_clocks as k', 'k.id', 'e.clock_id')
      .select(['k.case_id', 'e.kind', 'e.percent'])
      .where('k.case_id', 'in', ids)
      .where('k.kind', '=', 'first_response')
      .execute();
    expect(events.filter((e) => e.kind === 'breach')).toHaveLength(12);
    expect(new Set(events.map((e) => `${e.case_id}:${e.kind}:${e.percent}`)).size).toBe(events.length);
    // The breach's actions ran once per case too: one notification to the team lead each.
    const notices = await ctx.database.db.selectFrom('notifications').select('case_id').where('case_id', 'in', ids).where('kind', '=', 'sla_breached').execute();
    expect(notices.map((n) => n.case_id).sort()).toEqual([...ids].sort());
  });

  // Needs a second connection holding locks while the sweep runs: PostgreSQL only.
  it.skipIf(!process.env.DATABASE_URL)('a sweep passes over cases another worker holds and takes the next ones due', async () => {
    const held: string[] = [];
    for (let i = 0; i < 6; i++) held.push((await fileCase()).id);
    at('2026-11-23T01:01:00.000Z');
    const free: string[] = [];
    for (let i = 0; i < 6; i++) free.push((await fileCase()).id);
    at('2026-11-23T03:01:00.000Z');
    // Another worker's round holds the six earliest-due cases; rounds of six must still get past them.
    await ctx.database.db.transaction().execute(async (trx) => {
      await trx.selectFrom('cases').select('id').where('id', 'in', held).forUpdate().execute();
      for (let round = 0; round < 20; round++) if ((await sweepSlaClocks(ctx.deps, 6)).clocks === 0) break;
      for (const id of free) expect(await fired(id)).toContainEqual(['breach', 100]);
      for (const id of held) expect(await fired(id)).toEqual([]);
    });
    await sweep();
    for (const id of held) expect(await fired(id)).toContainEqual(['breach', 100]);
  });

  it('a resolved case’s clocks stop: no breach after resolve', async () => {
    const c = await fileCase();
    await reply(c.id);
    await move(c.id, 'in_progress');
    at('2026-11-23T05:00:00.000Z');
    expect((await move(c.id, 'resolved', RESOLVE)).statusCode).toBe(200);
    at('2026-11-30T05:00:00.000Z');
    await sweep();
    const k = await clocks(c.id);
    expect(k.resolution).toMatchObject({ state: 'stopped', status: 'met', elapsedSeconds: 3 * 3600, events: [] });
    const stoppedElapsed = k.resolution!.elapsedSeconds;
    at('2026-12-07T05:00:00.000Z');
    expect((await clocks(c.id)).resolution!.elapsedSeconds).toBe(stoppedElapsed);
  });
});

describe('pause, resume, reopen', () => {
  it('waiting on the requester pauses resolution without losing or adding time', async () => {
    const c = await fileCase();
    await reply(c.id);
    await move(c.id, 'in_progress');
    at('2026-11-23T02:00:00.000Z'); // 1 h counted
    await move(c.id, 'waiting_requester');
    let k = await clocks(c.id);
    expect(k.resolution).toMatchObject({ state: 'paused', status: 'paused', elapsedSeconds: 3600, dueAt: null });
    at('2026-11-24T02:00:00.000Z'); // a whole working day later
    await sweep();
    await move(c.id, 'in_progress');
    at('2026-11-24T03:00:00.000Z'); // 1 h more
    k = await clocks(c.id);
    expect(k.resolution).toMatchObject({ state: 'running', elapsedSeconds: 7200 });
    // 15 h left at the resume, Tuesday 10:00: Tue 10–12, 13–18 (7) + Wed 9–12, 13–18 (8) → Wed 18:00.
    expect(k.resolution!.dueAt).toBe('2026-11-25T10:00:00.000Z');
    expect(k.resolution!.history.map((h) => [h.state, h.reason])).toEqual([['running', 'started'], ['paused', 'paused'], ['running', 'resumed']]);
  });

  it('a reopen goes on from where the clock stopped, not from the original creation', async () => {
    const c = await fileCase();
    await reply(c.id);
    await move(c.id, 'in_progress');
    at('2026-11-23T03:00:00.000Z'); // 2 h
    await move(c.id, 'resolved', RESOLVE);
    at('2026-11-26T01:00:00.000Z'); // Thursday 09:00: 3 working days later
    expect((await call('requester', 'POST', `/cases/${c.id}/transitions`, { to: 'reopened' })).statusCode).toBe(200);
    at('2026-11-26T02:00:00.000Z');
    const k = await clocks(c.id);
    expect(k.resolution).toMatchObject({ state: 'running', cycle: 1, elapsedSeconds: 3 * 3600, breachedAt: null });
  });

  it('a policy that restarts on reopen begins a new cycle from zero', async () => {
    const policies = (await call('admin', 'GET', '/sla/policies')).json<{ items: Array<{ id: string; name: string }> }>().items;
    const p1 = policies.find((p) => p.name === 'P1 office hours')!;
    expect((await call('admin', 'PATCH', `/sla/policies/${p1.id}`, { onReopen: 'restart' })).statusCode).toBe(200);
    const c = await fileCase({ priority: 'P1' });
    await reply(c.id);
    await move(c.id, 'in_progress');
    at('2026-11-23T03:00:00.000Z');
    await move(c.id, 'resolved', RESOLVE);
    at('2026-11-24T01:00:00.000Z');
    await call('requester', 'POST', `/cases/${c.id}/transitions`, { to: 'reopened' });
    const k = await clocks(c.id);
    // 8 working hours from Tuesday 09:00 → Tuesday 18:00.
    expect(k.resolution).toMatchObject({ state: 'running', cycle: 2, elapsedSeconds: 0, dueAt: '2026-11-24T10:00:00.000Z' });
    await call('admin', 'PATCH', `/sla/policies/${p1.id}`, { onReopen: 'continue' });
  });
});

describe('priority and category changes mid-flight', () => {
  it('keep the working time counted and apply the new target (P2 → P1 breaches the first response at once)', async () => {
    const c = await fileCase();
    at('2026-11-23T02:00:00.000Z'); // 1 h of the 2 h first response used
    expect((await call('specialist', 'PATCH', `/cases/${c.id}`, { priority: 'P1' })).statusCode).toBe(200);
    let k = await clocks(c.id);
    expect(k.first_response).toMatchObject({ policy: { name: 'P1 office hours' }, targetSeconds: 1800, elapsedSeconds: 3600 });
    expect(k.first_response!.history.at(-1)).toMatchObject({ reason: 'retargeted', detail: { priority: { from: 'P2', to: 'P1' }, target: { from: 7200, to: 1800 } } });
    await sweep();
    expect(await fired(c.id)).toEqual([['breach', 100]]);
    k = await clocks(c.id);
    expect(k.first_response).toMatchObject({ status: 'breached' });
    // Lowering it again does not hand back a breach that happened, nor reset the time.
    await call('specialist', 'PATCH', `/cases/${c.id}`, { priority: 'P3' });
    k = await clocks(c.id);
    expect(k.first_response).toMatchObject({ status: 'breached', elapsedSeconds: 3600, targetSeconds: 8 * 3600 });
  });
});

describe('handoff answer OLA', () => {
  it('a handoff gets its own clock under the policy’s handoffAnswer target; the answer stops it', async () => {
    const c = await fileCase();
    const h = await call('specialist', 'POST', `/cases/${c.id}/handoffs`, { team: partnerTeam.id, question: 'Was the payout file rejected?', dueAt: '2026-11-25T01:00:00Z' });
    expect(h.statusCode, h.body).toBe(201);
    let k = await clocks(c.id);
    expect(k.handoff_answer).toMatchObject({ state: 'running', targetSeconds: 8 * 3600, dueAt: '2026-11-23T10:00:00.000Z' });
    at('2026-11-23T04:00:00.000Z');
    expect((await call(partner, 'POST', `/handoffs/${h.json().id}/answer`, { answer: 'Yes, resent today.' })).statusCode).toBe(200);
    k = await clocks(c.id);
    // Answered at noon: 09:00–12:00 counted.
    expect(k.handoff_answer).toMatchObject({ state: 'stopped', status: 'met', elapsedSeconds: 3 * 3600 });
    // Partners answer handoffs but do not read the case's service levels.
    expect((await call(partner, 'GET', `/cases/${c.id}/sla`)).statusCode).toBe(403);
  });
});

describe('breach actions', () => {
  it('raise the priority and move the case to another team', async () => {
    const calendars = (await call('admin', 'GET', '/calendars')).json<{ items: Array<{ id: string; name: string }> }>().items;
    const my = calendars.find((k) => k.name === 'Malaysia office hours')!;
    const created = await call('admin', 'POST', '/sla/policies', {
      name: 'VIP listings',
      position: 1,
      match: { accountTiers: ['vip'], categoryPattern: 'account/*' },
      calendar: my.id,
      targets: { firstResponse: 'PT1H' },
      breachActions: [{ action: 'notify' }, { action: 'raise_priority' }, { action: 'move_to_team', team: otherTeam.id }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const c = await fileCase({ tier: 'vip', category: 'account/suspension-appeal', priority: 'P3' });
    const k = await clocks(c.id);
    expect(k.first_response!.policy.name).toBe('VIP listings');
    at('2026-11-23T02:00:00.000Z');
    await sweep();
    const view = (await call('specialist', 'GET', `/cases/${c.id}`)).json();
    expect(view).toMatchObject({ priority: 'P2', team: { id: otherTeam.id }, assignee: null });
    // Resolution now follows the P2 policy, with the hour already counted kept.
    expect((await clocks(c.id)).resolution).toMatchObject({ policy: { name: 'P2 office hours' }, elapsedSeconds: 3600 });
    await call('admin', 'DELETE', `/sla/policies/${created.json().id}`);
  });
});

describe('policies API', () => {
  it('refuses bad policies naming each field, and writes nothing', async () => {
    const res = await call('admin', 'POST', '/sla/policies', {
      name: 'Broken',
      position: 5,
      calendar: '00000000-0000-4000-8000-000000000000',
      targets: { firstResponse: 'P1Y', resolution: 'PT10S' },
      warnAt: [90, 75],
      match: { regions: ['XX'] },
      breachActions: [{ action: 'move_to_team', team: partnerTeam.id }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(fields(res).sort()).toEqual(['breachActions[0].team', 'calendar', 'match.regions[0]', 'targets.firstResponse', 'targets.resolution', 'warnAt[1]']);
    expect((await call('admin', 'POST', '/sla/policies', { name: 'x', position: 1, calendar: 'nope', targets: {} })).statusCode).toBe(400);
    const names = (await call('admin', 'GET', '/sla/policies')).json<{ items: Array<{ name: string }> }>().items.map((p) => p.name);
    expect(names).not.toContain('Broken');
    expect((await call('specialist', 'POST', '/sla/policies', { name: 'x', position: 1, calendar: 'nope', targets: {} })).statusCode).toBe(403);
  });

  it('previews a draft: a P2 payments case filed Friday 17:30 in MY is due Monday 11:30', async () => {
    const calendars = (await call('admin', 'GET', '/calendars')).json<{ items: Array<{ id: string; name: string }> }>().items;
    const my = calendars.find((k) => k.name === 'Malaysia office hours')!;
    const res = await call('specialist', 'POST', '/sla/preview', {
      case: { priority: 'P2', category: 'payments/withdrawal-delayed', region: 'MY' },
      at: '2026-11-27T17:30:00+08:00',
      policy: { calendar: my.id, targets: { firstResponse: 'PT3H' }, match: { categoryPattern: 'payments/*' } },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().clocks).toEqual([
      expect.objectContaining({ kind: 'first_response', target: 'PT3H', targetSeconds: 10_800, due: '2026-11-30T03:30:00.000Z', policy: { id: null, name: 'draft' } }),
    ]);
    const live = await call('specialist', 'POST', '/sla/preview', { case: { priority: 'P1', category: 'order/logistics', region: 'SG' }, at: '2026-11-27T17:30:00+08:00' });
    expect(live.json().clocks.map((k: { kind: string; policy: { name: string } }) => [k.kind, k.policy.name])).toEqual([
      ['first_response', 'SG P1 office hours'],
      ['next_response', 'SG P1 office hours'],
      ['resolution', 'SG P1 office hours'],
      ['handoff_answer', 'SG P1 office hours'],
    ]);
  });
});

describe('queues sorted by due', () => {
  it('sort=due lists the soonest due first, cases without a running clock last, across pages', async () => {
    const a = await fileCase({ priority: 'P3' });
    const b = await fileCase({ priority: 'P1' });
    const c = await fileCase({ priority: 'P2' });
    await reply(c.id);
    await move(c.id, 'in_progress');
    await move(c.id, 'waiting_requester');
    const seen: string[] = [];
    let cursor: string | null = null;
    let dues: Array<string | null> = [];
    do {
      const res = await call('specialist', 'GET', `/cases?teamId=${team.id}&sort=due&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json<{ items: Array<{ id: string; sla: { dueAt: string | null } }>; nextCursor: string | null }>();
      seen.push(...page.items.map((i) => i.id));
      dues = dues.concat(page.items.map((i) => i.sla.dueAt));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const withDue = dues.filter((d): d is string => d !== null);
    expect(withDue).toEqual([...withDue].sort());
    expect(dues.slice(withDue.length).every((d) => d === null)).toBe(true);
    expect(seen.indexOf(b.id)).toBeLessThan(seen.indexOf(a.id));
  });
});

describe('calendar edits', () => {
  it('re-date running clocks: the time counted stays, the rest counts in the edited calendar', async () => {
    const calendars = (await call('admin', 'GET', '/calendars')).json<{ items: Array<{ id: string; name: string; holidays: unknown[] }> }>().items;
    const my = calendars.find((k) => k.name === 'Malaysia office hours')!;
    const c = await fileCase();
    at('2026-11-23T02:00:00.000Z'); // Monday 10:00: 1 h of the 2 h first response counted
    const halfDay = [...my.holidays, { date: '2026-11-23', name: 'Office closes early', blocks: [['09:00', '10:30']] }];
    expect((await call('admin', 'PATCH', `/calendars/${my.id}`, { holidays: halfDay })).statusCode).toBe(200);
    const k = await clocks(c.id);
    // 30 minutes left today (to 10:30), the last 30 on Tuesday 09:00–09:30.
    expect(k.first_response).toMatchObject({ elapsedSeconds: 3600, dueAt: '2026-11-24T01:30:00.000Z' });
    expect(k.first_response!.history.at(-1)).toMatchObject({ state: 'running', reason: 'calendar_changed' });
    expect((await call('specialist', 'GET', `/cases/${c.id}`)).json().sla.dueAt).toBe('2026-11-24T01:30:00.000Z');
    expect((await call('admin', 'PATCH', `/calendars/${my.id}`, { holidays: my.holidays })).statusCode).toBe(200);
  });
});

describe('the worker', () => {
  it('sweeps on its own timer and fires a breach that comes due', { timeout: 20_000 }, async () => {
    const { startWorker } = await import('../src/worker.js');
    const c = await fileCase();
    at('2026-11-23T03:00:01.000Z');
    const worker = startWorker(ctx.deps, { slaSweepMs: 25, pollMs: 50 });
    try {
      const deadline = Date.now() + 10_000;
      while ((await fired(c.id)).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await fired(c.id)).toEqual([['breach', 100]]);
    } finally {
      await worker.stop();
    }
  });
});
