import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir } from './support/closeloop-server.js';
import { apiPost, choose, launchChromium, pageOverflow, screenshot, signedIn, switchLanguage } from './support/browser.js';

const LEAD_MY = 'ahmad.faizal@closeloop.test'; // lead of Seller Escalations MY; works in Malay
const SPECIALIST_MY = 'siti.aminah@closeloop.test'; // specialist in Seller Escalations MY; works in Malay
const CATEGORY = 'payments/withdrawal-delayed';

/** Pictured under e2e/artifacts/ and copied to /tmp/templates-<name>.png for a quick look. */
async function picture(page: Page, name: string, options?: { fullPage?: boolean }): Promise<void> {
  await screenshot(page, `templates-${name}`, options);
  await copyFile(join(artifactsDir, `templates-${name}.png`), `/tmp/templates-${name}.png`);
}

async function send(request: APIRequestContext, method: 'patch' | 'delete', path: string, data?: unknown) {
  const me = (await (await request.get('/api/v1/me')).json()) as { csrfToken: string };
  const response = await request[method](`/api/v1${path}`, { data, headers: { 'x-csrf-token': me.csrfToken } });
  expect(response.ok(), await response.text()).toBe(true);
}

interface FiledCase {
  id: string;
  number: string;
  account: { name: string };
}

/**
 * A Malay case of the category for a Malaysian seller, filed now, and its resolution clock's due
 * date as the template should write it. Filed by the journey itself: the demo's open cases are
 * shared with the other journeys, which move them on.
 */
async function malayCaseWithDueDate(page: Page): Promise<{ item: FiledCase; due: string }> {
  const suffix = Date.now().toString(36);
  const item = await apiPost<FiledCase>(page, '/cases', {
    title: `Pengeluaran belum diterima ${suffix}`,
    description: 'Penjual kata wang pengeluaran masih belum masuk ke akaun bank sejak minggu lepas.',
    category: CATEGORY,
    account: { type: 'seller', externalId: `MY-TPL-${suffix}`, name: 'Kedai Runcit Pak Mat', region: 'MY', language: 'ms' },
    source: 'crm',
    language: 'ms',
    fields: { withdrawalId: `WD-${suffix}`, amount: 250 },
  });
  const sla = (await (await page.request.get(`/api/v1/cases/${item.id}/sla`)).json()) as { clocks: Array<{ kind: string; dueAt: string | null }> };
  const resolution = sla.clocks.filter((clock) => clock.kind === 'resolution');
  expect(resolution).toHaveLength(1);
  const due = new Intl.DateTimeFormat('ms-MY', {
    day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'Asia/Kuala_Lumpur', timeZoneName: 'short',
  }).format(new Date(resolution[0]!.dueAt!));
  return { item, due };
}

describe('response templates', () => {
  let browser: Browser;
  let lead: Page | undefined;
  let specialist: Page | undefined;
  let templateId = '';
  const suffix = Date.now().toString(36);
  const name = `Makluman pengeluaran ${suffix}`;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    // Leave the shared demo as the other journeys expect it: the template out of every picker, both in Malay.
    if (lead && templateId) await send(lead.request, 'delete', `/templates/${templateId}`);
    if (lead) await send(lead.request, 'patch', '/me', { locale: 'ms' });
    if (specialist) await send(specialist.request, 'patch', '/me', { locale: 'ms' });
    await browser?.close();
  });

  it('a lead writes a Malay template with variables; a specialist inserts it on a case, filled in', async () => {
    lead = (await signedIn(browser, LEAD_MY)).page;
    await lead.getByTestId('nav-templates').click();
    await lead.getByTestId('templates-table').waitFor();
    await lead.getByTestId('template-create').click();
    const form = lead.getByTestId('template-form');
    await form.waitFor();
    await lead.getByTestId('template-form-name').fill(name);
    await lead.getByTestId('template-form-language').getByText('Bahasa Melayu').click();
    await choose(lead, 'template-form-category', 'Pengeluaran tertangguh');

    // A misspelt variable: the server's complaint shows while typing, in Malay, with a suggestion.
    const body = lead.getByTestId('template-form-body');
    await body.fill('Salam {{acount.name}},');
    const problems = lead.getByTestId('template-form-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toContain('Pemboleh ubah tidak dikenali {{acount.name}}. Adakah anda maksudkan {{account.name}}?');
    await picture(lead, 'editor-error-ms', { fullPage: false });
    // Saving anyway is refused the same way.
    // Listen before clicking: the local server can answer before a later wait would start.
    const refused = lead.waitForResponse((r) => r.url().endsWith('/api/v1/templates') && r.status() === 400);
    await lead.getByTestId('template-form-submit').click();
    await refused;
    expect(await problems.textContent()).toContain('{{acount.name}}');

    // The right text, ending with a variable clicked in from the list at the cursor.
    await body.fill('Salam {{account.name}},\nKes {{case.number}} dijangka selesai sebelum {{case.dueAt}}.\nSalam hormat, ');
    await lead.locator('[data-testid="template-variable"][data-name="agent.name"]').click();
    expect(await body.inputValue()).toBe('Salam {{account.name}},\nKes {{case.number}} dijangka selesai sebelum {{case.dueAt}}.\nSalam hormat, {{agent.name}}');
    await problems.waitFor({ state: 'detached' });
    const preview = lead.getByTestId('template-form-preview');
    await preview.waitFor();
    await expect.poll(() => preview.textContent(), { timeout: 10_000 }).toContain('Ahmad Faizal');
    expect(await preview.textContent()).toMatch(/Kes ESC-000123 dijangka selesai sebelum \d+ \S+ \d{4} pada .*Salam hormat, Ahmad Faizal bin Yusof/s);
    await picture(lead, 'editor-ms', { fullPage: false });
    const saved = lead.waitForResponse((r) => r.url().endsWith('/api/v1/templates') && r.request().method() === 'POST' && r.status() === 201);
    await lead.getByTestId('template-form-submit').click();
    templateId = ((await (await saved).json()) as { id: string }).id;
    const row = lead.locator(`[data-testid="template-row"][data-name="${name}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('case.dueAt');
    await picture(lead, 'list-ms');

    // A specialist files a Malay case of that category, opens it and inserts the template in the composer.
    specialist = (await signedIn(browser, SPECIALIST_MY)).page;
    const { item, due } = await malayCaseWithDueDate(specialist);
    await specialist.goto(`/cases/${item.number}`);
    await specialist.getByTestId('case-page').waitFor();
    // As a person would: once the page has settled. The suggestions above the composer arrive a
    // moment later and move it down; a click aimed before that lands elsewhere.
    await specialist.locator('[data-testid="case-suggestions"][data-state="ready"]').waitFor();
    await specialist.getByTestId('case-timeline').waitFor();
    const box = specialist.getByTestId('composer-body');
    await box.fill('Terima kasih kerana menunggu.\n');
    await choose(specialist, 'template-picker-select', name);
    const expected = `Terima kasih kerana menunggu.\nSalam ${item.account.name},\nKes ${item.number} dijangka selesai sebelum ${due}.\nSalam hormat, Siti Aminah`;
    await expect.poll(() => box.inputValue(), { timeout: 10_000 }).toBe(expected);
    expect(due).toMatch(/^\d{1,2} \S+ \d{4} pada \d{1,2}:\d\d (PG|PTG) MYT$/);
    expect(await specialist.getByTestId('composer-template-missing').count()).toBe(0);
    await specialist.getByTestId('composer').scrollIntoViewIfNeeded();
    await picture(specialist, 'composer-ms', { fullPage: false });
    // Nothing is sent: the case stays as the demo had it.
    await box.fill('');

    // A deactivated template leaves the picker.
    await lead.locator(`[data-testid="template-row"][data-name="${name}"]`).getByTestId('template-toggle').click();
    await lead.locator(`[data-testid="template-row"][data-name="${name}"]`).waitFor({ state: 'detached' });
    await specialist.reload();
    await specialist.getByTestId('template-picker-select').click();
    expect(await specialist.getByRole('option', { name }).count()).toBe(0);
    await specialist.keyboard.press('Escape');
    await send(lead.request, 'patch', `/templates/${templateId}`, { active: true });

    // Pictures in the other languages, and the list at a phone's width.
    for (const locale of ['en', 'zh'] as const) {
      await switchLanguage(lead, locale);
      await lead.goto('/templates');
      await lead.locator(`[data-testid="template-row"][data-name="${name}"]`).waitFor();
      await picture(lead, `list-${locale}`);
      await lead.locator(`[data-testid="template-row"][data-name="${name}"]`).getByTestId('template-edit').click();
      await lead.getByTestId('template-form-preview').waitFor();
      await lead.getByTestId('template-form-body').fill('{{case.number}} }} {{cuaca}}');
      await lead.getByTestId('template-form-problems').waitFor();
      await picture(lead, `editor-error-${locale}`, { fullPage: false });
      await lead.keyboard.press('Escape');
      await switchLanguage(specialist, locale);
      await specialist.reload();
      await specialist.getByTestId('template-picker-select').waitFor();
      await choose(specialist, 'template-picker-select', name);
      await expect.poll(() => specialist!.getByTestId('composer-body').inputValue(), { timeout: 10_000 }).toContain('Salam hormat');
      await specialist.getByTestId('composer').scrollIntoViewIfNeeded();
      await picture(specialist, `composer-${locale}`, { fullPage: false });
      await specialist.getByTestId('composer-body').fill('');
    }
    await lead.setViewportSize({ width: 390, height: 844 });
    await lead.goto('/templates');
    await lead.getByTestId('templates-table').waitFor();
    await picture(lead, 'list-phone-zh');
    expect(await pageOverflow(lead)).toBe(0);
  });
});
