import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, dayNumberOf, isKnownTimeZone, localDayOf, MINUTE_MS, offsetAt, wallTimeToInstant, weekdayOf } from './zoned-time.js';

const ZONES = ['Europe/London', 'America/New_York', 'Asia/Kuala_Lumpur', 'Asia/Singapore', 'Asia/Shanghai', 'Australia/Lord_Howe', 'UTC'];
const iso = (zone: string, date: string, time: string) => {
  const [h, m] = time.split(':').map(Number);
  return new Date(wallTimeToInstant(zone, dayNumberOf(date)!, h! * 60 + m!)).toISOString();
};
/** Local wall time of an instant as day number + minute, through Intl. */
const wallOf = (zone: string, t: number) => {
  const local = t + offsetAt(zone, t);
  return { day: Math.floor(local / DAY_MS), minute: Math.floor((local % DAY_MS + DAY_MS) % DAY_MS / MINUTE_MS) };
};

describe('wall time → instant', () => {
  it.each([
    // zone, local date, local time, instant — ordinary days
    ['Asia/Kuala_Lumpur', '2026-03-06', '17:00', '2026-03-06T09:00:00.000Z'],
    ['Asia/Singapore', '2026-12-31', '24:00', '2026-12-31T16:00:00.000Z'],
    ['Asia/Shanghai', '2027-02-06', '00:00', '2027-02-05T16:00:00.000Z'],
    ['America/New_York', '2026-07-01', '09:00', '2026-07-01T13:00:00.000Z'],
    ['America/New_York', '2026-12-01', '09:00', '2026-12-01T14:00:00.000Z'],
    // New York springs forward 2026-03-08 02:00 EST → 03:00 EDT: 02:00–02:59 do not exist and map to the jump.
    ['America/New_York', '2026-03-08', '01:59', '2026-03-08T06:59:00.000Z'],
    ['America/New_York', '2026-03-08', '02:00', '2026-03-08T07:00:00.000Z'],
    ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:00:00.000Z'],
    ['America/New_York', '2026-03-08', '03:00', '2026-03-08T07:00:00.000Z'],
    ['America/New_York', '2026-03-08', '03:01', '2026-03-08T07:01:00.000Z'],
    // …and falls back 2026-11-01 02:00 EDT → 01:00 EST: 01:00–01:59 happen twice; the first one counts.
    ['America/New_York', '2026-11-01', '00:59', '2026-11-01T04:59:00.000Z'],
    ['America/New_York', '2026-11-01', '01:00', '2026-11-01T05:00:00.000Z'],
    ['America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00.000Z'],
    ['America/New_York', '2026-11-01', '02:00', '2026-11-01T07:00:00.000Z'],
    // London: 2026-03-29 01:00 GMT → 02:00 BST; 2026-10-25 02:00 BST → 01:00 GMT.
    ['Europe/London', '2026-03-29', '00:59', '2026-03-29T00:59:00.000Z'],
    ['Europe/London', '2026-03-29', '01:30', '2026-03-29T01:00:00.000Z'],
    ['Europe/London', '2026-03-29', '02:00', '2026-03-29T01:00:00.000Z'],
    ['Europe/London', '2026-10-25', '01:00', '2026-10-25T00:00:00.000Z'],
    ['Europe/London', '2026-10-25', '02:00', '2026-10-25T02:00:00.000Z'],
    // Lord Howe moves by 30 minutes (2026-10-04 02:00 → 02:30).
    ['Australia/Lord_Howe', '2026-10-04', '02:15', '2026-10-03T15:30:00.000Z'],
  ])('%s %s %s → %s', (zone, date, time, instant) => {
    expect(iso(zone, date, time)).toBe(instant);
  });

  it('is monotonic: a later wall time never maps to an earlier instant', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: dayNumberOf('2026-01-01')!, max: dayNumberOf('2027-12-31')! }), fc.integer({ min: 0, max: 1440 }), fc.integer({ min: 0, max: 1440 }), (zone, day, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(wallTimeToInstant(zone, day, lo)).toBeLessThanOrEqual(wallTimeToInstant(zone, day, hi));
      }),
    );
  });

  it('round-trips: the instant found shows the same wall time, and is its first occurrence', () => {
    const start = Date.parse('2026-01-01T00:00:00Z');
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: 0, max: 2 * 366 * 24 * 60 }), (zone, minutes) => {
        const t = start + minutes * MINUTE_MS;
        const wall = wallOf(zone, t);
        const found = wallTimeToInstant(zone, wall.day, wall.minute);
        expect(wallOf(zone, found)).toEqual(wall);
        expect(found).toBeLessThanOrEqual(t);
        expect(t - found).toBeLessThanOrEqual(60 * MINUTE_MS);
      }),
      { numRuns: 300 },
    );
  });

  it('finds the DST transitions of every year exactly', () => {
    for (const year of [2026, 2027]) {
      // Second Sunday of March / first Sunday of November, 02:00 local.
      const spring = dayNumberOf(`${year}-03-01`)!;
      const secondSunday = spring + ((6 - weekdayOf(spring) + 7) % 7) + 7;
      expect(wallTimeToInstant('America/New_York', secondSunday, 150)).toBe(wallTimeToInstant('America/New_York', secondSunday, 180));
      expect(wallTimeToInstant('America/New_York', secondSunday, 180) - wallTimeToInstant('America/New_York', secondSunday, 60)).toBe(60 * MINUTE_MS);
    }
  });
});

describe('zone helpers', () => {
  it('knows IANA zones and refuses the rest', () => {
    for (const zone of ZONES) expect(isKnownTimeZone(zone)).toBe(true);
    for (const zone of ['Asia/Kuala_Lumpurx', 'Mars/Olympus', '', '+08:00', 'GMT+8 ', '../etc']) expect(isKnownTimeZone(zone)).toBe(false);
  });
  it('reads dates and weekdays', () => {
    expect(dayNumberOf('1970-01-01')).toBe(0);
    expect(dayNumberOf('2026-02-29')).toBeNull();
    expect(dayNumberOf('2028-02-29')).not.toBeNull();
    expect(dayNumberOf('2026-13-01')).toBeNull();
    expect(dayNumberOf('26-01-01')).toBeNull();
    expect(weekdayOf(dayNumberOf('2026-03-06')!)).toBe(4); // Friday
    expect(weekdayOf(dayNumberOf('2026-03-09')!)).toBe(0); // Monday
    expect(localDayOf('Asia/Kuala_Lumpur', Date.parse('2026-03-05T16:00:00Z'))).toBe(dayNumberOf('2026-03-06'));
    expect(localDayOf('America/New_York', Date.parse('2026-03-06T04:59:59Z'))).toBe(dayNumberOf('2026-03-05'));
  });

  it('gives every instant the local day Intl shows, through offset changes too (cached offsets)', () => {
    // Around the transitions of 2026 and 2027 as often as anywhere else.
    const changes = ['2026-03-08', '2026-03-29', '2026-04-05', '2026-10-04', '2026-10-25', '2026-11-01', '2027-03-14', '2027-10-31'].map((d) => dayNumberOf(d)! * DAY_MS);
    const instant = fc.oneof(
      fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T23:59:59Z') }),
      fc.tuple(fc.constantFrom(...changes), fc.integer({ min: -2 * DAY_MS, max: 2 * DAY_MS })).map(([at, d]) => at + d),
    );
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instant, (zone, t) => {
        expect(localDayOf(zone, t)).toBe(wallOf(zone, t).day);
      }),
      { numRuns: 3000 },
    );
  });
});
