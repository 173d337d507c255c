import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir } from './support/closeloop-server.js';
import { ADMIN, SPECIALIST, launchChromium, newContext, screenshot, signIn, switchLanguage } from './support/browser.js';

const REQUESTER = 'azlan.ismail@closeloop.test';
const TEAM = 'Seller Escalations CN'; // 陈伟 (wei.chen) is a specialist there; nobody starts available

/** Pictured under e2e/artifacts/ and copied to /tmp/assignment-<name>.png for a quick look. */
async function picture(page: Page, name: string, options?: { fullPage?: boolean }): Promise<void> {
  await screenshot(page, `assignment-${name}`, options);
  await copyFile(join(artifactsDir, `assignment-${name}.png`), `/tmp/assignment-${name}.png`);
}

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await newContext(browser)).newPage();
  await signIn(page, email);
  await page.getByTestId('app-nav').waitFor();
  return page;
}

/** A write through the API with the page's own session (cookie + CSRF token). */
async function send(request: APIRequestContext, method: 'post' | 'patch' | 'put', path: string, data: unknown) {
  const me = (await (await request.get('/api/v1/me')).json()) as { csrfToken: string };
  const response = await request[method](`/api/v1${path}`, {
    data,
    headers: { 'x-csrf-token': me.csrfToken, 'idempotency-key': crypto.randomUUID() },
  });
  expect(response.ok(), await response.text()).toBe(true);
  return response.json() as Promise<Record<string, unknown>>;
}

describe('automatic assignment', () => {
  let browser: Browser;
  let admin: Page;
  let specialist: Page;
  let teamId = '';
  let specialistId = '';
  const suffix = Date.now().toString(36);

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    // Leave the shared demo as the other journeys expect it: manual team, nobody available.
    if (admin && teamId) await send(admin.request, 'patch', `/teams/${teamId}`, { assignment: { strategy: 'manual', capacity: null } });
    if (admin && specialistId) await send(admin.request, 'put', `/users/${specialistId}/availability`, { available: false });
    if (specialist) await send(specialist.request, 'patch', '/me', { locale: 'en' });
    await browser?.close();
  });

  it('lets the admin set a service team to round robin with a capacity', async () => {
    admin = await signedIn(browser, ADMIN);
    await admin.goto('/admin/teams');
    const row = admin.locator(`[data-testid="team-row"][data-name="${TEAM}"]`);
    await row.waitFor();
    expect(await row.getByTestId('team-strategy').getAttribute('data-strategy')).toBe('manual');
    await row.getByTestId('team-edit').click();
    const form = admin.getByTestId('team-form');
    await form.getByTestId('team-form-strategy').click();
    await admin.getByRole('option', { name: 'Round robin' }).click();
    await form.getByTestId('team-form-capacity').fill('25');
    await picture(admin, 'team-form-en', { fullPage: false });
    const saved = admin.waitForResponse((r) => r.url().includes('/api/v1/teams/') && r.request().method() === 'PATCH');
    await form.getByTestId('team-form-submit').click();
    const team = (await (await saved).json()) as { id: string; assignment: { strategy: string; capacity: number | null } };
    expect(team.assignment).toEqual({ strategy: 'round_robin', capacity: 25 });
    teamId = team.id;
    await row.locator('[data-strategy="round_robin"]').waitFor();
    expect(await row.getByTestId('team-strategy').textContent()).toContain('Round robin');
    await picture(admin, 'teams-en');
  });

  it('lets a specialist of the team say they are available, in the user menu', async () => {
    specialist = await signedIn(browser, SPECIALIST);
    specialistId = ((await (await specialist.request.get('/api/v1/me')).json()) as { user: { id: string } }).user.id;
    await specialist.getByTestId('user-menu').click();
    const toggle = specialist.getByTestId('user-menu-available');
    await specialist.getByText('Available for new cases').waitFor();
    expect(await toggle.isChecked()).toBe(false);
    const put = specialist.waitForResponse((r) => r.url().endsWith('/availability') && r.request().method() === 'PUT');
    await toggle.click();
    expect((await put).status()).toBe(200);
    await specialist.locator('[data-testid="user-menu-available"][data-checked="true"]').waitFor();
    await picture(specialist, 'user-menu-en', { fullPage: false });
    // The server keeps it: a reload shows the switch on.
    await specialist.reload();
    await specialist.getByTestId('user-menu').click();
    await specialist.locator('[data-testid="user-menu-available"][data-checked="true"]').waitFor();
    await specialist.keyboard.press('Escape');
  });

  it('gives a case filed to the team to its available member, and says so in Chinese', async () => {
    const requester = await signedIn(browser, REQUESTER);
    const filed = (await send(requester.request, 'post', '/cases', {
      title: `提现未到账，自动分派测试 ${suffix}`,
      description: '卖家说提现三天仍未到账。',
      category: 'payments/withdrawal-delayed',
      account: { type: 'seller', externalId: `CN-AS-${suffix}`, name: '自动分派小店', region: 'CN', language: 'zh' },
      source: 'crm',
      team: teamId,
      fields: { withdrawalId: `TX-${suffix}`, amount: 120 },
    })) as { number: string };
    const seen = (await (await admin.request.get(`/api/v1/cases/${filed.number}`)).json()) as {
      team: { id: string } | null;
      assignee: { id: string } | null;
    };
    expect(seen.team?.id).toBe(teamId);
    expect(seen.assignee?.id).toBe(specialistId); // the team's only available member

    // The assignee reads it in Chinese: the timeline names the strategy, the bell tells them.
    await switchLanguage(specialist, 'zh');
    await specialist.goto(`/cases/${filed.number}`);
    const entry = specialist.locator('[data-testid="timeline-entry"][data-kind="assigned"]').last();
    await entry.waitFor();
    expect(await entry.textContent()).toContain('已自动分配（轮流分配）给陈伟');
    await specialist.getByTestId('notification-bell').click();
    const note = specialist.locator('[data-testid="notification-item"][data-kind="case_assigned"]').first();
    expect(await note.textContent()).toContain(`${filed.number} 已自动分配给你（轮流分配）`);
    await picture(specialist, 'case-zh', { fullPage: false });
    await specialist.keyboard.press('Escape');
    await specialist.getByTestId('user-menu').click();
    await specialist.getByText('接收新工单').waitFor();
    await picture(specialist, 'user-menu-zh', { fullPage: false });
    await specialist.keyboard.press('Escape');
  });

  it('shows who is available on the users page, where the admin switches them (in Malay)', async () => {
    await admin.goto('/admin/users');
    await switchLanguage(admin, 'ms');
    await admin.getByTestId('user-search').fill('wei.chen');
    const row = admin.locator(`[data-testid="user-row"][data-email="${SPECIALIST}"]`);
    await row.locator('[data-testid="user-available"][data-available="true"]').waitFor();
    const put = admin.waitForResponse((r) => r.url().endsWith('/availability') && r.request().method() === 'PUT');
    await row.locator('[data-testid="user-available"] .mantine-Switch-track').click();
    expect((await put).status()).toBe(200);
    await row.locator('[data-testid="user-available"][data-available="false"]').waitFor();
    // A refusal from the server (a lead outside the team would get it) is said in Malay.
    const refuse = '**/api/v1/users/*/availability';
    await admin.route(refuse, (route) =>
      route.fulfill({
        status: 403,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Forbidden', status: 403, code: 'forbidden', detail: 'you set your own availability' }),
      }),
    );
    await row.locator('[data-testid="user-available"] .mantine-Switch-track').click();
    await admin.getByText('Anda tidak boleh menukar sama ada 陈伟 menerima kes baharu').waitFor();
    await picture(admin, 'users-refused-ms', { fullPage: false });
    await admin.unroute(refuse);
    expect(await row.getByTestId('user-available').getAttribute('data-available')).toBe('false');
    await admin.getByTestId('user-search').fill('');
    await admin.getByText('Sedia').first().waitFor();
    await picture(admin, 'users-ms');
    await admin.goto('/admin/teams');
    await admin.locator(`[data-testid="team-row"][data-name="${TEAM}"]`).getByText('Bergilir').waitFor();
    await picture(admin, 'teams-ms');
    await switchLanguage(admin, 'en');
  });
});
