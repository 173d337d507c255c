// Automatic assignment within a team: round robin, least loaded, or by skills, among the
// available agents under the team's capacity. Race-free: the team row is locked for the pick,
// so concurrent intakes for one team take their turns and nobody goes over capacity.
import { sql } from 'kysely';
import type { Db } from '../../db/pool.js';
import type { AssignmentStrategy, TeamKind } from '../../db/schema.js';
import { insertEvent } from '../cases/queries.js';
import { notify } from '../notify/notify.js';

/** How much an open case weighs on an agent's load, by priority. */
export const PRIORITY_WEIGHT: Record<string, number> = { P1: 4, P2: 3, P3: 2, P4: 1 };

export interface Candidate {
  id: string;
  languages: string[];
  skillCategories: string[];
  open: number;
  load: number;
}

/** Who fits: under capacity and, for the skills strategy, speaking the language and handling the category. Pure. */
export function eligible(candidates: Candidate[], strategy: AssignmentStrategy, capacity: number | null, c: { language: string; category: string }): Candidate[] {
  return candidates.filter(
    (a) =>
      (capacity === null || a.open < capacity) &&
      (strategy !== 'skills' ||
        (a.languages.includes(c.language) && (a.skillCategories.length === 0 || a.skillCategories.some((p) => c.category === p || c.category.startsWith(`${p}/`))))),
  );
}

/** The agent a strategy picks among those who fit. Pure. */
export function pick(fit: Candidate[], strategy: AssignmentStrategy, lastRoundRobin: string | null): Candidate | null {
  if (fit.length === 0 || strategy === 'manual') return null;
  if (strategy === 'round_robin') {
    const byId = [...fit].sort((a, b) => a.id.localeCompare(b.id));
    return byId.find((a) => lastRoundRobin !== null && a.id > lastRoundRobin) ?? byId[0]!;
  }
  return [...fit].sort((a, b) => a.load - b.load || a.open - b.open || a.id.localeCompare(b.id))[0]!;
}

/** What deciding whether to assign reads of the case and its team; intake knows it without asking. */
export interface AssignmentFacts {
  team_id: string | null;
  assignee_id: string | null;
  language: string;
  category_code: string;
  assignment_strategy: AssignmentStrategy | null;
  kind: TeamKind | null;
}

/**
 * Assigns an unassigned case of a team that assigns automatically. `strategy` (from a routing
 * rule) overrides the team's. When nobody fits, the case waits in the team queue and the team's
 * leads are told. Call inside the transaction that filed or moved the case.
 */
export async function autoAssign(db: Db, now: Date, caseId: string, override?: AssignmentStrategy, known?: AssignmentFacts): Promise<string | null> {
  const c =
    known ??
    (await db
      .selectFrom('cases')
      .leftJoin('teams', 'teams.id', 'cases.team_id')
      .select(['cases.team_id', 'cases.assignee_id', 'cases.language', 'cases.category_code', 'teams.assignment_strategy', 'teams.kind'])
      .where('cases.id', '=', caseId)
      .executeTakeFirstOrThrow());
  if (!c.team_id || c.assignee_id) return null;
  // Manual teams (the default) take no lock: only teams that assign automatically serialise intake.
  if (!override && (c.assignment_strategy === 'manual' || c.kind !== 'service')) return null;
  const team = await db
    .selectFrom('teams')
    .select(['id', 'name', 'kind', 'assignment_strategy', 'assignment_capacity', 'round_robin_last'])
    .where('id', '=', c.team_id)
    // NO KEY: the case's foreign key already holds KEY SHARE on this row; FOR UPDATE would
    // conflict with another intake's KEY SHARE and deadlock, NO KEY UPDATE only with itself.
    .forNoKeyUpdate()
    .executeTakeFirstOrThrow();
  const strategy = override ?? team.assignment_strategy;
  if (strategy === 'manual' || team.kind !== 'service') return null;
  const members = await db
    .selectFrom('team_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.languages', 'u.skill_categories'])
    .where('m.team_id', '=', team.id)
    .where('u.active', '=', true)
    .where('u.available', '=', true)
    .where('u.role', 'in', ['specialist', 'lead'])
    .execute();
  const loads = new Map<string, { open: number; load: number }>();
  if (members.length) {
    const rows = await sql<{ assignee_id: string; open: number; load: number }>`
      SELECT assignee_id, count(*)::int AS open,
             sum(CASE priority WHEN 'P1' THEN ${sql.lit(PRIORITY_WEIGHT.P1)} WHEN 'P2' THEN ${sql.lit(PRIORITY_WEIGHT.P2)} WHEN 'P3' THEN ${sql.lit(PRIORITY_WEIGHT.P3)} ELSE ${sql.lit(PRIORITY_WEIGHT.P4)} END)::int AS load
        FROM cases WHERE assignee_id = ANY(${members.map((m) => m.id)}::uuid[]) AND status NOT IN ('resolved', 'closed')
       GROUP BY assignee_id`.execute(db);
    for (const r of rows.rows) loads.set(r.assignee_id, { open: Number(r.open), load: Number(r.load) });
  }
  const candidates: Candidate[] = members.map((m) => ({ id: m.id, languages: m.languages, skillCategories: m.skill_categories, ...(loads.get(m.id) ?? { open: 0, load: 0 }) }));
  const chosen = pick(eligible(candidates, strategy, team.assignment_capacity, { language: c.language, category: c.category_code }), strategy, team.round_robin_last);
  if (!chosen) {
    const leads = await db
      .selectFrom('team_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select('u.id')
      .where('m.team_id', '=', team.id)
      .where('u.role', '=', 'lead')
      .where('u.active', '=', true)
      .execute();
    await notify(db, { userIds: leads.map((l) => l.id), kind: 'case_waiting', caseId, data: { team: { id: team.id, name: team.name }, strategy }, at: now });
    await insertEvent(db, { caseId, at: now, actorId: null, kind: 'assignment_waiting', data: { team: { id: team.id, name: team.name }, strategy, available: members.length } });
    return null;
  }
  await db.updateTable('cases').set({ assignee_id: chosen.id }).where('id', '=', caseId).execute();
  if (strategy === 'round_robin') await db.updateTable('teams').set({ round_robin_last: chosen.id }).where('id', '=', team.id).execute();
  const name = await db.selectFrom('users').select('display_name').where('id', '=', chosen.id).executeTakeFirstOrThrow();
  await insertEvent(db, {
    caseId,
    at: now,
    actorId: null,
    kind: 'assigned',
    data: { team: { id: team.id, name: team.name }, assignee: { id: chosen.id, displayName: name.display_name }, previousTeam: null, previousAssignee: null, strategy },
  });
  await notify(db, { userIds: [chosen.id], kind: 'case_assigned', caseId, data: { strategy }, at: now });
  return chosen.id;
}
