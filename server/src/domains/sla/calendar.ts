// Business calendars and the working-time arithmetic SLA clocks are counted in. Pure.
import { AppError, type FieldError } from '../../platform/errors.js';
import { DAY_MS, dayNumberOf, isKnownTimeZone, localDayOf, wallTimeToInstant, weekdayOf } from './zoned-time.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A working block in local wall-clock time, `["09:00", "12:00"]`; the end may be `"24:00"`. */
export type Block = [string, string];

/** A dated exception: closed all day (no blocks), or working only these blocks (a half day, or a make-up working day). */
export interface Holiday {
  date: string;
  name?: string;
  blocks?: Block[];
}

export interface Calendar {
  timeZone: string;
  week: Record<Weekday, Block[]>;
  holidays: Holiday[];
  /** 24×7: every instant is working time; week and holidays are not consulted. */
  alwaysOpen?: boolean;
}

/** Holidays and instants outside these years are refused as mistakes. */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;
/** How far to look for working time before deciding a calendar has none. */
export const LOOK_AHEAD_DAYS = 732;
/** The longest span `workingSecondsBetween` measures. */
export const MAX_SPAN_DAYS = 366 * 10;

const START = /^([01]\d|2[0-3]):([0-5]\d)$/;
const END = /^(([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

function minutesOf(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

function checkBlocks(blocks: Block[], field: string, errors: FieldError[]): void {
  let previousEnd = -1;
  blocks.forEach((block, i) => {
    const name = `${field}[${i}]`;
    if (!Array.isArray(block) || block.length !== 2 || !START.test(block[0]) || !END.test(block[1])) {
      errors.push({ field: name, message: 'must be ["HH:MM", "HH:MM"] (00:00–23:59, the end may be 24:00)', code: 'format' });
      return;
    }
    const [start, end] = [minutesOf(block[0]), minutesOf(block[1])];
    if (end <= start) {
      errors.push({ field: name, message: `must end after it starts (${block[0]}–${block[1]})`, code: 'invalid' });
    } else if (start < previousEnd) {
      errors.push({ field: name, message: 'must start at or after the end of the block before it (blocks are in order and do not overlap)', code: 'invalid' });
    }
    previousEnd = Math.max(previousEnd, end);
  });
}

/** Every problem with a calendar, each naming its field (`timeZone`, `week.mon[1]`, `holidays[3].date`). */
export function calendarProblems(calendar: Calendar): FieldError[] {
  const errors: FieldError[] = [];
  if (!isKnownTimeZone(calendar.timeZone)) {
    errors.push({ field: 'timeZone', message: `is not a known IANA time zone (such as Asia/Kuala_Lumpur)`, code: 'invalid' });
  }
  for (const day of WEEKDAYS) checkBlocks(calendar.week[day] ?? [], `week.${day}`, errors);
  const seen = new Map<number, number>();
  calendar.holidays.forEach((holiday, i) => {
    const day = dayNumberOf(holiday.date);
    const year = Number(holiday.date.slice(0, 4));
    if (day === null) errors.push({ field: `holidays[${i}].date`, message: 'must be a date YYYY-MM-DD', code: 'format' });
    else if (year < FIRST_YEAR || year > LAST_YEAR) {
      errors.push({ field: `holidays[${i}].date`, message: `must be in the years ${FIRST_YEAR}–${LAST_YEAR}`, code: 'out_of_range' });
    } else if (seen.has(day)) {
      errors.push({ field: `holidays[${i}].date`, message: `is listed twice (also holidays[${seen.get(day)}])`, code: 'invalid' });
    } else seen.set(day, i);
    if (holiday.blocks) checkBlocks(holiday.blocks, `holidays[${i}].blocks`, errors);
  });
  if (!calendar.alwaysOpen && WEEKDAYS.every((d) => (calendar.week[d] ?? []).length === 0)) {
    errors.push({ field: 'week', message: 'has no working time: add blocks, or set alwaysOpen for 24×7', code: 'empty' });
  }
  return errors;
}

/** Throws a validation error naming every bad field, or returns nothing. */
export function assertValidCalendar(calendar: Calendar): void {
  const errors = calendarProblems(calendar);
  if (errors.length) throw new AppError('validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}

// ---- arithmetic --------------------------------------------------------------------------

type Minutes = [number, number];
interface Compiled {
  timeZone: string;
  alwaysOpen: boolean;
  week: Minutes[][];
  exceptions: Map<number, Minutes[]>;
}

const compiledCache = new WeakMap<Calendar, Compiled>();

function compile(calendar: Calendar): Compiled {
  let compiled = compiledCache.get(calendar);
  if (!compiled) {
    const toMinutes = (blocks: Block[]) => blocks.map(([s, e]) => [minutesOf(s), minutesOf(e)] as Minutes);
    compiled = {
      timeZone: calendar.timeZone,
      alwaysOpen: calendar.alwaysOpen === true,
      week: WEEKDAYS.map((d) => toMinutes(calendar.week[d] ?? [])),
      exceptions: new Map(calendar.holidays.map((h) => [dayNumberOf(h.date)!, toMinutes(h.blocks ?? [])])),
    };
    compiledCache.set(calendar, compiled);
  }
  return compiled;
}

/** The working intervals of one local day as instants [start, end), empty ones dropped. */
function intervalsOn(c: Compiled, day: number): Array<[number, number]> {
  const blocks = c.exceptions.get(day) ?? c.week[weekdayOf(day)]!;
  const out: Array<[number, number]> = [];
  for (const [s, e] of blocks) {
    const start = wallTimeToInstant(c.timeZone, day, s);
    const end = wallTimeToInstant(c.timeZone, day, e);
    // A block inside a skipped hour has no length.
    if (end > start) out.push([start, end]);
  }
  return out;
}

function noWorkingTime(): AppError {
  return AppError.validation('duration', `cannot be reached: the calendar has no working time for ${LOOK_AHEAD_DAYS} days`, 'out_of_range');
}

/**
 * The instant when `seconds` of working time have passed after `start`. A duration that uses
 * up a block exactly ends at that block's end (not at the start of the next); zero is `start`.
 */
export function addWorkingTime(calendar: Calendar, start: Date, seconds: number): Date {
  if (!(seconds >= 0) || !Number.isFinite(seconds)) throw AppError.validation('duration', 'must be zero or more', 'out_of_range');
  let remaining = Math.round(seconds * 1000);
  const t0 = start.getTime();
  if (remaining === 0) return new Date(t0);
  const c = compile(calendar);
  if (c.alwaysOpen) return new Date(t0 + remaining);
  let t = t0;
  // A block of the day before can run past local midnight only to 24:00, i.e. up to this day's start.
  let day = localDayOf(c.timeZone, t) - 1;
  let lastWorkingDay = day;
  for (;;) {
    for (const [s, e] of intervalsOn(c, day)) {
      lastWorkingDay = day;
      if (e <= t) continue;
      const from = Math.max(s, t);
      const available = e - from;
      if (available >= remaining) return new Date(from + remaining);
      remaining -= available;
      t = e;
    }
    day += 1;
    if (day - lastWorkingDay > LOOK_AHEAD_DAYS) throw noWorkingTime();
  }
}

/** Seconds of working time in [from, to); 0 when `to` is not after `from`. */
export function workingSecondsBetween(calendar: Calendar, from: Date, to: Date): number {
  const [a, b] = [from.getTime(), to.getTime()];
  if (b <= a) return 0;
  const c = compile(calendar);
  if (c.alwaysOpen) return (b - a) / 1000;
  if (b - a > MAX_SPAN_DAYS * DAY_MS) throw AppError.validation('to', `must be at most ${MAX_SPAN_DAYS} days after from`, 'out_of_range');
  let total = 0;
  const last = localDayOf(c.timeZone, b);
  for (let day = localDayOf(c.timeZone, a) - 1; day <= last; day++) {
    for (const [s, e] of intervalsOn(c, day)) {
      const overlap = Math.min(e, b) - Math.max(s, a);
      if (overlap > 0) total += overlap;
    }
  }
  return total / 1000;
}

/** True when the instant lies strictly inside a working block, or exactly at a block's end. */
export function isWorkingOrBlockEnd(calendar: Calendar, at: Date): boolean {
  const c = compile(calendar);
  if (c.alwaysOpen) return true;
  const t = at.getTime();
  const day = localDayOf(c.timeZone, t);
  for (let d = day - 1; d <= day; d++) {
    for (const [s, e] of intervalsOn(c, d)) if (t > s && t <= e) return true;
  }
  return false;
}
