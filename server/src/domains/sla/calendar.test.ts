import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { type Block, type Calendar, type Holiday, type Weekday, addWorkingTime, calendarProblems, isWorkingOrBlockEnd, workingSecondsBetween } from './calendar.js';
import { T0, calendarArb } from './calendar.arbitraries.js';

const H = 3600;
const LUNCH: Block[] = [['09:00', '12:00'], ['13:00', '18:00']];
const weekdays = (blocks: Block[], weekend: Block[] = []): Record<Weekday, Block[]> => ({
  mon: blocks, tue: blocks, wed: blocks, thu: blocks, fri: blocks, sat: weekend, sun: weekend,
});
const office = (timeZone: string, holidays: Holiday[] = [], week = weekdays(LUNCH)): Calendar => ({ timeZone, week, holidays });
const MY = office('Asia/Kuala_Lumpur');
const add = (calendar: Calendar, start: string, seconds: number) => addWorkingTime(calendar, new Date(start), seconds).toISOString();
const between = (calendar: Calendar, from: string, to: string) => workingSecondsBetween(calendar, new Date(from), new Date(to));
const utc = (local: string) => new Date(local).toISOString();

describe('addWorkingTime: hand-computed cases (Asia/Kuala_Lumpur, Mon–Fri 09–12 and 13–18)', () => {
  // 2026-03-06 is a Friday; 2026-03-09 a Monday.
  it.each([
    ['Friday 17:00 + 2h → Monday 10:00', '2026-03-06T17:00+08:00', 2 * H, '2026-03-09T10:00+08:00'],
    ['12:30 in the lunch break + 30 min → 13:30', '2026-03-09T12:30+08:00', 0.5 * H, '2026-03-09T13:30+08:00'],
    ['exactly 3h from Monday 09:00 → 12:00, not 13:00', '2026-03-09T09:00+08:00', 3 * H, '2026-03-09T12:00+08:00'],
    ['exactly a day from 09:00 → 18:00 the same day, not 09:00 the next', '2026-03-09T09:00+08:00', 8 * H, '2026-03-09T18:00+08:00'],
    ['zero → the start itself', '2026-03-09T10:15+08:00', 0, '2026-03-09T10:15+08:00'],
    ['zero on a Saturday → the start itself', '2026-03-07T10:15+08:00', 0, '2026-03-07T10:15+08:00'],
    ['one second after closing → next morning 09:00:01', '2026-03-09T18:00+08:00', 1, '2026-03-10T09:00:01+08:00'],
    ['both blocks of a day are used: 11:00 + 8h → next day 11:00', '2026-03-09T11:00+08:00', 8 * H, '2026-03-10T11:00+08:00'],
    ['from Saturday + 1h → Monday 10:00', '2026-03-07T11:00+08:00', H, '2026-03-09T10:00+08:00'],
    ['before opening + 1h → 10:00', '2026-03-09T06:00+08:00', H, '2026-03-09T10:00+08:00'],
    ['a working week: Monday 09:00 + 40h → Friday 18:00', '2026-03-09T09:00+08:00', 40 * H, '2026-03-13T18:00+08:00'],
    ['40h + 1s → next Monday 09:00:01', '2026-03-09T09:00+08:00', 40 * H + 1, '2026-03-16T09:00:01+08:00'],
    ['milliseconds are kept', '2026-03-09T09:00:00.250+08:00', 1.5, '2026-03-09T09:00:01.750+08:00'],
  ])('%s', (_name, start, seconds, due) => {
    expect(add(MY, start, seconds)).toBe(utc(due));
  });
});

describe('holidays, half days, make-up days', () => {
  // Thu 2026-12-24 half day (morning), Fri 25 Christmas, Mon 28 closed: the break spans a weekend.
  const xmas = office('Asia/Singapore', [
    { date: '2026-12-24', blocks: [['09:00', '12:00']] },
    { date: '2026-12-25', name: 'Christmas Day' },
    { date: '2026-12-28' },
  ]);
  it.each([
    ['half day: 10:00 + 3h → 2h that morning, then Tuesday 10:00', '2026-12-24T10:00+08:00', 3 * H, '2026-12-29T10:00+08:00'],
    ['half day ends at its block: 09:00 + 3h → 12:00', '2026-12-24T09:00+08:00', 3 * H, '2026-12-24T12:00+08:00'],
    ['in the afternoon of the half day + 1s → Tuesday 09:00:01', '2026-12-24T14:00+08:00', 1, '2026-12-29T09:00:01+08:00'],
    ['Wednesday 17:00 + 2h → Thursday 10:00', '2026-12-23T17:00+08:00', 2 * H, '2026-12-24T10:00+08:00'],
  ])('%s', (_name, start, seconds, due) => {
    expect(add(xmas, start, seconds)).toBe(utc(due));
  });
  it('counts between across the break', () => {
    expect(between(xmas, '2026-12-24T00:00+08:00', '2026-12-30T00:00+08:00')).toBe(3 * H + 8 * H); // Thursday morning and Tuesday
    expect(between(xmas, '2026-12-25T00:00+08:00', '2026-12-29T00:00+08:00')).toBe(0);
  });
  it('a dated entry with blocks on a weekend makes it a working day (China’s make-up Saturdays)', () => {
    const cn = office('Asia/Shanghai', [{ date: '2026-02-14', blocks: LUNCH }, { date: '2026-02-16' }]);
    // Friday 2026-02-13 17:00 + 2h → Saturday 10:00; Saturday 18:00 + 1h → Tuesday 10:00 (Monday closed).
    expect(add(cn, '2026-02-13T17:00+08:00', 2 * H)).toBe(utc('2026-02-14T10:00+08:00'));
    expect(add(cn, '2026-02-14T18:00+08:00', H)).toBe(utc('2026-02-17T10:00+08:00'));
  });
  it('a Golden Week spanning two weekends (CN 2026-10-01 … 07)', () => {
    const days = ['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}` }));
    const cn = office('Asia/Shanghai', [...days, { date: '2026-10-10', blocks: LUNCH }]);
    expect(add(cn, '2026-09-30T17:00+08:00', 2 * H)).toBe(utc('2026-10-08T10:00+08:00'));
    expect(between(cn, '2026-09-28T00:00+08:00', '2026-10-12T00:00+08:00')).toBe(3 * 8 * H + 3 * 8 * H);
  });
});

describe('several blocks a day, midnight, 24×7', () => {
  it('walks four blocks of a day', () => {
    const shifts = office('Asia/Kuala_Lumpur', [], weekdays([['08:00', '10:00'], ['11:00', '12:00'], ['14:00', '16:00'], ['20:00', '22:00']]));
    expect(add(shifts, '2026-03-09T09:30+08:00', 3 * H)).toBe(utc('2026-03-09T15:30+08:00'));
    expect(add(shifts, '2026-03-09T09:30+08:00', 5.5 * H)).toBe(utc('2026-03-09T22:00+08:00'));
    expect(between(shifts, '2026-03-09T00:00+08:00', '2026-03-10T00:00+08:00')).toBe(7 * H);
  });
  it('runs through midnight with a block ending at 24:00', () => {
    const night = office('Asia/Singapore', [], { ...weekdays([]), mon: [['20:00', '24:00']], tue: [['00:00', '04:00']] });
    expect(add(night, '2026-03-09T23:00+08:00', 2 * H)).toBe(utc('2026-03-10T01:00+08:00'));
    expect(add(night, '2026-03-09T20:00+08:00', 4 * H)).toBe(utc('2026-03-10T00:00+08:00'));
    expect(between(night, '2026-03-09T00:00+08:00', '2026-03-11T00:00+08:00')).toBe(8 * H);
  });
  it('24×7 is plain elapsed time, holidays or not', () => {
    const always: Calendar = { ...office('Asia/Shanghai', [{ date: '2026-03-09' }], weekdays([])), alwaysOpen: true };
    expect(add(always, '2026-03-09T12:00+08:00', 2 * H)).toBe(utc('2026-03-09T14:00+08:00'));
    expect(between(always, '2026-03-07T00:00+08:00', '2026-03-10T00:00+08:00')).toBe(72 * H);
  });
  it('between is 0 when to is not after from', () => {
    expect(between(MY, '2026-03-09T12:00+08:00', '2026-03-09T10:00+08:00')).toBe(0);
    expect(between(MY, '2026-03-09T12:00+08:00', '2026-03-09T12:00+08:00')).toBe(0);
    expect(between(MY, '2026-03-06T17:00+08:00', '2026-03-09T10:00+08:00')).toBe(2 * H);
  });
});

describe('daylight saving time', () => {
  const nineToFive = weekdays([['09:00', '17:00']]);
  const ny = office('America/New_York', [], nineToFive);
  const london = office('Europe/London', [], nineToFive);
  it('New York: a weekend with the spring-forward night in it', () => {
    // Friday 2026-03-06 16:00 EST + 2h → Monday 2026-03-09 10:00 EDT.
    expect(add(ny, '2026-03-06T16:00-05:00', 2 * H)).toBe(utc('2026-03-09T10:00-04:00'));
    expect(between(ny, '2026-03-06T16:00-05:00', '2026-03-09T10:00-04:00')).toBe(2 * H);
  });
  it('New York: a weekend with the fall-back night in it', () => {
    expect(add(ny, '2026-10-30T16:00-04:00', 2 * H)).toBe(utc('2026-11-02T10:00-05:00'));
  });
  it('London: both changes', () => {
    expect(add(london, '2026-03-27T16:00Z', 2 * H)).toBe(utc('2026-03-30T10:00+01:00'));
    expect(add(london, '2026-10-23T16:00+01:00', 2 * H)).toBe(utc('2026-10-26T10:00Z'));
  });
  it('counts real time on the change nights (round the clock: 23h and 25h days)', () => {
    const allDay = office('Europe/London', [], weekdays([['00:00', '24:00']], [['00:00', '24:00']]));
    expect(between(allDay, '2026-03-29T00:00Z', '2026-03-30T00:00+01:00')).toBe(23 * H);
    expect(between(allDay, '2026-10-25T00:00+01:00', '2026-10-26T00:00Z')).toBe(25 * H);
    expect(add(allDay, '2026-10-25T00:00+01:00', 2 * H)).toBe(utc('2026-10-25T01:00Z')); // the second 01:00
    expect(add(allDay, '2026-03-29T00:00Z', 2 * H)).toBe(utc('2026-03-29T03:00+01:00'));
  });
  it('blocks touching 01:00–02:00 on the change nights (New York)', () => {
    const sunday = (blocks: Block[]) => office('America/New_York', [], { ...weekdays([]), sun: blocks });
    // Spring forward (2026-03-08): 01:00 EST to 04:00 EDT is two real hours; a block inside 02:00–03:00 has none.
    expect(between(sunday([['01:00', '04:00']]), '2026-03-07T00:00Z', '2026-03-09T00:00Z')).toBe(2 * H);
    expect(add(sunday([['01:00', '04:00']]), '2026-03-08T01:00-05:00', 1.5 * H)).toBe(utc('2026-03-08T03:30-04:00'));
    expect(between(sunday([['01:00', '02:00']]), '2026-03-07T00:00Z', '2026-03-09T00:00Z')).toBe(H);
    expect(between(sunday([['02:00', '03:00']]), '2026-03-07T00:00Z', '2026-03-09T00:00Z')).toBe(0);
    expect(between(sunday([['02:00', '03:00']]), '2026-03-01T00:00Z', '2026-03-16T00:00Z')).toBe(2 * H); // the Sundays either side
    // Fall back (2026-11-01): 01:00 EDT to 04:00 EST is four real hours; 01:00–02:00 is two (the hour repeats).
    expect(between(sunday([['01:00', '04:00']]), '2026-10-31T00:00Z', '2026-11-02T00:00Z')).toBe(4 * H);
    expect(add(sunday([['01:00', '04:00']]), '2026-11-01T01:00-04:00', 2 * H)).toBe(utc('2026-11-01T02:00-05:00'));
    expect(between(sunday([['01:00', '02:00']]), '2026-10-31T00:00Z', '2026-11-02T00:00Z')).toBe(2 * H);
    expect(between(sunday([['00:00', '01:30'], ['01:30', '03:00']]), '2026-10-31T00:00Z', '2026-11-02T00:00Z')).toBe(4 * H);
  });
});

describe('bad calendars', () => {
  const fields = (c: Calendar) => calendarProblems(c).map((e) => e.field);
  it.each<[string, Partial<Calendar>, string[]]>([
    ['unknown zone', { timeZone: 'Asia/Atlantis' }, ['timeZone']],
    ['reversed block', { week: { ...weekdays(LUNCH), mon: [['09:00', '12:00'], ['18:00', '13:00']] } }, ['week.mon[1]']],
    ['empty block', { week: { ...weekdays(LUNCH), tue: [['09:00', '09:00']] } }, ['week.tue[0]']],
    ['overlapping blocks', { week: { ...weekdays(LUNCH), wed: [['09:00', '12:00'], ['11:00', '18:00']] } }, ['week.wed[1]']],
    ['blocks out of order', { week: { ...weekdays(LUNCH), thu: [['13:00', '18:00'], ['09:00', '12:00']] } }, ['week.thu[1]']],
    ['bad time', { week: { ...weekdays(LUNCH), fri: [['9:00', '12:00'], ['13:00', '24:01']] } }, ['week.fri[0]', 'week.fri[1]']],
    ['24:00 as a start', { week: { ...weekdays(LUNCH), sat: [['24:00', '24:00']] } }, ['week.sat[0]']],
    ['no working time', { week: weekdays([]) }, ['week']],
    ['bad holiday date', { holidays: [{ date: '2026-02-30' }] }, ['holidays[0].date']],
    ['holiday out of range', { holidays: [{ date: '1899-01-01' }, { date: '2101-01-01' }] }, ['holidays[0].date', 'holidays[1].date']],
    ['holiday twice', { holidays: [{ date: '2026-01-01' }, { date: '2026-01-01' }] }, ['holidays[1].date']],
    ['bad half-day block', { holidays: [{ date: '2026-01-01', blocks: [['13:00', '12:00']] }] }, ['holidays[0].blocks[0]']],
  ])('%s', (_name, change, expected) => {
    expect(fields({ ...MY, ...change })).toEqual(expected);
  });
  it('accepts touching blocks, 24:00, and no working time with alwaysOpen', () => {
    expect(calendarProblems({ ...MY, week: { ...weekdays(LUNCH), mon: [['00:00', '12:00'], ['12:00', '24:00']] } })).toEqual([]);
    expect(calendarProblems({ ...MY, week: weekdays([]), alwaysOpen: true })).toEqual([]);
  });
  it('stops with an error instead of looping when there is no working time ahead', () => {
    const mondaysOnly = office('Asia/Kuala_Lumpur', [], { ...weekdays([]), mon: [['09:00', '10:00']] });
    const closed = { ...mondaysOnly, holidays: Array.from({ length: 200 }, (_, i) => ({ date: new Date(Date.UTC(2026, 2, 9 + 7 * i)).toISOString().slice(0, 10) })) };
    expect(() => addWorkingTime(closed, new Date('2026-03-09T00:00Z'), 1)).toThrow(AppError);
    expect(add(closed, '2026-03-02T09:00+08:00', H)).toBe(utc('2026-03-02T10:00+08:00'));
  });
  it('refuses a negative duration', () => {
    expect(() => addWorkingTime(MY, new Date(), -1)).toThrow(/zero or more/);
  });
});

// ---- properties ---------------------------------------------------------------------------

const instantArb = fc.integer({ min: 0, max: 2 * 365 * 86_400 }).map((s) => new Date(T0 + s * 1000));
const durationArb = fc.integer({ min: 0, max: 120 * H });

describe('working-time arithmetic: properties', () => {
  it('generated calendars are valid', () => {
    fc.assert(fc.property(calendarArb, (c) => {
      expect(calendarProblems(c)).toEqual([]);
    }), { numRuns: 50 });
  });

  it('adding a then b is adding a + b', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, durationArb, durationArb, (c, start, a, b) => {
        expect(addWorkingTime(c, addWorkingTime(c, start, a), b).getTime()).toBe(addWorkingTime(c, start, a + b).getTime());
      }),
      { numRuns: 150 },
    );
  });

  it('a due instant is inside a block or at its end, unless the duration is zero', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, durationArb, (c, start, d) => {
        const due = addWorkingTime(c, start, d);
        if (d === 0) expect(due.getTime()).toBe(start.getTime());
        else expect(isWorkingOrBlockEnd(c, due)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('between(start, add(start, d)) is d', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, durationArb, (c, start, d) => {
        expect(workingSecondsBetween(c, start, addWorkingTime(c, start, d))).toBe(d);
      }),
      { numRuns: 150 },
    );
  });

  it('between is additive over a split point', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, instantArb, instantArb, (c, x, y, z) => {
        const [a, b, m] = [x, y, z].sort((p, q) => p.getTime() - q.getTime()) as [Date, Date, Date];
        const [from, split, to] = [a, m, b].sort((p, q) => p.getTime() - q.getTime()) as [Date, Date, Date];
        expect(workingSecondsBetween(c, from, split) + workingSecondsBetween(c, split, to)).toBe(workingSecondsBetween(c, from, to));
      }),
      { numRuns: 100 },
    );
  });

  it('is monotonic in the duration and in the start', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, instantArb, durationArb, durationArb, (c, s1, s2, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(addWorkingTime(c, s1, lo).getTime()).toBeLessThanOrEqual(addWorkingTime(c, s1, hi).getTime());
        const [early, late] = s1 <= s2 ? [s1, s2] : [s2, s1];
        expect(addWorkingTime(c, early, a).getTime()).toBeLessThanOrEqual(addWorkingTime(c, late, a).getTime());
      }),
      { numRuns: 100 },
    );
  });

  it('a due instant is never earlier than the working time it needs in elapsed time', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, durationArb, (c, start, d) => {
        expect(addWorkingTime(c, start, d).getTime() - start.getTime()).toBeGreaterThanOrEqual(d * 1000);
      }),
      { numRuns: 100 },
    );
  });
});
