import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../src/db/pool.js';
import { countCases, growCases, readDirectory } from '../src/demo/grow.js';
import { loadDemo } from '../src/demo/load-demo.js';
import { listCases } from '../src/domains/cases/list-cases.js';
import { computeMetric } from '../src/domains/metrics/compute.js';
import { parseMetricQuery } from '../src/domains/metrics/query.js';
import { STATUSES } from '../src/domains/cases/status-machine.js';
import { cliActor } from '../src/platform/actor.js';
import { ManualClock } from '../src/platform/clock.js';
import type { Deps } from '../src/platform/deps.js';
import { searchTokens } from '../src/platform/text/search-tokens.js';
import { testConfig, testDatabase } from './harness.js';

const NOW = '2026-11-23T01:00:00Z';
let database: DbHandle;
let deps: Deps;

async function loadInto(handle: DbHandle): Promise<{ deps: Deps; ms: number }> {
  const d: Deps = { db: handle.db, clock: new ManualClock(NOW), config: testConfig() };
  const started = performance.now();
  const result = await loadDemo(d, cliActor);
  const ms = Math.round(performance.now() - started);
  expect(result.loaded).toBe(true);
  return { deps: d, ms };
}

beforeAll(async () => {
  database = await testDatabase();
  const loaded = await loadInto(database);
  deps = loaded.deps;
  console.log(`demo load on ${database.backend}: ${loaded.ms} ms`);
});
afterAll(() => database?.close());

const db = () => deps.db;

describe('demo case history', () => {
  it('has about 2,000 cases over the last 90 days, in every status and all three languages', async () => {
    const cases = await db().selectFrom('cases').select(['status', 'language', 'created_at', 'merged_into_id', 'flags', 'priority']).execute();
    expect(cases.length).toBeGreaterThanOrEqual(1900);
    expect(cases.length).toBeLessThanOrEqual(2100);
    const now = new Date(NOW).getTime();
    for (const c of cases) {
      expect(c.created_at.getTime()).toBeLessThanOrEqual(now);
      expect(c.created_at.getTime()).toBeGreaterThanOrEqual(now - 90 * 24 * 3600_000);
    }
    const count = (pick: (c: (typeof cases)[number]) => string) => {
      const m = new Map<string, number>();
      for (const c of cases) m.set(pick(c), (m.get(pick(c)) ?? 0) + 1);
      return Object.fromEntries(m);
    };
    const byStatus = count((c) => c.status);
    console.log('statuses', byStatus, 'languages', count((c) => c.language), 'priorities', count((c) => c.priority));
    for (const status of STATUSES) expect(byStatus[status], status).toBeGreaterThan(0);
    for (const language of ['en', 'zh', 'ms']) expect(cases.filter((c) => c.language === language).length, language).toBeGreaterThan(100);
    const merged = cases.filter((c) => c.merged_into_id);
    expect(merged.length).toBeGreaterThan(10);
    expect(merged.every((c) => c.status === 'closed')).toBe(true);
    // Priorities skewed to P3; a few flags of each kind.
    const byPriority = count((c) => c.priority);
    expect(byPriority.P3).toBeGreaterThan(cases.length / 2);
    for (const flag of ['vip', 'high_value', 'legal_threat', 'repeat']) expect(cases.some((c) => c.flags.includes(flag)), flag).toBe(true);
  });

  it('keeps older cases mostly closed and recent ones mostly open', async () => {
    const now = new Date(NOW).getTime();
    const cases = await db().selectFrom('cases').select(['status', 'created_at']).execute();
    const old = cases.filter((c) => c.created_at.getTime() < now - 30 * 24 * 3600_000);
    const recent = cases.filter((c) => c.created_at.getTime() > now - 2 * 24 * 3600_000);
    expect(old.filter((c) => c.status === 'closed').length / old.length).toBeGreaterThan(0.9);
    expect(recent.filter((c) => c.status !== 'closed' && c.status !== 'resolved').length / recent.length).toBeGreaterThan(0.6);
  });

  it('gives every case the search keys of its text', async () => {
    const rows = await db().selectFrom('cases').select(['title', 'description', 'search_tokens']).execute();
    for (const row of rows) expect([...row.search_tokens].sort()).toEqual(searchTokens(`${row.title}\n${row.description}`).sort());
  });

  it('is found by text search in Chinese and Malay', async () => {
    const withdrawals = async (language: 'zh' | 'ms') =>
      (await db().selectFrom('cases').select('id').where('category_code', '=', 'payments/withdrawal-delayed').where('language', '=', language).execute()).map((r) => r.id);
    const search = async (q: string) => (await listCases(deps, cliActor, { q, sort: '-createdAt', limit: 5000 })).items;

    const zh = await search('提现');
    const zhIds = new Set(zh.map((c) => c.id));
    const zhWithdrawals = await withdrawals('zh');
    expect(zhWithdrawals.length).toBeGreaterThan(50);
    expect(zhWithdrawals.every((id) => zhIds.has(id))).toBe(true);
    expect(zh.every((c) => `${c.title}${c.description}`.includes('提现'))).toBe(true);

    const ms = await search('pengeluaran');
    const msIds = new Set(ms.map((c) => c.id));
    const msWithdrawals = await withdrawals('ms');
    expect(msWithdrawals.length).toBeGreaterThan(20);
    expect(msWithdrawals.every((id) => msIds.has(id))).toBe(true);
    expect(ms.every((c) => c.language === 'ms')).toBe(true);
  });

  it('resolves with a root cause and resolution, and closes with every handoff answered', async () => {
    const done = await db()
      .selectFrom('cases')
      .select(['number', 'status', 'root_cause_text', 'resolution_summary', 'resolved_at', 'closed_at', 'requester_notified_at'])
      .where('status', 'in', ['resolved', 'closed'])
      .where('merged_into_id', 'is', null)
      .execute();
    expect(done.length).toBeGreaterThan(1000);
    for (const c of done) {
      expect(c.root_cause_text, c.number).toBeTruthy();
      expect(c.resolution_summary, c.number).toBeTruthy();
      expect(c.resolved_at, c.number).not.toBeNull();
      expect(c.requester_notified_at, c.number).not.toBeNull();
      expect(c.closed_at === null, c.number).toBe(c.status === 'resolved');
    }
    const openOnClosed = await db()
      .selectFrom('handoffs as h')
      .innerJoin('cases as c', 'c.id', 'h.case_id')
      .select('c.number')
      .where('h.status', '=', 'open')
      .where('c.status', 'in', ['closed', 'resolved'])
      .execute();
    expect(openOnClosed).toEqual([]);
    // An open handoff means the case waits on the partner (an answered one may not have been acted on yet).
    const withOpenHandoff = await db()
      .selectFrom('handoffs as h')
      .innerJoin('cases as c', 'c.id', 'h.case_id')
      .select(['c.number', 'c.status'])
      .where('h.status', '=', 'open')
      .execute();
    for (const c of withOpenHandoff) expect(c.status, c.number).toBe('waiting_partner');
  });

  it('hands off to departments: most answered, some open and some overdue', async () => {
    const handoffs = await db().selectFrom('handoffs').select(['status', 'due_at', 'answered_at', 'created_at']).execute();
    const now = new Date(NOW);
    const open = handoffs.filter((h) => h.status === 'open');
    expect(handoffs.filter((h) => h.status === 'answered').length).toBeGreaterThan(handoffs.length * 0.9);
    expect(open.length).toBeGreaterThan(0);
    expect(open.some((h) => h.due_at < now)).toBe(true);
    expect(open.some((h) => h.due_at >= now)).toBe(true);
    const byTeam = await db()
      .selectFrom('handoffs as h')
      .innerJoin('cases as c', 'c.id', 'h.case_id')
      .innerJoin('teams as t', 't.id', 'h.team_id')
      .select(['c.category_code', 't.name'])
      .distinct()
      .execute();
    const teamsOf = (prefix: string) => new Set(byTeam.filter((r) => r.category_code.startsWith(prefix)).map((r) => r.name));
    expect(teamsOf('payments/')).toEqual(new Set(['Payments']));
    expect(teamsOf('listing/counterfeit-claim')).toEqual(new Set(['Legal']));
    expect(teamsOf('account/verification')).toEqual(new Set(['Product Ops']));
    expect(teamsOf('order/logistics')).toEqual(new Set(['Logistics']));
  });

  it('sets the first response at the first reply a worker sent to the requester or the account', async () => {
    const rows = await sql<{ number: string; first_response_at: Date | null; first_reply: Date | null }>`
      SELECT c.number, c.first_response_at,
             (SELECT min(cc.created_at) FROM case_comments cc
               WHERE cc.case_id = c.id AND cc.visibility <> 'internal' AND cc.author_id IS DISTINCT FROM c.requester_id) AS first_reply
        FROM cases c`.execute(db());
    for (const r of rows.rows) expect(r.first_response_at?.toISOString() ?? null, r.number).toBe(r.first_reply?.toISOString() ?? null);
    expect(rows.rows.filter((r) => r.first_response_at).length).toBeGreaterThan(1500);
  });

  it('has timelines that tell the story: created, assigned, transitions, handoffs, notifications', async () => {
    const kinds = await db().selectFrom('case_events').select('kind').select((eb) => eb.fn.countAll<number>().as('n')).groupBy('kind').execute();
    const byKind = Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n)]));
    for (const kind of ['created', 'assigned', 'status_changed', 'handoff_created', 'handoff_answered', 'notification_sent', 'merged']) {
      expect(byKind[kind], kind).toBeGreaterThan(0);
    }
    const total = await db().selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(byKind.created).toBe(Number(total.n));
    // The last status_changed event of every case names the status it is in.
    const last = await sql<{ number: string; status: string; to: string | null }>`
      SELECT c.number, c.status,
             (SELECT e.data->>'to' FROM case_events e WHERE e.case_id = c.id AND e.kind = 'status_changed' ORDER BY e.at DESC, e.id DESC LIMIT 1) AS to
        FROM cases c WHERE c.merged_into_id IS NULL`.execute(db());
    for (const r of last.rows) expect(r.to ?? 'new', r.number).toBe(r.status);
  });

  it('numbers cases uniquely, in the order they were created', async () => {
    const rows = await db().selectFrom('cases').select(['number', 'created_at']).orderBy('number').execute();
    expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);
    expect(rows[0]!.number).toBe('ESC-000001');
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.created_at >= rows[i - 1]!.created_at, rows[i]!.number).toBe(true);
  });

  it('repeats accounts: some accounts escalate the same category again within 30 days', async () => {
    const accounts = await db().selectFrom('accounts').select(['tier', 'region']).execute();
    expect(accounts.length).toBeGreaterThan(200);
    expect(accounts.some((a) => a.tier === 'vip')).toBe(true);
    expect(accounts.some((a) => a.tier === 'key')).toBe(true);
    const repeats = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM cases a JOIN cases b
          ON b.account_id = a.account_id AND b.category_code = a.category_code
         AND b.created_at > a.created_at AND b.created_at < a.created_at + interval '30 days'`.execute(db());
    expect(repeats.rows[0]!.n).toBeGreaterThan(20);
  });

  it('queues what the live system would: auto-close of resolved cases, reminders of open handoffs', async () => {
    const now = new Date(NOW);
    const resolved = await db().selectFrom('cases').select('id').where('status', '=', 'resolved').execute();
    const autoClose = await db().selectFrom('jobs').select(['payload', 'run_at']).where('kind', '=', 'cases.auto_close').execute();
    expect(autoClose.length).toBe(resolved.length);
    expect(autoClose.every((j) => j.run_at > now)).toBe(true);
    const open = await db().selectFrom('handoffs').select('id').where('status', '=', 'open').where('reminders_sent', '<', 3).execute();
    const reminders = await db().selectFrom('jobs').select('id').where('kind', '=', 'handoffs.remind').execute();
    expect(reminders.length).toBe(open.length);
  });

  it('writes one audit entry for the whole load and loads nothing twice', async () => {
    const audit = await db().selectFrom('audit_log').select(['action', 'after']).where('action', '=', 'demo.loaded').execute();
    expect(audit).toHaveLength(1);
    expect(await loadDemo(deps, cliActor)).toEqual({ loaded: false, reason: 'the database already has users' });
  });

  it('gives every case the SLA clocks its timestamps imply, and open cases a place in the due queue', async () => {
    const clocks = await db().selectFrom('sla_clocks').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute();
    const byState = Object.fromEntries(clocks.map((c) => [c.state, Number(c.n)]));
    expect(byState.stopped).toBeGreaterThan(1000);
    expect(byState.running).toBeGreaterThan(50);
    const missed = await db().selectFrom('sla_clocks').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '=', 'stopped').where('breached_at', 'is not', null).executeTakeFirstOrThrow();
    expect(Number(missed.n)).toBeGreaterThan(0);
    const queued = await db().selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('sla_due_at', 'is not', null).executeTakeFirstOrThrow();
    expect(Number(queued.n)).toBeGreaterThan(50);
  });

  it('has Tier 1 contacts for every day, category and region, so the escalation rate has a denominator', async () => {
    const q = parseMetricQuery('escalation_rate', { groupBy: 'region' }, { defaultTimeZone: deps.config.timeZone, now: Date.parse(NOW) });
    const rate = await computeMetric(deps, cliActor, q);
    expect(rate.rows.map((r) => r.group)).toEqual(expect.arrayContaining(['MY', 'SG', 'CN']));
    // A few per cent of Tier 1 contacts are escalated, as on a real desk.
    expect(rate.total.value).toBeGreaterThan(0.005);
    expect(rate.total.value).toBeLessThan(0.1);
    const volume = await computeMetric(deps, cliActor, parseMetricQuery('volume_created', {}, { defaultTimeZone: deps.config.timeZone, now: Date.parse(NOW) }));
    expect(rate.total.count).toBe(volume.total.count);
  });

  it('is the same data on every run with the same seed', async () => {
    const second = await testDatabase();
    try {
      const loaded = await loadInto(second);
      console.log(`second demo load on ${second.backend}: ${loaded.ms} ms`);
      const read = (d: Deps) => d.db.selectFrom('cases').select(['number', 'title', 'status', 'priority', 'language', 'created_at']).orderBy('number').execute();
      const [a, b] = [await read(deps), await read(loaded.deps)];
      expect(b.map((r) => r.title)).toEqual(a.map((r) => r.title));
      expect(b).toEqual(a);
    } finally {
      await second.close();
    }
    // Two full loads: generous for a loaded 2-core machine.
  }, 120_000);

  it('comes with routing rules and a legal ladder that a new Malay legal threat follows', async () => {
    const { fileCase } = await import('../src/domains/cases/file-case.js');
    const rules = await db().selectFrom('routing_rules').select('name').orderBy('position').execute();
    expect(rules.map((r) => r.name)).toEqual([
      'Legal threats in any language',
      'Chinese payments cases to the CN sellers team',
      'VIP sellers are P2 at least',
      'Third case in 30 days is a repeat',
    ]);
    const { view } = await fileCase(deps, cliActor, {
      title: 'Akaun digantung tanpa sebab',
      description: 'Saya akan bawa perkara ini ke mahkamah jika akaun tidak dipulihkan.',
      category: 'account/suspension-appeal',
      account: { type: 'seller', externalId: 'DEMO-LEGAL-1', name: 'Kedai Baru', region: 'MY', tier: 'vip' },
      source: 'crm',
    });
    expect(view.flags.sort()).toEqual(['legal_threat', 'vip']);
    expect(view.priority).toBe('P2');
    const escalations = await db().selectFrom('critical_escalations').select(['status', 'pages_sent']).where('case_id', '=', view.id).execute();
    expect(escalations).toEqual([{ status: 'open', pages_sent: 1 }]);
  });
  // Last: it adds cases to the demo the other tests read.
  it('grows to more cases with their comments, handoffs, surveys, clocks and metric units (closeloop demo --cases)', async () => {
    const before = await countCases(db());
    const tables = ['case_comments', 'handoffs', 'csat_surveys', 'sla_clocks', 'metric_units'] as const;
    const count = async (table: (typeof tables)[number]) => Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rowsBefore = Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(t)] as const)));
    const seen: number[] = [];
    const added = await growCases(db(), await readDirectory(db()), before + 2500, { progress: (done) => seen.push(done) });
    expect(added).toBe(2500);
    expect(seen).toEqual([before + 2000, before + 2500]);
    const more = async (t: (typeof tables)[number]) => (await count(t)) - rowsBefore[t]!;
    expect(await more('case_comments')).toBeGreaterThan(2500);
    expect(await more('handoffs')).toBeGreaterThan(500);
    expect(await more('csat_surveys')).toBeGreaterThan(1000);
    expect(await more('sla_clocks')).toBe(2 * 2500);
    expect(await more('metric_units')).toBeGreaterThan(3 * 2500);
    // Nothing to do when the database already holds as many.
    expect(await growCases(db(), await readDirectory(db()), before)).toBe(0);
  }, 120_000);

});
