import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import type { DbHandle } from '../src/db/pool.js';
import { createApiToken } from '../src/domains/identity/api-tokens.js';
import { growCases, readDirectory } from '../src/demo/grow.js';
import { countCases } from '../src/domains/cases/queries.js';
import { loadDemo } from '../src/demo/load-demo.js';
import { listCases } from '../src/domains/cases/list-cases.js';
import { computeMetric } from '../src/domains/metrics/compute.js';
import { parseMetricQuery } from '../src/domains/metrics/query.js';
import { STATUSES } from '../src/domains/cases/status-machine.js';
import { cliActor } from '../src/platform/actor.js';
import { ManualClock } from '../src/platform/clock.js';
import type { Deps } from '../src/platform/deps.js';
import { searchTokens } from '../src/platform/text/search-tokens.js';
import { DEMO_CATEGORIES } from '../src/demo/texts.js';
import { testConfig, testDatabase } from './harness.js';

const NOW = '2026-11-23T01:00:00Z';
let database: DbHandle;
let deps: Deps;

async function loadInto(handle: DbHandle): Promise<{ deps: Deps; ms: number }> {
  const d: Deps = { db: handle.db, clock: new ManualClock(NOW), config: testConfig() };
  const started = performance.now();
  const result = await loadDemo(d, cliActor, (msg) => {
    if (msg.includes('knowledge')) console.log(msg);
  });
  const ms = Math.round(performance.now() - started);
  expect(result.loaded).toBe(true);
  return { deps: d, ms };
}

beforeAll(async () => {
  database = await testDatabase();
  const loaded = await loadInto(database);
  deps = loaded.deps;
  console.log(`demo load on ${database.backend}: ${loaded.ms} ms`);
  // One full load: generous for a loaded 2-core machine.
}, 120_000);
afterAll(() => database?.close());

const db = () => deps.db;

// The variables of the templates contract (GET /templates/variables).
const TEMPLATE_VARIABLES = new Set([
  'account.name', 'account.contactName', 'case.number', 'case.title', 'case.category', 'case.priority',
  'case.dueAt', 'case.firstResponseDueAt', 'agent.name', 'requester.name', 'team.name',
]);

describe('demo knowledge base', () => {
  const articles = () =>
    db()
      .selectFrom('articles as a')
      .leftJoin('users as c', 'c.id', 'a.created_by')
      .leftJoin('users as p', 'p.id', 'a.published_by')
      .selectAll('a')
      .select(['c.role as author_role', 'p.role as publisher_role', 'p.id as publisher_id'])
      .orderBy('a.number')
      .execute();

  it('has about 60 articles, mostly published, some in draft, in review and archived, across the demo categories', async () => {
    const rows = await articles();
    const variants = await db().selectFrom('article_variants').select(['article_id', 'language']).execute();
    const byStatus: Record<string, number> = {};
    for (const a of rows) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
    const byLanguage: Record<string, number> = {};
    for (const v of variants) byLanguage[v.language] = (byLanguage[v.language] ?? 0) + 1;
    const languagesPer = new Map<string, number>();
    for (const v of variants) languagesPer.set(v.article_id, (languagesPer.get(v.article_id) ?? 0) + 1);
    const bySize: Record<number, number> = {};
    for (const n of languagesPer.values()) bySize[n] = (bySize[n] ?? 0) + 1;
    console.log('articles by status', byStatus, 'variants by language', byLanguage, 'articles by number of languages', bySize);
    expect(rows.length).toBeGreaterThanOrEqual(55);
    expect(rows.length).toBeLessThanOrEqual(65);
    expect(byStatus.published).toBeGreaterThan(rows.length * 0.7);
    expect(byStatus.draft).toBeGreaterThanOrEqual(3);
    expect(byStatus.in_review).toBeGreaterThanOrEqual(3);
    expect(byStatus.archived).toBeGreaterThanOrEqual(2);
    expect(byLanguage.en).toBeGreaterThan(45);
    expect(byLanguage.zh).toBeGreaterThan(30);
    expect(byLanguage.ms).toBeGreaterThan(30);
    expect(languagesPer.size).toBe(rows.length);
    for (const n of [1, 2, 3]) expect(bySize[n], `articles in ${n} languages`).toBeGreaterThan(3);
    for (const category of DEMO_CATEGORIES) expect(rows.filter((a) => a.category_code === category).length, category).toBeGreaterThanOrEqual(3);
    expect(rows.some((a) => a.category_code === null)).toBe(true);
    // Numbered in the order they were written; tags and an owner team on most.
    expect(rows.map((a) => a.number)).toEqual(rows.map((_, i) => `KB-${String(i + 1).padStart(5, '0')}`));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.created_at >= rows[i - 1]!.created_at, rows[i]!.number).toBe(true);
    expect(rows.every((a) => a.tags.length > 0)).toBe(true);
    expect(rows.filter((a) => a.team_id).length).toBeGreaterThan(rows.length / 2);
  });

  it('moves each article through its states with the timestamps and people of each step', async () => {
    const now = new Date(NOW);
    const leads = await db().selectFrom('team_members as m').innerJoin('users as u', 'u.id', 'm.user_id').select(['m.team_id', 'm.user_id']).where('u.role', '=', 'lead').execute();
    for (const a of await articles()) {
      const at = (d: Date | null) => d?.getTime() ?? null;
      expect(['specialist', 'lead', 'qa', 'manager', 'admin'], a.number).toContain(a.author_role);
      expect(a.created_at <= a.updated_at && a.updated_at <= now, a.number).toBe(true);
      expect(a.submitted_at === null, a.number).toBe(a.status === 'draft');
      expect(a.published_at === null, a.number).toBe(a.status === 'draft' || a.status === 'in_review');
      expect(a.archived_at === null, a.number).toBe(a.status !== 'archived');
      if (a.submitted_at) expect(at(a.submitted_at)! >= at(a.created_at)! && a.submitted_by !== null, a.number).toBe(true);
      if (a.published_at) {
        expect(at(a.published_at)! >= at(a.submitted_at)!, a.number).toBe(true);
        // Publishers: a lead of the article's team (or of none), a manager or an admin.
        expect(['lead', 'manager', 'admin'], a.number).toContain(a.publisher_role);
        if (a.publisher_role === 'lead' && a.team_id) expect(leads.some((l) => l.team_id === a.team_id && l.user_id === a.publisher_id), a.number).toBe(true);
      }
      if (a.archived_at) expect(at(a.archived_at)! >= at(a.published_at)!, a.number).toBe(true);
    }
  });

  it('gives every variant a title, a Markdown body and the search keys of both', async () => {
    const variants = await db().selectFrom('article_variants').selectAll().execute();
    for (const v of variants) {
      expect(v.title.trim().length, v.article_id).toBeGreaterThan(0);
      expect(v.title.length).toBeLessThanOrEqual(200);
      expect(v.body).toMatch(/^## /);
      expect(v.body.length).toBeGreaterThan(150);
      expect(v.title_tokens.length).toBeGreaterThan(0);
      expect(v.body_tokens.length).toBeGreaterThan(20);
      expect([...v.title_tokens].sort()).toEqual(searchTokens(v.title).sort());
      expect([...v.body_tokens].sort()).toEqual(searchTokens(v.body).sort());
    }
    // Found through the keys: a Chinese substring, a Malay word.
    const zh = await sql<{ title: string }>`SELECT title FROM article_variants WHERE title_tokens @> ARRAY['提现']::text[]`.execute(db());
    expect(zh.rows.length).toBeGreaterThan(1);
    expect(zh.rows.every((r) => r.title.includes('提现'))).toBe(true);
    const ms = await sql<{ language: string }>`SELECT language FROM article_variants WHERE body_tokens @> ARRAY['pengeluaran']::text[]`.execute(db());
    expect(ms.rows.length).toBeGreaterThan(1);
    expect(ms.rows.every((r) => r.language === 'ms')).toBe(true);
  });

  it('keeps versions 1 … version of every article, the latest equal to what it holds now', async () => {
    const rows = await articles();
    const versions = await db().selectFrom('article_versions').selectAll().orderBy('article_id').orderBy('version').execute();
    const variants = await db().selectFrom('article_variants').select(['article_id', 'language', 'title', 'body']).execute();
    for (const a of rows) {
      const own = versions.filter((v) => v.article_id === a.id);
      expect(own.map((v) => v.version), a.number).toEqual(Array.from({ length: a.version }, (_, i) => i + 1));
      expect(own[0]!.saved_at.getTime(), a.number).toBe(a.created_at.getTime());
      expect(own[0]!.saved_by, a.number).toBe(a.created_by);
      for (let i = 1; i < own.length; i++) {
        expect(own[i]!.saved_at >= own[i - 1]!.saved_at, a.number).toBe(true);
        expect(own[i]!.variants, `${a.number} v${i + 1} changed something`).not.toEqual(own[i - 1]!.variants);
      }
      const latest = own.at(-1)!;
      const current = Object.fromEntries(variants.filter((v) => v.article_id === a.id).map((v) => [v.language, { title: v.title, body: v.body }]));
      expect(latest.variants, a.number).toEqual(current);
      expect(latest.tags, a.number).toEqual(a.tags);
      expect(latest.category_code, a.number).toBe(a.category_code);
      expect(latest.team_id, a.number).toBe(a.team_id);
    }
    expect(rows.filter((a) => a.version > 1).length).toBeGreaterThanOrEqual(5);
  });

  it('links articles to the demo cases they were used on, with the counters in step', async () => {
    const now = new Date(NOW);
    const rows = await articles();
    const links = await db()
      .selectFrom('article_case_links as l')
      .innerJoin('cases as c', 'c.id', 'l.case_id')
      .select(['l.article_id', 'l.case_id', 'l.linked_by', 'l.linked_at', 'l.helped', 'c.category_code', 'c.status', 'c.resolved_at', 'c.created_at', 'c.assignee_id'])
      .execute();
    console.log('article case links', links.length, 'helped', links.filter((l) => l.helped === true).length, 'not helped', links.filter((l) => l.helped === false).length);
    expect(links.length).toBeGreaterThan(200);
    expect(links.some((l) => l.helped === false)).toBe(true);
    expect(links.some((l) => l.helped === null)).toBe(true);
    for (const a of rows) {
      const own = links.filter((l) => l.article_id === a.id);
      expect(a.use_count, a.number).toBe(own.length);
      expect(a.helped_count, a.number).toBe(own.filter((l) => l.helped === true).length);
      const last = own.length ? Math.max(...own.map((l) => l.linked_at.getTime())) : null;
      expect(a.last_used_at?.getTime() ?? null, a.number).toBe(last);
      for (const l of own) {
        expect(l.linked_at <= now && l.linked_at >= l.created_at, a.number).toBe(true);
        expect(l.linked_by, a.number).not.toBeNull();
        if (a.category_code) expect(l.category_code === a.category_code || l.category_code.startsWith(`${a.category_code}/`), a.number).toBe(true);
        if (l.case_id === a.source_case_id) continue;
        if (l.resolved_at) expect(l.linked_at <= l.resolved_at, a.number).toBe(true);
        // Used while published: drafts and reviews are not linked, archived ones only before archiving.
        expect(a.published_at !== null && l.linked_at >= a.published_at, a.number).toBe(true);
        if (a.archived_at) expect(l.linked_at <= a.archived_at, a.number).toBe(true);
      }
    }
    expect(rows.filter((a) => a.status === 'published' && a.use_count > 10).length).toBeGreaterThan(15);
    // A few began as a logged Q&A: their source case was resolved before they were written, and is linked.
    const logged = rows.filter((a) => a.source_case_id);
    expect(logged.length).toBeGreaterThan(0);
    const qaLogged = await db().selectFrom('case_events').select(['case_id', 'at', 'actor_id', 'data']).where('kind', '=', 'qa_logged').execute();
    expect(qaLogged).toHaveLength(logged.length);
    for (const a of logged) {
      const link = links.find((l) => l.article_id === a.id && l.case_id === a.source_case_id);
      expect(link, a.number).toBeDefined();
      expect(['resolved', 'closed']).toContain(link!.status);
      expect(link!.resolved_at! <= a.created_at, a.number).toBe(true);
      // The case's timeline says so, as POST /cases/{id}/log-qa leaves it.
      const event = qaLogged.find((e) => e.case_id === a.source_case_id);
      expect(event, a.number).toMatchObject({ at: a.created_at, actor_id: a.created_by, data: { article: { id: a.id, number: a.number } } });
    }
  });

  it('has response templates for common replies in three languages, using only the contract variables', async () => {
    const templates = await db().selectFrom('response_templates').selectAll().execute();
    const byLanguage: Record<string, number> = {};
    for (const t of templates) byLanguage[t.language] = (byLanguage[t.language] ?? 0) + 1;
    console.log('templates by language', byLanguage);
    for (const language of ['en', 'zh', 'ms']) expect(byLanguage[language], language).toBeGreaterThanOrEqual(15);
    expect(templates.some((t) => !t.active)).toBe(true);
    expect(templates.some((t) => t.category_code === null)).toBe(true);
    expect(templates.some((t) => t.category_code === 'payments/withdrawal-delayed')).toBe(true);
    for (const t of templates) {
      // Each used once in order of first use, as saving it records them; braces balanced (none left once they are taken out).
      const used = [...new Set([...t.body.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]!))];
      expect(t.variables, t.name).toEqual(used);
      expect(t.body.replace(/\{\{\s*[\w.]+\s*\}\}/g, '')).not.toMatch(/[{}]/);
      for (const v of t.variables) expect(TEMPLATE_VARIABLES.has(v), `${t.name}: ${v}`).toBe(true);
      expect(t.name.length).toBeLessThanOrEqual(120);
      expect(t.body.length).toBeLessThanOrEqual(10_000);
    }
    const used = new Set(templates.flatMap((t) => t.variables));
    for (const v of ['account.name', 'case.number', 'agent.name', 'case.dueAt', 'requester.name']) expect(used.has(v), v).toBe(true);
  });

  it('reads through the API: lists, articles with rendered HTML, versions and diffs, Chinese search, suggestions on an open case', async () => {
    const app = await buildApp({ config: deps.config, database, clock: deps.clock as ManualClock, webDist: null });
    try {
      await app.ready();
      const tokenOf = async (email: string) => {
        const user = await db().selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
        const { token } = await createApiToken(deps, cliActor, { name: 'demo test', userId: user.id });
        return { authorization: `Bearer ${token}` };
      };
      const specialist = await tokenOf('wei.chen@closeloop.test');
      const requester = await tokenOf('jun.zhang@closeloop.test');
      const get = async (url: string, headers: Record<string, string>) => {
        const res = await app.inject({ method: 'GET', url: `/api/v1${url}`, headers });
        expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
        return res.json();
      };
      const list = await get('/articles?status=in_review&lang=zh', specialist);
      expect(list.items.length).toBeGreaterThanOrEqual(3);
      const versioned = await db().selectFrom('articles').select(['number', 'version']).where('version', '>', 2).where('use_count', '>', 0).orderBy('number').executeTakeFirstOrThrow();
      const article = await get(`/articles/${versioned.number}`, specialist);
      expect(article.variants.zh.html).toContain('<h2>');
      expect(article.variants.en.html).toContain('<ol>');
      expect(article.usage.cases).toBeGreaterThan(0);
      const versions = await get(`/articles/${versioned.number}/versions`, specialist);
      expect(versions.items.map((v: { version: number }) => v.version)).toEqual(Array.from({ length: versioned.version }, (_, i) => versioned.version - i));
      const diff = await get(`/articles/${versioned.number}/diff?from=1&to=${versioned.version}`, specialist);
      expect(diff.changes.length).toBeGreaterThan(0);
      // A Tier 1 agent finds published articles by a Chinese substring, and no drafts.
      const found = await get(`/search?q=${encodeURIComponent('提现')}&types=article&lang=zh`, requester);
      expect(found.items.length).toBeGreaterThan(1);
      expect(found.items.every((i: { status: string }) => i.status === 'published')).toBe(true);
      const open = await db()
        .selectFrom('cases')
        .select('id')
        .where('status', '=', 'in_progress')
        .where('category_code', '=', 'payments/withdrawal-delayed')
        .orderBy('number')
        .executeTakeFirstOrThrow();
      const suggestions = await get(`/cases/${open.id}/suggestions`, specialist);
      expect(suggestions.articles.length).toBeGreaterThan(0);
      expect(suggestions.cases.length).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });
});

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
      const knowledge = (d: Deps) =>
        d.db
          .selectFrom('articles as a')
          .innerJoin('article_variants as v', 'v.article_id', 'a.id')
          .select(['a.number', 'a.status', 'a.version', 'a.use_count', 'a.helped_count', 'a.created_at', 'v.language', 'v.title'])
          .orderBy('a.number')
          .orderBy('v.language')
          .execute();
      expect(await knowledge(loaded.deps)).toEqual(await knowledge(deps));
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
    // The grown open cases carry their soonest due and SLA state, as the queue sorts and shows them.
    const open = await db()
      .selectFrom('cases as c')
      .innerJoin('sla_clocks as k', 'k.case_id', 'c.id')
      .select(['c.sla_due_at', 'c.sla_state', 'k.due_at'])
      .where('k.state', '=', 'running')
      .where('k.policy_name', '=', 'demo (derived)')
      .execute();
    expect(open.length).toBeGreaterThan(0);
    for (const c of open) {
      expect(c.sla_due_at).not.toBeNull();
      expect(c.sla_due_at!.getTime()).toBeLessThanOrEqual(c.due_at!.getTime());
      expect(c.sla_state).not.toBeNull();
    }
    // A case that left the open statuses keeps no running clock (closing stops them), so no due date.
    const settled = await db()
      .selectFrom('cases as c')
      .innerJoin('sla_clocks as k', 'k.case_id', 'c.id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('c.status', 'in', ['resolved', 'closed'])
      .where((eb) => eb.or([eb('k.state', '=', 'running'), eb('c.sla_due_at', 'is not', null)]))
      .executeTakeFirstOrThrow();
    expect(Number(settled.n)).toBe(0);
    // Nothing to do when the database already holds as many.
    expect(await growCases(db(), await readDirectory(db()), before)).toBe(0);
  }, 120_000);

});
