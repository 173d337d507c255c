// fast-check generators of business calendars, shared by the calendar and clock property tests.
import fc from 'fast-check';
import { type Block, type Calendar, WEEKDAYS, type Weekday } from './calendar.js';

const ZONES = ['Europe/London', 'America/New_York', 'Asia/Kuala_Lumpur', 'Asia/Singapore', 'Asia/Shanghai', 'Australia/Lord_Howe'];
const hhmm = (m: number) => (m === 1440 ? '24:00' : `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);

/** Ordered, non-overlapping blocks on a 30-minute grid (which hits the DST hours often). */
export const blocksArb = fc.uniqueArray(fc.integer({ min: 0, max: 48 }), { maxLength: 8 }).map((points) => {
  const sorted = [...points].sort((a, b) => a - b).map((p) => p * 30);
  const blocks: Block[] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) blocks.push([hhmm(sorted[i]!), hhmm(sorted[i + 1]!)]);
  return blocks;
});

const dayArb = fc.integer({ min: 0, max: 2 * 365 }).map((d) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10));

/** Valid calendars in zones with and without DST, with holidays and half days; each has some working time. */
export const calendarArb: fc.Arbitrary<Calendar> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    week: fc.record(Object.fromEntries(WEEKDAYS.map((d) => [d, blocksArb])) as Record<Weekday, fc.Arbitrary<Block[]>>),
    holidays: fc.uniqueArray(fc.record({ date: dayArb, blocks: fc.option(blocksArb, { nil: undefined }) }), { selector: (h) => h.date, maxLength: 30 }),
    alwaysOpen: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  })
  .map((c) => {
    const holidays = c.holidays.map((h) => (h.blocks === undefined ? { date: h.date } : h));
    const week = WEEKDAYS.some((d) => c.week[d].length) ? c.week : { ...c.week, wed: [['10:00', '11:30']] as Block[] };
    return { ...c, week, holidays };
  });

/** The start of the two years the generators cover. */
export const T0 = Date.parse('2026-01-01T00:00:00Z');
