import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
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
});
