// Routing rules as stored: CRUD where every save is a new version, kept for good.
import type { Db } from '../../db/pool.js';
import type { Role, RoutingRuleRow } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { type Deps, isUniqueViolation } from '../../platform/deps.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import { authorize } from '../identity/policy.js';
import { type RoutingRule, referencedIds, ruleProblems } from './rules.js';

export const ROUTING_READERS: readonly Role[] = ['specialist', 'lead', 'qa', 'manager', 'admin'];
/** Leads write their team's rules; admins everyone's. */
export const ROUTING_EDITORS: readonly Role[] = ['lead', 'admin'];

export interface RuleInput {
  name: string;
  enabled?: boolean;
  order: number;
  when: unknown;
  then: unknown[];
}

/** A stored rule in the engine's shape. */
export function ruleOf(row: Pick<RoutingRuleRow, 'id' | 'version' | 'name' | 'enabled' | 'position' | 'definition'>): RoutingRule {
  return { id: row.id, version: row.version, name: row.name, enabled: row.enabled, order: row.position, when: row.definition.when as RoutingRule['when'], then: row.definition.then as RoutingRule['then'] };
}

export function presentRule(row: RoutingRuleRow) {
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    enabled: row.enabled,
    order: row.position,
    when: row.definition.when,
    then: row.definition.then,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
export type RuleView = ReturnType<typeof presentRule>;

/** The live rules, in the order they are tried. */
export async function liveRules(db: Db): Promise<RoutingRule[]> {
  const rows = await db.selectFrom('routing_rules').selectAll().where('deleted_at', 'is', null).orderBy('position').orderBy('created_at').execute();
  return rows.map(ruleOf);
}

/**
 * Every problem with a rule by field: its shape (the engine's checks), then the teams and
 * authorities it names (`then[0].team` must be a service team).
 */
export async function checkRule(db: Db, input: unknown, path = ''): Promise<void> {
  const errors: FieldError[] = ruleProblems(input, path);
  if (errors.length === 0) {
    const refs = referencedIds(input, path);
    const teams = new Map(
      refs.teams.length ? (await db.selectFrom('teams').select(['id', 'kind']).where('id', 'in', refs.teams).execute()).map((t) => [t.id, t.kind]) : [],
    );
    const authorities = new Set(
      refs.authorities.length ? (await db.selectFrom('escalation_authorities').select('id').where('id', 'in', refs.authorities).execute()).map((a) => a.id) : [],
    );
    for (const ref of refs.references) {
      if (ref.kind === 'team' && teams.get(ref.id) !== 'service') errors.push({ field: ref.field, message: 'is not a service team', code: 'unknown_reference' });
      if (ref.kind === 'authority' && !authorities.has(ref.id)) errors.push({ field: ref.field, message: 'is not an escalation authority', code: 'unknown_reference' });
    }
  }
  if (errors.length) throw new AppError('validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}

const taken = (name: string) => new AppError('conflict', `a rule named ${name} exists already`, [{ field: 'name', message: 'is taken', code: 'taken' }]);

async function saveVersion(db: Db, row: RoutingRuleRow, actor: Actor, now: Date, deleted = false): Promise<void> {
  await db
    .insertInto('routing_rule_versions')
    .values({ rule_id: row.id, version: row.version, name: row.name, enabled: row.enabled, position: row.position, definition: JSON.stringify(row.definition), deleted, saved_by: actor.user?.id ?? null, saved_at: now })
    .execute();
}

export async function listRules(deps: Deps, actor: Actor): Promise<RuleView[]> {
  authorize(actor, ROUTING_READERS);
  const rows = await deps.db.selectFrom('routing_rules').selectAll().where('deleted_at', 'is', null).orderBy('position').orderBy('created_at').execute();
  return rows.map(presentRule);
}

async function findLive(db: Db, id: string, lock = false): Promise<RoutingRuleRow> {
  const query = db.selectFrom('routing_rules').selectAll().where('id', '=', id).where('deleted_at', 'is', null);
  const row = await (lock ? query.forUpdate() : query).executeTakeFirst();
  if (!row) throw AppError.notFound('routing rule');
  return row;
}

export async function getRule(deps: Deps, actor: Actor, id: string): Promise<RuleView> {
  authorize(actor, ROUTING_READERS);
  return presentRule(await findLive(deps.db, id));
}

export async function createRule(deps: Deps, actor: Actor, input: RuleInput): Promise<RuleView> {
  authorize(actor, ROUTING_EDITORS);
  const rule = { name: input.name, enabled: input.enabled ?? true, order: input.order, when: input.when, then: input.then };
  await checkRule(deps.db, rule);
  const now = deps.clock.now();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('routing_rules')
        .values({ name: rule.name.trim(), enabled: rule.enabled, position: rule.order, definition: JSON.stringify({ when: rule.when, then: rule.then }), created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      await saveVersion(trx, row, actor, now);
      const view = presentRule(row);
      await recordAudit(trx, actor, now, { action: 'routing_rule.created', entityType: 'routing_rule', entityId: row.id, after: view });
      return view;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(input.name);
    throw error;
  }
}

/** A new version of the rule; the rule as changed must be valid as a whole. */
export async function updateRule(deps: Deps, actor: Actor, id: string, patch: Partial<RuleInput>): Promise<RuleView> {
  authorize(actor, ROUTING_EDITORS);
  const now = deps.clock.now();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const before = await findLive(trx, id, true);
      const rule = {
        name: patch.name ?? before.name,
        enabled: patch.enabled ?? before.enabled,
        order: patch.order ?? before.position,
        when: patch.when ?? before.definition.when,
        then: patch.then ?? before.definition.then,
      };
      await checkRule(trx, rule);
      const row = await trx
        .updateTable('routing_rules')
        .set({
          version: before.version + 1,
          name: rule.name.trim(),
          enabled: rule.enabled,
          position: rule.order,
          definition: JSON.stringify({ when: rule.when, then: rule.then }),
          updated_at: now,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await saveVersion(trx, row, actor, now);
      const view = presentRule(row);
      await recordAudit(trx, actor, now, { action: 'routing_rule.updated', entityType: 'routing_rule', entityId: id, before: presentRule(before), after: view });
      return view;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(patch.name ?? '');
    throw error;
  }
}

/** Retires a rule; its versions stay, so cases it decided still name it. */
export async function deleteRule(deps: Deps, actor: Actor, id: string): Promise<void> {
  authorize(actor, ROUTING_EDITORS);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const before = await findLive(trx, id, true);
    const row = await trx.updateTable('routing_rules').set({ deleted_at: now, version: before.version + 1, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await saveVersion(trx, row, actor, now, true);
    await recordAudit(trx, actor, now, { action: 'routing_rule.deleted', entityType: 'routing_rule', entityId: id, before: presentRule(before) });
  });
}

/** Every saved version of a rule, newest first (deleted rules included). */
export async function listVersions(deps: Deps, actor: Actor, id: string) {
  authorize(actor, ROUTING_READERS);
  const rows = await deps.db
    .selectFrom('routing_rule_versions as v')
    .leftJoin('users as u', 'u.id', 'v.saved_by')
    .selectAll('v')
    .select('u.display_name')
    .where('v.rule_id', '=', id)
    .orderBy('v.version', 'desc')
    .execute();
  if (rows.length === 0) throw AppError.notFound('routing rule');
  return rows.map((v) => ({
    version: v.version,
    name: v.name,
    enabled: v.enabled,
    order: v.position,
    when: v.definition.when,
    then: v.definition.then,
    deleted: v.deleted,
    savedBy: v.saved_by ? { id: v.saved_by, displayName: v.display_name ?? '' } : null,
    savedAt: v.saved_at.toISOString(),
  }));
}
