import { sql } from 'kysely';
import type { Db } from '../../db/pool.js';
import type { CalendarRow } from '../../db/schema.js';
import type { Calendar } from './calendar.js';

// The only place in the SLA domain that writes SQL.

export interface CalendarFields extends Calendar {
  name: string;
  region: string | null;
}

const columns = (c: Partial<CalendarFields>) => ({
  ...(c.name !== undefined ? { name: c.name } : {}),
  ...(c.timeZone !== undefined ? { time_zone: c.timeZone } : {}),
  ...(c.week !== undefined ? { week: JSON.stringify(c.week) } : {}),
  ...(c.holidays !== undefined ? { holidays: JSON.stringify(c.holidays) } : {}),
  ...(c.alwaysOpen !== undefined ? { always_open: c.alwaysOpen } : {}),
  ...(c.region !== undefined ? { region: c.region } : {}),
});

export function listCalendarRows(db: Db): Promise<CalendarRow[]> {
  return db.selectFrom('calendars').selectAll().orderBy('name').execute();
}

export function findCalendarRow(db: Db, id: string, lock = false): Promise<CalendarRow | undefined> {
  const query = db.selectFrom('calendars').selectAll().where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export function insertCalendar(db: Db, c: CalendarFields, now: Date): Promise<CalendarRow> {
  return db
    .insertInto('calendars')
    .values({
      name: c.name,
      time_zone: c.timeZone,
      week: JSON.stringify(c.week),
      holidays: JSON.stringify(c.holidays),
      always_open: c.alwaysOpen === true,
      region: c.region,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateCalendarRow(db: Db, id: string, c: Partial<CalendarFields>, now: Date): Promise<CalendarRow> {
  return db.updateTable('calendars').set({ ...columns(c), updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function regionExists(db: Db, code: string): Promise<boolean> {
  return (await db.selectFrom('regions').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}

/** Rewrites the queue columns of the cases from their clocks, in one statement. */
export async function summariseCaseClocks(db: Db, caseIds: string[]): Promise<void> {
  await sql`
    UPDATE cases SET sla_due_at = s.due, sla_state = s.state
      FROM (SELECT case_id,
                   min(due_at) FILTER (WHERE state = 'running') AS due,
                   CASE WHEN bool_or(breached_at IS NOT NULL AND state <> 'stopped') THEN 'breached'
                        WHEN bool_or(state = 'running' AND warned_percent > 0) THEN 'at_risk'
                        WHEN bool_or(state = 'running') THEN 'on_track'
                        WHEN bool_or(state = 'paused') THEN 'paused' END AS state
              FROM sla_clocks WHERE case_id = ANY(${caseIds}::uuid[]) GROUP BY case_id) s
     WHERE cases.id = s.case_id
       -- A round's warnings often leave a case as it was: no new row version for those.
       AND (cases.sla_due_at IS DISTINCT FROM s.due OR cases.sla_state IS DISTINCT FROM s.state)`.execute(db);
}
