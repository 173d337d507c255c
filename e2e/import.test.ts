import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, SPECIALIST, launchChromium, newContext, screenshot, signIn, waitForCount } from './support/browser.js';

type Locale = 'en' | 'zh' | 'ms';

async function signedIn(browser: Browser, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, email);
  await page.getByTestId('app-nav').waitFor();
  return { context, page };
}

async function switchLanguage(page: Page, locale: Locale): Promise<void> {
  await page.getByTestId('language-switcher').click();
  const saved = page.waitForResponse(
    (response) => response.url().endsWith('/api/v1/me') && response.request().method() === 'PATCH',
  );
  await page.getByTestId(`language-option-${locale}`).click();
  expect((await saved).status()).toBe(200);
}

/** Pick an option of a Mantine Select by its visible text; the list renders in a portal. */
async function choose(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.getByRole('listbox').waitFor({ state: 'hidden' });
}

/**
 * A help desk's export as people get them: a quoted field with commas, doubled quotes and a
 * line break, a Chinese title, a column ("Shop") no name-matching recognises, and row 5 with
 * a priority Closeloop does not know.
 */
function exportFile(suffix: string, word: string): string {
  return [
    'Ticket ID,Subject,Created,Status,Priority,Category,Shop,Notes',
    `HD-${suffix}-1,Payout still on hold ${word},2025-06-02 09:30,Solved,High,Payout on hold,shop-${suffix}-1,"Seller says: ""funds held"", please check"`,
    `HD-${suffix}-2,提现一直没有到账 ${word},2025-06-03 10:15,Open,Urgent,Withdrawal delayed,shop-${suffix}-2,"第一行\n第二行"`,
    `HD-${suffix}-3,Listing taken down by mistake ${word},2025-06-04,Pending,Low,Listing removed,shop-${suffix}-3,`,
    `HD-${suffix}-4,Whenever you can ${word},2025-06-05,Open,Whenever,Listing removed,shop-${suffix}-4,`,
    '',
  ].join('\r\n');
}

async function pickFile(page: Page, name: string, csv: string): Promise<void> {
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await page.getByTestId('import-preview').waitFor();
}

async function count(page: Page, name: string): Promise<number> {
  return Number(await page.getByTestId(`import-count-${name}`).getAttribute('data-value'));
}

async function report(page: Page, kind: 'checked' | 'imported' | 'rejected'): Promise<void> {
  await page.locator(`[data-testid="import-report"][data-kind="${kind}"]`).waitFor({ timeout: 60_000 });
}

describe('import case history', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('checks a CSV export, imports its valid rows, and re-imports it without duplicates', async () => {
    const { context, page } = await signedIn(browser, ADMIN);
    const suffix = String(Date.now());
    const word = `zebrafix${suffix}`;
    const csv = exportFile(suffix, word);

    await page.getByTestId('nav-imports').click();
    await page.getByTestId('import-page').waitFor();
    await screenshot(page, 'import-empty-en');

    await pickFile(page, 'helpdesk-export.csv', csv);
    await waitForCount(page.getByTestId('import-column'), 8);
    // Four rows, the one with a line break inside quotes among them.
    await waitForCount(page.getByTestId('import-preview-row'), 4);
    expect(await page.getByTestId('import-preview').textContent()).toContain('Seller says: "funds held", please check');

    // Common header names are matched; "Shop" is not, so the account needs a column.
    const mapped = (field: string) => page.getByTestId(`import-map-${field}`).getAttribute('data-column');
    expect(await mapped('externalId')).toBe('Ticket ID');
    expect(await mapped('title')).toBe('Subject');
    expect(await mapped('createdAt')).toBe('Created');
    expect(await mapped('priority')).toBe('Priority');
    expect(await mapped('category')).toBe('Category');
    expect(await mapped('description')).toBe('Notes');
    expect(await mapped('accountExternalId')).toBe('');
    await page.getByTestId('import-mapping-accountMissing').waitFor();
    await choose(page, 'import-map-accountExternalId', 'Shop');
    await page.getByTestId('import-mapping-accountMissing').waitFor({ state: 'detached' });
    await screenshot(page, 'import-mapping-en');

    // The dry run names the bad row by its spreadsheet number and field.
    await page.getByTestId('import-check').click();
    await report(page, 'checked');
    expect([await count(page, 'rows'), await count(page, 'valid'), await count(page, 'invalid')]).toEqual([4, 3, 1]);
    const error = page.getByTestId('import-error-row');
    await waitForCount(error, 1);
    expect(await error.getAttribute('data-row')).toBe('5');
    expect(await error.getAttribute('data-field')).toBe('priority');
    expect(await error.textContent()).toContain('Whenever');
    await screenshot(page, 'import-check-en');

    // All or nothing (the default) refuses the file and says why.
    await page.getByTestId('import-run').click();
    await report(page, 'rejected');
    await waitForCount(page.getByTestId('import-error-row'), 1);
    await screenshot(page, 'import-rejected-en');

    // Valid rows only: the three good rows go in.
    await page.getByTestId('import-valid-rows-only').click();
    await page.getByTestId('import-report').waitFor({ state: 'detached' });
    await page.getByTestId('import-run').click();
    await report(page, 'imported');
    expect([await count(page, 'inserted'), await count(page, 'updated'), await count(page, 'unchanged')]).toEqual([3, 0, 0]);
    await screenshot(page, 'import-done-en');

    // They are cases now, found by a word of their titles, the Chinese one among them.
    await page.getByTestId('import-open-cases').click();
    await page.getByTestId('cases-search').fill(word);
    const rows = page.getByTestId('case-row');
    await waitForCount(rows, 3);
    const listed = (await rows.allTextContents()).join('\n');
    expect(listed).toContain('提现一直没有到账');
    expect(listed).toContain('Payout still on hold');
    expect(listed).not.toContain('Whenever you can');
    await screenshot(page, 'import-cases-en', { fullPage: false });

    // The same file again: every case recognised by its ticket ID, nothing changed or added.
    await page.getByTestId('nav-imports').click();
    await pickFile(page, 'helpdesk-export.csv', csv);
    await choose(page, 'import-map-accountExternalId', 'Shop');
    await page.getByTestId('import-valid-rows-only').click();
    await page.getByTestId('import-run').click();
    await report(page, 'imported');
    expect([await count(page, 'inserted'), await count(page, 'updated'), await count(page, 'unchanged')]).toEqual([0, 0, 3]);
    await screenshot(page, 'import-reimport-en');

    await page.getByTestId('import-open-cases').click();
    await page.getByTestId('cases-search').fill(word);
    await waitForCount(rows, 3);
    // Still three a moment later: no duplicate turned up behind the first answer.
    await page.waitForTimeout(500);
    expect(await rows.count()).toBe(3);
    await context.close();
  });

  it('reads in Chinese and Malay', async () => {
    const { context, page } = await signedIn(browser, ADMIN);
    const suffix = String(Date.now());
    try {
      for (const locale of ['zh', 'ms'] as const) {
        await switchLanguage(page, locale);
        // A fresh page: the previous round's finished import stays on screen otherwise.
        await page.goto('/imports');
        await pickFile(page, 'export.csv', exportFile(`${suffix}-${locale}`, `lang${suffix}`));
        await page.getByTestId('import-check').click();
        // Without an account column every row is reported; the table shows them all.
        await report(page, 'checked');
        await screenshot(page, `import-check-${locale}`);
        await choose(page, 'import-map-accountExternalId', 'Shop');
        await page.getByTestId('import-run').click();
        await report(page, 'rejected');
        await screenshot(page, `import-rejected-${locale}`);
        await page.getByTestId('import-run-valid').click();
        await report(page, 'imported');
        await screenshot(page, `import-done-${locale}`);
      }
    } finally {
      await switchLanguage(page, 'en');
      await context.close();
    }
  });

  it('is not offered to a specialist', async () => {
    const { context, page } = await signedIn(browser, SPECIALIST);
    await page.getByTestId('nav-cases').waitFor();
    expect(await page.getByTestId('nav-imports').count()).toBe(0);
    await page.goto('/imports');
    await page.getByTestId('page-no-access').waitFor();
    await context.close();
  });
});
