import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { enqueueJob } from '../../platform/jobs.js';
import type { Db } from '../../db/pool.js';
import { notify } from '../notify/notify.js';
import { applySla } from '../sla/case-clocks.js';
import { endEscalations } from '../escalation/critical.js';
import { scheduleSurvey } from '../csat/send-survey.js';
import { loadCaseFor } from './get-case.js';
import { mayTransition } from './policy.js';
import { type CaseView, presentCase } from './present.js';
import * as q from './queries.js';
import { type CaseStatus, type TransitionRefusal, checkTransition } from './status-machine.js';

export interface TransitionInput {
  to: CaseStatus;
  rootCause?: { code?: string | null; text: string };
  resolution?: { code?: string | null; summary: string };
  reason?: string;
}

/** How long a resolved case waits for the requester before it closes by itself. */
export const AUTO_CLOSE_AFTER_MS = 7 * 24 * 3600_000;

function refusal(r: TransitionRefusal): AppError {
  switch (r.reason) {
    case 'illegal':
      return new AppError('illegal_transition', `a case cannot move from ${r.from} to ${r.to}`, [
        { field: 'to', message: `${r.to} is not reachable from ${r.from}` },
      ]);
    case 'needs_root_cause':
      return AppError.validation('rootCause', 'is required to resolve a case', 'required');
    case 'needs_resolution':
      return AppError.validation('resolution', 'is required to resolve a case', 'required');
    case 'open_handoffs':
      return new AppError('open_handoffs', 'every handoff must be answered before the case closes');
    case 'requester_not_notified':
      return new AppError('requester_not_notified', 'the requester has not been told the outcome yet');
    case 'not_a_duplicate':
      return new AppError('illegal_transition', 'a case is closed without resolving only by merging it into another', [
        { field: 'to', message: 'resolve the case first, or merge it' },
      ]);
  }
}

/**
 * Moves a case through its lifecycle. Resolving notifies the requester and schedules the
 * automatic close; the requester confirming closes the loop.
 */
export async function transitionCase(deps: Deps, actor: Actor, id: string, input: TransitionInput, opts: { asDuplicate?: boolean } = {}): Promise<CaseView> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const { row: found, access } = await loadCaseFor(trx, actor, id);
    await q.lockCase(trx, found.id);
    const row = (await q.findCase(trx, found.id))!;
    if (!mayTransition(access, row.status, input.to)) {
      throw new AppError('forbidden', `you may not move this case to ${input.to}`);
    }
    const rootCause = input.rootCause ?? (row.root_cause_text ? { code: row.root_cause_code, text: row.root_cause_text } : undefined);
    const resolution =
      input.resolution ?? (row.resolution_summary ? { code: row.resolution_code, summary: row.resolution_summary } : undefined);
    const problem = checkTransition(row.status, input.to, {
      hasRootCause: Boolean(rootCause?.text.trim()),
      hasResolution: Boolean(resolution?.summary.trim()),
      openHandoffs: await q.openHandoffCount(trx, row.id),
      requesterNotified: row.requester_notified_at !== null || row.requester_id === null,
      closingAsDuplicate: Boolean(opts.asDuplicate),
    });
    if (problem) throw refusal(problem);

    const byRequester = access === 'requester';
    await trx
      .updateTable('cases')
      .set({
        status: input.to,
        updated_at: now,
        ...(input.to === 'resolved'
          ? {
              resolved_at: now,
              root_cause_code: rootCause!.code ?? null,
              root_cause_text: rootCause!.text,
              resolution_code: resolution!.code ?? null,
              resolution_summary: resolution!.summary,
              requester_notified_at: row.requester_id ? now : null,
            }
          : {}),
        ...(input.to === 'closed' ? { closed_at: now, ...(byRequester ? { requester_confirmed_at: now } : {}) } : {}),
        ...(input.to === 'reopened' ? { reopen_count: row.reopen_count + 1, resolved_at: null, closed_at: null, requester_notified_at: null, requester_confirmed_at: null } : {}),
      })
      .where('id', '=', row.id)
      .execute();
    const actorId = actor.user?.id ?? null;
    await q.insertEvent(trx, {
      caseId: row.id,
      at: now,
      actorId,
      kind: 'status_changed',
      data: { from: row.status, to: input.to, ...(input.reason ? { reason: input.reason } : {}), ...(byRequester && input.to === 'closed' ? { confirmedByRequester: true } : {}) },
    });
    await applySla(trx, now, row.id, { type: 'status', from: row.status, to: input.to });
    if (input.to === 'resolved' || input.to === 'closed') await endEscalations(trx, now, row.id, input.to);
    if (input.to === 'resolved') await afterResolve(trx, row, resolution!.summary, now, deps.config.csatDelayMinutes);
    const after = (await q.findCase(trx, row.id))!;
    const view = presentCase(after, access);
    await recordAudit(trx, actor, now, {
      action: `case.${input.to}`,
      entityType: 'case',
      entityId: row.id,
      before: { status: row.status },
      after: { status: input.to, ...(input.reason ? { reason: input.reason } : {}) },
    });
    return view;
  });
}

/** Tells the requester the outcome, schedules the close if they never answer, and the CSAT survey. */
async function afterResolve(trx: Db, row: q.CaseWithRefs, summary: string, now: Date, csatDelayMinutes: number): Promise<void> {
  if (row.requester_id) {
    await notify(trx, { userIds: [row.requester_id], kind: 'case_resolved', caseId: row.id, data: { resolution: summary }, at: now });
    await q.insertEvent(trx, {
      caseId: row.id,
      at: now,
      actorId: null,
      kind: 'notification_sent',
      data: { to: { id: row.requester_id, displayName: row.requester_name }, reason: 'case_resolved', channel: 'in_app' },
    });
  }
  await enqueueJob(trx, now, {
    kind: 'cases.auto_close',
    payload: { caseId: row.id, resolvedAt: now.toISOString() },
    runAt: new Date(now.getTime() + AUTO_CLOSE_AFTER_MS),
  });
  await scheduleSurvey(trx, now, row.id, csatDelayMinutes);
}
