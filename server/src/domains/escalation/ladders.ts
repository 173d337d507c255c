// Escalation ladders and the authorities that own them: admin data, validated by field.
import type { Db } from '../../db/pool.js';
import type { EscalationLadderRow, LadderLevel, LadderTarget } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { type Deps, isUniqueViolation } from '../../platform/deps.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import { authorize } from '../identity/policy.js';
import { parseDuration } from '../sla/duration.js';
import { ESCALATION_ADMINS, ESCALATION_READERS } from './policy.js';

export interface LadderInput {
  name: string;
  levels: Array<{ notify: LadderTarget; timeout: string }>;
}

/** A page that comes round more often than this is noise, not escalation. */
const MIN_TIMEOUT_SECONDS = 10;

const fail = (errors: FieldError[]) => new AppError('validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);

/** Levels with their timeouts in seconds, or every problem by field (`levels[1].timeout`, `levels[0].notify.team`). */
async function checkLevels(db: Db, levels: LadderInput['levels']): Promise<LadderLevel[]> {
  const errors: FieldError[] = [];
  if (levels.length === 0) errors.push({ field: 'levels', message: 'needs at least one level', code: 'empty' });
  const userIds = levels.flatMap((l) => ('user' in l.notify ? [l.notify.user] : []));
  const teamIds = levels.flatMap((l) => ('team' in l.notify ? [l.notify.team] : []));
  const users = new Set(userIds.length ? (await db.selectFrom('users').select('id').where('id', 'in', userIds).where('active', '=', true).execute()).map((r) => r.id) : []);
  const teams = new Set(teamIds.length ? (await db.selectFrom('teams').select('id').where('id', 'in', teamIds).execute()).map((r) => r.id) : []);
  const out = levels.map((level, i) => {
    const parsed = parseDuration(level.timeout);
    if ('error' in parsed) errors.push({ field: `levels[${i}].timeout`, message: parsed.error, code: parsed.code });
    else if (parsed.seconds < MIN_TIMEOUT_SECONDS) errors.push({ field: `levels[${i}].timeout`, message: `must be at least ${MIN_TIMEOUT_SECONDS} seconds`, code: 'out_of_range' });
    if ('user' in level.notify && !users.has(level.notify.user)) errors.push({ field: `levels[${i}].notify.user`, message: 'is not an active user', code: 'unknown_reference' });
    if ('team' in level.notify && !teams.has(level.notify.team)) errors.push({ field: `levels[${i}].notify.team`, message: 'is not a team', code: 'unknown_reference' });
    return { notify: level.notify, timeout: level.timeout, timeoutSeconds: 'seconds' in parsed ? parsed.seconds : 0 };
  });
  if (errors.length) throw fail(errors);
  return out;
}

export function presentLadder(row: EscalationLadderRow) {
  return { id: row.id, name: row.name, levels: row.levels.map((l) => ({ notify: l.notify, timeout: l.timeout })), createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString() };
}

const taken = (what: string) => new AppError('conflict', `${what} exists already`, [{ field: 'name', message: 'is taken', code: 'taken' }]);

export async function listLadders(deps: Deps, actor: Actor) {
  authorize(actor, ESCALATION_READERS);
  return (await deps.db.selectFrom('escalation_ladders').selectAll().orderBy('name').execute()).map(presentLadder);
}

export async function createLadder(deps: Deps, actor: Actor, input: LadderInput) {
  authorize(actor, ESCALATION_ADMINS);
  const levels = await checkLevels(deps.db, input.levels);
  const now = deps.clock.now();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('escalation_ladders')
        .values({ name: input.name.trim(), levels: JSON.stringify(levels), created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      const view = presentLadder(row);
      await recordAudit(trx, actor, now, { action: 'escalation_ladder.created', entityType: 'escalation_ladder', entityId: row.id, after: view });
      return view;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(`a ladder named ${input.name}`);
    throw error;
  }
}

export interface AuthorityInput {
  name: string;
  riskType: string;
  region?: string | null;
  ladder: string;
}

function authorityQuery(db: Db) {
  return db
    .selectFrom('escalation_authorities as a')
    .innerJoin('escalation_ladders as l', 'l.id', 'a.ladder_id')
    .select(['a.id', 'a.name', 'a.risk_type', 'a.region', 'a.ladder_id', 'l.name as ladder_name', 'a.created_at']);
}
type AuthorityRow = Awaited<ReturnType<ReturnType<typeof authorityQuery>['executeTakeFirstOrThrow']>>;

export function presentAuthority(row: AuthorityRow) {
  return { id: row.id, name: row.name, riskType: row.risk_type, region: row.region, ladder: { id: row.ladder_id, name: row.ladder_name }, createdAt: row.created_at.toISOString() };
}

export async function listAuthorities(deps: Deps, actor: Actor) {
  authorize(actor, ESCALATION_READERS);
  return (await authorityQuery(deps.db).orderBy('a.risk_type').orderBy('a.region').execute()).map(presentAuthority);
}

export async function createAuthority(deps: Deps, actor: Actor, input: AuthorityInput) {
  authorize(actor, ESCALATION_ADMINS);
  const errors: FieldError[] = [];
  if (!(await deps.db.selectFrom('escalation_ladders').select('id').where('id', '=', input.ladder).executeTakeFirst())) {
    errors.push({ field: 'ladder', message: 'is not a ladder', code: 'unknown_reference' });
  }
  if (input.region && !(await deps.db.selectFrom('regions').select('code').where('code', '=', input.region).executeTakeFirst())) {
    errors.push({ field: 'region', message: 'is not a known region', code: 'unknown_reference' });
  }
  if (errors.length) throw fail(errors);
  const now = deps.clock.now();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('escalation_authorities')
        .values({ name: input.name.trim(), risk_type: input.riskType, region: input.region ?? null, ladder_id: input.ladder, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      const view = presentAuthority(await authorityQuery(trx).where('a.id', '=', id).executeTakeFirstOrThrow());
      await recordAudit(trx, actor, now, { action: 'escalation_authority.created', entityType: 'escalation_authority', entityId: id, after: view });
      return view;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(`an authority named ${input.name}`);
    throw error;
  }
}
