// GET /cases/{id}/sla: each clock of a case with its state, working time and history.
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { loadCaseFor } from '../cases/get-case.js';
import { CalendarCache, clockOf } from './case-clocks.js';
import { elapsedAt, statusOf } from './clock.js';
import { formatDuration } from './duration.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export async function getCaseSla(deps: Deps, actor: Actor, caseId: string) {
  const now = deps.clock.now();
  const { row, access } = await loadCaseFor(deps.db, actor, caseId);
  // Partner departments answer handoffs; the case's service levels are not theirs to read.
  if (access === 'partner') throw new AppError('forbidden', 'partner departments do not see SLA clocks');
  const clocks = await deps.db
    .selectFrom('sla_clocks as k')
    .innerJoin('calendars as cal', 'cal.id', 'k.calendar_id')
    .selectAll('k')
    .select(['cal.name as calendar_name', 'cal.time_zone as calendar_time_zone'])
    .where('k.case_id', '=', row.id)
    .orderBy('k.id')
    .execute();
  const ids = clocks.map((k) => k.id);
  const segments = ids.length ? await deps.db.selectFrom('sla_clock_segments').selectAll().where('clock_id', 'in', ids).orderBy('id').execute() : [];
  const events = ids.length ? await deps.db.selectFrom('sla_events').selectAll().where('clock_id', 'in', ids).orderBy('id').execute() : [];
  const calendars = new CalendarCache(deps.db);
  const views = [];
  for (const k of clocks) {
    const clock = clockOf(k);
    const elapsed = elapsedAt(await calendars.get(k.calendar_id), clock, now);
    views.push({
      id: k.id,
      kind: k.kind,
      handoff: k.handoff_id ? { id: k.handoff_id } : null,
      policy: { id: k.policy_id, name: k.policy_name },
      why: k.why,
      calendar: { id: k.calendar_id, name: k.calendar_name, timeZone: k.calendar_time_zone },
      state: k.state,
      status: statusOf(clock),
      target: formatDuration(k.target_seconds),
      targetSeconds: k.target_seconds,
      cycle: k.cycle,
      startedAt: k.started_at.toISOString(),
      elapsedSeconds: elapsed,
      remainingSeconds: Math.round((k.target_seconds - elapsed) * 1000) / 1000,
      dueAt: iso(k.due_at),
      breachedAt: iso(k.breached_at),
      stoppedAt: iso(k.stopped_at),
      stopReason: k.stop_reason,
      warnedPercent: k.warned_percent,
      history: segments
        .filter((s) => s.clock_id === k.id)
        .map((s) => ({ cycle: s.cycle, state: s.state, from: s.from_at.toISOString(), to: iso(s.to_at), reason: s.reason, detail: s.detail })),
      events: events
        .filter((e) => e.clock_id === k.id)
        .map((e) => ({ kind: e.kind, percent: e.percent, dueAt: e.due_at.toISOString(), firedAt: e.fired_at.toISOString() })),
    });
  }
  return { state: row.sla_state, dueAt: iso(row.sla_due_at), clocks: views };
}
