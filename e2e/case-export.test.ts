import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newContext, screenshot, signIn } from './support/browser.js';

const MANAGER = 'priya.nair@closeloop.test'; // Priya Nair, manager, works in English

/** The number the list says it found ("123 found"). */
async function listTotal(page: Page): Promise<number> {
  const total = page.getByTestId('cases-total');
  await expect.poll(async () => (await total.textContent()) ?? '', { timeout: 15_000 }).toMatch(/\d/);
  return Number(((await total.textContent()) ?? '').replace(/[^\d]/g, ''));
}

async function exportAs(page: Page, format: 'csv' | 'xlsx'): Promise<{ name: string; bytes: Buffer }> {
  await page.getByTestId('cases-export').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`cases-export-${format}`).click()]);
  return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
}

describe('case list export', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('downloads the filtered list as CSV and as Excel, every row the list found', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, MANAGER);
    await page.getByTestId('sign-in-submit').waitFor({ state: 'detached' });
    await page.goto('/cases?priority=P1,P2&sort=createdAt');
    await page.getByTestId('cases-page').waitFor();
    const total = await listTotal(page);
    expect(total).toBeGreaterThan(0);

    const csv = await exportAs(page, 'csv');
    expect(csv.name).toMatch(/^cases-\d{4}-\d\d-\d\d\.csv$/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toMatch(/^Case,Title,Status,Priority,/);
    // Every record starts with its case number at the start of a line (titles may hold line breaks in quotes).
    const records = text.split('\r\n').filter((line) => /^ESC-\d{6},/.test(line));
    expect(records).toHaveLength(total);
    expect(records.every((line) => /^ESC-\d{6},.*,P[12],/.test(line))).toBe(true);

    const xlsx = await exportAs(page, 'xlsx');
    expect(xlsx.name).toMatch(/^cases-\d{4}-\d\d-\d\d\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(total + 1);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    await expect.poll(() => page.getByTestId('cases-export-progress').count()).toBe(0);
    await screenshot(page, 'case-export');
    await context.close();
  }, 120_000);
});
