import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir } from './support/closeloop-server.js';
import { launchChromium, newContext, pageOverflow, screenshot, signIn } from './support/browser.js';

const MANAGER = 'priya.nair@closeloop.test'; // Priya Nair, manager (Singapore), works in English
const MANAGER_ZH = 'yang.liu@closeloop.test'; // 刘洋, manager (China), works in Chinese
const SPECIALIST_MS = 'muhammad.hafiz@closeloop.test'; // works in Malay
const LEAD_ZH = 'na.li@closeloop.test'; // 李娜, lead of Seller Escalations CN
const SHOTS = '/tmp/shots';

/** Pictured under e2e/artifacts/ and copied to /tmp/shots/ for a person to look at. */
async function picture(page: Page, name: string, options?: { fullPage?: boolean }): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  await screenshot(page, `dashboards-${name}`, options);
  await copyFile(join(artifactsDir, `dashboards-${name}.png`), join(SHOTS, `dashboards-${name}.png`));
}

/** A chart has answered: drawn, or saying there is no data (never stuck loading or failed). */
async function settled(chart: Locator): Promise<string> {
  // Polled as one locator: a page switch may swap the element under it (an error shows as the last value seen).
  await expect.poll(() => chart.getAttribute('data-state'), { timeout: 30_000 }).toMatch(/^(ready|empty)$/);
  return (await chart.getAttribute('data-state'))!;
}

/** The tallest bar of a series in an SVG chart: ECharts draws each bar as a path filled with the series colour. */
async function tallestBar(chart: Locator, fill: string): Promise<Locator> {
  const bars = chart.locator(`svg path[fill="${fill}"]`);
  await bars.first().waitFor();
  let best: { index: number; height: number } | null = null;
  for (let index = 0; index < (await bars.count()); index += 1) {
    const box = await bars.nth(index).boundingBox();
    if (box && box.height > 0 && (!best || box.height > best.height)) best = { index, height: box.height };
  }
  expect(best, 'a drawn bar').not.toBeNull();
  return bars.nth(best!.index);
}

describe('dashboards', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets a manager filter the overview by region and drill into a bar', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, MANAGER);
    await page.getByTestId('nav-dashboards').click();
    await page.waitForURL(/\/dashboards\/overview/);
    const volume = page.getByTestId('chart-volume');
    await settled(volume);
    // Every headline number answers (a value or "—"), none fails.
    await page.getByTestId('kpi-sla_attainment').getByTestId('kpi-value').waitFor();
    expect(await page.getByTestId('kpis').getByRole('alert').count()).toBe(0);

    // The definition is one hover away.
    await page.getByTestId('kpi-sla_attainment').getByTestId('metric-info').hover();
    await page.getByText('the share met').waitFor();

    // Filter to Malaysia: the address says so, and a reload keeps it.
    await page.getByTestId('metrics-filter-region').click();
    await page.getByRole('option', { name: 'Malaysia' }).click();
    await page.waitForURL(/region=MY/);
    await page.reload();
    await page.getByTestId('chart-volume').waitFor();
    // (the region names arrive with /regions, a moment after the page)
    await expect.poll(() => page.getByTestId('metrics-filter-region').inputValue()).toBe('Malaysia');
    expect(await settled(volume)).toBe('ready');
    await picture(page, 'overview-en');

    // A click on the tallest "created" bar lists the cases behind it, as many as the bar counts.
    await (await tallestBar(volume, '#1c7ed6')).click();
    const drill = page.getByTestId('metric-drill-body');
    await drill.waitFor();
    await expect.poll(() => drill.getAttribute('data-total')).not.toBe('');
    const rowCount = Number(await drill.getAttribute('data-row-count'));
    const total = Number(await drill.getAttribute('data-total'));
    expect(rowCount).toBeGreaterThan(0);
    expect(total).toBe(rowCount);
    const rows = page.getByTestId('metric-drill-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(Math.min(total, 50));
    const href = await rows.first().getByRole('link').getAttribute('href');
    expect(href).toMatch(/^\/cases\/\S+/);
    await picture(page, 'drill-en', { fullPage: false });
    await page.keyboard.press('Escape');
    await drill.waitFor({ state: 'detached' });

    // The same from the keyboard: the age chart as a table, its first bucket's cases.
    const age = page.getByTestId('chart-age');
    await age.getByTestId('metric-as-table').click();
    await age.getByTestId('metric-table-cell').first().press('Enter');
    await drill.waitFor();
    await expect.poll(() => drill.getAttribute('data-total')).not.toBe('');
    expect(await drill.getAttribute('data-total')).toBe(await drill.getAttribute('data-row-count'));
    await page.keyboard.press('Escape');
    await drill.waitFor({ state: 'detached' });

    // A click in the backlog chart's plot (on or beside the line) opens that day's open cases.
    const backlog = page.getByTestId('chart-backlog-canvas');
    const box = (await backlog.boundingBox())!;
    await backlog.click({ position: { x: box.width * 0.6, y: box.height * 0.5 } });
    await drill.waitFor();
    await expect.poll(() => drill.getAttribute('data-total')).not.toBe('');
    expect(await drill.getAttribute('data-total')).toBe(await drill.getAttribute('data-row-count'));
    expect(Number(await drill.getAttribute('data-total'))).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await drill.waitFor({ state: 'detached' });

    expect(await pageOverflow(page)).toBe(0);
    await context.close();
  });

  it('exports a chart as a real XLSX with the filters on screen', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, MANAGER);
    await page.getByTestId('app-nav').waitFor();
    await page.goto('/dashboards/overview?region=MY');
    const volume = page.getByTestId('chart-volume');
    expect(await settled(volume)).toBe('ready');
    // Export the chart's "created" table as Excel: a real XLSX (a zip) that exceljs reads.
    await volume.getByTestId('metric-export').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="metric-export-xlsx"][data-metric="volume_created"]').click(),
    ]);
    expect(download.url()).toContain('region=MY');
    const path = await download.path();
    const bytes = await readFile(path);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.length).toBeGreaterThan(0);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBeGreaterThan(1);
    expect(String(sheet.getRow(1).getCell(1).value ?? '')).not.toBe('');

    await context.close();
  });

  it('tells a manager which line of a Tier 1 contacts file is wrong, importing nothing', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, MANAGER);
    await page.getByTestId('app-nav').waitFor();
    await page.goto('/dashboards/overview');

    // Tier 1 contacts: a file with a bad count is refused whole, saying where (nothing is written).
    await page.getByTestId('dashboard-tab-tier1').click();
    await page.waitForURL(/\/dashboards\/tier1$/);
    await page.locator('input[type="file"]').setInputFiles({
      name: 'tier1.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('date,category,region,contacts\n2026-11-02,payments,MY,120\n2026-11-03,payments,MY,lots\n'),
    });
    await page.getByTestId('tier1-upload').click();
    await page.getByTestId('tier1-problem').waitFor();
    expect(await page.getByTestId('tier1-errors').textContent()).toContain('line 3');
    expect(await page.getByTestId('tier1-imported').count()).toBe(0);
    await picture(page, 'tier1-en', { fullPage: false });
    await context.close();
  });

  it('shows the overview in Chinese to a Chinese-speaking manager', async () => {
    const context = await newContext(browser, 'zh-CN');
    const page = await context.newPage();
    await signIn(page, MANAGER_ZH);
    await page.getByTestId('nav-dashboards').click();
    await page.waitForURL(/\/dashboards\/overview/);
    await page.getByRole('heading', { name: '总览' }).waitFor();
    await settled(page.getByTestId('chart-volume'));
    await page.getByTestId('kpi-sla_attainment').getByTestId('kpi-value').waitFor();
    const kpis = (await page.getByTestId('kpis').textContent()) ?? '';
    expect(kpis).toContain('SLA 达成率');
    expect(kpis).toContain('解决时长（中位数）');
    // No English metric names left over.
    expect(kpis).not.toContain('SLA attainment');
    expect(await page.getByTestId('chart-volume').textContent()).toContain('新建与已解决工单');
    await picture(page, 'overview-zh');
    await page.getByTestId('dashboard-tab-team').click();
    await page.waitForURL(/\/dashboards\/team/);
    await page.getByTestId('agent-table').waitFor();
    await settled(page.getByTestId('chart-volume'));
    await picture(page, 'team-zh');
    await context.close();
  });

  it('gives a Malay-speaking specialist their own numbers', async () => {
    const context = await newContext(browser, 'ms-MY');
    const page = await context.newPage();
    await signIn(page, SPECIALIST_MS);
    await page.getByTestId('nav-dashboards').click();
    await page.waitForURL(/\/dashboards\/me/);
    await page.getByRole('heading', { name: 'Angka saya' }).waitFor();
    await settled(page.getByTestId('chart-volume'));
    await page.getByTestId('kpi-resolution_median').getByTestId('kpi-value').waitFor();
    // The overview is not theirs.
    expect(await page.getByTestId('dashboard-tab-overview').count()).toBe(0);
    await picture(page, 'me-ms');
    // On a phone the page stacks; nothing scrolls the page sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    expect(await pageOverflow(page)).toBe(0);
    await picture(page, 'me-ms-phone');
    await context.close();
  });

  it('opens a lead on their own team, with its agents', async () => {
    const context = await newContext(browser, 'zh-CN');
    const page = await context.newPage();
    await signIn(page, LEAD_ZH);
    await page.getByTestId('nav-dashboards').click();
    await page.waitForURL(/\/dashboards\/team$/);
    await expect.poll(() => page.getByTestId('metrics-filter-team').inputValue()).toBe('Seller Escalations CN');
    await settled(page.getByTestId('chart-volume'));
    await page.getByTestId('agent-row').first().waitFor();
    // A lead has their own numbers too, and no Tier 1 page.
    expect(await page.getByTestId('dashboard-tab-me').count()).toBe(1);
    expect(await page.getByTestId('dashboard-tab-tier1').count()).toBe(0);
    await context.close();
  });
});
