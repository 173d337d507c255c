import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.js';
import { foldText, parseSearchQuery, searchTokens } from './search-tokens.js';

describe('detectLanguage', () => {
  it.each([
    ['我的提现已经三天没有到账了，请帮忙查一下', 'zh'],
    ['卖家 withdrawal 提现延迟', 'zh'],
    ['Pengeluaran wang saya masih belum diterima sejak minggu lepas, tolong bantu', 'ms'],
    ['Akaun penjual saya telah digantung tanpa sebab', 'ms'],
    ['My withdrawal has been pending for five days, please help', 'en'],
    ['The seller account was suspended after the appeal', 'en'],
    ['', 'en'],
    ['12345 !!!', 'en'],
    ['Order 订单 ABC123 delayed shipment, customer angry, please escalate', 'en'],
  ] as const)('%s → %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });
});

describe('searchTokens', () => {
  it('indexes Han runs as bigrams and Latin words folded', () => {
    expect(searchTokens('提现延迟')).toEqual(['提现', '现延', '延迟']);
    expect(searchTokens('Pengeluaran DITAHAN café')).toEqual(['pengeluaran', 'ditahan', 'cafe']);
    expect(searchTokens('卖家ABC退款')).toEqual(['卖家', '退款', 'abc']);
    expect(searchTokens('单')).toEqual(['单']);
    expect(searchTokens('🙂🔥 ... ')).toEqual([]);
  });

  it('folds full-width letters and case', () => {
    expect(foldText('ＡＢＣ Ünïcode')).toBe('abc unicode');
  });

  it('finds any Han substring of two or more characters of the text', () => {
    const han = fc.constantFrom(...'提现延迟卖家账户被封申诉退款物流佣金直播违规假冒商品'.split(''));
    fc.assert(
      fc.property(fc.array(han, { minLength: 2, maxLength: 30 }), fc.nat(), fc.nat(), (chars, a, b) => {
        const text = chars.join('');
        const start = a % (chars.length - 1);
        const end = start + 2 + (b % (chars.length - start - 1));
        const query = parseSearchQuery(chars.slice(start, end).join(''));
        const keys = new Set(searchTokens(`前缀 ${text} suffix`));
        expect(query.tokens.every((t) => keys.has(t))).toBe(true);
      }),
    );
  });

  it('finds every word of a Latin text regardless of case and accents', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-zA-Zéü]{1,12}$/), { minLength: 1, maxLength: 12 }), fc.nat(), (words, i) => {
        const keys = new Set(searchTokens(words.join(' ')));
        const query = parseSearchQuery(words[i % words.length]!.toUpperCase());
        expect(query.tokens.every((t) => keys.has(t))).toBe(true);
      }),
    );
  });

  it('keeps Han phrases for the adjacency check', () => {
    expect(parseSearchQuery('提现 延迟 seller')).toEqual({ tokens: ['提现', '延迟', 'seller'], phrases: ['提现', '延迟'] });
    expect(parseSearchQuery('提').phrases).toEqual([]);
  });
});
