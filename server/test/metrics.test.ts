/**
 * Metrics against a hand-computed fixture: five cases in March 2026 (Kuala Lumpur, UTC+8) with
 * clocks, handoffs, escalations, CSAT, a reopen and a resolution twice. Every expected value
 * below is worked out by hand in the comments, not read back from the code.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_FORMAT, bucketKey, bucketStart } from '../src/domains/metrics/period.js';
import { localDayOf } from '../src/domains/sla/zoned-time.js';
import { type TestContext, bearer, testApp } from './harness.js';

let t: TestContext;
const ids: Record<string, string> = {};
let teamOne: string;
let teamTwo: string;
const H = 3600;
const kl = (local: string) => new Date(`${local}+08:00`);

async function insertCase(key: string, c: {
  created: string; status: string; region: 'MY' | 'SG'; category: string; priority: string; team: string; assignee?: string;
  firstResponse?: string; resolved?: string; closed?: string; csat?: number; reopenCount?: number; requester?: boolean;
}) {
  const account = await t.deps.db
    .insertInto('accounts')
    .values({ type: 'seller', external_id: `acc-${key}`, name: `Account ${key}`, region: c.region, language: 'en', created_at: kl(c.created), updated_at: kl(c.created) })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await t.deps.db
    .insertInto('cases')
    .values({
      number: `ESC-9${key.charCodeAt(0)}`, title: `Case ${key}`, description: 'fixture', category_code: c.category, account_id: account.id,
      requester_id: c.requester === false ? null : t.users.requester.id, source: 'crm', language: 'en', priority: c.priority, status: c.status,
      team_id: c.team, assignee_id: c.assignee ?? null, created_at: kl(c.created), updated_at: kl(c.created),
      first_response_at: c.firstResponse ? kl(c.firstResponse) : null, resolved_at: c.resolved ? kl(c.resolved) : null,
      closed_at: c.closed ? kl(c.closed) : null, csat: c.csat ?? null, reopen_count: c.reopenCount ?? 0,
      requester_notified_at: c.resolved && c.requester !== false ? kl(c.resolved) : null,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  ids[key] = row.id;
}

async function clock(key: string, kind: string, k: { state: 'running' | 'paused' | 'stopped'; elapsed: number; stopped?: string; breached?: string }) {
  const calendar = await t.deps.db.selectFrom('calendars').select('id').limit(1).executeTakeFirstOrThrow();
  await t.deps.db
    .insertInto('sla_clocks')
    .values({
      case_id: ids[key]!, kind, policy_name: 'fixture', calendar_id: calendar.id, target_seconds: 8 * H, warn_at: [75], pause_statuses: [],
      on_reopen: 'continue', state: k.state, started_at: kl('2026-02-01T00:00'), elapsed_seconds: k.elapsed,
      running_since: k.state === 'running' ? kl('2026-03-10T12:00') : null, stopped_at: k.stopped ? kl(k.stopped) : null,
      breached_at: k.breached ? kl(k.breached) : null,
    } as never)
    .execute();
}

const statusEvent = (key: string, at: string, from: string, to: string) =>
  t.deps.db.insertInto('case_events').values({ case_id: ids[key]!, at: kl(at), kind: 'status_changed', data: JSON.stringify({ from, to }) } as never).execute();

const get = (url: string, who: keyof TestContext['users'] = 'manager') => t.app.inject({ method: 'GET', url, headers: bearer(t.users[who]) });
const metric = async (name: string, query: string, who: keyof TestContext['users'] = 'manager') => {
  const res = await get(`/api/v1/metrics/${name}?from=2026-03-01&to=2026-03-31&${query}`, who);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ rows: { group: string | null; label: string | null; value: number | null; count: number }[]; total: { value: number | null; count: number } }>();
};
const row = (result: Awaited<ReturnType<typeof metric>>, group: string | null) => result.rows.find((r) => r.group === group);

beforeAll(async () => {
  t = await testApp({ logLevel: 'error' });
  // "Now" is after the period, so March is history.
  t.clock.set(kl('2026-04-15T00:00'));
  const now = t.clock.now();
  teamOne = (await t.deps.db.insertInto('teams').values({ name: 'Sellers MY', kind: 'service', region: 'MY', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id;
  teamTwo = (await t.deps.db.insertInto('teams').values({ name: 'Orders MY', kind: 'service', region: 'MY', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id;
  const agent = t.users.specialist.id;

  // A: created 2 Mar, answered after 1 h, resolved after 24 h, CSAT 5, its handoff answered in 3 h (due in 4 h).
  await insertCase('A', { created: '2026-03-02T10:00', firstResponse: '2026-03-02T11:00', resolved: '2026-03-03T10:00', status: 'resolved', region: 'MY', category: 'payments/payout-hold', priority: 'P2', team: teamOne, assignee: agent, csat: 5 });
  // B: created 07:30 on 1 Mar in KL — still 28 Feb in UTC. Answered after 2 h, resolved after 96 h, CSAT 2; handoff answered 6 h late.
  await insertCase('B', { created: '2026-03-01T07:30', firstResponse: '2026-03-01T09:30', resolved: '2026-03-05T07:30', status: 'resolved', region: 'SG', category: 'listing/removed', priority: 'P3', team: teamOne, assignee: agent, csat: 2 });
  // C: created 10 Mar, still open, never answered.
  await insertCase('C', { created: '2026-03-10T12:00', status: 'in_progress', region: 'MY', category: 'payments/withdrawal-delayed', priority: 'P1', team: teamTwo });
  // D: created 4 Mar, answered after 30 min, resolved 6 Mar, reopened 7 Mar, resolved again 8 Mar (96 h after creation), closed 9 Mar.
  await insertCase('D', { created: '2026-03-04T09:00', firstResponse: '2026-03-04T09:30', resolved: '2026-03-08T09:00', closed: '2026-03-09T09:00', status: 'closed', region: 'MY', category: 'payments/payout-hold', priority: 'P2', team: teamOne, reopenCount: 1 });
  await statusEvent('D', '2026-03-06T09:00', 'in_progress', 'resolved');
  await statusEvent('D', '2026-03-07T09:00', 'resolved', 'reopened');
  await statusEvent('D', '2026-03-08T09:00', 'reopened', 'resolved');
  await statusEvent('D', '2026-03-09T09:00', 'resolved', 'closed');
  // E: created in February, no requester, resolved 15 Mar (23 days), a handoff still open (the loop is not closed).
  await insertCase('E', { created: '2026-02-20T10:00', resolved: '2026-03-15T10:00', status: 'resolved', region: 'MY', category: 'order/logistics', priority: 'P4', team: teamTwo, requester: false });

  const handoff = (key: string, created: string, due: string, answered?: string) =>
    t.deps.db.insertInto('handoffs').values({
      case_id: ids[key]!, team_id: teamTwo, question: 'q', created_at: kl(created), due_at: kl(due),
      status: answered ? 'answered' : 'open', answer: answered ? 'a' : null, answered_at: answered ? kl(answered) : null,
    } as never).execute();
  await handoff('A', '2026-03-02T11:00', '2026-03-02T15:00', '2026-03-02T14:00');
  await handoff('B', '2026-03-04T08:00', '2026-03-04T12:00', '2026-03-04T18:00');
  await handoff('E', '2026-03-14T08:00', '2026-03-14T12:00');

  // Resolution clocks: A met (8 h worked), B breached 4 Mar, C breached 12 Mar while running,
  // D met, E breached in February (outside the period).
  await clock('A', 'resolution', { state: 'stopped', elapsed: 8 * H, stopped: '2026-03-03T10:00' });
  await clock('B', 'resolution', { state: 'stopped', elapsed: 100_000, stopped: '2026-03-05T07:30', breached: '2026-03-04T10:00' });
  await clock('C', 'resolution', { state: 'running', elapsed: 0, breached: '2026-03-12T12:00' });
  await clock('D', 'resolution', { state: 'stopped', elapsed: 50_000, stopped: '2026-03-08T09:00' });
  await clock('E', 'resolution', { state: 'stopped', elapsed: 400_000, stopped: '2026-03-15T10:00', breached: '2026-02-25T10:00' });

  const ladder = await t.deps.db.insertInto('escalation_ladders').values({ name: 'L', levels: JSON.stringify([]), created_at: now, updated_at: now } as never).returning('id').executeTakeFirstOrThrow();
  const authority = await t.deps.db.insertInto('escalation_authorities').values({ name: 'Legal', risk_type: 'legal', ladder_id: ladder.id, created_at: now, updated_at: now } as never).returning('id').executeTakeFirstOrThrow();
  const escalation = (key: string, raised: string, ackSeconds: number) =>
    t.deps.db.insertInto('critical_escalations').values({
      case_id: ids[key]!, authority_id: authority.id, levels: JSON.stringify([]), reason: 'r', status: 'acknowledged',
      raised_at: kl(raised), acknowledged_at: new Date(kl(raised).getTime() + ackSeconds * 1000),
    } as never).execute();
  await escalation('C', '2026-03-10T13:00', 600);
  await escalation('B', '2026-03-01T08:00', 1200);

  const contacts = (day: string, category: string, region: string, n: number) =>
    t.deps.db.insertInto('tier1_contacts').values({ day, category_code: category, region, contacts: n, updated_at: now }).execute();
  await contacts('2026-03-01', 'listing/removed', 'SG', 100);
  await contacts('2026-03-02', 'payments/payout-hold', 'MY', 200);
  await contacts('2026-03-04', 'payments/payout-hold', 'MY', 100);
  await contacts('2026-03-10', 'payments/withdrawal-delayed', 'MY', 100);
  await contacts('2026-03-11', 'order/logistics', 'MY', 50);
  await contacts('2026-04-02', 'order/logistics', 'MY', 999); // outside the period
});

afterAll(async () => {
  await t?.close();
});

describe('volumes', () => {
  it('counts cases created per local day, in the organisation time zone and in UTC', async () => {
    const kualaLumpur = await metric('volume_created', 'groupBy=day');
    expect(kualaLumpur.total).toEqual({ value: 4, count: 4 }); // A B C D
    expect(kualaLumpur.rows).toHaveLength(31); // every day listed, empty ones as 0
    expect(row(kualaLumpur, '2026-03-01')).toMatchObject({ value: 1, count: 1 }); // B, 07:30 in KL
    expect(row(kualaLumpur, '2026-03-02')!.value).toBe(1);
    expect(row(kualaLumpur, '2026-03-03')).toMatchObject({ value: 0, count: 0 });
    const utc = await metric('volume_created', 'groupBy=day&tz=UTC');
    // In UTC, B was created on 28 February: outside the period.
    expect(utc.total.count).toBe(3);
    expect(row(utc, '2026-03-01')!.count).toBe(0);
  });

  it('counts a case resolved twice once, by its latest resolution', async () => {
    const resolved = await metric('volume_resolved', 'groupBy=day');
    expect(resolved.total.count).toBe(4); // A 3 Mar, B 5 Mar, D 8 Mar (not 6 Mar), E 15 Mar
    expect(row(resolved, '2026-03-06')!.count).toBe(0);
    expect(row(resolved, '2026-03-08')!.count).toBe(1);
  });

  it('groups by week (Monday) and month, and by a dimension with labels', async () => {
    const weeks = await metric('volume_created', 'groupBy=week');
    // 1 Mar 2026 is a Sunday: its week starts Monday 23 Feb.
    expect(weeks.rows.map((r) => [r.group, r.count])).toEqual([['2026-02-23', 1], ['2026-03-02', 2], ['2026-03-09', 1], ['2026-03-16', 0], ['2026-03-23', 0], ['2026-03-30', 0]]);
    const months = await metric('volume_created', 'groupBy=month');
    expect(months.rows).toEqual([{ group: '2026-03', label: null, value: 4, count: 4 }]);
    const teams = await metric('volume_created', 'groupBy=team');
    expect(teams.rows).toEqual([
      { group: teamOne, label: 'Sellers MY', value: 3, count: 3 },
      { group: teamTwo, label: 'Orders MY', value: 1, count: 1 },
    ]);
    const regions = await metric('volume_created', 'groupBy=region');
    expect(regions.rows.map((r) => [r.group, r.label, r.count])).toEqual([['MY', 'Malaysia', 3], ['SG', 'Singapore', 1]]);
  });

  it('filters by category prefix, region and priority', async () => {
    expect((await metric('volume_created', 'category=payments')).total.count).toBe(3); // A C D
    expect((await metric('volume_created', 'category=payments/payout-hold&region=MY')).total.count).toBe(2);
    expect((await metric('volume_created', 'priority=P1')).total.count).toBe(1);
  });

  it('has no data in an empty period: counts are 0, other values null', async () => {
    const empty = await t.app.inject({ method: 'GET', url: '/api/v1/metrics/volume_created?from=2025-01-01&to=2025-01-31', headers: bearer(t.users.manager) });
    expect(empty.json().total).toEqual({ value: 0, count: 0 });
    const median = await t.app.inject({ method: 'GET', url: '/api/v1/metrics/resolution_median?from=2025-01-01&to=2025-01-31&groupBy=week', headers: bearer(t.users.manager) });
    expect(median.json().total).toEqual({ value: null, count: 0 });
    expect(median.json().rows.every((r: { value: unknown }) => r.value === null)).toBe(true);
  });
});

describe('backlog and ageing', () => {
  it('reads the backlog at the end of each day, through a reopen', async () => {
    const backlog = await metric('backlog', 'groupBy=day');
    const at = (day: string) => row(backlog, day)!.value;
    // E is open when March starts; B, A, D arrive; A, B, D leave; D comes back on 7 Mar.
    expect([at('2026-03-01'), at('2026-03-02'), at('2026-03-03'), at('2026-03-04'), at('2026-03-05'), at('2026-03-06'), at('2026-03-07'), at('2026-03-08'), at('2026-03-09'), at('2026-03-10'), at('2026-03-15'), at('2026-03-31')])
      .toEqual([2, 3, 2, 3, 2, 1, 2, 1, 1, 2, 1, 1]);
    expect(backlog.total.value).toBe(1); // C, at the end of the period
    const byTeam = await metric('backlog', 'groupBy=team');
    expect(byTeam.rows).toEqual([{ group: teamTwo, label: 'Orders MY', value: 1, count: 1 }]);
  });

  it('buckets open cases by age, in the past and today', async () => {
    const past = await metric('age_buckets', '');
    // At the end of 31 March, C (created 10 Mar 12:00) is 20.5 days old.
    expect(past.rows.map((r) => [r.group, r.count])).toEqual([['lt_1d', 0], ['1_3d', 0], ['3_7d', 0], ['7_14d', 0], ['14_30d', 1], ['gt_30d', 0]]);
    const today = await get('/api/v1/metrics/age_buckets?from=2026-04-01&to=2026-04-15');
    // Now (15 Apr 00:00) C is 35.5 days old.
    expect(today.json().rows.find((r: { group: string }) => r.group === 'gt_30d').count).toBe(1);
  });
});

describe('times, SLA and quality', () => {
  it('takes medians and 90th percentiles of calendar and business time', async () => {
    // Resolution, wall time: A 24 h, B 96 h, D 96 h (to its latest resolution), E 23 days.
    expect((await metric('resolution_median', 'basis=calendar')).total).toEqual({ value: 96 * H, count: 4 });
    // p90 by linear interpolation: 96 h + 0.7 × (552 h − 96 h).
    expect((await metric('resolution_p90', 'basis=calendar')).total.value).toBeCloseTo(96 * H + 0.7 * (552 - 96) * H, 3);
    // Working time from the resolution clocks: 8 h, 100,000 s, 50,000 s, 400,000 s → median 75,000 s.
    expect((await metric('resolution_median', '')).total).toEqual({ value: 75_000, count: 4 });
    // First response of cases created in March: A 1 h, B 2 h, D 30 min.
    expect((await metric('first_response_median', 'basis=calendar')).total).toEqual({ value: H, count: 3 });
  });

  it('measures SLA attainment by the clocks whose outcome fell in the period', async () => {
    const sla = await metric('sla_attainment', 'clock=resolution&groupBy=priority');
    // A met, B breached, C breached while running, D met; E breached in February.
    expect(sla.total).toEqual({ value: 0.5, count: 4 });
    expect(sla.rows.map((r) => [r.group, r.value, r.count])).toEqual([['P2', 1, 2], ['P1', 0, 1], ['P3', 0, 1]]);
    expect((await metric('sla_attainment', 'clock=first_response')).total).toEqual({ value: null, count: 0 });
  });

  it('leaves a paused clock out until it breaches, and counts working time without the pauses', async () => {
    // F waits on its requester (clock paused, not breached); G breached before it was paused.
    await insertCase('F', { created: '2026-04-03T09:00', status: 'waiting_requester', region: 'MY', category: 'order/logistics', priority: 'P3', team: teamOne });
    await insertCase('G', { created: '2026-04-03T09:00', status: 'waiting_requester', region: 'MY', category: 'order/logistics', priority: 'P3', team: teamOne });
    await clock('F', 'resolution', { state: 'paused', elapsed: 3 * H });
    await clock('G', 'resolution', { state: 'paused', elapsed: 9 * H, breached: '2026-04-05T12:00' });
    const april = await get('/api/v1/metrics/sla_attainment?from=2026-04-01&to=2026-04-10&clock=resolution');
    expect(april.json().total).toEqual({ value: 0, count: 1 });
    // Neither is resolved: no resolution time yet, in working or wall time.
    expect((await get('/api/v1/metrics/resolution_median?from=2026-04-01&to=2026-04-10')).json().total).toEqual({ value: null, count: 0 });
    await t.deps.db.deleteFrom('sla_clocks').where('case_id', 'in', [ids.F!, ids.G!]).execute();
    await t.deps.db.deleteFrom('metric_units').where('case_id', 'in', [ids.F!, ids.G!]).execute();
    await t.deps.db.deleteFrom('cases').where('id', 'in', [ids.F!, ids.G!]).execute();
  });

  it('computes CSAT, reopen and close-loop rates over the cases resolved in the period', async () => {
    expect((await metric('csat_avg', '')).total).toEqual({ value: 3.5, count: 2 }); // A 5, B 2
    expect((await metric('csat_satisfied_share', '')).total).toEqual({ value: 0.5, count: 2 });
    // A and B answered; a survey went to D and was never answered; E was never surveyed.
    await t.deps.db.insertInto('csat_surveys').values({
      case_id: ids.D!, resolved_at: kl('2026-03-08T09:00'), language: 'en', recipient_address: 'd@example.test', nonce: 'n',
      sent_at: kl('2026-03-08T10:00'), expires_at: kl('2026-03-22T10:00'), created_at: kl('2026-03-08T10:00'),
    } as never).execute();
    const response = await metric('csat_response_rate', '');
    expect(response.total.count).toBe(3);
    expect(response.total.value).toBeCloseTo(2 / 3, 10);
    expect((await metric('reopen_rate', '')).total).toEqual({ value: 0.25, count: 4 }); // D of A B D E
    // E has an open handoff; A, B, D told their requester and have no open handoff.
    expect((await metric('close_loop_rate', '')).total).toEqual({ value: 0.75, count: 4 });
  });

  it('times handoffs and critical escalations', async () => {
    // A's answered in 3 h, B's in 10 h.
    expect((await metric('handoff_answer_median', 'basis=calendar')).total).toEqual({ value: 6.5 * H, count: 2 });
    expect((await metric('handoff_ola_attainment', '')).total).toEqual({ value: 0.5, count: 2 });
    expect((await metric('critical_ack_median', '')).total).toEqual({ value: 900, count: 2 });
  });

  it('divides escalations by Tier 1 contacts of the same days, categories and regions', async () => {
    const total = await metric('escalation_rate', '');
    expect(total.total.value).toBeCloseTo(4 / 550, 10);
    const regions = await metric('escalation_rate', 'groupBy=region');
    expect(regions.rows.map((r) => [r.group, r.value])).toEqual([['MY', 3 / 450], ['SG', 1 / 100]]);
    const categories = await metric('escalation_rate', 'groupBy=category');
    expect(row(categories, 'order/logistics')).toMatchObject({ value: 0, count: 0 }); // contacts, no escalations
    expect(row(categories, 'payments/payout-hold')!.value).toBeCloseTo(2 / 300, 10);
    // Contacts but no escalations is a rate of 0; no contacts at all is no rate.
    expect((await metric('escalation_rate', 'category=order/logistics')).total).toEqual({ value: 0, count: 0 });
    expect((await metric('escalation_rate', 'category=creator')).total).toEqual({ value: null, count: 0 });
  });
});

describe('drill-down', () => {
  const drill = async (name: string, query: string, group?: string) => {
    const res = await get(`/api/v1/metrics/${name}/cases?from=2026-03-01&to=2026-03-31&${query}${group === undefined ? '' : `&group=${encodeURIComponent(group)}`}&limit=2`);
    expect(res.statusCode, res.body).toBe(200);
    const first = res.json<{ total: number; items: { id: string; number: string }[]; nextCursor: string | null }>();
    const all = [...first.items];
    for (let cursor = first.nextCursor; cursor; ) {
      const next = (await get(`/api/v1/metrics/${name}/cases?from=2026-03-01&to=2026-03-31&${query}${group === undefined ? '' : `&group=${encodeURIComponent(group)}`}&limit=2&cursor=${cursor}`)).json();
      all.push(...next.items);
      cursor = next.nextCursor;
    }
    return { total: first.total, ids: all.map((i) => i.id) };
  };

  it('lists the cases behind every row, as many as the row counts', async () => {
    for (const [name, query] of [
      ['volume_created', 'groupBy=day'], ['sla_attainment', 'groupBy=priority'], ['backlog', 'groupBy=day'], ['age_buckets', ''],
      ['handoff_answer_median', 'groupBy=team&basis=calendar'], ['escalation_rate', 'groupBy=region'], ['volume_resolved', 'groupBy=team'],
    ] as const) {
      const result = await metric(name, query);
      for (const r of result.rows) {
        const { total, ids: listed } = await drill(name, query, r.group ?? 'none');
        expect([name, r.group, total, new Set(listed).size]).toEqual([name, r.group, r.count, r.count]);
      }
    }
  });

  it('names the cases: the backlog on 7 March is D (reopened) and E', async () => {
    const { ids: listed } = await drill('backlog', 'groupBy=day', '2026-03-07');
    expect(listed.sort()).toEqual([ids.D, ids.E].sort());
    const { ids: breached } = await drill('sla_attainment', 'groupBy=priority', 'P1');
    expect(breached).toEqual([ids.C]);
  });
});

describe('who may see what', () => {
  it('gives specialists their own numbers only', async () => {
    expect((await metric('volume_created', '', 'specialist')).total.count).toBe(2); // A and B are theirs
    expect((await get(`/api/v1/metrics/volume_created?agent=${t.users.lead.id}`, 'specialist')).statusCode).toBe(403);
    expect((await get('/api/v1/metrics/escalation_rate', 'specialist')).statusCode).toBe(403);
    expect((await get('/api/v1/metrics/volume_created', 'partner')).statusCode).toBe(403);
    expect((await get('/api/v1/metrics/volume_created', 'requester')).statusCode).toBe(403);
  });
});

describe('bad input', () => {
  it.each([
    ['/api/v1/metrics/happiness', 'metric'],
    ['/api/v1/metrics/volume_created?groupBy=hour', 'groupBy'],
    ['/api/v1/metrics/volume_created?colour=red', 'colour'],
    ['/api/v1/metrics/volume_created?from=2026-03-10&to=2026-03-01', 'from'],
    ['/api/v1/metrics/volume_created?from=2025-01-01&to=2026-03-01', 'to'],
    ['/api/v1/metrics/volume_created?from=2026-02-30', 'from'],
    ['/api/v1/metrics/volume_created?tz=Mars/Base', 'tz'],
    ['/api/v1/metrics/escalation_rate?team=00000000-0000-4000-8000-000000000000', 'team'],
    ['/api/v1/metrics/age_buckets?groupBy=team', 'groupBy'],
    ['/api/v1/metrics/volume_created?clock=resolution', 'clock'],
    ['/api/v1/metrics/sla_attainment?clock=handoff', 'clock'],
    ['/api/v1/metrics/volume_created?region=Malaysia', 'region'],
    ['/api/v1/metrics/volume_created/cases?group=2026-03-01', 'group'],
  ])('%s → 400 naming %s', async (url, field) => {
    const res = await get(url);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('states the range limit', async () => {
    const res = await get('/api/v1/metrics/volume_created?from=2025-01-01&to=2026-03-01');
    expect(res.json().errors[0]).toMatchObject({ field: 'to', params: { limit: 400 } });
  });
});

describe('Tier 1 contacts', () => {
  const post = (payload: string | object, type = 'application/json', who: keyof TestContext['users'] = 'manager') =>
    t.app.inject({ method: 'POST', url: '/api/v1/tier1-contacts', headers: { ...bearer(t.users[who]), 'content-type': type }, payload });

  it('imports a CSV (columns in any order) and replaces a re-imported day', async () => {
    const csv = 'region,date,category,contacts\nMY,2026-05-01,order/logistics,40\nSG,2026-05-01,order/logistics,10\n';
    expect((await post(csv, 'text/csv')).json()).toEqual({ imported: 2 });
    expect((await post({ rows: [{ date: '2026-05-01', category: 'order/logistics', region: 'MY', contacts: 45 }] })).json()).toEqual({ imported: 1 });
    const list = (await get('/api/v1/tier1-contacts?from=2026-05-01&to=2026-05-01')).json();
    expect(list.rows).toEqual([
      { date: '2026-05-01', category: 'order/logistics', region: 'MY', contacts: 45 },
      { date: '2026-05-01', category: 'order/logistics', region: 'SG', contacts: 10 },
    ]);
  });

  it('refuses the whole file when a row is wrong, naming the line and column', async () => {
    const csv = 'date,category,region,contacts\n2026-06-01,order/logistics,MY,5\n2026-06-31,order/logistics,MY,5\n2026-06-02,no/such,MY,-1\n';
    const res = await post(csv, 'text/csv');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['line 3.date', 'line 4.category', 'line 4.contacts']);
    expect((await get('/api/v1/tier1-contacts?from=2026-06-01&to=2026-06-30')).json().rows).toEqual([]);
    const missing = await post('date,category,contacts\n2026-06-01,order/logistics,5\n', 'text/csv');
    expect(missing.json().errors[0]).toMatchObject({ field: 'body' });
    const json = await post({ rows: [{ date: '2026-06-01', category: 'order/logistics', region: 'MY', contacts: 'many' }] });
    expect(json.statusCode).toBe(400);
    expect(json.json().errors[0].field).toMatch(/rows.*0.*contacts/);
  });

  it('is for managers and admins to import', async () => {
    expect((await post({ rows: [{ date: '2026-06-01', category: 'order/logistics', region: 'MY', contacts: 1 }] }, 'application/json', 'lead')).statusCode).toBe(403);
  });
});

describe('a case worked through the API', () => {
  it('counts a resolve → reopen → resolve once, by its latest resolution, as reopened', async () => {
    t.clock.set(kl('2026-04-20T09:00'));
    const h = { ...bearer(t.users.specialist) };
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: h, payload: {
      title: 'Payout held', description: 'My payout is on hold', category: 'payments/payout-hold', priority: 'P3', source: 'crm',
      account: { type: 'seller', externalId: 'api-1', name: 'Api Seller', region: 'MY' },
    } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const move = async (to: string, extra: object = {}) => {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/transitions`, headers: h, payload: { to, ...extra } });
      expect(res.statusCode, res.body).toBe(200);
    };
    const done = { rootCause: { text: 'hold flag' }, resolution: { summary: 'released' } };
    t.clock.set(kl('2026-04-20T10:00'));
    await move('in_progress');
    t.clock.set(kl('2026-04-21T09:00'));
    await move('resolved', done);
    t.clock.set(kl('2026-04-22T09:00'));
    await move('reopened');
    t.clock.set(kl('2026-04-23T09:00'));
    await move('resolved', done);
    const q = '?from=2026-04-20&to=2026-04-23';
    expect((await get(`/api/v1/metrics/volume_resolved${q}&groupBy=day`)).json().rows.map((r: { count: number }) => r.count)).toEqual([0, 0, 0, 1]);
    expect((await get(`/api/v1/metrics/reopen_rate${q}`)).json().total).toEqual({ value: 1, count: 1 });
    expect((await get(`/api/v1/metrics/resolution_median${q}&basis=calendar`)).json().total.value).toBe(72 * H);
    const backlog = (await get(`/api/v1/metrics/backlog${q}&groupBy=day`)).json().rows.map((r: { value: number }) => r.value);
    // C from the March fixture is still open throughout.
    expect(backlog).toEqual([2, 1, 2, 1]);
  });
});

describe('export', () => {
  it('writes the table as a real XLSX, typed cell by cell, with its parameters', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/metrics/sla_attainment/export?format=xlsx&from=2026-03-01&to=2026-03-31&groupBy=priority&region=MY', headers: bearer(t.users.manager) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain('sla_attainment_2026-03-01_2026-03-31.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const [sheet, about] = book.worksheets;
    expect(sheet!.getRow(1).values).toEqual([undefined, 'Group', 'Name', 'Value', 'Cases']);
    expect(sheet!.getRow(1).font?.bold).toBe(true);
    expect(sheet!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // In MY: A (P2) and D (P2) met; C (P1) breached.
    const rows = [2, 3, 4].map((i) => sheet!.getRow(i).values);
    expect(rows).toEqual([[undefined, 'P2', undefined, 1, 2], [undefined, 'P1', undefined, 0, 1], [undefined, 'Total', undefined, 2 / 3, 3]]);
    expect(sheet!.getCell('C2').numFmt).toMatch(/%/);
    expect(typeof sheet!.getCell('D4').value).toBe('number');
    const parameters = Object.fromEntries([2, 3, 4, 5, 6, 7, 8].map((i) => [about!.getCell(`A${i}`).value, about!.getCell(`B${i}`).value]));
    expect(parameters).toMatchObject({ metric: 'sla_attainment', from: '2026-03-01', to: '2026-03-31', timeZone: 'Asia/Kuala_Lumpur', groupBy: 'priority', clock: 'resolution', region: 'MY' });
  });

  it('writes CSV in the reader’s language, durations in seconds', async () => {
    const switched = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: bearer(t.users.lead), payload: { locale: 'zh' } });
    expect(switched.statusCode, switched.body).toBe(200);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/metrics/resolution_median/export?format=csv&from=2026-03-01&to=2026-03-31&basis=calendar', headers: bearer(t.users.lead) });
    expect(res.statusCode, res.body).toBe(200);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('分组,名称,数值,工单数');
    expect(lines[1]).toBe(`合计,,${96 * H},4`);
  });

  it('refuses a bad format or metric with a problem naming it', async () => {
    const bad = await get('/api/v1/metrics/volume_created/export?format=pdf');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('format');
    expect((await get('/api/v1/metrics/nope/export?format=csv')).json().errors[0].field).toBe('metric');
  });
});

describe('metric units kept by triggers', () => {
  it('of new cases (written from the row, or recomputed when inserted with a history) equal a full recomputation', async () => {
    const db = t.deps.db;
    const unitsOf = async (caseIds: string[]) =>
      (await sql<Record<string, unknown>>`SELECT * FROM metric_units WHERE case_id = ANY (${caseIds}::uuid[]) ORDER BY case_id, family`.execute(db)).rows;
    t.clock.set(kl('2026-04-25T09:00'));
    const filed = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: bearer(t.users.specialist), payload: {
      title: 'Withdrawal stuck', description: 'Pending for a week', category: 'payments/withdrawal-delayed', priority: 'P2', source: 'crm', team: teamTwo,
      fields: { withdrawalId: 'W-1', amount: 120 },
      account: { type: 'seller', externalId: 'api-new-1', name: 'New Seller', region: 'SG' },
    } });
    expect(filed.statusCode, filed.body).toBe(201);
    const filedId = filed.json<{ id: string }>().id;
    expect(await unitsOf([filedId])).toMatchObject([
      { family: 'created', at: kl('2026-04-25T09:00'), v: 1, seconds: null, work_seconds: null, region: 'SG', team_id: teamTwo, priority: 'P2', category_code: 'payments/withdrawal-delayed' },
      { family: 'open', at: kl('2026-04-25T09:00'), v: 1, region: 'SG' },
    ]);

    // One statement: a plain open case, a closed one (no open unit), one imported with its
    // history, and a breached clock for the plain one — the clock's own refresh and the cases'
    // trigger meet on the same case.
    const account = await db.selectFrom('accounts').select('id').where('external_id', '=', 'acc-A').executeTakeFirstOrThrow();
    const calendar = await db.selectFrom('calendars').select('id').limit(1).executeTakeFirstOrThrow();
    const base = { title: 'Raw', description: 'inserted', category_code: 'order/logistics', account_id: account.id, source: 'crm', language: 'en', priority: 'P3', team_id: teamOne };
    const inserted = await sql<{ id: string }>`
      WITH c AS (
        INSERT INTO cases (number, title, description, category_code, account_id, source, language, priority, status, team_id, created_at, updated_at, first_response_at, resolved_at, closed_at)
        SELECT * FROM (VALUES
          ('ESC-RAW1', ${base.title}, ${base.description}, ${base.category_code}, ${base.account_id}::uuid, ${base.source}, ${base.language}, ${base.priority}, 'new', ${base.team_id}::uuid, ${kl('2026-04-24T08:00')}::timestamptz, ${kl('2026-04-24T08:00')}::timestamptz, NULL::timestamptz, NULL::timestamptz, NULL::timestamptz),
          ('ESC-RAW2', ${base.title}, ${base.description}, ${base.category_code}, ${base.account_id}::uuid, ${base.source}, ${base.language}, ${base.priority}, 'closed', ${base.team_id}::uuid, ${kl('2026-04-24T08:00')}, ${kl('2026-04-24T08:00')}, NULL, NULL, NULL),
          ('ESC-RAW3', ${base.title}, ${base.description}, ${base.category_code}, ${base.account_id}::uuid, ${base.source}, ${base.language}, ${base.priority}, 'resolved', ${base.team_id}::uuid, ${kl('2026-04-20T08:00')}, ${kl('2026-04-22T08:00')}, ${kl('2026-04-20T09:00')}, ${kl('2026-04-22T08:00')}, NULL)
        ) AS v
        RETURNING id, number
      ), k AS (
        INSERT INTO sla_clocks (case_id, kind, policy_name, calendar_id, target_seconds, warn_at, pause_statuses, on_reopen, state, started_at, elapsed_seconds, running_since, breached_at)
        SELECT id, 'resolution', 'fixture', ${calendar.id}::uuid, 3600, '{75}', '{}', 'continue', 'running', ${kl('2026-04-24T08:00')}, 0, ${kl('2026-04-24T08:00')}, ${kl('2026-04-24T09:00')}
          FROM c WHERE number = 'ESC-RAW1'
      )
      SELECT id FROM c ORDER BY number`.execute(db);
    const caseIds = [filedId, ...inserted.rows.map((r) => r.id)];
    const kept = await unitsOf(caseIds);
    const families = (id: string) => kept.filter((u) => u.case_id === id).map((u) => u.family);
    expect(families(inserted.rows[0]!.id)).toEqual(['created', 'open', 'sla:resolution']);
    expect(families(inserted.rows[1]!.id)).toEqual(['created']);
    expect(families(inserted.rows[2]!.id)).toEqual(['created', 'left', 'resolved']);
    await sql`SELECT metric_units_refresh(${caseIds}::uuid[])`.execute(db);
    expect(await unitsOf(caseIds)).toEqual(kept);
  });

  it('equal a full recomputation after every kind of change', async () => {
    const snapshot = async () =>
      (await sql<Record<string, unknown>>`SELECT * FROM metric_units ORDER BY case_id, family`.execute(t.deps.db)).rows;
    const db = t.deps.db;
    // Moves a unit depends on: team, priority, category, a region change on the account, a merge,
    // a CSAT score, a clock restarting, and a change nothing depends on (a comment's updated_at).
    await db.updateTable('cases').set({ team_id: teamTwo, priority: 'P1' }).where('id', '=', ids.A!).execute();
    await db.updateTable('cases').set({ category_code: 'order/refund-dispute', csat: 4 }).where('id', '=', ids.D!).execute();
    await db.updateTable('accounts').set({ region: 'SG' }).where('external_id', '=', 'acc-C').execute();
    await db.updateTable('cases').set({ merged_into_id: ids.A!, status: 'closed' } as never).where('id', '=', ids.B!).execute();
    await db.updateTable('sla_clocks').set({ state: 'running', running_since: kl('2026-03-20T09:00'), stopped_at: null } as never).where('case_id', '=', ids.D!).execute();
    // Running again, not breached: no sla unit. Then the sweep's kind of change, a breach alone.
    expect((await snapshot()).find((u) => u.case_id === ids.D && u.family === 'sla:resolution')).toBeUndefined();
    await db.updateTable('sla_clocks').set({ breached_at: kl('2026-03-21T09:00') }).where('case_id', '=', ids.D!).where('kind', '=', 'resolution').execute();
    await db.updateTable('handoffs').set({ status: 'answered', answer: 'a', answered_at: kl('2026-03-16T08:00') } as never).where('case_id', '=', ids.E!).execute();
    await db.updateTable('cases').set({ status: 'resolved', resolved_at: kl('2026-04-02T08:00'), first_response_at: kl('2026-04-01T08:00') }).where('id', '=', ids.C!).execute();
    await db.deleteFrom('sla_clocks').where('case_id', '=', ids.A!).execute();
    await db.updateTable('cases').set({ updated_at: kl('2026-04-01T00:00') }).execute();
    const kept = await snapshot();
    expect(kept.some((u) => u.case_id === ids.B)).toBe(false); // merged away
    expect(kept.find((u) => u.case_id === ids.C && u.family === 'created')).toMatchObject({ region: 'SG' });
    expect(kept.find((u) => u.case_id === ids.D && u.family === 'sla:resolution')).toMatchObject({ v: 0, at: kl('2026-03-21T09:00') }); // breached while running
    expect(kept.find((u) => u.case_id === ids.E && u.family === 'resolved')).toMatchObject({ loop_closed: 1 }); // its handoff answered
    expect(kept.find((u) => u.case_id === ids.C && u.family === 'open')).toBeUndefined(); // resolved now
    expect(kept.find((u) => u.case_id === ids.A && u.family === 'sla:resolution')).toBeUndefined(); // its clock is gone
    expect(kept.find((u) => u.case_id === ids.C && u.family === 'created')).toMatchObject({ seconds: (22 * 24 - 4) * H });
    await sql`SELECT metric_units_refresh(ARRAY(SELECT id FROM cases))`.execute(db);
    expect(await snapshot()).toEqual(kept);
  });
});

describe('bucket keys', () => {
  it('agree between the listed buckets (JS) and the grouped rows (SQL), in every zone', async () => {
    const samples = fc.sample(
      fc.record({
        at: fc.integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2028-12-31T00:00:00Z') }),
        tz: fc.constantFrom('Asia/Kuala_Lumpur', 'UTC', 'Europe/London', 'America/New_York', 'Asia/Kolkata'),
        g: fc.constantFrom('day', 'week', 'month' as const),
      }),
      300,
    );
    const rows = await sql<{ i: number; key: string }>`
      SELECT s.i, to_char(date_trunc(s.g, s.at AT TIME ZONE s.tz), s.f) AS key
        FROM unnest(${samples.map((_, i) => i)}::int[], ${samples.map((x) => new Date(x.at).toISOString())}::timestamptz[],
                    ${samples.map((x) => x.tz)}::text[], ${samples.map((x) => x.g)}::text[], ${samples.map((x) => KEY_FORMAT[x.g])}::text[]) AS s(i, at, tz, g, f)
       ORDER BY s.i`.execute(t.deps.db);
    expect(rows.rows.map((r) => r.key)).toEqual(samples.map((x) => bucketKey(bucketStart(localDayOf(x.tz, x.at), x.g), x.g)));
  });
});
