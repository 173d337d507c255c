import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir } from './support/closeloop-server.js';
import {
  ADMIN,
  DEMO_PASSWORD,
  baseUrl,
  launchChromium,
  newContext,
  pageOverflow,
  screenshot,
  signIn,
  switchLanguage,
  waitForCount,
} from './support/browser.js';

// A specialist no other journey signs in as, so switching their language disturbs nobody.
const SPECIALIST = 'kavitha.s@closeloop.test';
const REQUESTER = 'azlan.ismail@closeloop.test';

interface Api {
  request: APIRequestContext;
  csrf: string;
}

/** Sign in through the API only: a cookie jar and the CSRF token for writes. */
async function apiAs(browser: Browser, email: string): Promise<Api> {
  const context = await browser.newContext({ baseURL: baseUrl() });
  const response = await context.request.post('/api/v1/auth/login', { data: { email, password: DEMO_PASSWORD } });
  expect(response.status()).toBe(200);
  return { request: context.request, csrf: ((await response.json()) as { csrfToken: string }).csrfToken };
}

async function post<T>(api: Api, path: string, data: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await api.request.post(`/api/v1${path}`, { data, headers: { 'x-csrf-token': api.csrf, ...headers } });
  expect(response.status(), `${path}: ${await response.text()}`).toBe(201);
  return (await response.json()) as T;
}

interface Filed {
  id: string;
  number: string;
}

/** Poll the API until the case's SLA reaches `state` (the sweep fires warnings and breaches each second). */
async function waitForSla(api: Api, caseId: string, state: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen: unknown = null;
  while (Date.now() < deadline) {
    const sla = (await (await api.request.get(`/api/v1/cases/${caseId}/sla`)).json()) as { state: string | null };
    seen = sla.state;
    if (seen === state) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`case ${caseId}: SLA still ${String(seen)}, not ${state}, after ${timeoutMs} ms`);
}

/** Picture the page, and keep a copy in /tmp for a person to look at. */
async function picture(page: Page, name: string, fullPage = true): Promise<void> {
  await screenshot(page, name, { fullPage });
  await copyFile(join(artifactsDir, `${name}.png`), `/tmp/${name}.png`);
}

describe('SLA on the case pages', () => {
  let browser: Browser;
  const suffix = `sla${Date.now().toString(36)}`;
  let replied: Filed; // at risk, then answered: its first-response clock is met
  let waiting: Filed; // stays at risk
  let late: Filed; // a one-minute first response that is breached while the journey runs

  beforeAll(async () => {
    browser = await launchChromium();

    // Policies of our own on a round-the-clock calendar, so the journey does not depend on
    // the time of day or on the demo's policies. They match only VIP payout holds at P2/P3.
    const admin = await apiAs(browser, ADMIN);
    const calendar = await post<{ id: string }>(admin, '/calendars', {
      name: `Round the clock ${suffix}`,
      timeZone: 'Asia/Kuala_Lumpur',
      week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      holidays: [],
      alwaysOpen: true,
    });
    const match = { categoryPattern: 'payments/payout-hold', accountTiers: ['vip'] };
    // Warned at 1% of 20 minutes: at risk 12 seconds after filing.
    await post(admin, '/sla/policies', {
      name: `VIP payout holds ${suffix}`,
      position: 0,
      match: { ...match, priorities: ['P2'] },
      calendar: calendar.id,
      targets: { firstResponse: 'PT20M', resolution: 'PT8H', handoffAnswer: 'PT4H' },
      warnAt: [1],
    });
    await post(admin, '/sla/policies', {
      name: `VIP payout holds, fast ${suffix}`,
      position: 1,
      match: { ...match, priorities: ['P3'] },
      calendar: calendar.id,
      targets: { firstResponse: 'PT1M', resolution: 'PT8H' },
      warnAt: [50],
    });

    // A Tier 1 agent escalates three cases for VIP sellers.
    const requester = await apiAs(browser, REQUESTER);
    // The late one is a creator: the demo's routing rule lifts VIP sellers' P3 cases to P2.
    const file = (title: string, priority: string, seller: string, type = 'seller') =>
      post<Filed>(
        requester,
        '/cases',
        {
          title: `${title} ${suffix}`,
          description: 'The payout of a VIP seller is on hold and the seller is asking every hour.',
          category: 'payments/payout-hold',
          priority,
          account: { type, externalId: `${seller}-${suffix}`, name: `${seller} Sdn Bhd`, tier: 'vip', region: 'MY' },
          source: 'crm',
        },
        { 'idempotency-key': crypto.randomUUID() },
      );
    late = await file('Payout frozen before a sale', 'P3', 'Kedai Lewat', 'creator');
    replied = await file('VIP payout held without reason', 'P2', 'Gajet Emas');
    waiting = await file('VIP payout held after bank change', 'P2', 'Butik Mutiara');
    await waitForSla(requester, replied.id, 'at_risk');
    await waitForSla(requester, waiting.id, 'at_risk');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('takes a specialist from the at-risk queue to a case whose first response they meet', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, SPECIALIST);
    await page.getByTestId('cases-page').waitFor();

    // The at-risk queue asks for at-risk cases, soonest due first.
    const queue = page.waitForResponse((response) => {
      const url = new URL(response.url());
      return url.pathname === '/api/v1/cases' && url.searchParams.get('slaState') === 'at_risk' && url.searchParams.get('sort') === 'due';
    });
    await page.getByTestId('cases-view-atRisk').click();
    expect((await queue).status()).toBe(200);
    await page.getByTestId('cases-search').fill(suffix);
    const rows = page.getByTestId('case-row');
    await waitForCount(rows, 2);
    for (const number of [replied.number, waiting.number]) {
      const badge = page.locator(`[data-testid="case-row"][data-number="${number}"] [data-testid="sla-badge"]`);
      expect(await badge.getAttribute('data-sla-state')).toBe('at_risk');
      // 20 minutes from filing, a little of it gone: "19m left" or "20m left".
      expect(await badge.textContent()).toMatch(/^(19|20)m left$/);
    }
    expect(page.url()).toContain('view=atRisk');

    await page.locator(`[data-testid="case-row"][data-number="${replied.number}"]`).click();
    await page.locator(`[data-testid="case-page"][data-number="${replied.number}"]`).waitFor();
    const panel = page.getByTestId('sla-panel');
    const firstResponse = panel.locator('[data-testid="sla-clock"][data-kind="first_response"]');
    await firstResponse.waitFor();
    expect(await firstResponse.getAttribute('data-status')).toBe('at_risk');
    expect(await panel.locator('[data-testid="sla-clock"][data-kind="resolution"]').getAttribute('data-status')).toBe('on_track');
    expect(await firstResponse.getByTestId('sla-clock-policy-name').textContent()).toBe(`VIP payout holds ${suffix}`);
    expect(await page.getByTestId('case-sla').getAttribute('data-sla-state')).toBe('at_risk');

    // Why this policy: the case's priority against the policy's rule, and criteria it leaves open.
    await firstResponse.getByTestId('sla-clock-details').click();
    const why = await firstResponse.getByTestId('sla-clock-why').textContent();
    expect(why).toContain('Priority: P2');
    expect(why).toContain('Region: Malaysia');
    expect(why).toContain('policy: any');
    // History: the clock started; the 1% warning fired.
    await firstResponse.getByTestId('sla-segment').first().waitFor();
    expect(await firstResponse.getByTestId('sla-segment').first().textContent()).toContain('Started');
    expect(await firstResponse.locator('[data-testid="sla-event"][data-kind="warning"]').textContent()).toContain('Warning at 1%');
    await picture(page, 'sla-cases-case-at-risk-en');

    // A reply to the requester is the first response: the clock stops, met.
    await page.getByTestId('composer-visibility').getByText('Requester', { exact: true }).click();
    await page.getByTestId('composer-body').fill('We have asked Payments to release the payout and will update you within the hour.');
    await page.getByTestId('composer-submit').click();
    await panel.locator('[data-testid="sla-clock"][data-kind="first_response"][data-status="met"]').waitFor();
    expect(await firstResponse.getByTestId('sla-clock-stopped').textContent()).toContain('Replied to the requester');
    expect(await firstResponse.getByTestId('sla-clock-due').textContent()).toBe('Not counting');
    // The case as a whole is on track again (the resolution clock has time left).
    await page.locator('[data-testid="case-sla"][data-sla-state="on_track"]').waitFor();

    // A question to Payments starts a clock for their answer, named after the department.
    const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string };
    const teams = (await (await page.request.get('/api/v1/teams')).json()) as { items: { id: string; name: string; kind: string }[] };
    const payments = teams.items.find((team) => team.kind === 'partner' && team.name.includes('Payments'));
    expect(payments).toBeDefined();
    const asked = await page.request.post(`/api/v1/cases/${replied.id}/handoffs`, {
      headers: { 'x-csrf-token': me.csrfToken },
      data: { team: payments!.id, question: 'Why is this payout on hold?', dueAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(asked.status()).toBe(201);
    await page.reload();
    // The department's name comes with the case's handoffs, which may load after the clocks.
    const handoffClock = panel.locator('[data-testid="sla-clock"][data-kind="handoff_answer"]', { hasText: `Handoff answer · ${payments!.name}` });
    await handoffClock.waitFor();
    await picture(page, 'sla-cases-case-handoff-en');

    // Back in the queue the answered case has left it; the other is still at risk.
    await page.goto(`/cases?view=atRisk&q=${suffix}`);
    await waitForCount(rows, 1);
    expect(await rows.first().getAttribute('data-number')).toBe(waiting.number);
    await context.close();
  });

  it('pictures the SLA queue, a breach and the clocks in three languages and on a phone', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, SPECIALIST);
    await page.getByTestId('cases-page').waitFor();

    // The one-minute first response is past due by now, or will be shortly.
    const requester = await apiAs(browser, REQUESTER);
    await waitForSla(requester, late.id, 'breached');

    for (const locale of ['ms', 'zh', 'en'] as const) {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`/cases?sort=due&q=${suffix}`);
      await page.getByTestId('cases-page').waitFor();
      await switchLanguage(page, locale);
      await waitForCount(page.getByTestId('case-row'), 3);
      // Soonest due first: the breached case, then the two filed after it.
      expect(await page.getByTestId('case-row').first().getAttribute('data-number')).toBe(late.number);
      const breached = page.locator(`[data-testid="case-row"][data-number="${late.number}"] [data-testid="sla-badge"]`);
      expect(await breached.getAttribute('data-sla-state')).toBe('breached');
      expect(await breached.textContent()).toMatch({ en: /^overdue \d+m$/, zh: /^超时\d+分钟$/, ms: /^lewat \d+ min$/ }[locale]);
      await picture(page, `sla-cases-list-${locale}`);

      await page.getByTestId('cases-view-breached').click();
      await waitForCount(page.getByTestId('case-row'), 1);
      expect(page.url()).toContain('view=breached');

      await page.goto(`/cases/${late.number}`);
      const clock = page.locator('[data-testid="sla-clock"][data-kind="first_response"]');
      await clock.waitFor();
      expect(await clock.getAttribute('data-status')).toBe('breached');
      await clock.getByTestId('sla-clock-details').click();
      await clock.locator('[data-testid="sla-event"][data-kind="breach"]').waitFor();
      await picture(page, `sla-cases-case-${locale}`);
      await page.getByTestId('sla-panel').screenshot({ path: `/tmp/sla-cases-panel-${locale}.png` });

      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`/cases?view=atRisk&q=${suffix}`);
      await page.getByTestId('case-row').first().waitFor();
      expect(await pageOverflow(page)).toBe(0);
      await picture(page, `sla-cases-phone-list-${locale}`, false);

      await page.goto(`/cases/${late.number}`);
      await page.getByTestId('sla-panel').locator('[data-testid="sla-clock"]').first().waitFor();
      await page.getByTestId('sla-panel').locator('[data-testid="sla-clock-details"]').first().click();
      expect(await pageOverflow(page)).toBe(0);
      await page.getByTestId('sla-panel').scrollIntoViewIfNeeded();
      await picture(page, `sla-cases-phone-case-${locale}`);
      await page.getByTestId('sla-panel').screenshot({ path: `/tmp/sla-cases-phone-panel-${locale}.png` });
    }
    await context.close();
  });
});
