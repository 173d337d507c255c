import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { applySla } from '../sla/case-clocks.js';
import { endEscalations } from '../escalation/critical.js';
import { loadCaseFor } from './get-case.js';
import { type CaseView, presentCase } from './present.js';
import * as q from './queries.js';

/**
 * Merges a duplicate into the case that carries on: the duplicate closes, both keep their
 * timelines, and each points at the other.
 */
export async function mergeCase(deps: Deps, actor: Actor, id: string, into: string): Promise<CaseView> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const { row: dup, access } = await loadCaseFor(trx, actor, id);
    if (access !== 'worker') throw new AppError('forbidden', 'only people who work cases merge them');
    const target = await q.findCase(trx, into);
    if (!target) throw AppError.validation('into', 'no such case');
    if (target.id === dup.id) throw AppError.validation('into', 'a case cannot be merged into itself');
    if (target.merged_into_id) throw AppError.validation('into', `${target.number} was itself merged into ${target.merged_into_number}`);
    // Lock both in a fixed order so two opposite merges cannot deadlock.
    for (const caseId of [dup.id, target.id].sort()) await q.lockCase(trx, caseId);
    if (dup.status === 'closed') throw new AppError('illegal_transition', 'a closed case cannot be merged', [{ field: 'id', message: 'is closed' }]);
    if ((await q.openHandoffCount(trx, dup.id)) > 0) {
      throw new AppError('open_handoffs', 'answer or move the open handoffs of the duplicate before merging it');
    }
    await trx
      .updateTable('cases')
      .set({ status: 'closed', closed_at: now, merged_into_id: target.id, updated_at: now })
      .where('id', '=', dup.id)
      .execute();
    await applySla(trx, now, dup.id, { type: 'status', from: dup.status, to: 'closed' });
    await endEscalations(trx, now, dup.id, 'merged');
    await trx.updateTable('cases').set({ updated_at: now }).where('id', '=', target.id).execute();
    await trx.insertInto('case_links').values({ case_id: dup.id, other_id: target.id, kind: 'duplicate_of', created_at: now }).onConflict((oc) => oc.doNothing()).execute();
    const actorId = actor.user?.id ?? null;
    await q.insertEvent(trx, { caseId: dup.id, at: now, actorId, kind: 'merged', data: { into: { id: target.id, number: target.number }, fromStatus: dup.status } });
    await q.insertEvent(trx, { caseId: target.id, at: now, actorId, kind: 'merged', data: { from: { id: dup.id, number: dup.number } } });
    const view = presentCase((await q.findCase(trx, dup.id))!, access);
    await recordAudit(trx, actor, now, { action: 'case.merged', entityType: 'case', entityId: dup.id, before: { status: dup.status }, after: { status: 'closed', mergedInto: target.number } });
    return view;
  });
}
