import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import type { Db } from '../../db/pool.js';
import { AppError } from '../../platform/errors.js';
import { type CaseAccess, caseAccess, requireAccess } from './policy.js';
import { type CaseView, presentCase } from './present.js';
import * as q from './queries.js';

/** Loads a case and how the actor relates to it; strangers get "not found". */
export async function loadCaseFor(db: Db, actor: Actor, idOrNumber: string): Promise<{ row: q.CaseWithRefs; access: Exclude<CaseAccess, null> }> {
  const row = await q.findCase(db, idOrNumber);
  if (!row) throw AppError.notFound('case');
  const partnerLink =
    actor.user?.role === 'partner' ? await q.partnerTeamsWithHandoff(db, row.id, actor.user.teamIds) : false;
  const access = caseAccess(actor, row, partnerLink);
  requireAccess(access);
  return { row, access };
}

export async function getCase(deps: Deps, actor: Actor, idOrNumber: string): Promise<CaseView> {
  const { row, access } = await loadCaseFor(deps.db, actor, idOrNumber);
  return presentCase(row, access);
}
