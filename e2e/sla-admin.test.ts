import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir } from './support/closeloop-server.js';
import { ADMIN, launchChromium, newContext, screenshot, signIn } from './support/browser.js';

type Locale = 'en' | 'zh' | 'ms';

/** Pictured under e2e/artifacts/ and copied to /tmp/sla-admin-<name>.png for a quick look. */
async function picture(page: Page, name: string, options?: { fullPage?: boolean }): Promise<void> {
  await screenshot(page, `sla-admin-${name}`, options);
  await copyFile(join(artifactsDir, `sla-admin-${name}.png`), `/tmp/sla-admin-${name}.png`);
}

async function switchLanguage(page: Page, locale: Locale): Promise<void> {
  await page.getByTestId('language-switcher').click();
  const saved = page.waitForResponse((response) => response.url().endsWith('/api/v1/me') && response.request().method() === 'PATCH');
  await page.getByTestId(`language-option-${locale}`).click();
  expect((await saved).status()).toBe(200);
}

/** Pick options of a Mantine Select or MultiSelect; the list renders in a portal. */
async function choose(page: Page, testId: string, ...options: string[]): Promise<void> {
  await page.getByTestId(testId).click();
  for (const option of options) await page.getByRole('option', { name: option, exact: true }).click();
  if (await page.getByRole('listbox').isVisible()) await page.keyboard.press('Escape');
  await page.getByRole('listbox').waitFor({ state: 'hidden' });
}

/** Wait until the element's text matches, e.g. a preview answering a changed sample. */
async function waitForText(locator: Locator, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = (await locator.isVisible()) ? ((await locator.textContent()) ?? '') : '';
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`still reads ${JSON.stringify(text)}, not ${pattern}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const dueOf = (kind: string) => `[data-testid="preview-clock"][data-kind="${kind}"] [data-testid="preview-due"]`;

describe('admin: business calendars and SLA policies', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets the admin add a half-day holiday to a calendar and try the calendar out', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, ADMIN);
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('nav-admin-calendars').click();
    const row = page.locator('[data-testid="calendar-row"][data-name="Malaysia office hours"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Asia/Kuala_Lumpur');
    await picture(page, 'calendars-en');

    await row.getByTestId('calendar-edit').click();
    await page.getByTestId('calendar-form').waitFor();
    expect(await page.getByTestId('calendar-form-name').inputValue()).toBe('Malaysia office hours');

    // A new day: a half day whose hours overlap is caught before saving, in words.
    await page.getByTestId('holiday-add').click();
    const added = page.getByTestId('holiday-row').last();
    await added.getByTestId('holiday-date').fill('2026-11-20');
    await added.getByTestId('holiday-name').fill('Company retreat');
    await added.getByTestId('holiday-closed').click();
    await added.getByTestId('holiday-blocks').fill('9-13, 12:00–14:00');
    await page.getByTestId('calendar-form-submit').click();
    await page.getByText('Starts before the block before it ends: put blocks in order, without overlaps.').waitFor();
    await page.getByTestId('calendar-form-problems').waitFor();
    await picture(page, 'calendar-problem-en', { fullPage: false });

    await added.getByTestId('holiday-blocks').fill('09:00–13:00');
    const saved = page.waitForResponse((response) => /\/api\/v1\/calendars\/[^/]+$/.test(response.url()) && response.request().method() === 'PATCH');
    await page.getByTestId('calendar-form-submit').click();
    expect((await saved).status()).toBe(200);
    await page.getByText('Calendar “Malaysia office hours” saved.').waitFor();

    // The saved calendar, read back from the server, has the half day.
    await page.reload();
    const retreat = page.locator('[data-testid="holiday-row"][data-date="2026-11-20"]');
    await retreat.waitFor();
    expect(await retreat.getByTestId('holiday-name').inputValue()).toBe('Company retreat');
    expect(await retreat.getByTestId('holiday-blocks').inputValue()).toBe('09:00–13:00');

    // Try it: 8 working hours from Friday 17:30 are Friday's last half hour, then 09–12 and
    // 13–17:30 on Monday.
    await page.getByTestId('calendar-try-start').fill('2026-03-06T17:30');
    await page.getByTestId('calendar-try-duration').fill('PT8H');
    await page.getByTestId('calendar-try-submit').click();
    const due = page.getByTestId('calendar-try-due');
    await due.waitFor();
    expect(await due.textContent()).toMatch(/Monday.*9 March 2026.*17:30.*Asia\/Kuala_Lumpur/);
    await picture(page, 'calendar-en');
    await context.close();
  });

  it('shows the calendar pages in Chinese and Malay', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, ADMIN);
    await page.getByTestId('app-nav').waitFor();
    try {
      for (const [locale, title, closed] of [
        ['zh', '工作日历', '休息'],
        ['ms', 'Kalendar kerja', 'Tutup'],
      ] as const) {
        await switchLanguage(page, locale);
        await page.goto('/admin/calendars');
        await page.getByRole('heading', { name: title }).waitFor();
        await page.getByTestId('calendar-row').first().waitFor();
        await picture(page, `calendars-${locale}`);
        await page.locator('[data-testid="calendar-row"][data-name="China office hours"]').getByTestId('calendar-edit').click();
        // Saturday is closed, in the reader's language.
        expect(await page.locator('[data-testid="calendar-day"][data-day="sat"]').getByTestId('calendar-day-closed').textContent()).toBe(closed);
        await picture(page, `calendar-${locale}`);
      }
    } finally {
      await switchLanguage(page, 'en');
    }
    await context.close();
  });

  it('lets the admin create an SLA policy while its live preview follows the sample case', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const name = `VIP payments ${Date.now()}`;
    await signIn(page, ADMIN);
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('nav-admin-sla-policies').click();
    await page.getByTestId('policy-row').first().waitFor();
    await picture(page, 'policies-en');

    await page.getByTestId('policy-create').click();
    await page.getByTestId('policy-form').waitFor();
    // The admin works in Malaysia: the new policy starts on the Malaysian calendar.
    expect(await page.getByTestId('policy-form-calendar').inputValue()).toBe('Malaysia office hours (Asia/Kuala_Lumpur)');
    await page.getByTestId('preview-incomplete').waitFor();

    await page.getByTestId('policy-form-name').fill(name);
    await choose(page, 'policy-form-priorities', 'P1 · Critical', 'P2 · High');
    await page.getByTestId('policy-form-category').fill('payments/*');
    await choose(page, 'policy-form-tiers', 'VIP');
    await page.getByTestId('policy-target-firstResponse-hours').fill('1');
    await page.getByTestId('policy-target-resolution-hours').fill('8');
    expect(await page.getByTestId('policy-target-resolution-iso').textContent()).toBe('PT8H');

    // The sample: a P2 withdrawal delay from a VIP seller in Malaysia, filed Friday 17:30.
    await choose(page, 'preview-tier', 'VIP');
    await page.getByTestId('preview-filed').fill('2026-03-06T17:30');
    // Friday's last half hour, then Monday from 09:00.
    await waitForText(page.getByTestId('preview-sentence'), /P2 “Withdrawal delayed” case from a VIP account in Malaysia, filed Friday, 6 March 2026 at 17:30/);
    expect(await page.locator(dueOf('first_response')).textContent()).toMatch(/Monday, 9 March 2026 at 09:30/);
    expect(await page.locator(dueOf('resolution')).textContent()).toMatch(/Monday, 9 March 2026 at 17:30/);
    await picture(page, 'policy-preview-en');

    // A P3 is not this policy's business; a P1 is again.
    await page.getByTestId('preview-priority').getByText('P3', { exact: true }).click();
    await page.getByTestId('preview-no-match').waitFor();
    await page.getByTestId('preview-priority').getByText('P1', { exact: true }).click();
    await waitForText(page.getByTestId('preview-sentence'), /^A P1 /);
    expect(await page.locator(dueOf('first_response')).textContent()).toMatch(/09:30/);

    await page.getByTestId('policy-form-submit').click();
    const row = page.locator(`[data-testid="policy-row"][data-name="${name}"]`);
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('payments/*');
    expect(text).toContain('VIP');
    expect(text).toContain('Malaysia office hours');

    // In Malay, the preview of the saved policy reads the same instant as Isnin (Monday).
    try {
      await switchLanguage(page, 'ms');
      await row.getByTestId('policy-edit').click();
      await page.getByTestId('policy-form').waitFor();
      await choose(page, 'preview-tier', 'VIP');
      await page.getByTestId('preview-filed').fill('2026-03-06T17:30');
      await waitForText(page.locator(dueOf('first_response')), /Isnin, 9 Mac 2026/);
      await picture(page, 'policy-ms');
      await page.goto('/admin/sla-policies');
      await page.getByTestId('policy-row').first().waitFor();
      await picture(page, 'policies-ms');

      await switchLanguage(page, 'zh');
      await row.getByTestId('policy-edit').click();
      await page.getByTestId('policy-form').waitFor();
      await choose(page, 'preview-tier', 'VIP');
      await page.getByTestId('preview-filed').fill('2026-03-06T17:30');
      await waitForText(page.getByTestId('preview-sentence'), /VIP/);
      await picture(page, 'policy-zh');
      await page.goto('/admin/sla-policies');
      await page.getByTestId('policy-row').first().waitFor();
      await picture(page, 'policies-zh');
    } finally {
      await switchLanguage(page, 'en');
    }
    await context.close();
  });
});
