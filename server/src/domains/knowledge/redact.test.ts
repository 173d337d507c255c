import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { qaDraft } from './qa-draft.js';
import { redactPersonalData } from './redact.js';

const names = { names: ['Kedai Runcit Ah Seng', '陈记小店'], people: ['Siti Aminah'] };

describe('redactPersonalData', () => {
  it.each([
    ['Email siti.aminah+shop@example.com.my for details', 'Email [email] for details'],
    ['邮箱chen@example.cn，尽快回复', '邮箱[email]，尽快回复'],
    ["Write to o'brien@example.ie or 'siti@example.my'", "Write to [email] or '[email]'"],
    ["Only '@a.aa as an address", 'Only [email] as an address'],
    ['Call +60 12-345 6789 today', 'Call [phone] today'],
    ['Call +60123456789.', 'Call [phone].'],
    ['电话+86 138 0013 8000', '电话[phone]'],
    ['手机13800138000或者', '手机[phone]或者'],
    ['SG office +65 6123 4567 / mobile 9123 4567', 'SG office [phone] / mobile [phone]'],
    ['Hubungi 012-345 6789 atau (03) 1234 5678', 'Hubungi [phone] atau [phone]'],
    ['Card 4111 1111 1111 1111, account 1234-5678-9012', 'Card [number], account [number]'],
    ['银行卡6222021234567890已冻结', '银行卡[number]已冻结'],
    ['Kedai Runcit Ah Seng asked; kedai runcit  ah seng again', '[account] asked; [account] again'],
    ['陈记小店的老板说', '[account]的老板说'],
    ['Siti Aminah filed it', '[name] filed it'],
    // What stays: dates, amounts, short numbers, case numbers, words that merely contain a name.
    ['On 2024-05-01 RM 1,250.00 for order 123456 (ESC-000123, KB-00012)', 'On 2024-05-01 RM 1,250.00 for order 123456 (ESC-000123, KB-00012)'],
    ['Kedai Runcit Ah Sengkang is another shop', 'Kedai Runcit Ah Sengkang is another shop'],
    ['3 days, 15:30, 10.5%', '3 days, 15:30, 10.5%'],
  ])('%s', (text, expected) => {
    expect(redactPersonalData(text, names)).toBe(expected);
  });

  const filler = fc.stringMatching(/^[a-zA-Z提现银行账户 ,.!?]{0,30}$/);
  const email = fc.emailAddress();
  const group = (min: number, max: number) => fc.integer({ min: 10 ** (min - 1), max: 10 ** max - 1 }).map(String);
  const phone = fc
    .tuple(fc.constantFrom('+60', '+86', '+65', '+60 ', '+86 ', '+65 '), fc.array(group(2, 4), { minLength: 2, maxLength: 3 }), fc.constantFrom(' ', '-', ''))
    .map(([cc, groups, sep]) => cc + groups.join(sep))
    .filter((p) => p.replace(/\D/g, '').length >= 8);
  const cardNumber = fc.array(fc.integer({ min: 1000, max: 9999 }).map(String), { minLength: 2, maxLength: 5 }).chain((groups) => fc.constantFrom(groups.join(' '), groups.join('-'), groups.join('')));

  it('never lets an e-mail address, a phone number or a card number through', () => {
    fc.assert(
      fc.property(filler, fc.oneof(email, phone, cardNumber), filler, (before, secret, after) => {
        const out = redactPersonalData(`${before} ${secret} ${after}`);
        expect(out).not.toContain(secret);
        expect(out).toMatch(/\[(email|phone|number)\]/);
      }),
    );
  });

  it('leaves text without digits, @ or names as it is', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }).filter((s) => !/[\d@]/.test(s)), (text) => {
        expect(redactPersonalData(text)).toBe(text);
      }),
    );
  });

  // Case descriptions run to 50,000 characters; no pattern may go quadratic on them.
  it.each([
    ['letters', 'y'.repeat(50_000)],
    ['digit groups', `${'1 '.repeat(25_000)}a`],
    ['at signs', 'a@'.repeat(25_000)],
    ['a long domain', `a@${'b-'.repeat(25_000)}`],
    ['Chinese', `${'提'.repeat(50_000)}@x.com`],
  ])('stays fast on 50,000 characters of %s', (_, text) => {
    const started = performance.now();
    redactPersonalData(text, names);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('is idempotent: redacting again changes nothing', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.tuple(filler, fc.oneof(email, phone, cardNumber), filler).map((parts) => parts.join(' '))), (text) => {
        const once = redactPersonalData(text, names);
        expect(redactPersonalData(once, names)).toBe(once);
      }),
    );
  });
});

describe('qaDraft', () => {
  it('writes headed sections in the case language, cleaned, replies quoted', () => {
    const draft = qaDraft(
      {
        language: 'ms',
        title: 'Pengeluaran Kedai Runcit Ah Seng tertangguh',
        description: 'Penjual hubungi 012-345 6789.',
        rootCause: { code: 'bank-holiday', text: 'Cuti umum.' },
        resolution: null,
        replies: ['Dana sudah masuk.\nSila semak.', '   '],
      },
      names,
    );
    expect(draft).toEqual({
      title: 'Pengeluaran [account] tertangguh',
      body: '## Soalan\n\nPenjual hubungi [phone].\n\n## Punca masalah\n\n`bank-holiday` — Cuti umum.\n\n## Balasan yang menyelesaikannya\n\n> Dana sudah masuk.\n> Sila semak.\n',
    });
  });

  it('keeps within the article limits', () => {
    const draft = qaDraft({ language: 'en', title: 'x'.repeat(500), description: 'y'.repeat(60_000), rootCause: null, resolution: null, replies: [] }, {});
    expect([...draft.title]).toHaveLength(200);
    expect([...draft.body]).toHaveLength(50_000);
  });
});
