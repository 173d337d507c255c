import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir } from './support/closeloop-server.js';
import { ADMIN, SPECIALIST, launchChromium, newContext, pageOverflow, screenshot, signIn, switchLanguage } from './support/browser.js';

const LEAD_CN = 'na.li@closeloop.test'; // 李娜, lead of Seller Escalations CN; works in Chinese
const SPECIALIST_MS = 'muhammad.hafiz@closeloop.test'; // works in Malay

/** Pictured under e2e/artifacts/ and copied to /tmp/escalation-<name>.png for a quick look. */
async function picture(page: Page, name: string, options?: { fullPage?: boolean }): Promise<void> {
  await screenshot(page, `escalation-${name}`, options);
  await copyFile(join(artifactsDir, `escalation-${name}.png`), `/tmp/escalation-${name}.png`);
}

/** Pick an option of a Mantine Select; the list renders in a portal. */
async function choose(page: Page, within: ReturnType<Page['getByTestId']>, option: string): Promise<void> {
  await within.click();
  await page.getByRole('option', { name: option }).first().click();
  await page.getByRole('listbox').waitFor({ state: 'hidden' });
}

describe('critical escalation', () => {
  let browser: Browser;
  let caseNumber = '';
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets the admin add a ladder and an authority', async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, ADMIN);
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('nav-admin-escalation').click();
    await page.getByTestId('ladders-table').waitFor();

    await page.getByTestId('ladder-add').click();
    const form = page.getByTestId('ladder-form');
    await form.getByTestId('ladder-form-name').fill('China sellers: legal');
    // Level 1: the lead of Seller Escalations CN, for two minutes.
    const first = form.getByTestId('ladder-level').nth(0);
    await first.getByTestId('ladder-level-kind').getByText('A role in a team').click();
    await choose(page, first.getByTestId('ladder-level-team'), 'Seller Escalations CN');
    await first.getByTestId('ladder-level-minutes').fill('2');
    // Level 2: the on-call team, with a wait too short to page anyone in time.
    await form.getByTestId('ladder-level-add').click();
    const second = form.getByTestId('ladder-level').nth(1);
    await choose(page, second.getByTestId('ladder-level-team'), 'Critical On-call');
    await second.getByTestId('ladder-level-minutes').fill('0');
    await second.getByTestId('ladder-level-seconds').fill('5');
    await form.getByTestId('ladder-form-submit').click();
    const timeoutError = second.getByTestId('ladder-level-timeout-error');
    await timeoutError.waitFor();
    expect(await timeoutError.textContent()).toContain('at least 10 seconds');
    await picture(page, 'ladder-form-problem-en', { fullPage: false });
    await second.getByTestId('ladder-level-minutes').fill('5');
    await second.getByTestId('ladder-level-seconds').fill('30');
    await form.getByTestId('ladder-form-submit').click();
    await form.waitFor({ state: 'detached' });
    const ladder = page.locator('[data-testid="ladder-row"][data-name="China sellers: legal"]');
    await ladder.waitFor();
    expect(await ladder.textContent()).toContain('Team lead of Seller Escalations CN');

    await page.getByTestId('authority-add').click();
    const authority = page.getByTestId('authority-form');
    await authority.getByTestId('authority-form-name').fill('Legal (China sellers)');
    // A typed risk type must be a code: caught before saving.
    await authority.getByTestId('authority-form-risk-type').fill('Legal!');
    await choose(page, authority.getByTestId('authority-form-ladder'), 'China sellers: legal');
    await authority.getByTestId('authority-form-submit').click();
    await authority.getByText('Lower-case letters, digits and underscores').waitFor();
    await authority.getByTestId('authority-form-risk-type').fill('legal');
    await authority.getByTestId('authority-form-name').click(); // closes the suggestions
    await choose(page, authority.getByTestId('authority-form-region'), 'China');
    await authority.getByTestId('authority-form-submit').click();
    await authority.waitFor({ state: 'detached' });
    const row = page.locator('[data-testid="authority-row"][data-name="Legal (China sellers)"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Legal');
    await picture(page, 'admin-en');

    // A second ladder of the same name: the server's complaint stands next to the name.
    await page.getByTestId('ladder-add').click();
    const again = page.getByTestId('ladder-form');
    await again.getByTestId('ladder-form-name').fill('China sellers: legal');
    await choose(page, again.getByTestId('ladder-level').nth(0).getByTestId('ladder-level-team'), 'Critical On-call');
    await again.getByTestId('ladder-form-submit').click();
    await again.getByText('This is already in use.').waitFor();
    expect(await again.getByTestId('ladder-form-name').getAttribute('aria-invalid')).toBe('true');
    await page.keyboard.press('Escape');
    await again.waitFor({ state: 'detached' });

    // An SLA policy can raise one on breach; the choice survives saving and reopening.
    await page.getByTestId('nav-admin-sla-policies').click();
    const policy = page.getByTestId('policy-row').first();
    const policyName = (await policy.getAttribute('data-name')) ?? '';
    const openPolicy = async () => {
      await page.locator(`[data-testid="policy-row"][data-name="${policyName}"]`).getByTestId('policy-edit').click();
      await page.getByTestId('policy-form').waitFor();
    };
    const save = async () => {
      await page.getByTestId('policy-form-submit').click();
      await page.getByTestId('policy-form').waitFor({ state: 'detached' });
      await page.getByTestId('policy-row').first().waitFor();
    };
    await openPolicy();
    await choose(page, page.getByTestId('policy-breach-critical'), 'Legal (China sellers)');
    await save();
    await openPolicy();
    expect(await page.getByTestId('policy-breach-critical').inputValue()).toContain('Legal (China sellers)');
    await page.getByTestId('policy-breach-critical').scrollIntoViewIfNeeded();
    await picture(page, 'policy-en', { fullPage: false });
    // Back as it was for the other journeys: choosing the option again clears it.
    await choose(page, page.getByTestId('policy-breach-critical'), 'Legal (China sellers)');
    expect(await page.getByTestId('policy-breach-critical').inputValue()).toBe('');
    await save();
    await page.context().close();
  });

  it('lets a specialist raise one from a case; it pages level 1', async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, SPECIALIST);
    await page.getByTestId('app-nav').waitFor();
    await page.goto('/cases?status=new,triaged,in_progress');
    await page.getByTestId('case-row').first().click();
    await page.getByTestId('case-page').waitFor();
    caseNumber = (await page.getByTestId('case-page').getAttribute('data-number')) ?? '';
    expect(caseNumber).not.toBe('');

    await page.getByTestId('critical-panel').getByTestId('critical-none').waitFor();
    await page.getByTestId('critical-raise').click();
    const form = page.getByTestId('critical-form');
    await choose(page, form.getByTestId('critical-form-authority'), 'Legal (China sellers)');
    await form.getByTestId('critical-form-reason').fill('A regulator asked about this seller’s withheld payouts; reply due tonight.');
    await form.getByTestId('critical-form-submit').click();
    await form.waitFor({ state: 'detached' });

    const item = page.getByTestId('critical-item');
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe('open');
    expect(await item.getAttribute('data-level')).toBe('1');
    await page.locator('[data-testid="timeline-entry"][data-kind="critical_raised"]').waitFor();
    await picture(page, 'case-en');

    // The board: at level 1 of 2, paged seconds ago.
    await page.getByTestId('nav-escalations').click();
    const row = page.locator(`[data-testid="escalation-row"][data-case="${caseNumber}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-level')).toBe('1');
    expect(await row.getByTestId('escalation-level').textContent()).toBe('Level 1 of 2');
    expect(await row.getByTestId('escalation-last-paged').textContent()).toMatch(/\ds ago$/);
    await row.getByTestId('escalation-history-toggle').click();
    await row.getByTestId('escalation-page').waitFor();
    expect(await row.getByTestId('escalation-page').textContent()).toContain('李娜');

    // Not paged and not a lead: the server says no, in words.
    await row.getByTestId('escalation-acknowledge').click();
    const refused = row.getByTestId('escalation-acknowledge-error');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('Only the people paged, leads, managers and admins');
    await picture(page, 'board-en');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await row.waitFor();
    expect(await pageOverflow(page)).toBe(0);
    await picture(page, 'board-phone-en');
    await page.context().close();
  });

  it('lets the lead acknowledge it from the board (in Chinese); it moves to Acknowledged', async () => {
    const page = await (await newContext(browser, 'zh-CN')).newPage();
    await signIn(page, LEAD_CN);
    // Paged at level 1: the bell says so, with the reason.
    await page.getByTestId('notification-bell').click();
    const paged = page.locator('[data-testid="notification-item"][data-kind="critical_page"]').first();
    await paged.waitFor();
    expect(await paged.textContent()).toContain(`${caseNumber}：紧急升级，您在第 1 级被呼叫：A regulator asked`);
    await page.keyboard.press('Escape');
    await page.getByTestId('nav-escalations').click();
    const row = page.locator(`[data-testid="escalation-row"][data-case="${caseNumber}"]`);
    await row.waitFor();
    expect(await row.getByTestId('escalation-level').textContent()).toBe('第 1 级（共 2 级）');
    expect(await page.getByTestId('escalation-tab-open').textContent()).toBe('进行中');
    await picture(page, 'board-zh');

    await row.getByTestId('escalation-acknowledge').click();
    await row.waitFor({ state: 'detached' });
    await page.getByTestId('escalation-tab-acknowledged').click();
    const done = page.locator(`[data-testid="escalation-row"][data-case="${caseNumber}"]`);
    await done.waitFor();
    expect(await done.getAttribute('data-status')).toBe('acknowledged');
    expect(await done.getByTestId('escalation-acknowledged').textContent()).toContain('李娜');
    await picture(page, 'board-acknowledged-zh');

    await done.getByTestId('escalation-case').click();
    await page.locator('[data-testid="timeline-entry"][data-kind="critical_acknowledged"]').waitFor();
    await picture(page, 'case-zh');
    await page.context().close();
  });

  it('shows the board and the admin page in Malay', async () => {
    const page = await (await newContext(browser, 'ms-MY')).newPage();
    await signIn(page, SPECIALIST_MS);
    await page.getByTestId('nav-escalations').click();
    await page.getByTestId('escalation-tab-acknowledged').click();
    const row = page.locator(`[data-testid="escalation-row"][data-case="${caseNumber}"]`);
    await row.waitFor();
    expect(await row.getByTestId('escalation-status').textContent()).toBe('Diakui');
    await picture(page, 'board-ms');
    await page.setViewportSize({ width: 390, height: 844 });
    await picture(page, 'board-phone-ms');
    await page.context().close();

    const admin = await (await newContext(browser)).newPage();
    await signIn(admin, ADMIN);
    await admin.getByTestId('app-nav').waitFor();
    await switchLanguage(admin, 'ms');
    await admin.goto('/admin/escalation');
    await admin.locator('[data-testid="authority-row"][data-name="Legal (China sellers)"]').waitFor();
    expect(await admin.getByTestId('authorities-table').textContent()).toContain('Undang-undang');
    await picture(admin, 'admin-ms');
    await admin.getByTestId('ladder-add').click();
    await admin.getByTestId('ladder-form').waitFor();
    await picture(admin, 'ladder-form-ms', { fullPage: false });
    await admin.keyboard.press('Escape');
    // The admin works in English again for the other journeys.
    await switchLanguage(admin, 'en');
    await admin.context().close();
  });
});
