import type { LinkKind } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { loadCaseFor } from './get-case.js';
import * as q from './queries.js';

/** Every link is stored from both ends, so either case lists it. */
const INVERSE: Record<LinkKind, LinkKind> = {
  related: 'related',
  duplicate_of: 'related',
  parent_of: 'child_of',
  child_of: 'parent_of',
};

export interface LinkView {
  kind: LinkKind;
  case: { id: string; number: string; title: string; status: string };
  createdAt: string;
}

export async function listLinks(deps: Deps, actor: Actor, caseId: string): Promise<LinkView[]> {
  const { row } = await loadCaseFor(deps.db, actor, caseId);
  const rows = await deps.db
    .selectFrom('case_links as l')
    .innerJoin('cases as o', 'o.id', 'l.other_id')
    .select(['l.kind', 'l.created_at', 'o.id', 'o.number', 'o.title', 'o.status'])
    .where('l.case_id', '=', row.id)
    .orderBy('l.created_at')
    .execute();
  return rows.map((r) => ({ kind: r.kind, case: { id: r.id, number: r.number, title: r.title, status: r.status }, createdAt: r.created_at.toISOString() }));
}

/** Links two cases (related, or parent and child); linking twice changes nothing. */
export async function linkCases(deps: Deps, actor: Actor, caseId: string, input: { other: string; kind: 'related' | 'parent_of' | 'child_of' }): Promise<LinkView[]> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const { row, access } = await loadCaseFor(trx, actor, caseId);
    if (access !== 'worker') throw new AppError('forbidden', 'only people who work cases link them');
    const other = await q.findCase(trx, input.other);
    if (!other) throw AppError.validation('other', 'no such case');
    if (other.id === row.id) throw AppError.validation('other', 'a case cannot be linked to itself');
    await trx
      .insertInto('case_links')
      .values([
        { case_id: row.id, other_id: other.id, kind: input.kind, created_at: now },
        { case_id: other.id, other_id: row.id, kind: INVERSE[input.kind], created_at: now },
      ])
      .onConflict((oc) => oc.doNothing())
      .execute();
    const actorId = actor.user?.id ?? null;
    await q.insertEvent(trx, { caseId: row.id, at: now, actorId, kind: 'linked', data: { kind: input.kind, case: { id: other.id, number: other.number } } });
    await q.insertEvent(trx, { caseId: other.id, at: now, actorId, kind: 'linked', data: { kind: INVERSE[input.kind], case: { id: row.id, number: row.number } } });
    await recordAudit(trx, actor, now, { action: 'case.linked', entityType: 'case', entityId: row.id, after: { kind: input.kind, other: other.number } });
  });
  return listLinks(deps, actor, caseId);
}
