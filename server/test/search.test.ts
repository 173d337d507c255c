import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleStatus, ArticleTexts } from '../src/db/schema.js';
import { createApiToken } from '../src/domains/identity/api-tokens.js';
import { createUser } from '../src/domains/identity/users.js';
import { variantRows } from '../src/domains/knowledge/variants.js';
import { cliActor } from '../src/platform/actor.js';
import { foldText } from '../src/platform/text/search-tokens.js';
import { type TestContext, type TestUser, bearer, testApp } from './harness.js';

// A fixed trilingual corpus: articles written the way every writer writes them (variantRows),
// cases filed through the API by two requesters and a specialist.

let ctx: TestContext;
let otherRequester: TestUser;
let zhSpecialist: TestUser;
const A: Record<string, { id: string; number: string }> = {};
const C: Record<string, { id: string; number: string }> = {};

async function article(key: string, status: ArticleStatus, category: string | null, texts: ArticleTexts, over: { helped_count?: number; use_count?: number } = {}) {
  const now = ctx.clock.now();
  const row = await ctx.deps.db
    .insertInto('articles')
    .values({ status, category_code: category, created_at: now, updated_at: now, ...over })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow();
  await ctx.deps.db.insertInto('article_variants').values(variantRows(row.id, texts)).execute();
  A[key] = row;
}

const FIELDS: Record<string, Record<string, string | number>> = {
  'payments/withdrawal-delayed': { withdrawalId: 'W-1', amount: 10 },
  'order/refund-dispute': { orderId: 'O-1' },
};

async function file(key: string, user: TestUser, title: string, description: string, category: string, account = 'S-1') {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: bearer(user),
    payload: { title, description, category, account: { type: 'seller', externalId: account, name: `Seller ${account}` }, source: 'crm', fields: FIELDS[category] ?? {} },
  });
  expect(res.statusCode, res.body).toBe(201);
  C[key] = res.json();
  ctx.clock.advance(60_000);
}

async function resolve(key: string) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${C[key]!.id}/transitions`,
    headers: bearer(ctx.users.specialist),
    payload: { to: 'resolved', rootCause: { text: 'cause' }, resolution: { summary: 'fixed' } },
  });
  expect(res.statusCode, res.body).toBe(200);
}

const get = (user: TestUser, url: string) => ctx.app.inject({ method: 'GET', url, headers: bearer(user) });

interface Item {
  type: 'article' | 'case';
  id: string;
  number: string;
  title: string;
  titleHighlights: [number, number][];
  snippet: string;
  highlights: [number, number][];
  status: string;
  language: string;
}

async function search(user: TestUser, params: Record<string, string>): Promise<Item[]> {
  const res = await get(user, `/api/v1/search?${new URLSearchParams(params)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}
const numbers = (items: Item[]) => items.map((i) => i.number);

beforeAll(async () => {
  ctx = await testApp();
  const person = async (email: string, role: 'requester' | 'specialist', locale: 'en' | 'zh' | 'ms' = 'en') => {
    const user = await createUser(ctx.deps, cliActor, { email, displayName: email, role, locale });
    const { token } = await createApiToken(ctx.deps, cliActor, { name: 't', userId: user.id });
    return { id: user.id, email, role, token };
  };
  otherRequester = await person('other.requester@example.test', 'requester');
  zhSpecialist = await person('zh.specialist@example.test', 'specialist', 'zh');

  await article('wd', 'published', 'payments/withdrawal-delayed', {
    en: {
      title: 'Withdrawal delayed: what to check',
      body: "## Steps\n\nWhen a seller's **withdrawal** is pending for more than three days, check the bank account status and any payout hold on the account.",
    },
    zh: { title: '提现延迟的处理方法', body: '卖家的提现超过三天没有到账时，先检查银行账户状态和是否有冻结标记。如果银行退回了款项，请让卖家更新银行资料。' },
    ms: { title: 'Pengeluaran tertangguh: apa yang perlu disemak', body: 'Apabila pengeluaran penjual belum diterima selepas tiga hari, semak status akaun bank dan sebarang penahanan bayaran.' },
  }, { helped_count: 3, use_count: 5 });
  await article('refund', 'published', 'order/refund-dispute', {
    en: { title: 'Refund disputes between buyer and seller', body: "A refund dispute is decided on the evidence of both sides. It does not affect the seller's withdrawal unless the order is reversed." },
  });
  await article('limitsDraft', 'draft', 'payments', { en: { title: 'Withdrawal limits for new sellers', body: 'New sellers may withdraw up to 5,000 a day in their first month.' } });
  await article('limitsPub', 'published', 'payments', { en: { title: 'Daily limits on payouts', body: 'Payouts above the daily amount wait for the next day.' } });
  await article('live', 'in_review', 'creator/live-violation', { zh: { title: '直播违规申诉流程', body: '主播的直播间因违规被封禁后，可以在七天内提交申诉，并附上直播回放的链接。' } });
  await article('flexEn', 'published', null, { en: { title: 'FlexPay instalments explained', body: 'FlexPay lets buyers pay in three instalments.' } });
  await article('flexMs', 'published', null, { ms: { title: 'Ansuran FlexPay dijelaskan', body: 'FlexPay membolehkan pembeli membayar dalam tiga ansuran.' } });
  await article('oldFee', 'archived', 'payments', { en: { title: 'Withdrawal fee table (2024)', body: 'Old fees for a withdrawal.' } });

  const { requester, specialist } = ctx.users;
  await file('c1', requester, 'Withdrawal pending for 5 days', 'Seller says the withdrawal has been pending since Monday, please help.', 'payments/withdrawal-delayed');
  await file('c2', otherRequester, '提现一直没有到账', '卖家说提现已经五天没有到账了，银行账户正常。', 'payments/withdrawal-delayed', 'S-2');
  await file('c3', requester, 'Akaun penjual digantung', 'Penjual tidak boleh membuat pengeluaran kerana akaun digantung.', 'account/suspension-appeal');
  await file('c4', specialist, 'Payout hold on seller account', 'The withdrawal was held by the risk review team.', 'payments/payout-hold');
  await file('c5', requester, 'Withdrawal pending again', 'Same withdrawal as before.', 'payments/withdrawal-delayed');
  const merged = await ctx.app.inject({ method: 'POST', url: `/api/v1/cases/${C.c5!.id}/merge`, headers: bearer(ctx.users.lead), payload: { into: C.c1!.number } });
  expect(merged.statusCode, merged.body).toBe(200);

  // Resolved history for suggestions.
  await file('r1', requester, '提现没有到账，银行说已经退回', '卖家的提现五天了还没有到账，银行说款项已经退回。', 'payments/withdrawal-delayed');
  await file('r2', otherRequester, '提现到账延迟', '提现已经一周没有到账，卖家很着急，银行账户没有问题。', 'payments/withdrawal-delayed', 'S-2');
  await file('r3', specialist, '直播间被封禁', '主播的直播间因为违规被封禁了。', 'creator/live-violation');
  await file('r5', requester, 'Withdrawal still pending after bank change', 'The seller changed the bank account and the withdrawal stayed pending for days.', 'payments/withdrawal-delayed');
  await file('r6', otherRequester, 'Withdrawal pending for a week', 'Seller withdrawal pending for seven days; bank confirmed nothing was received.', 'payments/withdrawal-delayed', 'S-3');
  await file('r7', specialist, '提现没有到账（重复）', '卖家的提现没有到账，银行账户正常。', 'payments/withdrawal-delayed', 'S-2');
  for (const key of ['r1', 'r2', 'r3', 'r5', 'r6']) await resolve(key);
  // r7 duplicates c2: merged into it, so never suggested on c2.
  expect((await ctx.app.inject({ method: 'POST', url: `/api/v1/cases/${C.r7!.id}/merge`, headers: bearer(ctx.users.lead), payload: { into: C.c2!.number } })).statusCode).toBe(200);
});
afterAll(() => ctx.close());

describe('search relevance on a trilingual corpus', () => {
  it.each([
    // [who, query, params, expected numbers in order (keys of A / C)]
    ['specialist', 'withdrawal', { types: 'article' }, ['wd', 'limitsDraft', 'refund']],
    ['requester', 'withdrawal', { types: 'article' }, ['wd', 'refund']],
    ['specialist', 'withdrawal', { types: 'case' }, ['r6', 'r5', 'c1', 'c4']],
    ['requester', 'withdrawal', { types: 'case' }, ['r5', 'c1']],
    ['specialist', 'limits', {}, ['limitsPub', 'limitsDraft']],
    ['requester', 'limits', {}, ['limitsPub']],
    // Chinese: a two-character word inside a longer sentence, phrases, and what must not match.
    ['specialist', '到账', { types: 'article' }, ['wd']],
    ['requester', '到账', {}, ['r1', 'wd']],
    ['specialist', '冻结', {}, ['wd']],
    ['specialist', '银行账户', {}, ['wd', 'r2', 'c2']],
    ['specialist', '账户银行', {}, []],
    ['specialist', '违规', { types: 'article' }, ['live']],
    ['requester', '违规', {}, []],
    // Malay: any case, accents folded.
    ['specialist', 'PENGELUARAN', {}, ['wd', 'c3']],
    ['specialist', 'pengéluaran', {}, ['wd', 'c3']],
    ['specialist', 'penjual digantung', {}, ['c3']],
    ['requester', 'Penjual', { types: 'case' }, ['c3']],
    ['other', 'Penjual', { types: 'case' }, []],
    // Language first, from lang= or the reader's locale.
    ['specialist', 'flexpay', {}, ['flexEn', 'flexMs']],
    ['specialist', 'flexpay', { lang: 'ms' }, ['flexMs', 'flexEn']],
    ['zhSpecialist', 'flexpay', { lang: 'ms' }, ['flexMs', 'flexEn']],
    // Archived only when asked for.
    ['specialist', 'fee', {}, []],
    ['specialist', 'fee', { status: 'archived' }, ['oldFee']],
    ['requester', 'fee', { status: 'archived' }, []],
  ] as [string, string, Record<string, string>, string[]][])('%s: %s %j', async (who, q, params, expected) => {
    const user = who === 'other' ? otherRequester : who === 'zhSpecialist' ? zhSpecialist : ctx.users[who as 'specialist'];
    const items = await search(user, { q, ...params });
    expect(numbers(items)).toEqual(expected.map((key) => (A[key] ?? C[key])!.number));
  });

  it('shows the variant that matched, in its language, with the query highlighted in the snippet', async () => {
    const [zh] = await search(ctx.users.specialist, { q: '到账', types: 'article' });
    expect(zh).toMatchObject({ type: 'article', title: '提现延迟的处理方法', language: 'zh', status: 'published' });
    expect(zh!.highlights.map(([s, e]) => zh!.snippet.slice(s, e))).toEqual(['到账']);
    const [ms] = await search(ctx.users.specialist, { q: 'pengéluaran', types: 'article' });
    expect(ms).toMatchObject({ title: 'Pengeluaran tertangguh: apa yang perlu disemak', language: 'ms' });
    expect(ms!.titleHighlights.map(([s, e]) => ms!.title.slice(s, e))).toEqual(['Pengeluaran']);
    expect(ms!.highlights.map(([s, e]) => ms!.snippet.slice(s, e))).toEqual(['pengeluaran']);
    // Markdown is shown as plain text.
    const [en] = await search(ctx.users.specialist, { q: 'withdrawal', types: 'article' });
    expect(en!.snippet).toBe("Steps When a seller's withdrawal is pending for more than three days, check the bank account status and any payout hold on the account.");
    expect(en!.highlights).toEqual([[22, 32]]);
  });

  it('every highlight points at the query, in every result', async () => {
    for (const q of ['withdrawal', '到账', '银行账户', 'PENGELUARAN', 'penjual digantung', 'FlexPay']) {
      const folded = foldText(q).split(' ');
      for (const item of await search(ctx.users.admin, { q })) {
        for (const [text, ranges] of [[item.snippet, item.highlights], [item.title, item.titleHighlights]] as const) {
          for (const [s, e] of ranges) {
            expect(s >= 0 && s < e && e <= text.length).toBe(true);
            expect(folded.some((f) => foldText(text.slice(s, e)).includes(f)), `${q}: ${text.slice(s, e)}`).toBe(true);
          }
        }
      }
    }
  });

  it('never shows merged-away cases, and cases carry their own status and language', async () => {
    const items = await search(ctx.users.admin, { q: 'again', types: 'case' });
    expect(items).toEqual([]);
    const [c2] = await search(ctx.users.admin, { q: '提现一直', types: 'case' });
    expect(c2).toMatchObject({ type: 'case', number: C.c2!.number, status: 'new', language: 'zh', snippet: '卖家说提现已经五天没有到账了，银行账户正常。' });
  });

  it('refuses partners and bad input, naming the field', async () => {
    expect((await get(ctx.users.partner, '/api/v1/search?q=withdrawal')).statusCode).toBe(403);
    for (const [query, field] of [
      ['q=', 'q'],
      ['q=!!!', 'q'],
      [`q=${'a'.repeat(201)}`, 'q'],
      ['q=x&limit=51', 'limit'],
      ['q=x&types=article,robot', 'types'],
      ['q=x&lang=fr', 'lang'],
      ['q=x&status=gone', 'status'],
    ]) {
      const res = await get(ctx.users.specialist, `/api/v1/search?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().errors[0].field, query).toBe(field);
    }
  });

  it('limits the items', async () => {
    expect(await search(ctx.users.admin, { q: 'withdrawal', limit: '2' })).toHaveLength(2);
  });
});

describe('suggestions on a case', () => {
  interface Suggested {
    articles: { id: string; number: string; language: string; why: { terms: string[]; sameCategory: boolean; helped?: number } }[];
    cases: { id: string; number: string; resolvedAt: string | null; why: { terms: string[]; sameCategory: boolean; sameAccount?: boolean } }[];
  }
  const suggestions = async (user: TestUser, key: string): Promise<Suggested> => {
    const res = await get(user, `/api/v1/cases/${C[key]!.id}/suggestions`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('suggests the matching article and similar resolved cases for a Chinese case, with why', async () => {
    const s = await suggestions(ctx.users.specialist, 'c2');
    expect(s.articles[0]).toMatchObject({ number: A.wd!.number, language: 'zh', why: { sameCategory: true, helped: 3 } });
    expect(s.articles[0]!.why.terms).toEqual(expect.arrayContaining(['提现', '到账', '银行账户']));
    // Resolved only, not itself, not the case merged into it, not the unrelated one.
    const cases = s.cases.map((c) => c.number);
    expect(cases.slice(0, 2).sort()).toEqual([C.r1!.number, C.r2!.number].sort());
    expect(cases).not.toContain(C.c2!.number);
    expect(cases).not.toContain(C.r7!.number);
    expect(cases).not.toContain(C.r3!.number);
    const r2 = s.cases.find((c) => c.number === C.r2!.number)!;
    expect(r2.why).toMatchObject({ sameCategory: true, sameAccount: true });
    expect(r2.why.terms).toEqual(expect.arrayContaining(['提现', '到账']));
    expect(r2.resolvedAt).not.toBeNull();
    expect(s.cases.find((c) => c.number === C.r1!.number)!.why.sameAccount).toBe(false);
  });

  it('gives the shared words as the case wrote them', async () => {
    const s = await suggestions(ctx.users.specialist, 'c1');
    expect(s.articles[0]).toMatchObject({ number: A.wd!.number, language: 'en' });
    expect(s.articles[0]!.why.terms.slice(0, 2)).toEqual(['Withdrawal', 'pending']);
    expect(s.cases.map((c) => c.number)).toEqual(expect.arrayContaining([C.r5!.number, C.r6!.number]));
    expect(s.articles.map((a) => a.number)).not.toContain(A.limitsDraft!.number);
    expect(s.articles.map((a) => a.number)).not.toContain(A.oldFee!.number);
  });

  it('shows a requester only their own cases, and nobody a case they may not see', async () => {
    const s = await suggestions(ctx.users.requester, 'c1');
    expect(s.cases.map((c) => c.number)).toEqual([C.r5!.number]);
    expect(s.articles[0]!.number).toBe(A.wd!.number);
    expect((await get(otherRequester, `/api/v1/cases/${C.c1!.id}/suggestions`)).statusCode).toBe(404);
    expect((await get(ctx.users.partner, `/api/v1/cases/${C.c1!.id}/suggestions`)).statusCode).toBe(403);
    expect((await get(ctx.users.specialist, `/api/v1/cases/${C.c1!.number}/suggestions`)).statusCode).toBe(200);
  });

  it('suggests nothing for a case sharing nothing', async () => {
    await file('lonely', ctx.users.specialist, 'Kucing oren', 'Zebra xylophone quokka.', 'account/suspension-appeal');
    expect(await suggestions(ctx.users.specialist, 'lonely')).toEqual({ articles: [], cases: [] });
  });
});
