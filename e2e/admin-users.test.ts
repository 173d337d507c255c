import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, SPECIALIST, launchChromium, newContext, screenshot, signIn, waitForCount } from './support/browser.js';

/** Pick options in a Mantine Select/MultiSelect; the list renders in a portal. */
async function choose(page: Page, testId: string, ...options: string[]): Promise<void> {
  // A multi-select's pills box lies over its input; click where a person would.
  await page.getByTestId(testId).click({ force: true });
  for (const option of options) await page.getByRole('option', { name: option, exact: true }).click();
  await closeDropdown(page);
}

// A multi-select stays open after a pick, and Escape would also close the modal:
// click the modal's title instead, like a person would.
async function closeDropdown(page: Page): Promise<void> {
  await page.locator('.mantine-Modal-title').click();
  await page.getByRole('listbox').waitFor({ state: 'hidden' });
}

describe('admin: users', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets the admin add a user who then appears in the table and can sign in', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const suffix = Date.now();
    const email = `mei.ling.${suffix}@closeloop.test`;
    const displayName = `Tan Mei Ling ${suffix}`;

    await signIn(page, ADMIN);
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('nav-admin-users').click();
    await page.getByTestId('user-row').first().waitFor();

    // An e-mail already in use is reported on the e-mail field itself.
    await page.getByTestId('user-create').click();
    await page.getByTestId('user-form-email').fill(SPECIALIST);
    await page.getByTestId('user-form-display-name').fill('Duplicate');
    await page.getByTestId('user-form-password').fill('closeloop-e2e-password');
    await page.getByTestId('user-form-submit').click();
    await page.getByText('Another account already uses this email.').waitFor();
    await screenshot(page, 'users-create-email-taken-en', { fullPage: false });

    await page.getByTestId('user-form-email').fill(email);
    await page.getByText('Another account already uses this email.').waitFor({ state: 'detached' });
    await page.getByTestId('user-form-display-name').fill(displayName);
    await choose(page, 'user-form-role', 'Specialist');
    await choose(page, 'user-form-region', 'Malaysia');
    await choose(page, 'user-form-languages', 'Malay', 'Chinese');
    await page.getByTestId('user-form-teams').click({ force: true });
    await page.getByRole('option').first().click();
    await closeDropdown(page);
    await screenshot(page, 'users-create-filled-en', { fullPage: false });
    await page.getByTestId('user-form-submit').click();
    await page.getByTestId('user-form').waitFor({ state: 'detached' });

    // The search narrows the table to the newcomer alone.
    await page.getByTestId('user-search').fill(String(suffix));
    const row = page.getByTestId('user-row');
    await waitForCount(row, 1);
    expect(await row.getAttribute('data-email')).toBe(email);
    const text = await row.textContent();
    expect(text).toContain(displayName);
    expect(text).toContain('Specialist');
    expect(text).toContain('Malaysia');
    await screenshot(page, 'users-created-en');
    await context.close();

    const newcomer = await newContext(browser);
    const newcomerPage = await newcomer.newPage();
    await signIn(newcomerPage, email, 'closeloop-e2e-password');
    await newcomerPage.getByTestId('app-nav').waitFor();
    await newcomer.close();
  });

  it('hides Admin from a specialist', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();

    await signIn(page, SPECIALIST);
    await page.getByTestId('app-nav').waitFor();
    await page.getByTestId('nav-cases').waitFor();
    expect(await page.getByTestId('nav-admin').count()).toBe(0);
    await screenshot(page, 'frame-specialist-en');

    // Typing the address does not help either.
    await page.goto('/admin/users');
    await page.getByTestId('page-no-access').waitFor();
    await context.close();
  });
});
