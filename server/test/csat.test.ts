// CSAT surveys: sent after a resolution (delay), to the requester or the account contact, in
// their language; a signed, single-use, expiring link; answers write the case's csat; low
// scores reach the team's leads. Jobs run by hand on the ManualClock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { buildHistory } from '../src/demo/history.js';
import { DEMO_PEOPLE, DEMO_TEAMS } from '../src/demo/organisation.js';
import { CSAT_EXPIRY_DAYS } from '../src/domains/csat/send-survey.js';
import { createApiToken } from '../src/domains/identity/api-tokens.js';
import { createTeam } from '../src/domains/identity/teams.js';
import { createUser } from '../src/domains/identity/users.js';
import { cliActor } from '../src/platform/actor.js';
import { JobRunner } from '../src/platform/jobs.js';
import { jobHandlers } from '../src/worker.js';
import { type TestContext, type TestUser, bearer, testApp } from './harness.js';

const PUBLIC_URL = 'https://desk.example.test';
const MINUTE = 60_000;
let ctx: TestContext;
let zhRequester: TestUser;
let teamLead: { id: string };
let team: { id: string };

beforeAll(async () => {
  ctx = await testApp({ publicUrl: PUBLIC_URL });
  team = await createTeam(ctx.deps, cliActor, { name: 'Payments desk', kind: 'service' });
  teamLead = await createUser(ctx.deps, cliActor, { email: 'lead.payments@example.test', displayName: 'Payments Lead', role: 'lead', teamIds: [team.id], locale: 'ms' });
  const user = await createUser(ctx.deps, cliActor, { email: 'mei@example.test', displayName: '王美', role: 'requester', locale: 'zh' });
  const { token } = await createApiToken(ctx.deps, cliActor, { name: 't', userId: user.id });
  zhRequester = { id: user.id, email: user.email, role: 'requester', token };
});
afterAll(() => ctx.close());

const call = (user: TestUser | null, method: 'GET' | 'POST', url: string, payload?: object) =>
  ctx.app.inject({ method, url: `/api/v1${url}`, headers: user ? bearer(user) : {}, ...(payload ? { payload } : {}) });
const runJobs = async () => {
  const runner = new JobRunner(ctx.deps, jobHandlers);
  while ((await runner.runOnce()) > 0);
};

let seq = 0;
async function fileCase(user: TestUser, account: Record<string, unknown> = {}): Promise<string> {
  const res = await call(user, 'POST', '/cases', {
    title: 'Withdrawal pending for 5 days',
    description: 'Seller says the withdrawal has been pending since Monday, please help.',
    category: 'payments/payout-hold',
    account: { type: 'seller', externalId: `S-${++seq}`, name: 'Kedai Ali', region: 'MY', ...account },
    source: 'crm',
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  await ctx.deps.db.updateTable('cases').set({ team_id: team.id }).where('id', '=', id).execute();
  return id;
}
async function transition(id: string, to: string, user: TestUser = ctx.users.specialist) {
  const body = to === 'resolved' ? { to, rootCause: { text: 'Bank batch failed' }, resolution: { summary: 'Payout re-queued' } } : { to };
  const res = await call(user, 'POST', `/cases/${id}/transitions`, body);
  expect(res.statusCode, res.body).toBe(200);
}
const surveys = (caseId: string) => ctx.deps.db.selectFrom('csat_surveys').selectAll().where('case_id', '=', caseId).orderBy('sent_at').execute();
const surveyMails = (caseId: string) =>
  ctx.deps.db.selectFrom('mail_outbox').selectAll().where('case_id', '=', caseId).where('kind', '=', 'csat_survey').orderBy('id').execute();
const caseCsat = async (id: string) => (await ctx.deps.db.selectFrom('cases').select('csat').where('id', '=', id).executeTakeFirstOrThrow()).csat;
const tokenOf = (body: string | null) => {
  const m = new RegExp(`${PUBLIC_URL}/csat/(\\S+)`).exec(body ?? '');
  expect(m, body ?? '').not.toBeNull();
  return m![1]!;
};

/** Resolves a fresh case, lets the delay pass and runs the jobs; returns the case and the link's token. */
async function surveyed(user: TestUser = zhRequester, account: Record<string, unknown> = {}) {
  const id = await fileCase(user, account);
  await transition(id, 'resolved');
  ctx.clock.advance(61 * MINUTE);
  await runJobs();
  const [mail] = await surveyMails(id);
  return { id, token: tokenOf(mail!.body), mail: mail! };
}

describe('sending the survey', () => {
  it('waits CLOSELOOP_CSAT_DELAY_MINUTES after the resolution, then mails the requester a link in their language', async () => {
    const id = await fileCase(zhRequester);
    await transition(id, 'resolved');
    ctx.clock.advance(59 * MINUTE);
    await runJobs();
    expect(await surveys(id)).toEqual([]);

    ctx.clock.advance(2 * MINUTE);
    await runJobs();
    const [survey, ...more] = await surveys(id);
    expect(more).toEqual([]);
    expect(survey).toMatchObject({ language: 'zh', recipient_user_id: zhRequester.id, recipient_address: 'mei@example.test', answered_at: null, score: null });
    expect(survey!.expires_at.getTime() - survey!.sent_at.getTime()).toBe(CSAT_EXPIRY_DAYS * 24 * 3600_000);

    const [mail] = await surveyMails(id);
    // No SMTP_URL: held in the outbox, rendered in Chinese, with the signed link.
    expect(mail).toMatchObject({ status: 'held', locale: 'zh', to_address: 'mei@example.test', user_id: zhRequester.id });
    expect(mail!.subject).toContain('满意');
    expect(mail!.body).toContain('王美，您好');
    expect(tokenOf(mail!.body)).toMatch(new RegExp(`^${survey!.id}\\.`));

    const timeline = (await call(ctx.users.specialist, 'GET', `/cases/${id}/timeline`)).json();
    expect(JSON.stringify(timeline)).toContain('csat_sent');
  });

  it('without a requester user, goes to the account contact in the account language', async () => {
    const id = await fileCase(ctx.users.specialist, { email: 'kedai@shop.example', language: 'ms' });
    await transition(id, 'resolved');
    ctx.clock.advance(61 * MINUTE);
    await runJobs();
    const [mail] = await surveyMails(id);
    expect(mail).toMatchObject({ status: 'held', locale: 'ms', to_address: 'kedai@shop.example', user_id: null, to_name: 'Kedai Ali' });
    expect(mail!.body).toContain('Salam Kedai Ali');
    expect(mail!.body).toContain('Nilai sokongan kami');
    expect((await surveys(id))[0]).toMatchObject({ language: 'ms', recipient_user_id: null });
    // The admin outbox lists it with no user behind the address.
    const outbox = (await call(ctx.users.admin, 'GET', '/admin/mail')).json().items;
    expect(outbox.find((m: { case: { id: string } | null; kind: string }) => m.kind === 'csat_survey' && m.case?.id === id).to).toEqual({ id: null, displayName: 'Kedai Ali', address: 'kedai@shop.example' });
  });

  it('with CLOSELOOP_CSAT_DELAY_MINUTES=0 sends at once', async () => {
    // The app shares this config object; set back below so the other tests keep the default 60.
    ctx.deps.config.csatDelayMinutes = 0;
    try {
      const id = await fileCase(zhRequester);
      await transition(id, 'resolved');
      await runJobs();
      expect(await surveys(id)).toHaveLength(1);
    } finally {
      ctx.deps.config.csatDelayMinutes = 60;
    }
  });

  it('sends nothing when the case was reopened before the delay passed', async () => {
    const id = await fileCase(zhRequester);
    await transition(id, 'resolved');
    await transition(id, 'reopened', zhRequester);
    ctx.clock.advance(61 * MINUTE);
    await runJobs();
    expect(await surveys(id)).toEqual([]);
    expect(await surveyMails(id)).toEqual([]);
  });

  it('sends no second survey while the case has an unanswered, unexpired one; a new resolution after it expired gets one', async () => {
    const { id } = await surveyed();
    await transition(id, 'reopened', zhRequester);
    await transition(id, 'resolved');
    ctx.clock.advance(61 * MINUTE);
    await runJobs();
    expect(await surveys(id)).toHaveLength(1);

    ctx.clock.advance(CSAT_EXPIRY_DAYS * 24 * 3600_000);
    await transition(id, 'reopened', zhRequester);
    await transition(id, 'resolved');
    ctx.clock.advance(61 * MINUTE);
    await runJobs();
    expect(await surveys(id)).toHaveLength(2);
  });
});

describe('answering', () => {
  it('shows the survey, takes one answer into the case (timeline + audit), and refuses it again with 409', async () => {
    const { id, token } = await surveyed();
    const shown = await call(null, 'GET', `/csat/${token}`);
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toMatchObject({ caseTitle: 'Withdrawal pending for 5 days', language: 'zh', state: 'open' });
    expect(shown.json().caseNumber).toMatch(/^ESC-/);

    const answer = await call(null, 'POST', `/csat/${token}`, { score: 5, comment: '  很快就解决了，谢谢！ ' });
    expect(answer.statusCode, answer.body).toBe(201);
    expect(answer.json()).toMatchObject({ state: 'answered' });
    expect(await caseCsat(id)).toBe(5);
    expect((await surveys(id))[0]).toMatchObject({ score: 5, comment: '很快就解决了，谢谢！' });
    expect((await surveys(id))[0]!.answered_at).toEqual(ctx.clock.now());

    const events = await ctx.deps.db.selectFrom('case_events').select(['kind', 'data']).where('case_id', '=', id).where('kind', '=', 'csat_answered').execute();
    expect(events).toEqual([{ kind: 'csat_answered', data: expect.objectContaining({ score: 5, comment: '很快就解决了，谢谢！' }) }]);
    const audit = await ctx.deps.db.selectFrom('audit_log').select(['action', 'actor_label', 'after']).where('entity_id', '=', id).where('action', '=', 'csat.answered').execute();
    expect(audit).toEqual([{ action: 'csat.answered', actor_label: 'csat survey link', after: expect.objectContaining({ csat: 5 }) }]);

    const again = await call(null, 'POST', `/csat/${token}`, { score: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(await caseCsat(id)).toBe(5);
    expect((await call(null, 'GET', `/csat/${token}`)).json().state).toBe('answered');
  });

  it('takes one of two answers sent at the same moment', async () => {
    const { id, token } = await surveyed();
    const [a, b] = await Promise.all([call(null, 'POST', `/csat/${token}`, { score: 5 }), call(null, 'POST', `/csat/${token}`, { score: 1 })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const winner = a.statusCode === 201 ? 5 : 1;
    expect(await caseCsat(id)).toBe(winner);
    expect(await ctx.deps.db.selectFrom('case_events').select('id').where('case_id', '=', id).where('kind', '=', 'csat_answered').execute()).toHaveLength(1);
  });

  it('expires: 410 after the expiry, and the page says so', async () => {
    const { id, token } = await surveyed();
    ctx.clock.advance(CSAT_EXPIRY_DAYS * 24 * 3600_000 + 1000);
    expect((await call(null, 'GET', `/csat/${token}`)).json().state).toBe('expired');
    const late = await call(null, 'POST', `/csat/${token}`, { score: 4 });
    expect(late.statusCode).toBe(410);
    expect(late.json().code).toBe('gone');
    expect(await caseCsat(id)).toBeNull();
  });

  it('answers 404 to a tampered, forged or malformed token', async () => {
    const { id, token } = await surveyed();
    const [surveyId, exp, mac] = token.split('.') as [string, string, string];
    const flipped = mac.slice(0, 10) + (mac[10] === 'A' ? 'B' : 'A') + mac.slice(11);
    const later = (parseInt(exp, 36) + 86_400).toString(36);
    for (const bad of [`${surveyId}.${exp}.${flipped}`, `${surveyId}.${later}.${mac}`, `${crypto.randomUUID()}.${exp}.${mac}`, 'nonsense', `${surveyId}.${exp}`]) {
      const get = await call(null, 'GET', `/csat/${encodeURIComponent(bad)}`);
      expect(get.statusCode, bad).toBe(404);
      const post = await call(null, 'POST', `/csat/${encodeURIComponent(bad)}`, { score: 5 });
      expect(post.statusCode, bad).toBe(404);
      expect(post.headers['content-type']).toContain('application/problem+json');
    }
    expect(await caseCsat(id)).toBeNull();
  });

  it('refuses a bad score or an over-long comment by field, writing nothing', async () => {
    const { id, token } = await surveyed();
    for (const [payload, field] of [[{ score: 6 }, 'score'], [{ score: 0 }, 'score'], [{ score: 3.5 }, 'score'], [{}, 'score'], [{ score: 4, comment: 'x'.repeat(2001) }, 'comment']] as const) {
      const res = await call(null, 'POST', `/csat/${token}`, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
    expect(await caseCsat(id)).toBeNull();
    expect((await surveys(id))[0]!.answered_at).toBeNull();
  });

  it('a low score notifies the leads of the case team (in-app and e-mail, their language) and marks the timeline', async () => {
    const { id, token } = await surveyed();
    const res = await call(null, 'POST', `/csat/${token}`, { score: 2, comment: 'Took far too long.' });
    expect(res.statusCode, res.body).toBe(201);
    const notes = await ctx.deps.db.selectFrom('notifications').select(['user_id', 'kind', 'data']).where('case_id', '=', id).where('kind', '=', 'csat_low').execute();
    // Only the lead of this case's team: not the harness's lead, who is in no team.
    expect(notes).toEqual([{ user_id: teamLead.id, kind: 'csat_low', data: expect.objectContaining({ score: 2, comment: 'Took far too long.' }) }]);
    await runJobs();
    const mails = await ctx.deps.db.selectFrom('mail_outbox').selectAll().where('case_id', '=', id).where('kind', '=', 'csat_low').execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ user_id: teamLead.id, locale: 'ms', status: 'held' });
    expect(mails[0]!.body).toContain('2 daripada 5');
    expect(mails[0]!.body).toContain('Took far too long.');
    expect(mails[0]!.body).toContain(`${PUBLIC_URL}/cases/${id}`);
    const event = await ctx.deps.db.selectFrom('case_events').select('data').where('case_id', '=', id).where('kind', '=', 'csat_answered').executeTakeFirstOrThrow();
    expect(event.data).toMatchObject({ score: 2, followUp: { leads: 1 } });

    // A good score asks nobody to follow up.
    const good = await surveyed();
    await call(null, 'POST', `/csat/${good.token}`, { score: 4 });
    expect(await ctx.deps.db.selectFrom('notifications').select('id').where('case_id', '=', good.id).where('kind', '=', 'csat_low').execute()).toEqual([]);
  });
});

describe('imported history', () => {
  it('keeps imported scores (no survey for imported cases); a later survey answer replaces the score', async () => {
    const header = 'Ticket ID,Subject,Body,Created,Solved at,Closed at,Status,Priority,Category,CSAT,Market,Requester type,Requester ID,Requester,Requester e-mail';
    const map = 'externalId=Ticket ID,title=Subject,description=Body,createdAt=Created,resolvedAt=Solved at,closedAt=Closed at,status=Status,priority=Priority,category=Category,csat=CSAT,region=Market,accountType=Requester type,accountExternalId=Requester ID,accountName=Requester,accountEmail=Requester e-mail';
    const rows = [
      'ZD-1,Withdrawal stuck,Pending for five days,2026-05-01 08:00,2026-05-02 10:00,2026-05-03 10:00,Closed,Urgent,payments/withdrawal-delayed,5,MY,Seller,S-900,Kedai Ana,ana@shop.test',
      'ZD-2,Payout held,Payout held for review,2026-05-04 08:00,2026-05-05 10:00,,Solved,Low,payments/payout-hold,1,MY,Seller,S-901,Kedai Ana,ana@shop.test',
    ];
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      query: { map, dryRun: 'false' },
      headers: { ...bearer(ctx.users.admin), 'content-type': 'text/csv; charset=utf-8' },
      payload: `${[header, ...rows].join('\r\n')}\r\n`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const imported = await ctx.deps.db.selectFrom('cases').select(['id', 'external_id', 'csat']).where('external_id', 'in', ['ZD-1', 'ZD-2']).orderBy('external_id').execute();
    expect(imported.map((c) => c.csat)).toEqual([5, 1]);
    ctx.clock.advance(61 * MINUTE);
    await runJobs();
    for (const c of imported) expect(await surveys(c.id)).toEqual([]);
    expect(imported.map((c) => c.csat)).toEqual([5, 1]);
    expect(await caseCsat(imported[0]!.id)).toBe(5);

    // Reopened and resolved again in Closeloop: the new resolution is surveyed, and its answer is the case's score.
    const id = imported[0]!.id;
    await transition(id, 'reopened', ctx.users.admin);
    await transition(id, 'resolved', ctx.users.admin);
    ctx.clock.advance(61 * MINUTE);
    await runJobs();
    const [mail] = await surveyMails(id);
    expect(mail).toMatchObject({ to_address: 'ana@shop.test', user_id: null });
    expect(await caseCsat(id)).toBe(5);
    expect((await call(null, 'POST', `/csat/${tokenOf(mail!.body)}`, { score: 3 })).statusCode).toBe(201);
    expect(await caseCsat(id)).toBe(3);
  });
});

describe('demo history', () => {
  it('gives resolved demo cases surveys and answers: about 4 in 10 answered, mostly 4–5, some 1–2 that notified a lead', () => {
    const now = new Date('2026-11-23T01:00:00Z');
    const users = new Map(DEMO_PEOPLE.map((p) => [p.email, { id: randomUUID(), name: p.name }]));
    const teams = new Map(DEMO_TEAMS.map((t) => [t.key, { id: randomUUID(), name: t.name }]));
    const numbers = Array.from({ length: 2000 }, (_, i) => i + 1);
    const h = buildHistory({ now, directory: { users, teams }, numbers, newId: randomUUID });
    const resolved = h.cases.filter((c) => c.resolved_at);
    const answered = h.surveys.filter((s) => s.score !== null);
    expect(h.surveys.length).toBeGreaterThan(resolved.length * 0.8);
    expect(answered.length / h.surveys.length).toBeGreaterThan(0.3);
    expect(answered.length / h.surveys.length).toBeLessThan(0.6);
    const share = (pred: (score: number) => boolean) => answered.filter((s) => pred(s.score!)).length / answered.length;
    expect(share((x) => x >= 4)).toBeGreaterThan(0.7);
    expect(share((x) => x <= 2)).toBeGreaterThan(0.03);
    // The case keeps its latest answer, as a live answer writes cases.csat.
    const byCase = new Map<string, number>();
    for (const s of [...answered].sort((a, b) => (a.answered_at as Date).getTime() - (b.answered_at as Date).getTime())) byCase.set(s.case_id, s.score!);
    for (const c of h.cases) expect(c.csat ?? undefined).toBe(byCase.get(c.id!));
    // Sent after the resolution, answered within the link's life; at most one per resolution.
    for (const s of h.surveys) {
      expect((s.sent_at as Date).getTime()).toBe((s.resolved_at as Date).getTime() + 60 * MINUTE);
      if (s.answered_at) expect(s.answered_at < s.expires_at && (s.answered_at as Date) <= now).toBe(true);
    }
    expect(new Set(h.surveys.map((s) => `${s.case_id}|${(s.resolved_at as Date).toISOString()}`)).size).toBe(h.surveys.length);
    expect(new Set(h.surveys.map((s) => s.language))).toEqual(new Set(['en', 'zh', 'ms']));
    const low = answered.filter((s) => s.score! <= 2).map((s) => s.id);
    expect(new Set(h.notifications.filter((n) => n.kind === 'csat_low').map((n) => JSON.parse(n.data as string).surveyId))).toEqual(new Set(low));
  });
});
