// Knowledge articles over the API on a real database: limits named by field, sanitised HTML,
// the lifecycle and who may move it, versions and their word diff (Chinese by word), log
// Q&A with personal data removed, and links to cases with their usage counters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/domains/identity/api-tokens.js';
import { createTeam } from '../src/domains/identity/teams.js';
import { createUser } from '../src/domains/identity/users.js';
import { cliActor } from '../src/platform/actor.js';
import { type TestContext, type TestUser, bearer, testApp } from './harness.js';

let ctx: TestContext;
let payments: { id: string };
let legal: { id: string };
let otherRequester: TestUser;

beforeAll(async () => {
  ctx = await testApp();
  payments = await createTeam(ctx.deps, cliActor, { name: 'Payments desk', kind: 'service' });
  legal = await createTeam(ctx.deps, cliActor, { name: 'Legal desk', kind: 'service' });
  // The test lead leads Payments only.
  await ctx.deps.db.insertInto('team_members').values({ team_id: payments.id, user_id: ctx.users.lead.id }).execute();
  const user = await createUser(ctx.deps, cliActor, { email: 'other.requester@example.test', displayName: 'Other requester', role: 'requester', password: 'correct horse battery' });
  const { token } = await createApiToken(ctx.deps, cliActor, { name: 'test', userId: user.id });
  otherRequester = { id: user.id, email: user.email, role: 'requester', token };
});
afterAll(() => ctx.close());

type Who = keyof TestContext['users'] | TestUser;
const call = (who: Who, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  ctx.app.inject({ method, url: `/api/v1${url}`, headers: bearer(typeof who === 'string' ? ctx.users[who] : who), ...(payload ? { payload } : {}) });
const fields = (res: { json: () => { errors?: Array<{ field: string }> } }) => (res.json().errors ?? []).map((e) => e.field);
const count = async (table: 'articles' | 'article_versions' | 'article_variants') =>
  Number((await ctx.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const audits = async (id: string) =>
  (await ctx.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).orderBy('id').execute()).map((a) => a.action);

const withdrawal = () => ({
  category: 'payments/payout-hold',
  tags: ['payout', ' risk ', 'payout'],
  team: payments.id,
  variants: {
    en: { title: 'Payout held after a campaign spike', body: 'The **risk check** holds payouts after a sudden rise in orders.' },
    zh: { title: '活动后提现被冻结', body: '卖家提现一直没有到账，请检查银行账户。' },
  },
});

async function create(who: Who = 'specialist', body: object = withdrawal()) {
  const res = await call(who, 'POST', '/articles', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

let seq = 0;
async function fileCase(over: Record<string, unknown> = {}, who: Who = 'requester') {
  seq += 1;
  const res = await call(who, 'POST', '/cases', {
    title: '提现一直没有到账',
    description: '卖家说提现已经三天了还没有到账，请帮忙查一下。联系邮箱 chen.li@example.com，电话 +86 138 0013 8000。陈记小店的银行卡 6222 0212 3456 7890。',
    category: 'payments/payout-hold',
    account: { type: 'seller', externalId: `KB-${seq}`, name: '陈记小店', region: 'CN' },
    source: 'crm',
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('writing articles', () => {
  it('creates a draft at version 1 with every language rendered, readable by id or number', async () => {
    const article = await create();
    expect(article).toMatchObject({
      status: 'draft',
      version: 1,
      category: 'payments/payout-hold',
      tags: ['payout', 'risk'],
      team: { id: payments.id, name: 'Payments desk' },
      sourceCase: null,
      createdBy: { id: ctx.users.specialist.id },
      usage: { cases: 0, helped: 0, lastUsedAt: null },
      submittedAt: null,
      publishedAt: null,
    });
    expect(article.number).toMatch(/^KB-\d{5}$/);
    expect(article.variants.en.html).toContain('<strong>risk check</strong>');
    expect(article.variants.zh).toMatchObject({ title: '活动后提现被冻结', html: '<p>卖家提现一直没有到账，请检查银行账户。</p>\n' });
    expect(article.variants.ms).toBeUndefined();
    const byNumber = await call('qa', 'GET', `/articles/${article.number.toLowerCase()}`);
    expect(byNumber.json().id).toBe(article.id);
    expect(await audits(article.id)).toEqual(['article.created']);
  });

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const before = [await count('articles'), await count('article_versions'), await count('article_variants')];
    const cases: Array<[object, string[]]> = [
      [{ variants: {} }, ['variants']],
      [{ variants: { zh: { title: 'x'.repeat(201), body: 'ok' } } }, ['variants.zh.title']],
      [{ variants: { en: { title: 'ok', body: 'b'.repeat(50_001) } } }, ['variants.en.body']],
      [{ variants: { en: { title: '   ', body: 'ok' } } }, ['variants.en.title']],
      [{ variants: { fr: { title: 'x', body: 'y' } } }, ['variants.fr']],
      [{ ...withdrawal(), tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, ['tags']],
      [{ ...withdrawal(), tags: ['a', 'b', 'c', 'x'.repeat(41)] }, ['tags[3]']],
      [{ ...withdrawal(), category: 'no/such-category' }, ['category']],
      [{ ...withdrawal(), team: '00000000-0000-4000-8000-000000000000' }, ['team']],
      [{ ...withdrawal(), colour: 'red' }, ['colour']],
    ];
    for (const [body, expected] of cases) {
      const res = await call('specialist', 'POST', '/articles', body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(fields(res)).toEqual(expected);
    }
    // A partner team is not an owner either.
    const partnerTeam = await createTeam(ctx.deps, cliActor, { name: 'Bank partner', kind: 'partner' });
    expect(fields(await call('specialist', 'POST', '/articles', { ...withdrawal(), team: partnerTeam.id }))).toEqual(['team']);
    expect([await count('articles'), await count('article_versions'), await count('article_variants')]).toEqual(before);
  });

  it('renders Markdown safely: raw HTML escaped, script links dropped', async () => {
    const body = [
      '<script>alert(1)</script>',
      '[click](javascript:alert(1)) [again](JaVaScRiPt:alert(2)) [entity](&#106;avascript:alert(3))',
      '<img src=x onerror=alert(4)>',
      '[ok](https://example.com/help)',
    ].join('\n\n');
    const article = await create('specialist', { variants: { en: { title: 'Unsafe <b>title</b>', body } } });
    const html: string = article.variants.en.html;
    expect(html).not.toMatch(/<script|<img|href="javascript|href="&#106;/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<a href="https://example.com/help" rel="noopener noreferrer nofollow">ok</a>');
    expect(article.variants.en.title).toBe('Unsafe <b>title</b>');
    const preview = await call('specialist', 'POST', '/articles/preview', { body });
    expect(preview.json()).toEqual({ html });
    expect((await call('requester', 'POST', '/articles/preview', { body })).statusCode).toBe(403);
  });
});

describe('lifecycle and access', () => {
  it('moves draft → in_review → published → archived → draft, each by the right people', async () => {
    const article = await create();
    const url = `/articles/${article.id}`;
    // Requesters read published knowledge only; drafts are "not found" to them.
    expect((await call('requester', 'GET', url)).statusCode).toBe(404);
    expect((await call('partner', 'GET', url)).statusCode).toBe(403);
    expect((await call('requester', 'POST', '/articles', withdrawal())).statusCode).toBe(403);

    expect((await call('specialist', 'POST', `${url}/publish`)).statusCode).toBe(403);
    const submitted = await call('specialist', 'POST', `${url}/submit`);
    expect(submitted.json()).toMatchObject({ status: 'in_review', abilities: { edit: true, submit: false, publish: false } });
    expect(submitted.json().submittedAt).not.toBeNull();
    expect((await call('specialist', 'POST', `${url}/submit`)).json()).toMatchObject({ code: 'invalid_transition', status: 409 });

    const queue = (await call('lead', 'GET', '/articles?status=in_review')).json().items;
    expect(queue.map((a: { id: string }) => a.id)).toContain(article.id);

    const published = await call('lead', 'POST', `${url}/publish`);
    expect(published.json()).toMatchObject({ status: 'published', abilities: { edit: true, archive: true, publish: false } });
    expect((await call('lead', 'POST', `${url}/publish`)).statusCode).toBe(409);
    expect((await call('requester', 'GET', url)).json()).toMatchObject({ status: 'published', abilities: { edit: false, history: false } });

    // Once published, only a publisher of this article edits it; it stays published, a new version.
    expect((await call('specialist', 'PATCH', url, { version: 1, tags: ['x'] })).statusCode).toBe(403);
    const edited = await call('lead', 'PATCH', url, { version: 1, tags: ['payout', 'campaign'] });
    expect(edited.json()).toMatchObject({ status: 'published', version: 2, tags: ['payout', 'campaign'] });

    const archived = await call('manager', 'POST', `${url}/archive`);
    expect(archived.json()).toMatchObject({ status: 'archived', abilities: { edit: false, restore: true } });
    expect((await call('lead', 'PATCH', url, { version: 2, tags: ['y'] })).json()).toMatchObject({ status: 409, code: 'article_archived' });
    expect((await call('requester', 'GET', url)).statusCode).toBe(404);
    expect((await call('admin', 'POST', `${url}/archive`)).statusCode).toBe(409);
    const restored = await call('lead', 'POST', `${url}/restore`);
    expect(restored.json()).toMatchObject({ status: 'draft', archivedAt: null });
    expect(await audits(article.id)).toEqual(['article.created', 'article.submitted', 'article.published', 'article.updated', 'article.archived', 'article.restored']);
  });

  it("lets a lead publish only their teams' articles and unowned ones", async () => {
    const theirs = await create('specialist', { ...withdrawal(), team: legal.id });
    expect((await call('lead', 'GET', `/articles/${theirs.id}`)).json().abilities.publish).toBe(false);
    expect((await call('lead', 'POST', `/articles/${theirs.id}/publish`)).statusCode).toBe(403);
    expect((await call('manager', 'POST', `/articles/${theirs.id}/publish`)).json().status).toBe('published');
    const unowned = await create('specialist', { ...withdrawal(), team: null });
    expect((await call('lead', 'POST', `/articles/${unowned.id}/publish`)).json().status).toBe('published');
  });

  it('lists with filters, titles in the asked language or a marked fallback, and cursor pages', async () => {
    const ms = await create('specialist', { category: 'payments', variants: { ms: { title: 'Pengeluaran tertangguh', body: 'Semak akaun bank penjual.' } } });
    await call('admin', 'POST', `/articles/${ms.id}/publish`);
    const zh = (await call('requester', 'GET', '/articles?lang=zh&limit=100')).json().items;
    expect(zh.every((a: { status: string }) => a.status === 'published')).toBe(true);
    expect(zh.find((a: { id: string }) => a.id === ms.id)).toMatchObject({ title: 'Pengeluaran tertangguh', language: 'ms', fallback: true });
    const own = zh.find((a: { fallback: boolean; language: string }) => !a.fallback);
    expect(own.language).toBe('zh');
    expect((await call('requester', 'GET', '/articles?status=draft')).statusCode).toBe(403);

    // A Chinese substring and a Malay word find articles; category takes its subcategories.
    const chinese = (await call('specialist', 'GET', '/articles?q=提现&lang=zh')).json().items;
    expect(chinese.length).toBeGreaterThan(0);
    expect(chinese.map((a: { id: string }) => a.id)).not.toContain(ms.id);
    expect((await call('specialist', 'GET', '/articles?q=akaun%20BANK')).json().items.map((a: { id: string }) => a.id)).toEqual([ms.id]);
    const underPayments = (await call('specialist', 'GET', '/articles?category=payments&limit=100')).json().items;
    expect(underPayments.some((a: { category: string }) => a.category === 'payments/payout-hold')).toBe(true);
    expect((await call('specialist', 'GET', '/articles?q=%20%2C')).statusCode).toBe(400);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ id: string }>; nextCursor: string | null } = (await call('specialist', 'GET', `/articles?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = (await call('specialist', 'GET', '/articles?limit=100')).json().items.map((a: { id: string }) => a.id);
    expect(seen).toEqual(all);
    expect(fields(await call('specialist', 'GET', '/articles?cursor=bogus'))).toEqual(['cursor']);
  });
});

describe('versions and diff', () => {
  it('keeps every edit as a version, refuses stale ones, and diffs Chinese by word', async () => {
    const article = await create();
    const url = `/articles/${article.id}`;
    const v2 = await call('specialist', 'PATCH', url, { version: 1, variants: { zh: { title: '活动后提现被冻结', body: '卖家提现三天没有到账，请核对银行账户名称。' } } });
    expect(v2.json()).toMatchObject({ version: 2 });
    expect((await call('specialist', 'PATCH', url, { version: 1, tags: ['late'] })).json()).toMatchObject({ status: 409, code: 'stale_version', errors: [{ field: 'version' }] });
    const v3 = await call('lead', 'PATCH', url, { version: 2, variants: { en: null, ms: { title: 'Pengeluaran ditahan', body: 'Semak akaun.' } }, category: 'payments' });
    expect(Object.keys(v3.json().variants).sort()).toEqual(['ms', 'zh']);
    // Nothing changed: no new version.
    expect((await call('lead', 'PATCH', url, { version: 3, tags: ['payout', 'risk'] })).json().version).toBe(3);
    const removeAll = await call('lead', 'PATCH', url, { version: 3, variants: { zh: null, ms: null } });
    expect(removeAll.statusCode).toBe(400);
    expect(fields(removeAll)).toEqual(['variants']);

    const versions = (await call('specialist', 'GET', `${url}/versions`)).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    expect(versions[0]).toMatchObject({ languages: ['zh', 'ms'], savedBy: { id: ctx.users.lead.id } });
    expect(versions[2].languages).toEqual(['en', 'zh']);

    const diff = (await call('specialist', 'GET', `${url}/diff?from=1&to=2`)).json();
    expect(diff.changes.map((c: { field: string }) => c.field)).toEqual(['zh.body']);
    expect(diff.changes[0].parts).toEqual([
      { op: 'equal', text: '卖家提现' },
      { op: 'delete', text: '一直' },
      { op: 'insert', text: '三天' },
      { op: 'equal', text: '没有到账，请' },
      { op: 'delete', text: '检查' },
      { op: 'insert', text: '核对' },
      { op: 'equal', text: '银行账户' },
      { op: 'insert', text: '名称' },
      { op: 'equal', text: '。' },
    ]);
    const wide = (await call('specialist', 'GET', `${url}/diff?from=1&to=3`)).json();
    expect(wide.changes.map((c: { field: string }) => c.field)).toEqual(['en.title', 'en.body', 'zh.body', 'ms.title', 'ms.body', 'category']);
    expect(wide.changes.find((c: { field: string }) => c.field === 'category').parts).toEqual([
      { op: 'delete', text: 'payments/payout-hold' },
      { op: 'insert', text: 'payments' },
    ]);
    expect(wide.changes[0].parts.every((p: { op: string }) => p.op === 'delete')).toBe(true);
    expect(fields(await call('specialist', 'GET', `${url}/diff?from=1&to=9`))).toEqual(['to']);
    expect((await call('requester', 'GET', `${url}/versions`)).statusCode).toBe(403);
  });
});

describe('log Q&A', () => {
  it('turns a resolved case into a draft in its language, without personal data, linked to the case', async () => {
    const kase = await fileCase();
    expect((await call('specialist', 'POST', `/cases/${kase.id}/log-qa`)).json()).toMatchObject({ status: 409, code: 'case_not_resolved' });
    await call('specialist', 'POST', `/cases/${kase.id}/comments`, { body: '已联系银行，请卖家拨打 +60 12-345 6789 或发邮件到 help@bank.example。', visibility: 'requester' });
    await call('specialist', 'POST', `/cases/${kase.id}/comments`, { body: '内部备注：不要外传', visibility: 'internal' });
    await call('requester', 'POST', `/cases/${kase.id}/comments`, { body: '谢谢，卖家陈记小店已确认', visibility: 'requester' });
    const resolved = await call('specialist', 'POST', `/cases/${kase.id}/transitions`, {
      to: 'resolved',
      rootCause: { code: 'bank-rejected', text: '银行因户名不一致拒绝了转账（卡号 6222021234567890）。' },
      resolution: { code: 'reprocessed', summary: '卖家更正户名后重新发起提现，已到账。' },
    });
    expect(resolved.statusCode, resolved.body).toBe(200);

    const res = await call('specialist', 'POST', `/cases/${kase.number}/log-qa`);
    expect(res.statusCode, res.body).toBe(201);
    const article = res.json();
    expect(article).toMatchObject({ status: 'draft', version: 1, category: 'payments/payout-hold', sourceCase: { id: kase.id, number: kase.number }, usage: { cases: 1 } });
    expect(Object.keys(article.variants)).toEqual(['zh']);
    const { title, body } = article.variants.zh;
    expect(title).toBe('提现一直没有到账');
    expect(body).toContain('## 问题');
    expect(body).toContain('## 根本原因\n\n`bank-rejected` — 银行因户名不一致拒绝了转账');
    expect(body).toContain('## 解决方法\n\n`reprocessed` — 卖家更正户名后重新发起提现');
    expect(body).toContain('## 解决问题的回复\n\n> 已联系银行，请卖家拨打 [phone] 或发邮件到 [email]。');
    for (const secret of ['chen.li@example.com', '138 0013 8000', '6222', 'help@bank.example', '345 6789', '陈记小店', '内部备注', '谢谢']) {
      expect(body, secret).not.toContain(secret);
    }
    expect(body).toContain('[account]的银行卡 [number]');

    const links = (await call('specialist', 'GET', `/cases/${kase.id}/articles`)).json().items;
    expect(links).toEqual([expect.objectContaining({ article: expect.objectContaining({ id: article.id, title }), helped: null, linkedBy: expect.objectContaining({ id: ctx.users.specialist.id }) })]);
    const timeline = (await call('specialist', 'GET', `/cases/${kase.id}/timeline`)).json().items;
    expect(timeline.find((e: { kind: string }) => e.kind === 'qa_logged')).toMatchObject({ data: { article: { id: article.id, number: article.number } } });
    expect(await audits(article.id)).toEqual(['article.qa_logged']);
    expect((await call('requester', 'POST', `/cases/${kase.id}/log-qa`)).statusCode).toBe(403);
  });
});

describe('links to cases', () => {
  it('links published articles, counts uses and helps, and shows each caller only their cases', async () => {
    const published = await create();
    await call('lead', 'POST', `/articles/${published.id}/publish`);
    const draft = await create();
    const mine = await fileCase({ title: 'Payout held', description: 'Payout held after campaign' });
    const theirs = await fileCase({ title: 'Another payout held', description: 'Same again' }, otherRequester);

    const first = await call('specialist', 'POST', `/cases/${mine.id}/articles`, { articleId: published.id });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ article: { id: published.id, usage: { cases: 1, helped: 0 } }, helped: null });
    const again = await call('specialist', 'POST', `/cases/${mine.id}/articles`, { articleId: published.id });
    expect(again.statusCode).toBe(200);
    expect(again.json().linkedAt).toBe(first.json().linkedAt);
    expect((await call('specialist', 'POST', `/cases/${theirs.id}/articles`, { articleId: published.id, helped: true })).statusCode).toBe(201);

    expect((await call('specialist', 'POST', `/cases/${mine.id}/articles`, { articleId: draft.id })).json()).toMatchObject({ status: 409, errors: [{ field: 'articleId' }] });
    expect((await call('lead', 'POST', `/cases/${mine.id}/articles`, { articleId: draft.id })).statusCode).toBe(201);
    expect(fields(await call('specialist', 'POST', `/cases/${mine.id}/articles`, { articleId: '00000000-0000-4000-8000-000000000000' }))).toEqual(['articleId']);

    const marked = await call('specialist', 'PATCH', `/cases/${mine.id}/articles/${published.id}`, { helped: true });
    expect(marked.json()).toMatchObject({ helped: true, article: { usage: { cases: 2, helped: 2 } } });
    await call('specialist', 'PATCH', `/cases/${theirs.id}/articles/${published.id}`, { helped: false });
    const counters = await ctx.deps.db.selectFrom('articles').select(['use_count', 'helped_count', 'last_used_at']).where('id', '=', published.id).executeTakeFirstOrThrow();
    expect(counters).toMatchObject({ use_count: 2, helped_count: 1 });
    expect(counters.last_used_at).not.toBeNull();
    expect((await call('specialist', 'PATCH', `/cases/${mine.id}/articles/00000000-0000-4000-8000-000000000000`, { helped: true })).statusCode).toBe(404);

    // The requester sees the published link on their own case, not the draft; never the other's case.
    const asRequester = (await call('requester', 'GET', `/cases/${mine.id}/articles`)).json().items;
    expect(asRequester.map((l: { article: { id: string } }) => l.article.id)).toEqual([published.id]);
    expect((await call('requester', 'GET', `/cases/${theirs.id}/articles`)).statusCode).toBe(404);
    const usedOn = (await call('requester', 'GET', `/articles/${published.id}/cases`)).json().items;
    expect(usedOn.map((c: { case: { id: string } }) => c.case.id)).toEqual([mine.id]);
    const usedOnStaff = (await call('qa', 'GET', `/articles/${published.id}/cases`)).json().items;
    expect(usedOnStaff.map((c: { case: { id: string } }) => c.case.id).sort()).toEqual([mine.id, theirs.id].sort());
    expect((await call('requester', 'GET', `/articles/${draft.id}/cases`)).statusCode).toBe(404);

    // Archived articles are not used any more.
    await call('admin', 'POST', `/articles/${published.id}/archive`);
    const other = await fileCase();
    expect((await call('admin', 'POST', `/cases/${other.id}/articles`, { articleId: published.id })).json().code).toBe('article_archived');
  });
});
