import type { JobHandler } from '../../platform/jobs.js';
import { enqueueJob } from '../../platform/jobs.js';
import { insertEvent } from '../cases/queries.js';
import { notify, teamMemberIds } from '../notify/notify.js';
import { MAX_REMINDERS, REMINDER_INTERVAL_MS } from './handoffs.js';

/** Reminds the partner team of an overdue handoff, then again a day later, up to MAX_REMINDERS. */
export const remindHandoff: JobHandler = async (deps, job) => {
  const { handoffId } = job.payload as { handoffId: string };
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const handoff = await trx
      .selectFrom('handoffs as h')
      .innerJoin('teams as t', 't.id', 'h.team_id')
      .select(['h.id', 'h.case_id', 'h.team_id', 'h.status', 'h.reminders_sent', 'h.question', 'h.due_at', 't.name'])
      .where('h.id', '=', handoffId)
      .forUpdate()
      .executeTakeFirst();
    if (!handoff || handoff.status !== 'open' || handoff.reminders_sent >= MAX_REMINDERS) return;
    const sent = handoff.reminders_sent + 1;
    await trx.updateTable('handoffs').set({ reminders_sent: sent }).where('id', '=', handoffId).execute();
    await notify(trx, {
      userIds: await teamMemberIds(trx, [handoff.team_id]),
      kind: 'handoff_overdue',
      caseId: handoff.case_id,
      data: { handoffId, question: handoff.question, dueAt: handoff.due_at.toISOString(), reminder: sent },
      at: now,
    });
    await insertEvent(trx, {
      caseId: handoff.case_id,
      at: now,
      actorId: null,
      kind: 'handoff_reminded',
      data: { handoffId, team: { id: handoff.team_id, name: handoff.name }, reminder: sent },
    });
    if (sent < MAX_REMINDERS) {
      await enqueueJob(trx, now, {
        kind: 'handoffs.remind',
        payload: { handoffId },
        runAt: new Date(now.getTime() + REMINDER_INTERVAL_MS),
        dedupeKey: `handoff-remind:${handoffId}:${sent + 1}`,
      });
    }
  });
};
