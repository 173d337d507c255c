import { describe, expect, it } from 'vitest';
import { formatSpan, secondsOfIso, timeoutDraftOf, timeoutIsoOf } from './time';

describe('ladder timeouts', () => {
  it.each([
    [{ minutes: 5, seconds: '' }, 'PT5M'],
    [{ minutes: '', seconds: 30 }, 'PT30S'],
    [{ minutes: 2, seconds: 15 }, 'PT2M15S'],
    [{ minutes: 0, seconds: 90 }, 'PT1M30S'],
    [{ minutes: 120, seconds: 0 }, 'PT120M'],
  ] as const)('%o → %s', (draft, iso) => {
    expect(timeoutIsoOf(draft)).toBe(iso);
  });

  it.each([{ minutes: '', seconds: '' }, { minutes: 0, seconds: 0 }, { minutes: -1, seconds: 0 }, { minutes: 1.5, seconds: 0 }] as const)(
    'makes no duration of %o',
    (draft) => {
      expect(timeoutIsoOf(draft)).toBeNull();
    },
  );

  it.each([
    ['PT5M', { minutes: 5, seconds: 0 }],
    ['PT30S', { minutes: 0, seconds: 30 }],
    ['PT1H2M3S', { minutes: 62, seconds: 3 }],
  ])('reads %s back as %o', (iso, draft) => {
    expect(timeoutDraftOf(iso)).toEqual(draft);
  });

  it('reads nothing it cannot edit', () => {
    expect(secondsOfIso('P1D')).toBeNull();
    expect(secondsOfIso('PT')).toBeNull();
    expect(timeoutDraftOf('PT0.5S')).toBeNull();
  });

  it('round-trips every whole number of seconds up to two hours', () => {
    for (let total = 1; total <= 7200; total += 7) {
      const draft = { minutes: Math.floor(total / 60), seconds: total % 60 };
      expect(secondsOfIso(timeoutIsoOf(draft) ?? '')).toBe(total);
    }
  });
});

describe('formatSpan', () => {
  it.each([
    [7, '7s', '7秒', '7 s'],
    [187, '3m 7s', '3分钟7秒', '3 min 7 s'],
    [180, '3m', '3分钟', '3 min'],
    [2 * 3600 + 5 * 60 + 9, '2h 5m', '2小时5分钟', '2 j 5 min'],
    [26 * 3600, '1d 2h', '1天2小时', '1 h 2 j'],
  ])('%d s', (seconds, en, zh, ms) => {
    expect([formatSpan(seconds, 'en'), formatSpan(seconds, 'zh'), formatSpan(seconds, 'ms')]).toEqual([en, zh, ms]);
  });

  it('never shows a negative span (a clock a little ahead of the server)', () => {
    expect(formatSpan(-3, 'en')).toBe('0s');
  });
});
