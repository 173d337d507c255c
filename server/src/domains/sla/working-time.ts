import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../identity/policy.js';
import { FIRST_YEAR, LAST_YEAR, addWorkingTime, workingSecondsBetween } from './calendar.js';
import { calendarOf } from './calendars.js';
import { parseDuration } from './duration.js';
import { CALENDAR_READERS } from './policy.js';
import { findCalendarRow } from './queries.js';

async function loadCalendar(deps: Deps, id: string) {
  const row = await findCalendarRow(deps.db, id);
  if (!row) throw AppError.notFound('calendar');
  return calendarOf(row);
}

/** An ISO instant within the years calendars cover, or a validation error naming the field. */
function instant(field: string, text: string): Date {
  const at = new Date(text);
  const year = at.getUTCFullYear();
  if (Number.isNaN(at.getTime())) throw AppError.validation(field, 'must be an ISO 8601 instant', 'format');
  if (year < FIRST_YEAR || year > LAST_YEAR) throw AppError.validation(field, `must be in the years ${FIRST_YEAR}–${LAST_YEAR}`, 'out_of_range');
  return at;
}

/** The instant when `duration` of working time has passed after `start` in the calendar. */
export async function dueInCalendar(deps: Deps, actor: Actor, id: string, input: { start: string; duration: string }): Promise<{ due: string }> {
  authorize(actor, CALENDAR_READERS);
  const start = instant('start', input.start);
  const duration = parseDuration(input.duration);
  if ('error' in duration) throw AppError.validation('duration', duration.error, duration.code);
  const calendar = await loadCalendar(deps, id);
  return { due: addWorkingTime(calendar, start, duration.seconds).toISOString() };
}

/** Seconds of working time between two instants in the calendar. */
export async function workingTimeInCalendar(deps: Deps, actor: Actor, id: string, input: { from: string; to: string }): Promise<{ seconds: number }> {
  authorize(actor, CALENDAR_READERS);
  const [from, to] = [instant('from', input.from), instant('to', input.to)];
  const calendar = await loadCalendar(deps, id);
  return { seconds: workingSecondsBetween(calendar, from, to) };
}
