import type { Priority } from '../../db/schema.js';
import { RISK_FLAGS } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { searchTokens } from '../../platform/text/search-tokens.js';
import { routeCase } from '../routing/route-case.js';
import { applySla } from '../sla/case-clocks.js';
import { loadCaseFor } from './get-case.js';
import { CASE_WORKERS, forbiddenFields } from './policy.js';
import { type CaseView, presentCase } from './present.js';
import * as q from './queries.js';
import type { Db } from '../../db/pool.js';

export interface CasePatch {
  title?: string;
  description?: string;
  category?: string;
  priority?: Priority;
  flags?: string[];
  team?: string | null;
  assignee?: string | null;
  fields?: Record<string, string | number>;
  rootCause?: { code?: string | null; text: string };
  resolution?: { code?: string | null; summary: string };
}

/** Checks that team and assignee exist and fit; names the field otherwise. */
async function checkPeople(db: Db, patch: CasePatch): Promise<void> {
  if (patch.team) {
    const team = await db.selectFrom('teams').select('kind').where('id', '=', patch.team).executeTakeFirst();
    if (!team || team.kind !== 'service') throw AppError.validation('team', 'is not a service team', 'unknown_reference');
  }
  if (patch.assignee) {
    const user = await db.selectFrom('users').select(['role', 'active']).where('id', '=', patch.assignee).executeTakeFirst();
    if (!user || !user.active || !CASE_WORKERS.includes(user.role)) {
      throw AppError.validation('assignee', 'is not an active person who works cases', 'unknown_reference');
    }
  }
  if (patch.flags) {
    const unknown = patch.flags.findIndex((f) => !(RISK_FLAGS as readonly string[]).includes(f));
    if (unknown >= 0) throw AppError.validation(`flags[${unknown}]`, `must be one of ${RISK_FLAGS.join(', ')}`);
  }
}

/** Changes a case's fields; each change lands on the timeline and in the audit log. */
export async function updateCase(deps: Deps, actor: Actor, id: string, patch: CasePatch): Promise<CaseView> {
  const refused = forbiddenFields(actor, Object.keys(patch));
  if (refused.length) {
    throw new AppError('forbidden', `your role may not change ${refused.join(', ')}`, refused.map((field) => ({ field, message: 'may not be changed by your role' })));
  }
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const { row: found, access } = await loadCaseFor(trx, actor, id);
    if (access !== 'worker') throw new AppError('forbidden', 'you may not change this case');
    // Read again under the row lock, so concurrent edits each see the other's result.
    await q.lockCase(trx, found.id);
    const before = (await q.findCase(trx, found.id))!;
    await checkPeople(trx, patch);
    if (patch.category !== undefined && patch.category !== before.category_code) {
      const category = await q.findCategory(trx, patch.category);
      if (!category || !category.active || category.parent_code === null) {
        throw AppError.validation('category', `${patch.category} is not an active category of the second level`);
      }
    }
    const title = patch.title?.trim() ?? before.title;
    const description = patch.description ?? before.description;
    await trx
      .updateTable('cases')
      .set({
        title,
        description,
        ...(patch.title !== undefined || patch.description !== undefined ? { search_tokens: searchTokens(`${title}\n${description}`) } : {}),
        ...(patch.category !== undefined ? { category_code: patch.category } : {}),
        ...(patch.priority !== undefined ? { priority: patch.priority } : {}),
        ...(patch.flags !== undefined ? { flags: [...new Set(patch.flags)] } : {}),
        ...(patch.team !== undefined ? { team_id: patch.team } : {}),
        ...(patch.assignee !== undefined ? { assignee_id: patch.assignee } : {}),
        ...(patch.fields !== undefined ? { fields: JSON.stringify({ ...before.fields, ...patch.fields }) } : {}),
        ...(patch.rootCause !== undefined ? { root_cause_code: patch.rootCause.code ?? null, root_cause_text: patch.rootCause.text } : {}),
        ...(patch.resolution !== undefined
          ? { resolution_code: patch.resolution.code ?? null, resolution_summary: patch.resolution.summary }
          : {}),
        updated_at: now,
      })
      .where('id', '=', before.id)
      .execute();
    // Rules look again when what they read changed (they may add flags, raise priority, route).
    if (patch.category !== undefined || patch.title !== undefined || patch.description !== undefined) {
      await routeCase(trx, now, before.id, { intake: false });
    }
    const current = await trx.selectFrom('cases').select(['priority', 'category_code']).where('id', '=', before.id).executeTakeFirstOrThrow();
    const retargeted = {
      ...(current.priority !== before.priority ? { priority: { from: before.priority, to: current.priority } } : {}),
      ...(current.category_code !== before.category_code ? { category: { from: before.category_code, to: current.category_code } } : {}),
    };
    // Targets follow priority and category; the working time already counted is kept.
    if (Object.keys(retargeted).length) await applySla(trx, now, before.id, { type: 'retarget', detail: retargeted });
    const after = (await q.findCase(trx, before.id))!;
    const beforeView = presentCase(before, access);
    const afterView = presentCase(after, access);

    const actorId = actor.user?.id ?? null;
    if (before.team_id !== after.team_id || before.assignee_id !== after.assignee_id) {
      await q.insertEvent(trx, {
        caseId: after.id,
        at: now,
        actorId,
        kind: 'assigned',
        data: { team: afterView.team, assignee: afterView.assignee, previousTeam: beforeView.team, previousAssignee: beforeView.assignee },
      });
    }
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of ['title', 'description', 'category', 'priority', 'flags', 'fields', 'rootCause', 'resolution'] as const) {
      const from = beforeView[key];
      const to = afterView[key];
      if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
    }
    if (Object.keys(changes).length) {
      await q.insertEvent(trx, { caseId: after.id, at: now, actorId, kind: 'field_changed', data: { changes } });
    }
    await recordAudit(trx, actor, now, { action: 'case.updated', entityType: 'case', entityId: after.id, before: beforeView, after: afterView });
    return afterView;
  });
}
