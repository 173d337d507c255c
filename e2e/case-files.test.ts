import { crc32, deflateSync } from 'node:zlib';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPECIALIST, launchChromium, newContext, screenshot, signIn, waitForCount } from './support/browser.js';

type Locale = 'en' | 'zh' | 'ms';

/** A PNG chunk: length, type, data, CRC of type + data. */
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid 2×2 RGB PNG, built byte by byte so the test owns every byte it compares. */
function tinyPng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0); // width
  header.writeUInt32BE(2, 4); // height
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // colour type: RGB
  // compression, filter and interlace stay 0
  const rows = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The start of a 64-bit Linux executable: what a "PDF" from a phishing mail really is. */
function elfHeader(): Buffer {
  const bytes = Buffer.alloc(128);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]).copy(bytes);
  bytes.writeUInt16LE(2, 16); // e_type: executable
  bytes.writeUInt16LE(0x3e, 18); // e_machine: x86-64
  bytes.writeUInt32LE(1, 20); // e_version
  return bytes;
}

/** The refusal of a disguised executable, as each language words it. */
const REFUSED: Record<Locale, string> = {
  en: '“invoice.pdf” was not attached: Closeloop checks what a file contains, not its name',
  zh: '“invoice.pdf”未能上传：Closeloop 按文件的实际内容而非文件名判断类型',
  ms: '“invoice.pdf” tidak dilampirkan: Closeloop menyemak kandungan fail, bukan namanya',
};

const HINT: Record<Locale, string> = {
  en: 'Up to 20 MB each.',
  zh: '单个文件不超过 20 MB。',
  ms: 'Sehingga 20 MB setiap fail.',
};

async function switchLanguage(page: Page, locale: Locale): Promise<void> {
  await page.getByTestId('language-switcher').click();
  const saved = page.waitForResponse(
    (response) => response.url().endsWith('/api/v1/me') && response.request().method() === 'PATCH',
  );
  await page.getByTestId(`language-option-${locale}`).click();
  expect((await saved).status()).toBe(200);
}

/** File a case through the API with the page's own session (cookie + CSRF token). */
async function fileThroughApi(page: Page, title: string, externalId: string): Promise<{ id: string; number: string }> {
  const me = await (await page.request.get('/api/v1/me')).json();
  const response = await page.request.post('/api/v1/cases', {
    data: {
      title,
      description: 'The seller sent screenshots of the checkout error and an invoice they received.',
      category: 'payments/withdrawal-delayed',
      account: { type: 'seller', externalId, name: 'Kedai Lampiran', region: 'MY', language: 'ms' },
      source: 'oncall',
      fields: { withdrawalId: `WD-${externalId}`, amount: 120 },
    },
    headers: { 'x-csrf-token': me.csrfToken, 'idempotency-key': crypto.randomUUID() },
  });
  expect(response.status()).toBe(201);
  return response.json();
}

async function bytesOf(download: Download): Promise<Buffer> {
  const stream = await download.createReadStream();
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

async function uploadDisguisedExecutable(page: Page, locale: Locale): Promise<void> {
  const refused = page.waitForResponse(
    (response) => response.url().endsWith('/attachments') && response.request().method() === 'POST',
  );
  await page.getByTestId('attachment-input').setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: elfHeader() });
  expect((await refused).status()).toBe(415);
  await page.getByTestId('attachment-error').getByText(REFUSED[locale]).waitFor();
}

describe('files and links on a case', () => {
  let browser: Browser;
  const suffix = Date.now().toString(36);

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a specialist attaches a screenshot, downloads the same bytes, is refused a disguised executable and links two cases', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, SPECIALIST);
    await page.getByTestId('app-nav').waitFor();
    // The language is remembered per person; start from English whatever an earlier journey left.
    await switchLanguage(page, 'en');
    const first = await fileThroughApi(page, `Checkout error with screenshots f${suffix}`, `F1-${suffix}`);
    const second = await fileThroughApi(page, `Same checkout error on the mobile app f${suffix}`, `F2-${suffix}`);

    // 1. Attach a PNG: it is listed with its size and shows on the timeline.
    await page.goto(`/cases/${first.number}`);
    await page.getByTestId('case-attachments').waitFor();
    await page.getByTestId('attachment-hint').getByText(HINT.en).waitFor();
    const png = tinyPng();
    const uploaded = page.waitForResponse(
      (response) => response.url().endsWith(`/cases/${first.id}/attachments`) && response.request().method() === 'POST',
    );
    await page.getByTestId('attachment-input').setInputFiles({ name: 'checkout-error.png', mimeType: 'image/png', buffer: png });
    const saved = await (await uploaded).json();
    expect(saved).toMatchObject({ fileName: 'checkout-error.png', contentType: 'image/png', sizeBytes: png.length });
    const item = page.locator('[data-testid="attachment-item"][data-name="checkout-error.png"]');
    await item.waitFor();
    await item.getByText(`${png.length} bytes · PNG · 陈伟`).waitFor();
    const entry = page.locator('[data-testid="timeline-entry"][data-kind="attachment_added"]');
    await entry.waitFor();
    await entry.getByText('陈伟 attached a file').waitFor();
    await entry.getByText('checkout-error.png').waitFor();

    // 2. Downloading it gives back exactly the bytes sent.
    const [download] = await Promise.all([page.waitForEvent('download'), item.getByTestId('attachment-link').click()]);
    expect(download.suggestedFilename()).toBe('checkout-error.png');
    expect((await bytesOf(download)).equals(png)).toBe(true);

    // 3. An executable renamed invoice.pdf is refused by its content, in words the person reads.
    await uploadDisguisedExecutable(page, 'en');
    await waitForCount(page.getByTestId('attachment-item'), 1);
    await screenshot(page, 'case-files-refused-en');

    // 4. Link the second case as a child; both pages show the link and its timeline entry.
    await page.getByTestId('link-create').click();
    await page.getByTestId('link-other').fill('ESC-999999');
    await page.getByTestId('link-submit').click();
    await page.locator('[data-testid="link-other"][aria-invalid="true"]').waitFor();
    await page.getByText('No case has this number.').waitFor();
    await page.getByTestId('link-other').fill(second.number.toLowerCase());
    await page.getByTestId('link-kind').click();
    await page.getByRole('option', { name: 'Child case', exact: true }).click();
    await page.getByRole('listbox').waitFor({ state: 'hidden' });
    await screenshot(page, 'case-link-form-en', { fullPage: false });
    await page.getByTestId('link-submit').click();
    await page.getByTestId('link-form').waitFor({ state: 'detached' });
    const childLink = page.locator(`[data-testid="case-link"][data-number="${second.number}"][data-kind="parent_of"]`);
    await childLink.getByText('Child case').waitFor();
    await page.locator('[data-testid="timeline-entry"][data-kind="linked"]').getByText('陈伟 linked a case (Child case)').waitFor();
    await screenshot(page, 'case-files-en');

    await childLink.getByTestId('case-link-number').click();
    await page.waitForURL(`**/cases/${second.number}`);
    const parentLink = page.locator(`[data-testid="case-link"][data-number="${first.number}"][data-kind="child_of"]`);
    await parentLink.getByText('Parent case').waitFor();
    const linked = page.locator('[data-testid="timeline-entry"][data-kind="linked"]');
    await linked.getByText('陈伟 linked a case (Parent case)').waitFor();
    await linked.getByTestId('timeline-linked-link').click();
    await page.locator(`[data-testid="case-page"][data-number="${first.number}"]`).waitFor();

    // 5. The same page and refusal in Chinese and Malay; English again for the other journeys.
    for (const locale of ['zh', 'ms'] as const) {
      await switchLanguage(page, locale);
      await page.getByTestId('attachment-hint').getByText(HINT[locale]).waitFor();
      await uploadDisguisedExecutable(page, locale);
      await screenshot(page, `case-files-${locale}`);
    }
    await switchLanguage(page, 'en');
    await context.close();
  });
});
