// The calendar form's state, and how it becomes the API's body (or the problems that stop it).
import { checkBlocks, formatBlock, formatBlocks, splitBlocks, type Block } from './blocks';
import { isKnownTimeZone } from './zonedTime';
import { WEEKDAYS, type Calendar, type CalendarInput, type Weekday } from './types';

export interface HolidayDraft {
  /** Stable React key: rows are added and removed. */
  key: string;
  date: string;
  name: string;
  /** Closed all day, or open only for `blocks` (a half day, a make-up working day). */
  closed: boolean;
  blocks: string;
}

export interface CalendarDraft {
  name: string;
  timeZone: string;
  region: string | null;
  alwaysOpen: boolean;
  /** Each weekday's blocks as typed, "09:00–12:00". */
  week: Record<Weekday, string[]>;
  holidays: HolidayDraft[];
}

/** Problems found before asking the server; each has its words in slaAdmin.problem.*. */
export const DRAFT_PROBLEMS = [
  'format',
  'endBeforeStart',
  'overlap',
  'required',
  'unknownZone',
  'noBlocks',
  'duplicateDate',
  'noWorkingTime',
] as const satisfies readonly string[];
export type DraftProblem = (typeof DRAFT_PROBLEMS)[number];

const OFFICE_DAY = ['09:00–12:00', '13:00–18:00'];

let nextKey = 0;
export const holidayKey = (): string => `holiday-${(nextKey += 1)}`;

export function emptyHoliday(): HolidayDraft {
  return { key: holidayKey(), date: '', name: '', closed: true, blocks: '' };
}

/** A calendar as the form edits it; a new one starts as Mon–Fri office hours. */
export function calendarDraftOf(calendar: Calendar | undefined, defaultTimeZone: string): CalendarDraft {
  if (!calendar) {
    const week = Object.fromEntries(WEEKDAYS.map((day) => [day, day === 'sat' || day === 'sun' ? [] : [...OFFICE_DAY]]));
    return { name: '', timeZone: defaultTimeZone, region: null, alwaysOpen: false, week: week as CalendarDraft['week'], holidays: [] };
  }
  const week = Object.fromEntries(WEEKDAYS.map((day) => [day, (calendar.week[day] ?? []).map(formatBlock)]));
  const holidays = [...calendar.holidays]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((holiday) => ({
      key: holidayKey(),
      date: holiday.date,
      name: holiday.name ?? '',
      closed: !holiday.blocks?.length,
      blocks: formatBlocks(holiday.blocks ?? []),
    }));
  return {
    name: calendar.name,
    timeZone: calendar.timeZone,
    region: calendar.region,
    alwaysOpen: calendar.alwaysOpen,
    week: week as CalendarDraft['week'],
    holidays,
  };
}

/**
 * The body for POST/PATCH /calendars, or the problems keyed the way the form names the
 * server's field errors (`week.mon.1`, `holidays.3.date`), so both show in the same place.
 */
export function calendarInputOf(draft: CalendarDraft): { input: CalendarInput } | { problems: Record<string, DraftProblem> } {
  const problems: Record<string, DraftProblem> = {};
  if (!draft.name.trim()) problems.name = 'required';
  if (!draft.timeZone) problems.timeZone = 'required';
  else if (!isKnownTimeZone(draft.timeZone)) problems.timeZone = 'unknownZone';

  const week = {} as CalendarInput['week'];
  for (const day of WEEKDAYS) {
    const checked = checkBlocks(draft.week[day]);
    checked.problems.forEach((problem, index) => {
      if (problem) problems[`week.${day}.${index}`] = problem;
    });
    week[day] = checked.blocks;
  }
  if (!draft.alwaysOpen && WEEKDAYS.every((day) => draft.week[day].length === 0)) problems.week = 'noWorkingTime';

  const seen = new Set<string>();
  const holidays = draft.holidays.map((holiday, index) => {
    if (!holiday.date) problems[`holidays.${index}.date`] = 'required';
    else if (seen.has(holiday.date)) problems[`holidays.${index}.date`] = 'duplicateDate';
    seen.add(holiday.date);
    let blocks: Block[] | undefined;
    if (!holiday.closed) {
      const checked = checkBlocks(splitBlocks(holiday.blocks));
      const problem = checked.blocks.length === 0 && checked.problems.length === 0 ? 'noBlocks' : checked.problems.find((p) => p !== null);
      if (problem) problems[`holidays.${index}.blocks`] = problem;
      blocks = checked.blocks;
    }
    const name = holiday.name.trim();
    return { date: holiday.date, ...(name ? { name } : {}), ...(blocks ? { blocks } : {}) };
  });

  if (Object.keys(problems).length > 0) return { problems };
  return {
    input: { name: draft.name.trim(), timeZone: draft.timeZone, region: draft.region, alwaysOpen: draft.alwaysOpen, week, holidays },
  };
}
