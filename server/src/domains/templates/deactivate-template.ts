import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../identity/policy.js';
import { TEMPLATE_MANAGERS } from './policy.js';
import { type TemplateView, presentTemplate } from './present.js';
import * as q from './queries.js';

/**
 * Takes a template out of the picker. It is kept (not deleted), so it can be switched back on
 * with PATCH `{ active: true }` and the audit trail keeps naming it. Deactivating twice is harmless.
 */
export async function deactivateTemplate(deps: Deps, actor: Actor, id: string): Promise<TemplateView> {
  authorize(actor, TEMPLATE_MANAGERS);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('response_templates').select(['id', 'active']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw AppError.notFound('template');
    if (!row.active) return presentTemplate((await q.findTemplate(trx, id))!);
    await trx.updateTable('response_templates').set({ active: false, updated_by: actor.user?.id ?? null, updated_at: now }).where('id', '=', id).execute();
    const view = presentTemplate((await q.findTemplate(trx, id))!);
    await recordAudit(trx, actor, now, { action: 'response_template.deactivated', entityType: 'response_template', entityId: id, after: view });
    return view;
  });
}
