import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, localDayOf, wallTimeToInstant } from '../sla/zoned-time.js';
import { bucketsOf, dayKey, parseBound, periodOf } from './period.js';

const ZONES = ['Asia/Kuala_Lumpur', 'Asia/Shanghai', 'UTC', 'Europe/London', 'America/New_York', 'Asia/Kolkata'] as const;
const zone = fc.constantFrom(...ZONES);
// Days from 2024 to 2028, so daylight-saving changes in London and New York are crossed often.
const day = fc.integer({ min: 19_700, max: 21_200 });
const group = fc.constantFrom('day', 'week', 'month' as const);

describe('periods and buckets', () => {
  it.each([
    ['2026-03-01', { day: 20_513 }],
    ['2026-02-29', null],
    ['2026-03-01T07:30:00+08:00', { instant: Date.parse('2026-02-28T23:30:00Z') }],
    ['2026-03-01T07:30', null],
    ['yesterday', null],
  ])('reads %s', (text, expected) => {
    expect(parseBound(text)).toEqual(expected);
  });

  it('a date range covers whole local days, daylight saving included', () => {
    fc.assert(
      fc.property(zone, day, fc.integer({ min: 0, max: 60 }), (tz, first, length) => {
        const p = periodOf(tz, { day: first }, { day: first + length });
        expect(localDayOf(tz, p.from)).toBe(first);
        expect(localDayOf(tz, p.to - 1)).toBe(first + length);
        expect(localDayOf(tz, p.to)).toBe(first + length + 1);
        // Each local day lasts 23 to 25 hours.
        const hours = (p.to - p.from) / 3_600_000;
        expect(hours).toBeGreaterThanOrEqual((length + 1) * 24 - 1);
        expect(hours).toBeLessThanOrEqual((length + 1) * 24 + 1);
      }),
    );
  });

  it('buckets tile the period without gaps or overlaps, in order', () => {
    fc.assert(
      fc.property(zone, day, fc.integer({ min: 0, max: 120 }), group, (tz, first, length, g) => {
        const p = periodOf(tz, { day: first }, { day: first + length });
        const buckets = bucketsOf(tz, p, g);
        expect(buckets.length).toBeGreaterThan(0);
        // The first bucket holds the period's start; the last ends at or after its end.
        const startOfFirst = wallTimeToInstant(tz, first, 0);
        expect(buckets[0]!.end).toBeGreaterThan(startOfFirst);
        expect(buckets[buckets.length - 1]!.end).toBeGreaterThanOrEqual(p.to);
        for (let i = 1; i < buckets.length; i++) {
          expect(buckets[i]!.end).toBeGreaterThan(buckets[i - 1]!.end);
          expect(buckets[i]!.key > buckets[i - 1]!.key).toBe(true);
          // Every bucket but the last ends inside the period.
          expect(buckets[i - 1]!.end).toBeLessThan(p.to);
        }
        if (g === 'day') expect(buckets.map((b) => b.key)).toEqual(Array.from({ length: length + 1 }, (_, i) => dayKey(first + i)));
        if (g === 'week') for (const b of buckets) expect(new Date(b.key).getUTCDay()).toBe(1);
        if (g === 'month') for (const b of buckets) expect(b.key).toMatch(/^\d{4}-\d\d$/);
      }),
    );
  });

  it('a day bucket ends at the next local midnight', () => {
    fc.assert(
      fc.property(zone, day, (tz, d) => {
        const [b] = bucketsOf(tz, periodOf(tz, { day: d }, { day: d }), 'day');
        expect(b!.end).toBe(wallTimeToInstant(tz, d + 1, 0));
        expect(b!.end - wallTimeToInstant(tz, d, 0)).toBeLessThanOrEqual(DAY_MS + 3_600_000);
      }),
    );
  });
});
