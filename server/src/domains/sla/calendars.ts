import type { CalendarRow } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { type Deps, isUniqueViolation } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../identity/policy.js';
import { type Calendar, assertValidCalendar } from './calendar.js';
import { redateClocks } from './calendar-change.js';
import { CALENDAR_EDITORS, CALENDAR_READERS } from './policy.js';
import { type CalendarFields, findCalendarRow, insertCalendar, listCalendarRows, regionExists, updateCalendarRow } from './queries.js';

export function presentCalendar(row: CalendarRow) {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    week: row.week,
    holidays: row.holidays,
    alwaysOpen: row.always_open,
    region: row.region,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
export type CalendarView = ReturnType<typeof presentCalendar>;

/** The calendar arithmetic sees a row as this. */
export function calendarOf(row: CalendarRow): Calendar {
  return { timeZone: row.time_zone, week: row.week as Calendar['week'], holidays: row.holidays, alwaysOpen: row.always_open };
}

export async function listCalendars(deps: Deps, actor: Actor): Promise<CalendarView[]> {
  authorize(actor, CALENDAR_READERS);
  return (await listCalendarRows(deps.db)).map(presentCalendar);
}

export async function getCalendar(deps: Deps, actor: Actor, id: string): Promise<CalendarView> {
  authorize(actor, CALENDAR_READERS);
  const row = await findCalendarRow(deps.db, id);
  if (!row) throw AppError.notFound('calendar');
  return presentCalendar(row);
}

export type CalendarInput = Omit<CalendarFields, 'region'> & { region?: string | null };

const nameTaken = (name: string) => new AppError('conflict', `a calendar named ${name} exists already`, [{ field: 'name', message: 'is taken', code: 'taken' }]);

async function checkRegion(deps: Deps, region: string | null | undefined): Promise<void> {
  if (region && !(await regionExists(deps.db, region))) throw AppError.validation('region', `is not a known region`, 'unknown_reference');
}

/** Adds a calendar; every field problem is reported by name. */
export async function createCalendar(deps: Deps, actor: Actor, input: CalendarInput): Promise<CalendarView> {
  authorize(actor, CALENDAR_EDITORS);
  assertValidCalendar(input);
  await checkRegion(deps, input.region);
  const now = deps.clock.now();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const row = await insertCalendar(trx, { ...input, region: input.region ?? null }, now);
      const view = presentCalendar(row);
      await recordAudit(trx, actor, now, { action: 'calendar.created', entityType: 'calendar', entityId: row.id, after: view });
      return view;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

/** Changes a calendar; the calendar as changed must be valid as a whole. */
export async function updateCalendar(deps: Deps, actor: Actor, id: string, patch: Partial<CalendarInput>): Promise<CalendarView> {
  authorize(actor, CALENDAR_EDITORS);
  await checkRegion(deps, patch.region);
  const now = deps.clock.now();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const before = await findCalendarRow(trx, id, true);
      if (!before) throw AppError.notFound('calendar');
      assertValidCalendar({ ...calendarOf(before), ...patch });
      const row = await updateCalendarRow(trx, id, patch, now);
      await redateClocks(trx, now, id, calendarOf(before), calendarOf(row));
      const view = presentCalendar(row);
      await recordAudit(trx, actor, now, { action: 'calendar.updated', entityType: 'calendar', entityId: id, before: presentCalendar(before), after: view });
      return view;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(patch.name ?? '');
    throw error;
  }
}
