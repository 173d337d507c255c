import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPECIALIST, apiPost, launchChromium, pageOverflow, screenshot, signedIn, switchLanguage } from './support/browser.js';

const LEAD = 'na.li@closeloop.test'; // 李娜, lead of Seller Escalations CN, works in Chinese

/** The rare words the two cases and the article share: a cross-border settlement channel under maintenance. */
const PHRASE = '跨境结汇通道';
const SUBSTRING = '结汇通道';

interface Filed {
  id: string;
  number: string;
}

function chineseCase(title: string, description: string, externalId: string): Record<string, unknown> {
  return {
    title,
    description,
    category: 'payments/withdrawal-delayed',
    account: { type: 'seller', externalId, name: '星河数码旗舰店', region: 'CN', language: 'zh', email: 'owner@xinghe.example' },
    source: 'oncall',
    fields: { withdrawalId: `TX-${externalId}`, amount: 2680 },
  };
}

async function expectArticle(page: Page, attributes: string): Promise<void> {
  await page.locator(`[data-testid="article-page"]${attributes}`).waitFor();
}

describe('knowledge', () => {
  let browser: Browser;
  const suffix = Date.now().toString(36);
  let source: Filed = { id: '', number: '' };
  let similar: Filed = { id: '', number: '' };
  let article = '';

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a specialist resolves a case and logs its Q&A, edits the draft in Chinese and sends it for review; the lead publishes it', async () => {
    const specialist = await signedIn(browser, SPECIALIST);
    const { page } = specialist;
    source = await apiPost<Filed>(
      page,
      '/cases',
      chineseCase(
        `提现五天未到账 ${suffix}`,
        `卖家反映五天前发起的提现一直没有到账。经查，${PHRASE}维护导致当天的出款批次暂停。卖家电话 +86 138 0013 8000，邮箱 owner@xinghe.example。`,
        `KB-${suffix}`,
      ),
    );
    // The reply that solved it goes into the article; its e-mail address must not.
    await apiPost(page, `/cases/${source.id}/comments`, {
      body: `您好，${PHRASE}已恢复，款项将在24小时内到账，无需重复提交。如有疑问请回复 support-team@xinghe.example。`,
      visibility: 'requester',
    });

    // 1. Resolve the case with its root cause and resolution.
    await page.goto(`/cases/${source.number}`);
    await page.getByTestId('case-page').waitFor();
    // While it is open there is nothing to log yet.
    await page.getByTestId('case-articles').waitFor();
    expect(await page.getByTestId('case-log-qa').count()).toBe(0);
    await page.getByTestId('case-assign-me').click();
    await page.locator('[data-testid="case-assignee"]', { hasText: '陈伟' }).waitFor();
    await page.getByTestId('transition-resolved').click();
    await page.getByTestId('resolve-form').waitFor();
    await page.getByTestId('resolve-root-cause').fill(`${PHRASE}例行维护，出款批次暂停。`);
    await page.getByTestId('resolve-root-cause-code').fill('settlement-channel-maintenance');
    await page.getByTestId('resolve-resolution').fill('通道恢复后批次自动重发，款项24小时内到账。');
    await page.getByTestId('resolve-submit').click();
    await page.getByTestId('resolve-form').waitFor({ state: 'detached' });
    await page.locator('[data-testid="case-page"][data-status="resolved"]').waitFor();

    // 2. Log Q&A: a draft in the case's language opens in the editor, personal data removed.
    await page.getByTestId('case-log-qa').click();
    await page.waitForURL(/\/knowledge\/KB-\d+\/edit$/);
    article = /\/knowledge\/(KB-\d+)\/edit$/.exec(page.url())?.[1] ?? '';
    await page.getByTestId('article-form').waitFor();
    const body = page.getByTestId('article-body-zh');
    await body.waitFor();
    const drafted = await body.inputValue();
    expect(drafted).toContain(PHRASE);
    expect(drafted).toContain('24小时内到账');
    expect(drafted).not.toContain('138 0013 8000');
    expect(drafted).not.toContain('owner@xinghe.example');
    expect(drafted).not.toContain('support-team@xinghe.example');
    expect(await page.getByTestId('article-title-zh').inputValue()).toContain(suffix);
    expect(await page.getByTestId('article-tab-zh').getAttribute('data-written')).toBe('true');
    await screenshot(page, 'knowledge-edit-draft-en');

    // 3. Edit it in Chinese: a clearer title, advice for Tier 1, a tag; check the server's preview.
    await page.getByTestId('article-title-zh').fill(`${PHRASE}维护导致提现延迟怎么办 ${suffix}`);
    await body.fill(`${drafted}\n\n## 给一线的建议\n\n告诉卖家：通道恢复后 **24 小时内**到账，无需重复提交提现。`);
    await page.getByTestId('article-tags-input').fill('结汇');
    await page.keyboard.press('Enter');
    await page.getByTestId('article-mode-zh').locator('label').nth(1).click();
    await page.getByTestId('article-preview-zh').locator('h2', { hasText: '给一线的建议' }).waitFor();
    await page.getByTestId('article-preview-zh').locator('strong', { hasText: '24 小时内' }).waitFor();
    await screenshot(page, 'knowledge-edit-preview-en');
    await page.getByTestId('article-save').click();
    await page.waitForURL(`**/knowledge/${article}`);
    await expectArticle(page, '[data-status="draft"][data-version="2"]');
    expect(await page.getByTestId('article-title').textContent()).toBe(`${PHRASE}维护导致提现延迟怎么办 ${suffix}`);
    await page.getByTestId('article-body').locator('h2', { hasText: '给一线的建议' }).waitFor();

    // The history shows what changed, Chinese by word.
    await page.getByTestId('article-tab-history').click();
    await page.locator('[data-testid="article-version"]').nth(1).waitFor();
    const titleChange = page.locator('[data-testid="article-diff-field"][data-field="zh.title"]');
    await titleChange.waitFor();
    expect(await titleChange.locator('[data-op="insert"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'knowledge-history-en');

    // 4. Send it for review; a specialist cannot publish.
    await page.getByTestId('article-tab-read').click();
    expect(await page.getByTestId('article-publish').count()).toBe(0);
    await page.getByTestId('article-submit').click();
    await expectArticle(page, '[data-status="in_review"]');

    // 5. The lead finds it in the review queue and publishes it.
    const lead = await signedIn(browser, LEAD, 'zh-CN');
    await lead.page.goto('/knowledge');
    await lead.page.getByTestId('knowledge-tab-in_review').click();
    const row = lead.page.locator(`[data-testid="article-row"][data-number="${article}"]`);
    await row.waitFor();
    await screenshot(lead.page, 'knowledge-review-queue-zh');
    await row.getByTestId('article-row-title').click();
    await expectArticle(lead.page, '[data-status="in_review"]');
    await lead.page.getByTestId('article-publish').click();
    await expectArticle(lead.page, '[data-status="published"]');
    await screenshot(lead.page, 'knowledge-published-zh');
    await lead.context.close();

    // The source case's timeline says the Q&A was logged, pointing at the article.
    await page.goto(`/cases/${source.number}`);
    await page.locator('[data-testid="timeline-entry"][data-kind="qa_logged"]').getByTestId('timeline-article-link').waitFor();
    await page.locator(`[data-testid="case-article"][data-number="${article}"]`).waitFor();
    await specialist.context.close();
  });

  it('suggests the article on a new similar case, and the specialist records that it helped', async () => {
    const { context, page } = await signedIn(browser, SPECIALIST);
    similar = await apiPost<Filed>(
      page,
      '/cases',
      chineseCase(`卖家提现三天没到账 ${suffix}b`, `卖家担心${PHRASE}维护还没结束，提现三天没有到账。`, `KB-${suffix}-2`),
    );
    await page.goto(`/cases/${similar.number}`);
    const suggestion = page.locator(`[data-testid="suggested-article"][data-number="${article}"]`);
    await suggestion.waitFor();
    // Why: the shared words, as written in this case.
    const terms = await suggestion.getByTestId('suggestion-term').allTextContents();
    expect(terms.some((term) => PHRASE.includes(term) || term.includes('结汇'))).toBe(true);
    // The solved case is suggested too.
    await page.locator(`[data-testid="suggested-case"][data-number="${source.number}"]`).waitFor();
    await page.getByTestId('case-suggestions').scrollIntoViewIfNeeded();
    await screenshot(page, 'knowledge-case-suggestions-en');

    // Using it links it to the case; then it helped.
    await suggestion.getByTestId('suggested-article-use').click();
    const linked = page.locator(`[data-testid="case-article"][data-number="${article}"]`);
    await linked.waitFor();
    await suggestion.getByTestId('suggested-article-linked').waitFor();
    await linked.getByTestId('case-article-helped').locator('label').first().click();
    await page.locator(`[data-testid="case-article"][data-number="${article}"][data-helped="true"]`).waitFor();

    // The article counts the use.
    await page.goto(`/knowledge/${article}`);
    await page.getByTestId('article-tab-cases').click();
    await page.locator(`[data-testid="article-case"][data-number="${similar.number}"]`).waitFor();
    await context.close();
  });

  it('finds the article by a Chinese substring, with the match marked', async () => {
    const { context, page } = await signedIn(browser, SPECIALIST);
    await page.goto('/knowledge');
    await page.getByTestId('knowledge-search').fill(SUBSTRING);
    await page.waitForURL((url) => url.searchParams.get('q') === SUBSTRING);
    const hit = page.locator(`[data-testid="search-result"][data-type="article"][data-number="${article}"]`);
    await hit.waitFor();
    const marks = await hit.getByTestId('search-highlight').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((mark) => mark.includes(SUBSTRING) || SUBSTRING.includes(mark))).toBe(true);
    // The cases come up in the same search, and only articles when asked.
    await page.locator(`[data-testid="search-result"][data-type="case"][data-number="${source.number}"]`).waitFor();
    await page.getByTestId('knowledge-search-scope').locator('label').nth(1).click();
    await page.waitForURL((url) => url.searchParams.get('types') === 'article');
    await page.locator('[data-testid="search-results"][data-scope="article"]:not([data-busy])').waitFor();
    expect(await page.locator('[data-testid="search-result"][data-type="case"]').count()).toBe(0);
    await hit.waitFor();
    // A reload keeps the search: it lives in the address.
    await page.reload();
    expect(await page.getByTestId('knowledge-search').inputValue()).toBe(SUBSTRING);
    await hit.waitFor();
    await context.close();
  });

  it('pictures search, an article, the editor and the case suggestions in three languages', async () => {
    // The lead publishes for the team, so may edit the published article too.
    const { context, page } = await signedIn(browser, LEAD, 'zh-CN');
    // 李娜 works in Chinese: end there, as she was.
    for (const locale of ['en', 'ms', 'zh'] as const) {
      await page.goto('/knowledge');
      await page.getByTestId('knowledge-page').waitFor();
      await switchLanguage(page, locale);
      await page.getByTestId('article-row').first().waitFor();
      await screenshot(page, `knowledge-list-${locale}`, { fullPage: false });

      await page.goto(`/knowledge?q=${encodeURIComponent(SUBSTRING)}`);
      await page.locator(`[data-testid="search-result"][data-number="${article}"]`).waitFor();
      await screenshot(page, `knowledge-search-${locale}`);

      await page.goto(`/knowledge/${article}`);
      await page.getByTestId('article-body').waitFor();
      // The article is only in Chinese: other languages read it marked as such.
      expect(await page.getByTestId('article-fallback-note').count()).toBe(locale === 'zh' ? 0 : 1);
      await screenshot(page, `knowledge-article-${locale}`);

      await page.getByTestId('article-edit').click();
      await page.getByTestId('article-form').waitFor();
      await screenshot(page, `knowledge-edit-${locale}`);

      await page.goto(`/cases/${similar.number}`);
      await page.locator(`[data-testid="suggested-article"][data-number="${article}"]`).waitFor();
      await page.getByTestId('case-articles').scrollIntoViewIfNeeded();
      await screenshot(page, `knowledge-case-${locale}`);

      // A phone's width: nothing scrolls the page sideways.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`/knowledge?q=${encodeURIComponent(SUBSTRING)}`);
      await page.locator(`[data-testid="search-result"][data-number="${article}"]`).waitFor();
      expect(await pageOverflow(page)).toBe(0);
      await screenshot(page, `knowledge-search-narrow-${locale}`, { fullPage: false });
      await page.goto(`/knowledge/${article}`);
      await page.getByTestId('article-body').waitFor();
      expect(await pageOverflow(page)).toBe(0);
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    await context.close();
  });
});
