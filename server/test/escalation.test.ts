// Critical escalation over the API on a real database: ladders, authorities, raising, paging
// up the ladder on the job runner with a manual clock, acknowledging, ending on resolve.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/domains/identity/api-tokens.js';
import { createTeam } from '../src/domains/identity/teams.js';
import { createUser } from '../src/domains/identity/users.js';
import { sweepSlaClocks } from '../src/domains/sla/sweep.js';
import { cliActor } from '../src/platform/actor.js';
import { JobRunner } from '../src/platform/jobs.js';
import { jobHandlers } from '../src/worker.js';
import { type TestContext, type TestUser, bearer, testApp } from './harness.js';

let ctx: TestContext;
let counsel: TestUser;
let legalLead: TestUser;
let legalTeam: { id: string };
let ladderId = '';
let authorityId = '';
const MINUTE = 60_000;

async function person(email: string, role: 'specialist' | 'lead', teamIds: string[]): Promise<TestUser> {
  const user = await createUser(ctx.deps, cliActor, { email, displayName: email.split('@')[0]!, role, teamIds });
  const { token } = await createApiToken(ctx.deps, cliActor, { name: 't', userId: user.id });
  return { id: user.id, email, role, token };
}

beforeAll(async () => {
  ctx = await testApp();
  legalTeam = await createTeam(ctx.deps, cliActor, { name: 'Legal MY', kind: 'partner' });
  counsel = await person('counsel@example.test', 'specialist', [legalTeam.id]);
  legalLead = await person('legal.lead@example.test', 'lead', [legalTeam.id]);
});
afterAll(() => ctx.close());

type Who = keyof TestContext['users'] | TestUser;
const call = (who: Who, method: 'GET' | 'POST', url: string, payload?: object) =>
  ctx.app.inject({ method, url: `/api/v1${url}`, headers: bearer(typeof who === 'string' ? ctx.users[who] : who), ...(payload ? { payload } : {}) });
const fields = (res: { json: () => { errors?: Array<{ field: string }> } }) => (res.json().errors ?? []).map((e) => e.field);
const runJobs = async () => {
  const runner = new JobRunner(ctx.deps, jobHandlers);
  while ((await runner.runOnce()) > 0);
};
let seq = 0;
async function fileCase(): Promise<string> {
  seq += 1;
  const res = await call('requester', 'POST', '/cases', {
    title: `Seller threatens to sue ${seq}`,
    description: 'Saya akan saman syarikat ini melalui peguam saya.',
    category: 'account/suspension-appeal',
    account: { type: 'seller', externalId: `L-${seq}`, name: 'Kedai Saman', region: 'MY' },
    source: 'crm',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe('ladders and authorities', () => {
  it('refuses bad ladders by field: no levels, a zero timeout, an unknown person', async () => {
    expect(fields(await call('admin', 'POST', '/escalation/ladders', { name: 'Empty', levels: [] }))).toEqual(['levels']);
    const res = await call('admin', 'POST', '/escalation/ladders', {
      name: 'Broken',
      levels: [{ notify: { user: '00000000-0000-4000-8000-000000000000' }, timeout: 'PT0S' }, { notify: { team: legalTeam.id }, timeout: 'soon' }],
    });
    expect(res.statusCode).toBe(400);
    expect(fields(res).sort()).toEqual(['levels[0].notify.user', 'levels[0].timeout', 'levels[1].timeout']);
    expect((await call('lead', 'POST', '/escalation/ladders', { name: 'x', levels: [] })).statusCode).toBe(403);
  });

  it('an admin sets up a legal ladder (counsel, then the team lead) and the MY legal authority', async () => {
    const ladder = await call('admin', 'POST', '/escalation/ladders', {
      name: 'Legal MY',
      levels: [
        { notify: { user: counsel.id }, timeout: 'PT5M' },
        { notify: { team: legalTeam.id, role: 'lead' }, timeout: 'PT10M' },
      ],
    });
    expect(ladder.statusCode, ladder.body).toBe(201);
    ladderId = ladder.json().id;
    expect(fields(await call('admin', 'POST', '/escalation/authorities', { name: 'x', riskType: 'legal', ladder: '00000000-0000-4000-8000-000000000000', region: 'XX' })).sort()).toEqual(['ladder', 'region']);
    const authority = await call('admin', 'POST', '/escalation/authorities', { name: 'Legal (Malaysia)', riskType: 'legal', region: 'MY', ladder: ladderId });
    expect(authority.statusCode, authority.body).toBe(201);
    authorityId = authority.json().id;
    expect(authority.json()).toMatchObject({ riskType: 'legal', region: 'MY', ladder: { id: ladderId, name: 'Legal MY' } });
    expect((await call('specialist', 'GET', '/escalation/authorities')).json().items).toHaveLength(1);
  });
});

describe('paging up the ladder', () => {
  it('pages level 1 at once, level 2 at its timeout, then level 2 again every timeout until acknowledged', async () => {
    ctx.clock.set('2026-11-23T01:00:00Z');
    const caseId = await fileCase();
    const raised = await call('specialist', 'POST', `/cases/${caseId}/critical-escalations`, { authority: authorityId, reason: 'Seller threatens legal action' });
    expect(raised.statusCode, raised.body).toBe(201);
    const esc = raised.json();
    expect(esc).toMatchObject({ status: 'open', level: 1, levels: 2, pages: [{ seq: 1, level: 1, recipients: [{ id: counsel.id }] }] });
    const pages = async () => (await call('lead', 'GET', `/critical-escalations/${esc.id}`)).json().pages.map((p: { level: number; pagedAt: string }) => [p.level, p.pagedAt]);

    ctx.clock.advance(5 * MINUTE - 1000);
    await runJobs();
    expect(await pages()).toHaveLength(1);
    ctx.clock.advance(1000);
    // Two runners at once: the page still goes out once.
    await Promise.all([runJobs(), runJobs()]);
    expect(await pages()).toEqual([[1, '2026-11-23T01:00:00.000Z'], [2, '2026-11-23T01:05:00.000Z']]);
    ctx.clock.advance(10 * MINUTE);
    await runJobs();
    expect(await pages()).toEqual([[1, '2026-11-23T01:00:00.000Z'], [2, '2026-11-23T01:05:00.000Z'], [2, '2026-11-23T01:15:00.000Z']]);
    const notified = await ctx.deps.db.selectFrom('notifications').select('user_id').where('case_id', '=', caseId).where('kind', '=', 'critical_page').execute();
    expect(notified.map((n) => n.user_id)).toEqual([counsel.id, legalLead.id, legalLead.id]);

    // Someone who was not paged (and is no lead) may not acknowledge; the paged lead may, once.
    expect((await call('specialist', 'POST', `/critical-escalations/${esc.id}/acknowledge`)).statusCode).toBe(403);
    expect((await call('partner', 'POST', `/critical-escalations/${esc.id}/acknowledge`)).statusCode).toBe(403);
    ctx.clock.advance(2 * MINUTE);
    const ack = await call(legalLead, 'POST', `/critical-escalations/${esc.id}/acknowledge`);
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({ status: 'acknowledged', acknowledgedBy: { id: legalLead.id }, acknowledgedAt: '2026-11-23T01:17:00.000Z' });
    const again = await call(legalLead, 'POST', `/critical-escalations/${esc.id}/acknowledge`);
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    ctx.clock.advance(60 * MINUTE);
    await runJobs();
    expect(await pages()).toHaveLength(3);
    const board = (await call('qa', 'GET', '/critical-escalations?status=acknowledged')).json().items;
    expect(board.map((e: { id: string }) => e.id)).toContain(esc.id);
  });

  it('a paged partner department acknowledges too', async () => {
    const outside = await createUser(ctx.deps, cliActor, { email: 'outside.counsel@example.test', displayName: 'Outside counsel', role: 'partner', teamIds: [legalTeam.id] });
    const { token } = await createApiToken(ctx.deps, cliActor, { name: 't', userId: outside.id });
    const ladder = (await call('admin', 'POST', '/escalation/ladders', { name: 'Outside counsel', levels: [{ notify: { user: outside.id }, timeout: 'PT10M' }] })).json();
    const authority = (await call('admin', 'POST', '/escalation/authorities', { name: 'Regulator', riskType: 'regulator', ladder: ladder.id })).json();
    const esc = (await call('specialist', 'POST', `/cases/${await fileCase()}/critical-escalations`, { authority: authority.id, reason: 'Regulator letter' })).json();
    const ack = await ctx.app.inject({ method: 'POST', url: `/api/v1/critical-escalations/${esc.id}/acknowledge`, headers: { authorization: `Bearer ${token}` } });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({ status: 'acknowledged', acknowledgedBy: { id: outside.id } });
  });

  it('resolving the case ends its escalation and the paging', async () => {
    ctx.clock.set('2026-11-23T03:00:00Z');
    const caseId = await fileCase();
    const esc = (await call('specialist', 'POST', `/cases/${caseId}/critical-escalations`, { authority: authorityId, reason: 'Journalist asking' })).json();
    // Raising again while one is open returns the same escalation.
    expect((await call('specialist', 'POST', `/cases/${caseId}/critical-escalations`, { authority: authorityId, reason: 'again' })).json().id).toBe(esc.id);
    await call('specialist', 'POST', `/cases/${caseId}/transitions`, { to: 'resolved', rootCause: { text: 'Misunderstanding' }, resolution: { summary: 'Explained the suspension' } });
    ctx.clock.advance(30 * MINUTE);
    await runJobs();
    const after = (await call('lead', 'GET', `/critical-escalations/${esc.id}`)).json();
    expect(after).toMatchObject({ status: 'ended', endReason: 'resolved' });
    expect(after.pages).toHaveLength(1);
    expect((await call('lead', 'POST', `/critical-escalations/${esc.id}/acknowledge`)).statusCode).toBe(409);
    expect((await call('specialist', 'POST', `/cases/${caseId}/critical-escalations`, { authority: authorityId, reason: 'x' })).statusCode).toBe(409);
  });

  it('an SLA policy can raise a critical escalation when its target is missed', async () => {
    ctx.clock.set('2026-11-23T01:00:00Z');
    const calendars = (await call('admin', 'GET', '/calendars')).json<{ items: Array<{ id: string; alwaysOpen: boolean }> }>().items;
    const policy = await call('admin', 'POST', '/sla/policies', {
      name: 'Legal threats',
      position: 0,
      match: { categoryPattern: 'account/*' },
      calendar: calendars.find((k) => k.alwaysOpen)!.id,
      targets: { firstResponse: 'PT15M' },
      breachActions: [{ action: 'raise_critical', authority: authorityId }],
    });
    expect(policy.statusCode, policy.body).toBe(201);
    const bad = await call('admin', 'POST', '/sla/policies', {
      name: 'Unknown authority',
      position: 1,
      calendar: policy.json().calendar.id,
      targets: { firstResponse: 'PT15M' },
      breachActions: [{ action: 'raise_critical', authority: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(fields(bad)).toEqual(['breachActions[0].authority']);
    const caseId = await fileCase();
    ctx.clock.advance(16 * MINUTE);
    await sweepSlaClocks(ctx.deps);
    const board = (await call('lead', 'GET', `/critical-escalations?status=open&caseId=${caseId}`)).json().items;
    expect(board).toHaveLength(1);
    expect(board[0]).toMatchObject({ reason: 'SLA breached', raisedBy: null, pages: [{ level: 1, recipients: [{ id: counsel.id }] }] });
  });
});
