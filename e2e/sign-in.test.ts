import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, baseUrl, launchChromium, newContext, screenshot, signIn } from './support/browser.js';

// An account no other journey signs in with, since this one gets it throttled.
const THROTTLED = 'grace.yeo@closeloop.test';

describe('signing in', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('takes the admin into the app frame and back out', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();

    await signIn(page, ADMIN);
    await page.getByTestId('app-nav').waitFor();
    expect(await page.getByTestId('product-name').textContent()).toBe('Closeloop');
    for (const area of ['cases', 'dashboards', 'knowledge', 'qa', 'shifts', 'admin']) {
      expect(await page.getByTestId(`nav-${area}`).count(), area).toBe(1);
    }
    // The first area is the case list.
    await page.getByTestId('cases-page').waitFor();
    await page.getByTestId('cases-table').waitFor();
    await screenshot(page, 'frame-cases-en');

    await page.getByTestId('user-menu').click();
    expect(await page.getByTestId('user-menu-role').textContent()).toBe('Administrator');
    await screenshot(page, 'user-menu-en', { fullPage: false });
    await page.getByTestId('user-menu-sign-out').click();
    await page.getByTestId('sign-in-submit').waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    // Signed out means signed out: the frame is no longer reachable.
    await page.goto('/admin/users');
    await page.getByTestId('sign-in-submit').waitFor();
    await context.close();
  });

  it('shows the server’s error for a wrong password', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();

    await signIn(page, ADMIN, 'not-the-password');
    const error = page.getByTestId('sign-in-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('do not match an active account');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await screenshot(page, 'sign-in-error-en');
    await context.close();
  });

  it('tells the person how long to wait after too many failed attempts', async () => {
    // The first failures go straight to the API; only the one that trips the limit is seen.
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await fetch(`${baseUrl()}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: THROTTLED, password: `wrong-${attempt}` }),
      });
      expect(response.status).toBe(401);
    }
    const context = await newContext(browser);
    const page = await context.newPage();

    await signIn(page, THROTTLED, 'still-wrong');
    const error = page.getByTestId('sign-in-error');
    await error.getByText(/^Too many sign-in attempts\. Try again in \d+ seconds?\.$/).waitFor();
    await screenshot(page, 'sign-in-rate-limited-en');
    await context.close();
  });
});
