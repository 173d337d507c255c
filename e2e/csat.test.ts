import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, launchChromium, newContext, pageOverflow, screenshot, signIn } from './support/browser.js';

interface HeldMail {
  kind: string;
  locale: string;
  text: string;
  case: { id: string; number: string } | null;
}

describe('CSAT survey link', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a customer opens a Chinese survey of a resolved demo case on a phone, answers it once and is thanked', async () => {
    // The demo server has no SMTP_URL: the surveys still open are held in the outbox, where the admin reads the link.
    const admin = await newContext(browser);
    const adminPage = await admin.newPage();
    await signIn(adminPage, ADMIN);
    await adminPage.getByTestId('app-nav').waitFor();
    const outbox = (await (await adminPage.request.get('/api/v1/admin/mail?status=held&limit=200')).json()) as { items: HeldMail[] };
    const tokens = outbox.items
      .filter((mail) => mail.kind === 'csat_survey' && mail.locale === 'zh')
      .map((mail) => /\/csat\/(\S+)/.exec(mail.text)?.[1])
      .filter((token): token is string => Boolean(token));
    let token: string | undefined;
    let caseNumber = '';
    for (const candidate of tokens) {
      const survey = (await (await adminPage.request.get(`/api/v1/csat/${candidate}`)).json()) as { state: string; caseNumber: string };
      if (survey.state === 'open') {
        token = candidate;
        caseNumber = survey.caseNumber;
        break;
      }
    }
    expect(token, 'an open Chinese survey in the demo outbox').toBeDefined();

    // The customer: not signed in, an English browser, a phone.
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/csat/${token}`);
    const card = page.locator('[data-testid="csat-page"][data-state="open"]');
    await card.waitFor();
    // It opens in the survey's language, Chinese, whatever the browser says.
    await page.getByText('您对我们处理这个工单的方式满意吗？').waitFor();
    expect(await card.textContent()).toContain(`工单 ${caseNumber}`);

    // The language can be switched, and back.
    await page.getByTestId('language-switcher').click();
    await page.getByTestId('language-option-en').click();
    await page.getByText('How satisfied are you with how we handled your case?').waitFor();
    await page.getByTestId('language-switcher').click();
    await page.getByTestId('language-option-zh').click();
    await page.getByText('您对我们处理这个工单的方式满意吗？').waitFor();

    expect(await page.getByTestId('csat-submit').isDisabled()).toBe(true);
    // Each star is a radio named by its score and meaning (the input itself is visually hidden).
    const fourStars = await page.getByRole('radio', { name: '4 星（共 5 星）：满意', exact: true }).getAttribute('id');
    await page.locator(`label[for="${fourStars}"]`).click();
    expect(await page.getByTestId('csat-score-label').textContent()).toBe('满意');
    await page.getByTestId('csat-comment').fill('客服回复很及时，谢谢！');
    expect(await pageOverflow(page)).toBe(0);
    await screenshot(page, 'csat-zh-phone');

    await page.getByTestId('csat-submit').click();
    await page.getByTestId('csat-thanks').waitFor();
    expect(await page.getByTestId('csat-thanks').textContent()).toContain('感谢您的反馈');
    await screenshot(page, 'csat-zh-phone-thanks');

    // The link works once: opened again, it says it was answered.
    await page.goto(`/csat/${token}`);
    await page.getByTestId('csat-answered').waitFor();
    expect(await page.getByTestId('csat-answered').textContent()).toContain('此问卷已经提交过了');
    expect(await pageOverflow(page)).toBe(0);
    await screenshot(page, 'csat-zh-phone-answered');

    // A link with a changed signature is not a survey.
    await page.goto(`/csat/${token!.slice(0, -2)}xx`);
    await page.getByTestId('csat-invalid').waitFor();

    // The answer reached the case's timeline, where the team sees the score and the comment.
    await adminPage.goto(`/cases/${caseNumber}`);
    const entry = adminPage.locator('[data-testid="timeline-entry"][data-kind="csat_answered"]').last();
    await entry.waitFor();
    expect(await entry.textContent()).toContain('The customer rated the support 4 of 5: Satisfied');
    expect(await entry.textContent()).toContain('客服回复很及时，谢谢！');
    await adminPage.locator('[data-testid="timeline-entry"][data-kind="csat_sent"]').last().waitFor();
    await entry.scrollIntoViewIfNeeded();
    await screenshot(adminPage, 'csat-timeline-en', { fullPage: false });
    await context.close();
    await admin.close();
  });
});
