// A calendar edit moves the dues of the clocks running in it: the time they counted so far
// stays as the old calendar counted it; from the edit on they count in the new one.
import { sql } from 'kysely';
import { insertRows } from '../../db/bulk.js';
import type { Db } from '../../db/pool.js';
import type { Calendar } from './calendar.js';
import { clockOf } from './case-clocks.js';
import { dueOf, elapsedAt, nextCheckOf } from './clock.js';

/** Re-dates every running clock of the calendar; returns how many moved. */
export async function redateClocks(db: Db, now: Date, calendarId: string, before: Calendar, after: Calendar): Promise<number> {
  const running = db.selectFrom('sla_clocks').where('calendar_id', '=', calendarId).where('state', '=', 'running');
  // Cases first, then clocks: the order every case change takes, so the two cannot deadlock.
  const affected = await running.select('case_id').distinct().execute();
  if (affected.length === 0) return 0;
  await db.selectFrom('cases').select('id').where('id', 'in', affected.map((r) => r.case_id)).orderBy('id').forUpdate().execute();
  const rows = await running.selectAll().forUpdate().execute();
  if (rows.length === 0) return 0;
  const updates = rows.map((row) => {
    const counted = { ...clockOf(row), elapsedSeconds: elapsedAt(before, clockOf(row), now), runningSince: now };
    return {
      id: row.id,
      elapsed: counted.elapsedSeconds,
      due: dueOf(after, counted)!.toISOString(),
      next: nextCheckOf(after, counted)?.toISOString() ?? null,
    };
  });
  await sql`UPDATE sla_clocks SET elapsed_seconds = u.elapsed, running_since = ${now}, due_at = u.due, next_check_at = u.next
              FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) AS u(id bigint, elapsed double precision, due timestamptz, next timestamptz)
             WHERE sla_clocks.id = u.id`.execute(db);
  await db.updateTable('sla_clock_segments').set({ to_at: now }).where('clock_id', 'in', rows.map((r) => r.id)).where('to_at', 'is', null).execute();
  await insertRows(
    db,
    'sla_clock_segments',
    rows.map((r) => ({ clock_id: r.id, cycle: r.cycle, state: 'running', from_at: now, to_at: null, reason: 'calendar_changed', detail: '{}' })),
  );
  const caseIds = [...new Set(rows.map((r) => r.case_id))];
  await sql`UPDATE cases SET sla_due_at = (SELECT min(k.due_at) FROM sla_clocks k WHERE k.case_id = cases.id AND k.state = 'running')
             WHERE id = ANY(${caseIds}::uuid[])`.execute(db);
  return rows.length;
}
