import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPECIALIST, launchChromium, newContext, screenshot, signIn, waitForCount } from './support/browser.js';

const REQUESTER = 'azlan.ismail@closeloop.test'; // works in Malay
const PARTNER = 'zulkifli.hassan@closeloop.test'; // Payments department, works in Malay

type Locale = 'en' | 'zh' | 'ms';

/** Pick an option of a Mantine Select by its visible text; the list renders in a portal. */
async function choose(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.getByRole('listbox').waitFor({ state: 'hidden' });
}

async function signedIn(browser: Browser, email: string, locale = 'en-GB'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, locale);
  const page = await context.newPage();
  await signIn(page, email);
  await page.getByTestId('app-nav').waitFor();
  return { context, page };
}

async function expectStatus(page: Page, status: string): Promise<void> {
  await page.locator(`[data-testid="case-page"][data-status="${status}"]`).waitFor();
}

/** File a case through the API with the page's own session (cookie + CSRF token). */
async function fileThroughApi(page: Page, draft: Record<string, unknown>): Promise<{ number: string }> {
  const me = await (await page.request.get('/api/v1/me')).json();
  const response = await page.request.post('/api/v1/cases', {
    data: draft,
    headers: { 'x-csrf-token': me.csrfToken, 'idempotency-key': crypto.randomUUID() },
  });
  expect(response.status()).toBe(201);
  return response.json();
}

async function switchLanguage(page: Page, locale: Locale): Promise<void> {
  await page.getByTestId('language-switcher').click();
  const saved = page.waitForResponse(
    (response) => response.url().endsWith('/api/v1/me') && response.request().method() === 'PATCH',
  );
  await page.getByTestId(`language-option-${locale}`).click();
  expect((await saved).status()).toBe(200);
}

/** The few DOM members the check below reads (the e2e code compiles without the DOM library). */
interface Box {
  scrollWidth: number;
  clientWidth: number;
  className: string;
  tagName: string;
  parentElement: Box | null;
  closest(selector: string): Box | null;
}

/**
 * What scrolls sideways around the case table, as "tag.class scrollWidth/clientWidth";
 * empty when the list fits the page.
 */
async function sidewaysScrollers(page: Page): Promise<string[]> {
  return page.getByTestId('cases-table').evaluate((element) => {
    const table = element as unknown as Box;
    const root = table.closest('[data-testid="cases-page"]');
    const { documentElement } = (globalThis as unknown as { document: { documentElement: Box } }).document;
    const found: string[] = [];
    for (let node: Box | null = table; node && node !== root?.parentElement; node = node.parentElement) {
      if (node.scrollWidth > node.clientWidth + 1) found.push(`${node.tagName}.${String(node.className).split(' ')[0]} ${node.scrollWidth}/${node.clientWidth}`);
    }
    if (documentElement.scrollWidth > documentElement.clientWidth) found.push(`html ${documentElement.scrollWidth}/${documentElement.clientWidth}`);
    return found;
  });
}

describe('the case loop', () => {
  let browser: Browser;
  const suffix = Date.now().toString(36);
  let number = '';
  let chineseNumber = '';

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a requester files, a specialist hands off, the partner answers, the specialist resolves, the requester confirms', async () => {
    // 1. The requester files an escalation in Malay, their language.
    const requester = await signedIn(browser, REQUESTER, 'ms-MY');
    await requester.page.getByTestId('cases-page').waitFor();
    expect(await requester.page.getByTestId('cases-view-escalations').count()).toBe(1);
    expect(await requester.page.getByTestId('cases-view-unassigned').count()).toBe(0);
    await requester.page.getByTestId('case-new').click();
    await requester.page.getByTestId('case-form').waitFor();
    await choose(requester.page, 'case-form-category', 'Pengeluaran tertangguh');
    // The category's intake fields appear, labelled in the UI language.
    await requester.page.getByText('ID pengeluaran').waitFor();
    await requester.page.getByTestId('case-form-field-amount').fill('1520.50');
    await requester.page.getByTestId('case-form-title').fill(`Pengeluaran kedai Batik Ayu tertangguh ${suffix}`);
    await requester.page
      .getByTestId('case-form-description')
      .fill('Penjual membuat pengeluaran lima hari lalu tetapi wang belum masuk ke akaun bank.');
    await requester.page.getByTestId('case-form-account-external-id').fill(`S-${suffix}`);
    await requester.page.getByTestId('case-form-account-name').fill('Batik Ayu Enterprise');
    await requester.page.getByTestId('case-form-account-email').fill('owner@batikayu.example');
    await requester.page.getByTestId('case-form-account-phone').fill('+60 12-345 6789');

    // The server's complaint about a missing intake field lands on that field.
    await requester.page.getByTestId('case-form-submit').click();
    const withdrawalId = requester.page.getByTestId('case-form-field-withdrawalId');
    await requester.page.locator('[data-testid="case-form-field-withdrawalId"][aria-invalid="true"]').waitFor();
    // The server's complaint arrives as a code and is said in the requester's language.
    await requester.page.getByText('Wajib diisi.').first().waitFor();
    await screenshot(requester.page, 'case-new-field-error-ms', { fullPage: false });
    await withdrawalId.fill(`WD-${suffix}`);
    await requester.page.locator('[data-testid="case-form-field-withdrawalId"][aria-invalid="true"]').waitFor({ state: 'detached' });

    const filed = requester.page.waitForResponse(
      (response) => response.url().endsWith('/api/v1/cases') && response.request().method() === 'POST' && response.status() === 201,
    );
    await requester.page.getByTestId('case-form-submit').click();
    const filedCase = await (await filed).json();
    number = filedCase.number;
    expect(number).toMatch(/^ESC-\d{6}$/);
    await requester.page.waitForURL(`**/cases/${number}`);
    await expectStatus(requester.page, 'new');
    expect(await requester.page.getByTestId('case-field-withdrawalId').textContent()).toBe(`WD-${suffix}`);
    // Requesters cannot write internal notes: the composer offers no visibility choice.
    expect(await requester.page.getByTestId('composer-visibility').count()).toBe(0);
    expect(await requester.page.getByTestId('case-edit').count()).toBe(0);
    await screenshot(requester.page, 'case-requester-ms');

    // 2. The specialist finds it in the list and opens it with the keyboard.
    const specialist = await signedIn(browser, SPECIALIST);
    await specialist.page.getByTestId('cases-page').waitFor();
    await specialist.page.getByTestId('cases-view-unassigned').click();
    await specialist.page.getByTestId('cases-search').fill(suffix);
    // Filters live in the address, so the list can be shared and reloaded.
    await specialist.page.waitForURL((url) => url.searchParams.get('q') === suffix);
    expect(new URL(specialist.page.url()).searchParams.get('view')).toBe('unassigned');
    await waitForCount(specialist.page.getByTestId('case-row'), 1);
    await specialist.page.locator('[data-testid="case-row"][data-selected="true"]').waitFor();
    await specialist.page.getByTestId('cases-search').blur();
    await specialist.page.keyboard.press('j');
    await specialist.page.keyboard.press('Enter');
    await specialist.page.waitForURL(`**/cases/${number}`);
    await specialist.page.getByTestId('case-edit').waitFor();
    // Staff see the account's contact details in full.
    expect(await specialist.page.getByTestId('account-email').textContent()).toBe('owner@batikayu.example');

    await specialist.page.getByTestId('case-assign-me').click();
    await specialist.page.locator('[data-testid="case-assignee"]', { hasText: '陈伟' }).waitFor();

    // An internal note the requester will not see.
    await specialist.page.getByTestId('composer-body').fill('Semak dengan Payments: kelompok pembayaran 14 Nov mungkin tersekat.');
    await specialist.page.getByTestId('composer-submit').click();
    await specialist.page.locator('[data-testid="timeline-entry"][data-kind="comment"]').waitFor();

    // 3. Hand off to the Payments department.
    await specialist.page.getByTestId('handoff-create').click();
    await specialist.page.getByTestId('handoff-form').waitFor();
    await choose(specialist.page, 'handoff-form-team', 'Payments');
    await specialist.page.getByTestId('handoff-form-question').fill(`Is withdrawal WD-${suffix} stuck in the payout batch? When will it be released?`);
    await screenshot(specialist.page, 'handoff-form-en', { fullPage: false });
    await specialist.page.getByTestId('handoff-form-submit').click();
    await specialist.page.getByTestId('handoff-form').waitFor({ state: 'detached' });
    await specialist.page.locator('[data-testid="case-handoff"][data-status="open"]').waitFor();
    await specialist.page.locator('[data-testid="timeline-entry"][data-kind="handoff_created"]').waitFor();

    // 4. The partner answers from their inbox; they never see the case list.
    const partner = await signedIn(browser, PARTNER, 'ms-MY');
    await partner.page.getByTestId('handoff-inbox').waitFor();
    expect(await partner.page.getByTestId('nav-cases').count()).toBe(0);
    expect(await partner.page.getByTestId('nav-handoffs').count()).toBe(1);
    const item = partner.page.locator(`[data-testid="inbox-handoff"][data-case="${number}"]`);
    await item.waitFor();
    await screenshot(partner.page, 'inbox-partner-ms');
    await item.getByTestId('handoff-answer').fill('Kelompok 14 Nov tertahan kerana semakan bank. Dilepaskan hari ini, dana masuk dalam 24 jam.');
    await item.getByTestId('handoff-answer-submit').click();
    await item.waitFor({ state: 'detached' });
    await partner.page.getByTestId('handoff-filter').getByText('Dijawab').click();
    await partner.page.locator(`[data-testid="inbox-handoff"][data-case="${number}"][data-status="answered"]`).waitFor();

    // The partner reaches the case through the handoff, with personal data masked.
    await partner.page.locator(`[data-testid="inbox-handoff"][data-case="${number}"]`).getByRole('link', { name: number }).click();
    await partner.page.getByTestId('case-page').waitFor();
    const maskedEmail = await partner.page.getByTestId('account-email').textContent();
    expect(maskedEmail).not.toBe('owner@batikayu.example');
    expect(maskedEmail).toContain('•••');
    expect(await partner.page.getByTestId('composer').count()).toBe(0);
    expect(await partner.page.getByTestId('case-edit').count()).toBe(0);
    await screenshot(partner.page, 'case-partner-ms');
    await partner.context.close();

    // 5. The specialist sees the answer and resolves the case.
    await specialist.page.reload();
    await specialist.page.locator('[data-testid="case-handoff"][data-status="answered"]').waitFor();
    await specialist.page.locator('[data-testid="timeline-entry"][data-kind="handoff_answered"]').waitFor();
    await specialist.page.getByTestId('transition-resolved').click();
    await specialist.page.getByTestId('resolve-form').waitFor();
    await specialist.page.getByTestId('resolve-root-cause').fill('Payout batch of 14 Nov held for a bank compliance check.');
    await specialist.page.getByTestId('resolve-root-cause-code').fill('payout-batch-hold');
    await specialist.page.getByTestId('resolve-resolution').fill('Payments released the batch; the money reaches the seller’s bank within 24 hours.');
    await screenshot(specialist.page, 'resolve-form-en', { fullPage: false });
    await specialist.page.getByTestId('resolve-submit').click();
    await specialist.page.getByTestId('resolve-form').waitFor({ state: 'detached' });
    await expectStatus(specialist.page, 'resolved');
    await screenshot(specialist.page, 'case-resolved-en');

    // 6. The requester is notified and confirms; the case closes.
    await requester.page.reload();
    await requester.page.locator('[data-testid="notification-count"]:not([data-unread="0"])').waitFor();
    await requester.page.getByTestId('notification-bell').click();
    const notice = requester.page.locator('[data-testid="notification-item"][data-kind="case_resolved"]', { hasText: number });
    await notice.waitFor();
    await screenshot(requester.page, 'notifications-ms', { fullPage: false });
    await notice.getByTestId('notification-open').click();
    await requester.page.waitForURL(`**/cases/${number}`);
    await requester.page.getByTestId('case-confirm-prompt').waitFor();
    // The internal note stays internal.
    expect(await requester.page.getByText('kelompok pembayaran 14 Nov mungkin tersekat').count()).toBe(0);
    expect(await requester.page.getByTestId('transition-reopened').count()).toBe(1);
    await screenshot(requester.page, 'case-confirm-ms');
    await requester.page.getByTestId('transition-closed').click();
    await expectStatus(requester.page, 'closed');
    expect(await requester.page.getByTestId('case-status').getAttribute('data-status')).toBe('closed');
    expect(await requester.page.getByTestId('transition-closed').count()).toBe(0);
    await screenshot(requester.page, 'case-closed-ms');
    await requester.page.getByTestId('nav-cases').click();
    await requester.page.locator(`[data-testid="case-row"][data-number="${number}"]`).waitFor();
    await screenshot(requester.page, 'cases-requester-ms', { fullPage: false });
    await requester.context.close();

    await specialist.page.reload();
    await expectStatus(specialist.page, 'closed');
    await specialist.page.locator('[data-testid="timeline-entry"][data-kind="notification_sent"]').waitFor();
    await specialist.context.close();
  });

  it('finds a Chinese case by a two-character substring', async () => {
    const { context, page } = await signedIn(browser, SPECIALIST);
    const chinese = await fileThroughApi(page, {
      title: `鹦鹉小屋店铺提现三天仍未到账 ${suffix}`,
      description: '卖家反映三天前发起的提现至今没有到账，银行也查不到入账记录。',
      category: 'payments/withdrawal-delayed',
      account: { type: 'seller', externalId: `CN-${suffix}`, name: '鹦鹉小屋', region: 'CN', language: 'zh' },
      source: 'oncall',
      fields: { withdrawalId: `TX-${suffix}`, amount: 880 },
    });
    chineseNumber = chinese.number;
    await page.goto('/cases');
    await page.getByTestId('cases-search').fill('小屋');
    await page.waitForURL((url) => url.searchParams.get('q') === '小屋');
    // The list settles on cases containing the substring, ours among them.
    await page.locator(`[data-testid="case-row"][data-number="${chinese.number}"]`).waitFor();
    await waitForCount(page.getByTestId('case-row').filter({ hasNotText: '小屋' }), 0);
    // A reload keeps the search: filters live in the address.
    await page.reload();
    expect(await page.getByTestId('cases-search').inputValue()).toBe('小屋');
    await page.locator(`[data-testid="case-row"][data-number="${chinese.number}"]`).waitFor();
    await screenshot(page, 'cases-search-zh-text-en');
    await context.close();
  });

  it('files a case once when the answer to the submission is lost and the form retries', async () => {
    const { context, page } = await signedIn(browser, SPECIALIST);
    const keys: string[] = [];
    await page.route('**/api/v1/cases', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (keys.length > 1) return route.continue();
      // The server files the case, but its answer never reaches the browser.
      await route.fetch();
      return route.abort('connectionreset');
    });
    await page.goto('/cases/new');
    await choose(page, 'case-form-category', 'Listing removed');
    await page.getByTestId('case-form-field-listingId').fill(`L-${suffix}`);
    await page.getByTestId('case-form-title').fill(`Listing taken down without notice r${suffix}`);
    await page.getByTestId('case-form-description').fill('The seller says the listing was removed without any policy notice.');
    await page.getByTestId('case-form-account-external-id').fill(`R-${suffix}`);
    await page.getByTestId('case-form-account-name').fill('Kedai Retry');
    await page.getByTestId('case-form-submit').click();
    await page.getByTestId('case-page').waitFor();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);

    await page.goto(`/cases?q=r${suffix}`);
    await page.getByTestId('case-row').first().waitFor();
    await waitForCount(page.getByTestId('case-row'), 1);

    // It turns out to duplicate another case: merge it, and it closes pointing there.
    await page.getByTestId('case-row').first().click();
    await page.getByTestId('case-merge').click();
    await page.getByTestId('merge-into').fill(chineseNumber);
    await screenshot(page, 'merge-en', { fullPage: false });
    await page.getByTestId('merge-submit').click();
    await expectStatus(page, 'closed');
    await page.getByTestId('case-merged').getByRole('link', { name: chineseNumber }).click();
    await page.locator(`[data-testid="case-page"][data-number="${chineseNumber}"]`).waitFor();
    await page.locator('[data-testid="timeline-entry"][data-kind="merged"]').waitFor();
    await context.close();
  });

  it('pictures the list, a case, the new-case form and the inbox in three languages', async () => {
    const { context, page } = await signedIn(browser, SPECIALIST);
    for (const locale of ['zh', 'ms', 'en'] as const) {
      await page.goto('/cases');
      await page.getByTestId('cases-page').waitFor();
      await switchLanguage(page, locale);
      await page.getByTestId('case-row').first().waitFor();
      await screenshot(page, `cases-${locale}`, { fullPage: false });
      // At 1280 px the list fits without scrolling sideways, even with the longest status.
      expect(await sidewaysScrollers(page)).toEqual([]);
      await page.goto('/cases?status=waiting_partner');
      await page.locator('[data-testid="case-row"]').first().waitFor();
      expect(await sidewaysScrollers(page)).toEqual([]);
      await screenshot(page, `cases-waiting-${locale}`, { fullPage: false });

      await page.goto(`/cases/${number}`);
      await page.getByTestId('case-timeline').waitFor();
      await page.locator('[data-testid="timeline-entry"]').first().waitFor();
      await screenshot(page, `case-${locale}`);

      await page.goto('/cases/new');
      await page.getByTestId('case-form').waitFor();
      await page.getByTestId('case-form-category').click();
      await page.getByRole('option').first().click();
      await page.getByTestId('case-form-intake').waitFor();
      await screenshot(page, `case-new-${locale}`);

      await page.goto('/handoffs?status=all');
      await page.getByTestId('inbox-handoff').first().waitFor();
      await screenshot(page, `inbox-${locale}`, { fullPage: false });
    }
    await context.close();
  });
});
