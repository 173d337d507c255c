import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentDisposition, looksLikeText, sanitiseFileName } from './attachment-rules.js';

describe('sanitiseFileName', () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\ali\\bukti bayaran.png', 'bukti bayaran.png'],
    ['提现截图 2026.png', '提现截图 2026.png'],
    ['evil\u202Egnp.exe', 'evilgnp.exe'],
    ['a<b>c:"d"|e?f*.txt', 'a_b_c__d__e_f_.txt'],
    ['...', 'attachment'],
    ['line\nbreak.txt', 'linebreak.txt'],
  ])('%j → %j', (input, output) => {
    expect(sanitiseFileName(input)).toBe(output);
  });

  it('never returns path separators, control characters or an empty name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (name) => {
        const safe = sanitiseFileName(name);
        expect(safe.length).toBeGreaterThan(0);
        expect([...safe].some((ch) => ch === '/' || ch === '\\' || ch.codePointAt(0)! < 0x20 || ch === '\u007f')).toBe(false);
        expect([...safe].length).toBeLessThanOrEqual(150);
      }),
    );
  });
});

describe('looksLikeText', () => {
  it('accepts UTF-8 text in any of our languages and refuses binaries', () => {
    expect(looksLikeText(Buffer.from('order,amount\n订单,12.50\r\nPesanan\tRM 3'))).toBe(true);
    expect(looksLikeText(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]))).toBe(false);
    expect(looksLikeText(Buffer.from('MZ\u0090\u0000\u0003'))).toBe(false);
    expect(looksLikeText(Buffer.from([0xff, 0xfe, 0x41]))).toBe(false);
    // A head cut in the middle of a Chinese character is still text.
    expect(looksLikeText(Buffer.from('提现', 'utf8').subarray(0, 4))).toBe(true);
  });
});

describe('contentDisposition', () => {
  it('carries an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('提现 "截图".png')).toBe(
      `attachment; filename="__ ____.png"; filename*=UTF-8''%E6%8F%90%E7%8E%B0%20%22%E6%88%AA%E5%9B%BE%22.png`,
    );
  });
});
