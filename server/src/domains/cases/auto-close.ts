import { systemActor } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import type { JobHandler } from '../../platform/jobs.js';
import { transitionCase } from './transition-case.js';

/**
 * Closes a resolved case whose requester stayed quiet. Only if it is still the same
 * resolution: a case reopened and resolved again has its own, later job.
 */
export const autoCloseCase: JobHandler = async (deps, job) => {
  const { caseId, resolvedAt } = job.payload as { caseId: string; resolvedAt: string };
  const row = await deps.db.selectFrom('cases').select(['status', 'resolved_at']).where('id', '=', caseId).executeTakeFirst();
  if (!row || row.status !== 'resolved' || row.resolved_at?.toISOString() !== resolvedAt) return;
  try {
    await transitionCase(deps, systemActor, caseId, { to: 'closed', reason: 'no reply from the requester within the quiet period' });
  } catch (error) {
    // A handoff opened after resolving keeps the case open; nothing to retry.
    if (error instanceof AppError && (error.code === 'open_handoffs' || error.code === 'illegal_transition')) return;
    throw error;
  }
};
