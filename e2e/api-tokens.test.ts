import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPECIALIST, baseUrl, launchChromium, newContext, screenshot, signIn } from './support/browser.js';

function callMe(token: string): Promise<Response> {
  return fetch(`${baseUrl()}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
}

describe('API tokens', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows a new token once, lets a program use it, and stops it when revoked', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const name = `CRM integration ${Date.now()}`;

    await signIn(page, SPECIALIST);
    await page.getByTestId('app-nav').waitFor();
    await page.getByTestId('user-menu').click();
    await page.getByTestId('user-menu-tokens').click();
    await page.getByTestId('tokens-table').waitFor();

    await page.getByTestId('token-create').click();
    await page.getByTestId('token-form-name').fill(name);
    await page.getByTestId('token-form-submit').click();
    const secretBox = page.getByTestId('token-secret');
    await secretBox.waitFor();
    const secret = (await secretBox.textContent())?.trim() ?? '';
    expect(secret.length).toBeGreaterThan(20);
    await screenshot(page, 'token-created-en', { fullPage: false });

    await page.getByTestId('token-created-done').click();
    const row = page.locator(`[data-testid="token-row"][data-name="${name}"]`);
    await row.getByTestId('token-status-active').waitFor();
    // Shown once: after "Done" the secret is nowhere on the page, only its prefix.
    expect(await page.getByText(secret).count()).toBe(0);

    const signedInByToken = await callMe(secret);
    expect(signedInByToken.status).toBe(200);
    expect(((await signedInByToken.json()) as { user: { email: string } }).user.email).toBe(SPECIALIST);

    await row.getByTestId('token-revoke').click();
    await page.getByTestId('token-revoke-confirm').click();
    await row.getByTestId('token-status-revoked').waitFor();
    await screenshot(page, 'tokens-revoked-en');

    expect((await callMe(secret)).status).toBe(401);
    await context.close();
  });
});
