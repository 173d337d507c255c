import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newContext, screenshot, signIn } from './support/browser.js';

// A specialist no other journey signs in as, so switching their language disturbs nobody.
const SPECIALIST = 'rajesh.kumar@closeloop.test';

type Locale = 'en' | 'zh' | 'ms';

async function switchLanguage(page: Page, locale: Locale): Promise<void> {
  await page.getByTestId('language-switcher').click();
  const saved = page.waitForResponse(
    (response) => response.url().endsWith('/api/v1/me') && response.request().method() === 'PATCH',
  );
  await page.getByTestId(`language-option-${locale}`).click();
  expect((await saved).status()).toBe(200);
}

/** How far the page itself scrolls sideways (0 when everything wide scrolls in its own box). */
function pageOverflow(page: Page): Promise<number> {
  return page.evaluate(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  ) as Promise<number>;
}

/** Whether a button shows all of its label (the label is no wider than its box). */
function fitsText(page: Page, testId: string): Promise<boolean> {
  return page.locator(`[data-testid="${testId}"] .mantine-Button-label`).evaluate((element) => {
    const box = element as unknown as { scrollWidth: number; clientWidth: number };
    return box.scrollWidth <= box.clientWidth + 1;
  });
}

describe('the case list and a case on a phone', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('pictures the list and an unassigned case at 1280 px and 390 px in three languages', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, SPECIALIST);
    await page.getByTestId('cases-page').waitFor();

    // An unassigned case in the specialist's own team queue, so the details panel offers "Assign to me".
    // Filed here rather than picked from the demo history, whose open cases depend on today's date.
    const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string; user: { teams: { id: string }[] } };
    const filed = await page.request.post('/api/v1/cases', {
      headers: { 'x-csrf-token': me.csrfToken },
      data: {
        title: 'Payout on hold after a bank change',
        description: 'The seller changed bank accounts last week and the payout is now on hold.',
        category: 'payments/payout-hold',
        account: { type: 'seller', externalId: `PHONE-${Date.now()}`, name: 'Kedai Telefon Bijak' },
        source: 'oncall',
        team: me.user.teams[0]!.id,
      },
    });
    expect(filed.status()).toBe(201);
    const number = ((await filed.json()) as { number: string }).number;
    expect(number).toMatch(/^ESC-\d{6}$/);

    for (const locale of ['ms', 'zh', 'en'] as const) {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`/cases/${number}`);
      await page.getByTestId('case-page').waitFor();
      await switchLanguage(page, locale);
      await page.getByTestId('case-assign-me').waitFor();
      await page.locator('[data-testid="timeline-entry"]').first().waitFor();
      // The button's label is shown whole in every language.
      expect(await fitsText(page, 'case-assign-me')).toBe(true);
      await screenshot(page, `case-assign-${locale}`);

      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto('/cases');
      await page.getByTestId('case-row').first().waitFor();
      // The table scrolls inside its own box; the page does not scroll sideways.
      expect(await pageOverflow(page)).toBe(0);
      await screenshot(page, `cases-phone-${locale}`, { fullPage: false });

      await page.goto(`/cases/${number}`);
      await page.getByTestId('case-assign-me').waitFor();
      await page.locator('[data-testid="timeline-entry"]').first().waitFor();
      expect(await pageOverflow(page)).toBe(0);
      expect(await fitsText(page, 'case-assign-me')).toBe(true);
      await screenshot(page, `case-phone-${locale}`);
    }
    await context.close();
  });
});
