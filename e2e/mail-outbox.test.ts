import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, SPECIALIST, launchChromium, newContext, screenshot, signIn, switchLanguage } from './support/browser.js';

async function signedIn(browser: Browser, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, email);
  await page.getByTestId('app-nav').waitFor();
  return { context, page };
}

/** A write through the API with the page's own session (cookie + CSRF token). */
async function send(request: APIRequestContext, path: string, data: unknown): Promise<Record<string, unknown>> {
  const me = (await (await request.get('/api/v1/me')).json()) as { csrfToken: string };
  const response = await request.post(`/api/v1${path}`, {
    data,
    headers: { 'x-csrf-token': me.csrfToken, 'idempotency-key': crypto.randomUUID() },
  });
  expect(response.ok(), await response.text()).toBe(true);
  return response.json() as Promise<Record<string, unknown>>;
}

describe('admin: mail outbox', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows a held handoff mail to the partner team, subject and body as it would go out', async () => {
    const suffix = Date.now();
    const question = `Is withdrawal WD-${suffix} stuck in the payout batch?`;

    // The specialist files a case and hands it to Payments, which mails that team.
    const specialist = await signedIn(browser, SPECIALIST);
    const filed = await send(specialist.page.request, '/cases', {
      title: `Withdrawal WD-${suffix} not received`,
      description: 'The seller has waited five days for a withdrawal to reach the bank.',
      category: 'payments/withdrawal-delayed',
      account: { type: 'seller', externalId: `S-${suffix}`, name: 'Kedai Surat', region: 'MY', language: 'ms' },
      source: 'oncall',
      fields: { withdrawalId: `WD-${suffix}`, amount: 120 },
    });
    const number = String(filed.number);
    const teams = (await (await specialist.page.request.get('/api/v1/teams')).json()) as { items: { id: string; name: string }[] };
    const payments = teams.items.find((team) => team.name === 'Payments');
    expect(payments).toBeDefined();
    await send(specialist.page.request, `/cases/${String(filed.id)}/handoffs`, {
      team: payments!.id,
      question,
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    await specialist.context.close();

    const { context, page } = await signedIn(browser, ADMIN);
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('nav-admin-mail').click();
    await page.getByTestId('mail-outbox').waitFor();
    await page.getByTestId('mail-held-explained').waitFor();

    // The demo server has no SMTP_URL: the mail is held, and the filter lives in the address.
    await page.getByTestId('mail-filter').getByText('Held', { exact: true }).click();
    await page.waitForURL(/\/admin\/mail\?status=held$/);
    const row = page.locator(`[data-testid="mail-row"][data-case="${number}"][data-kind="handoff_assigned"]`).first();
    await row.waitFor();
    expect(await page.locator('[data-testid="mail-row"]:not([data-status="held"])').count()).toBe(0);
    expect(await row.getByTestId('mail-kind').textContent()).toBe('Handoff assigned');
    await screenshot(page, 'mail-outbox-en');
    await page.screenshot({ path: '/tmp/mail-outbox-en.png', fullPage: true });

    await row.getByTestId('mail-open').click();
    const preview = page.getByTestId('mail-preview');
    await preview.waitFor();
    // The Payments department works in Malay, so the mail is written in Malay.
    expect(await preview.getByTestId('mail-subject').textContent()).toBe(`Soalan untuk pasukan anda tentang ${number}`);
    expect(await preview.getByTestId('mail-body').textContent()).toContain(question);
    await screenshot(page, 'mail-outbox-preview-en', { fullPage: false });
    await page.screenshot({ path: '/tmp/mail-outbox-preview-en.png' });
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });

    // In Chinese and Malay the page speaks the reader's language; the filter stays in the URL.
    await switchLanguage(page, 'zh');
    await page.getByTestId('mail-filter').getByText('暂存', { exact: true }).waitFor();
    expect(await row.getByTestId('mail-kind').textContent()).toBe('新的转交');
    await page.screenshot({ path: '/tmp/mail-outbox-zh.png', fullPage: true });
    await switchLanguage(page, 'ms');
    await page.getByTestId('mail-filter').getByText('Ditahan', { exact: true }).waitFor();
    await row.getByTestId('mail-open').click();
    await preview.waitFor();
    expect(await preview.getByTestId('mail-status').textContent()).toBe('Ditahan');
    await page.waitForTimeout(400); // the modal's fade-in
    await page.screenshot({ path: '/tmp/mail-outbox-ms.png' });
    // Later journeys sign the admin in and expect English: close the mail, then switch back.
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });
    await switchLanguage(page, 'en');
    await context.close();
  });
});
