// SLA policies: CRUD for admins, and the preview the policy editor shows live.
import type { BreachAction, ClockKind, SlaPolicyRow, SlaTargets } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { type Deps, isUniqueViolation } from '../../platform/deps.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import { authorize } from '../identity/policy.js';
import { addWorkingTime } from './calendar.js';
import { CalendarCache, type PolicyWithRule, enabledPolicies, ruleOf, targetSeconds } from './case-clocks.js';
import { parseDuration } from './duration.js';
import { CALENDAR_EDITORS, CALENDAR_READERS } from './policy.js';
import { TARGET_OF, choosePolicy } from './policy-match.js';

export interface PolicyInput {
  name: string;
  position: number;
  enabled?: boolean;
  match?: { priorities?: string[]; categoryPattern?: string; accountTiers?: string[]; regions?: string[]; partnerTeams?: string[] };
  calendar: string;
  targets: SlaTargets;
  warnAt?: number[];
  breachActions?: BreachAction[];
  pauseStatuses?: string[];
  onReopen?: 'continue' | 'restart';
}

type PolicyRowWithCalendar = SlaPolicyRow & { calendar_name: string; calendar_time_zone: string };

export function presentPolicy(row: PolicyRowWithCalendar) {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    enabled: row.enabled,
    match: {
      priorities: row.priorities,
      categoryPattern: row.category_pattern,
      accountTiers: row.account_tiers,
      regions: row.regions,
      partnerTeams: row.partner_teams,
    },
    calendar: { id: row.calendar_id, name: row.calendar_name, timeZone: row.calendar_time_zone },
    targets: row.targets as Record<string, string>,
    warnAt: row.warn_at,
    breachActions: row.breach_actions,
    pauseStatuses: row.pause_statuses,
    onReopen: row.on_reopen,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
export type PolicyView = ReturnType<typeof presentPolicy>;

function policyQuery(deps: Deps) {
  return deps.db
    .selectFrom('sla_policies as p')
    .innerJoin('calendars as k', 'k.id', 'p.calendar_id')
    .selectAll('p')
    .select(['k.name as calendar_name', 'k.time_zone as calendar_time_zone']);
}

export async function listPolicies(deps: Deps, actor: Actor): Promise<PolicyView[]> {
  authorize(actor, CALENDAR_READERS);
  return (await policyQuery(deps).orderBy('p.position').orderBy('p.name').execute()).map(presentPolicy);
}

export async function getPolicy(deps: Deps, actor: Actor, id: string): Promise<PolicyView> {
  authorize(actor, CALENDAR_READERS);
  const row = await policyQuery(deps).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw AppError.notFound('SLA policy');
  return presentPolicy(row);
}

/** Every problem with a policy's references and values, each naming its field. */
async function policyProblems(deps: Deps, p: Omit<PolicyInput, 'name' | 'position'>): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const [key, text] of Object.entries(p.targets)) {
    const parsed = parseDuration(text!);
    if ('error' in parsed) errors.push({ field: `targets.${key}`, message: parsed.error, code: parsed.code });
    else if (parsed.seconds < 60) errors.push({ field: `targets.${key}`, message: 'must be at least one minute', code: 'out_of_range' });
  }
  const warnAt = p.warnAt ?? [];
  warnAt.forEach((percent, i) => {
    if (i > 0 && percent <= warnAt[i - 1]!) errors.push({ field: `warnAt[${i}]`, message: 'must be above the threshold before it (ascending)', code: 'invalid' });
  });
  const calendar = await deps.db.selectFrom('calendars').select('id').where('id', '=', p.calendar).executeTakeFirst();
  if (!calendar) errors.push({ field: 'calendar', message: 'is not a known calendar', code: 'unknown_reference' });
  const regions = p.match?.regions ?? [];
  if (regions.length) {
    const known = new Set((await deps.db.selectFrom('regions').select('code').where('code', 'in', regions).execute()).map((r) => r.code));
    regions.forEach((r, i) => known.has(r) || errors.push({ field: `match.regions[${i}]`, message: 'is not a known region', code: 'unknown_reference' }));
  }
  const teamIds = [...(p.match?.partnerTeams ?? []), ...(p.breachActions ?? []).flatMap((a) => (a.action === 'move_to_team' ? [a.team] : []))];
  const teams = new Map(
    teamIds.length ? (await deps.db.selectFrom('teams').select(['id', 'kind']).where('id', 'in', teamIds).execute()).map((t) => [t.id, t.kind]) : [],
  );
  (p.match?.partnerTeams ?? []).forEach((id, i) => teams.has(id) || errors.push({ field: `match.partnerTeams[${i}]`, message: 'is not a known team', code: 'unknown_reference' }));
  (p.breachActions ?? []).forEach((a, i) => {
    if (a.action === 'move_to_team' && teams.get(a.team) !== 'service') {
      errors.push({ field: `breachActions[${i}].team`, message: 'is not a service team', code: 'unknown_reference' });
    }
  });
  const authorityIds = (p.breachActions ?? []).flatMap((a) => (a.action === 'raise_critical' ? [a.authority] : []));
  const authorities = new Set(
    authorityIds.length ? (await deps.db.selectFrom('escalation_authorities').select('id').where('id', 'in', authorityIds).execute()).map((a) => a.id) : [],
  );
  (p.breachActions ?? []).forEach((a, i) => {
    if (a.action === 'raise_critical' && !authorities.has(a.authority)) {
      errors.push({ field: `breachActions[${i}].authority`, message: 'is not an escalation authority', code: 'unknown_reference' });
    }
  });
  return errors;
}

async function assertValidPolicy(deps: Deps, p: Omit<PolicyInput, 'name' | 'position'>): Promise<void> {
  const errors = await policyProblems(deps, p);
  if (errors.length) throw new AppError('validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}

const columns = (p: Partial<PolicyInput>) => ({
  ...(p.name !== undefined ? { name: p.name.trim() } : {}),
  ...(p.position !== undefined ? { position: p.position } : {}),
  ...(p.enabled !== undefined ? { enabled: p.enabled } : {}),
  ...(p.match?.priorities !== undefined ? { priorities: p.match.priorities } : {}),
  ...(p.match?.categoryPattern !== undefined ? { category_pattern: p.match.categoryPattern } : {}),
  ...(p.match?.accountTiers !== undefined ? { account_tiers: p.match.accountTiers } : {}),
  ...(p.match?.regions !== undefined ? { regions: p.match.regions } : {}),
  ...(p.match?.partnerTeams !== undefined ? { partner_teams: p.match.partnerTeams } : {}),
  ...(p.calendar !== undefined ? { calendar_id: p.calendar } : {}),
  ...(p.targets !== undefined ? { targets: JSON.stringify(p.targets) } : {}),
  ...(p.warnAt !== undefined ? { warn_at: p.warnAt } : {}),
  ...(p.breachActions !== undefined ? { breach_actions: JSON.stringify(p.breachActions) } : {}),
  ...(p.pauseStatuses !== undefined ? { pause_statuses: p.pauseStatuses } : {}),
  ...(p.onReopen !== undefined ? { on_reopen: p.onReopen } : {}),
});

const nameTaken = (name: string) => new AppError('conflict', `an SLA policy named ${name} exists already`, [{ field: 'name', message: 'is taken', code: 'taken' }]);

/** A policy as stored, read back as input (for validating a patch as a whole). */
function inputOf(row: SlaPolicyRow): PolicyInput {
  return {
    name: row.name,
    position: row.position,
    enabled: row.enabled,
    match: { priorities: row.priorities, categoryPattern: row.category_pattern, accountTiers: row.account_tiers, regions: row.regions, partnerTeams: row.partner_teams },
    calendar: row.calendar_id,
    targets: row.targets,
    warnAt: row.warn_at,
    breachActions: row.breach_actions,
    pauseStatuses: row.pause_statuses,
    onReopen: row.on_reopen,
  };
}

/**
 * Adds a policy. It applies to clocks that start from now on, and to running clocks when their
 * case's priority or category next changes; clocks already running keep their target.
 */
export async function createPolicy(deps: Deps, actor: Actor, input: PolicyInput): Promise<PolicyView> {
  authorize(actor, CALENDAR_EDITORS);
  await assertValidPolicy(deps, input);
  const now = deps.clock.now();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('sla_policies')
        .values({
          name: input.name.trim(),
          position: input.position,
          category_pattern: '*',
          priorities: [],
          account_tiers: [],
          regions: [],
          partner_teams: [],
          warn_at: [75, 90],
          breach_actions: JSON.stringify([{ action: 'notify' }]),
          pause_statuses: ['waiting_requester'],
          on_reopen: 'continue',
          calendar_id: input.calendar,
          targets: JSON.stringify(input.targets),
          ...columns(input),
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const view = presentPolicy((await policyQuery({ ...deps, db: trx }).where('p.id', '=', id).executeTakeFirst())!);
      await recordAudit(trx, actor, now, { action: 'sla_policy.created', entityType: 'sla_policy', entityId: id, after: view });
      return view;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

export async function updatePolicy(deps: Deps, actor: Actor, id: string, patch: Partial<PolicyInput>): Promise<PolicyView> {
  authorize(actor, CALENDAR_EDITORS);
  const now = deps.clock.now();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const before = await policyQuery({ ...deps, db: trx }).where('p.id', '=', id).forUpdate('p').executeTakeFirst();
      if (!before) throw AppError.notFound('SLA policy');
      const merged = inputOf(before);
      // Checked on the transaction's connection: PGlite has only one.
      await assertValidPolicy({ ...deps, db: trx }, { ...merged, ...patch, match: { ...merged.match, ...patch.match } });
      await trx.updateTable('sla_policies').set({ ...columns(patch), updated_at: now }).where('id', '=', id).execute();
      const view = presentPolicy((await policyQuery({ ...deps, db: trx }).where('p.id', '=', id).executeTakeFirst())!);
      await recordAudit(trx, actor, now, { action: 'sla_policy.updated', entityType: 'sla_policy', entityId: id, before: presentPolicy(before), after: view });
      return view;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(patch.name ?? '');
    throw error;
  }
}

/** Removes a policy; clocks it set keep their targets and its name. */
export async function deletePolicy(deps: Deps, actor: Actor, id: string): Promise<void> {
  authorize(actor, CALENDAR_EDITORS);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const before = await policyQuery({ ...deps, db: trx }).where('p.id', '=', id).forUpdate('p').executeTakeFirst();
    if (!before) throw AppError.notFound('SLA policy');
    await trx.deleteFrom('sla_policies').where('id', '=', id).execute();
    await recordAudit(trx, actor, now, { action: 'sla_policy.deleted', entityType: 'sla_policy', entityId: id, before: presentPolicy(before) });
  });
}

export interface PreviewInput {
  case: { priority: string; category: string; accountTier?: string; region?: string | null; partnerTeam?: string };
  at: string;
  policy?: Omit<PolicyInput, 'name' | 'position'>;
}

const KINDS: ClockKind[] = ['first_response', 'next_response', 'resolution', 'handoff_answer'];

/** What clocks a case like this, filed at `at`, would get, and when each would be due. */
export async function previewPolicies(deps: Deps, actor: Actor, input: PreviewInput) {
  authorize(actor, CALENDAR_READERS);
  const at = new Date(input.at);
  let policies: PolicyWithRule[];
  if (input.policy) {
    await assertValidPolicy(deps, input.policy);
    const draft = input.policy;
    const row = {
      // A draft has no id yet; the preview shows it as null.
      id: null as unknown as string,
      name: 'draft',
      position: 0,
      enabled: true,
      priorities: draft.match?.priorities ?? [],
      category_pattern: draft.match?.categoryPattern ?? '*',
      account_tiers: draft.match?.accountTiers ?? [],
      regions: draft.match?.regions ?? [],
      partner_teams: draft.match?.partnerTeams ?? [],
      calendar_id: draft.calendar,
      targets: draft.targets,
      warn_at: draft.warnAt ?? [75, 90],
      breach_actions: draft.breachActions ?? [],
      pause_statuses: draft.pauseStatuses ?? [],
      on_reopen: draft.onReopen ?? 'continue',
      created_at: at,
      updated_at: at,
    } satisfies SlaPolicyRow;
    policies = [{ ...row, rule: ruleOf(row) }];
  } else {
    policies = await enabledPolicies(deps.db);
  }
  const facts = { priority: input.case.priority, category: input.case.category, accountTier: input.case.accountTier ?? 'standard', region: input.case.region ?? null, partnerTeam: input.case.partnerTeam ?? null };
  const calendars = new CalendarCache(deps.db);
  const calendarRows = new Map((await deps.db.selectFrom('calendars').select(['id', 'name', 'time_zone']).execute()).map((r) => [r.id, r]));
  const clocks = [];
  for (const kind of KINDS) {
    const chosen = choosePolicy(policies, facts, kind);
    if (!chosen) continue;
    const seconds = targetSeconds(chosen.policy.rule, kind);
    const ref = calendarRows.get(chosen.policy.calendar_id)!;
    clocks.push({
      kind,
      policy: { id: chosen.policy.id, name: chosen.policy.name },
      calendar: { id: ref.id, name: ref.name, timeZone: ref.time_zone },
      why: chosen.why,
      target: chosen.policy.targets[TARGET_OF[kind]]!,
      targetSeconds: seconds,
      due: addWorkingTime(await calendars.get(chosen.policy.calendar_id), at, seconds).toISOString(),
    });
  }
  return { clocks };
}
