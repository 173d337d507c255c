import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { artifactsDir } from './closeloop-server.js';

export const DEMO_PASSWORD = 'closeloop-demo';
export const ADMIN = 'nurul.huda@closeloop.test';
export const SPECIALIST = 'wei.chen@closeloop.test';

export const baseUrl = (): string => inject('baseUrl');

/** Debian's Chromium, never a downloaded one; flags keep it quiet and offline. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh browser profile; `locale` is what navigator.language reports to the app. */
export function newContext(browser: Browser, locale = 'en-GB'): Promise<BrowserContext> {
  return browser.newContext({ baseURL: baseUrl(), locale, viewport: { width: 1280, height: 800 } });
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByTestId('sign-in-email').fill(email);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
}

/** Saved under e2e/artifacts/ for a person to look at (layout, overflow, raw keys). */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  await mkdir(artifactsDir, { recursive: true });
  // Let notifications and modal transitions settle so the picture shows the steady state.
  await page.waitForTimeout(300);
  const path = join(artifactsDir, `${name}.png`);
  if (!fullPage) {
    await page.screenshot({ path });
    return;
  }
  // A full-page picture of a scrolled page draws the fixed header halfway down: start at the top.
  await page.evaluate('window.scrollTo(0, 0)');
  // Chromium's full-page capture keeps the window's height for fixed elements, so the fixed
  // navigation would stop at the first screen. Make the window as tall as the page instead,
  // picture it, and give the window its size back.
  const viewport = page.viewportSize();
  const height = Math.min((await page.evaluate('document.documentElement.scrollHeight')) as number, 12_000);
  if (!viewport || height <= viewport.height) {
    await page.screenshot({ path });
    return;
  }
  await page.setViewportSize({ width: viewport.width, height });
  try {
    await page.waitForTimeout(150);
    await page.screenshot({ path, fullPage: true });
  } finally {
    await page.setViewportSize(viewport);
  }
}

/** Wait until exactly `count` elements match, e.g. a table narrowed by a search. */
export async function waitForCount(locator: Locator, count: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = await locator.count();
  while (seen !== count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} matches, still ${seen} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    seen = await locator.count();
  }
}

/** Switch the UI language with the header's switcher and wait until the choice is saved to the person. */
export async function switchLanguage(page: Page, locale: 'en' | 'zh' | 'ms'): Promise<void> {
  await page.getByTestId('language-switcher').click();
  const saved = page.waitForResponse(
    (response) => response.url().endsWith('/api/v1/me') && response.request().method() === 'PATCH',
  );
  await page.getByTestId(`language-option-${locale}`).click();
  expect((await saved).status()).toBe(200);
}

/** How far the page itself scrolls sideways (0 when everything wide scrolls in its own box). */
export function pageOverflow(page: Page): Promise<number> {
  return page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as Promise<number>;
}

/** A fresh browser profile signed in as `email`, once the signed-in frame is drawn. */
export async function signedIn(browser: Browser, email: string, locale = 'en-GB'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, locale);
  const page = await context.newPage();
  await signIn(page, email);
  await page.getByTestId('app-nav').waitFor();
  return { context, page };
}

/** Pick an option of a Mantine Select by its visible text; the list renders in a portal. */
export async function choose(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.getByRole('listbox').waitFor({ state: 'hidden' });
}

/** Call the API with the page's own session (cookie + CSRF token), e.g. to file a case as that person. */
export async function apiPost<T>(page: Page, path: string, data: unknown, expectedStatus = 201): Promise<T> {
  const me = await (await page.request.get('/api/v1/me')).json();
  const response = await page.request.post(`/api/v1${path}`, {
    data,
    headers: { 'x-csrf-token': me.csrfToken, 'idempotency-key': crypto.randomUUID() },
  });
  expect(response.status(), await response.text()).toBe(expectedStatus);
  return response.json() as Promise<T>;
}
