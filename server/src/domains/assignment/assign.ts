// Automatic assignment within a team: round robin, least loaded, or by skills, among the
// available agents under the team's capacity. Race-free: the team row is locked for the pick,
// so concurrent intakes for one team take their turns and nobody goes over capacity.
import { sql } from 'kysely';
import type { Db } from '../../db/pool.js';
import type { AssignmentStrategy } from '../../db/schema.js';

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

/** What choosing an assignee needs to know of a case being filed. */
export interface AssignmentFacts {
  team_id: string | null;
  language: string;
  category_code: string;
}

/** Whom a case filed for a team that assigns automatically goes to; the filing writes it with the case. */
export interface Assignment {
  team: { id: string; name: string };
  strategy: AssignmentStrategy;
  /** Null when nobody fits: the case waits in the team queue and the team's leads are told. */
  assignee: { id: string; displayName: string } | null;
  /** The available agents there were (for the waiting case's event). */
  available: number;
  /** The team's active leads, told when the case waits. */
  leads: string[];
}

/**
 * Chooses the assignee of a case about to be filed for a team, before the case is written (so it
 * is written once, with its assignee). `override` (from a routing rule) replaces the team's
 * strategy. Null when the team assigns by hand or is no service team. Call inside the transaction
 * that files the case: the team row stays locked until it commits, so concurrent intakes for one
 * team take their turns and nobody goes over capacity.
 */
export async function chooseAssignee(db: Db, c: AssignmentFacts, override?: AssignmentStrategy): Promise<Assignment | null> {
  if (!c.team_id) return null;
  const team = await db
    .selectFrom('teams')
    .select(['id', 'name', 'kind', 'assignment_strategy', 'assignment_capacity', 'round_robin_last'])
    .where('id', '=', c.team_id)
    // NO KEY: other intakes' cases hold KEY SHARE on this row through their foreign key; FOR
    // UPDATE would wait for them (and deadlock with one holding it), NO KEY UPDATE only for itself.
    .forNoKeyUpdate()
    .executeTakeFirstOrThrow();
  const strategy = override ?? team.assignment_strategy;
  if (strategy === 'manual' || team.kind !== 'service') return null;
  const members = await db
    .selectFrom('team_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.display_name', 'u.languages', 'u.skill_categories', 'u.role', 'u.available'])
    .where('m.team_id', '=', team.id)
    .where('u.active', '=', true)
    .where('u.role', 'in', ['specialist', 'lead'])
    .execute();
  const agents = members.filter((m) => m.available);
  const loads = new Map<string, { open: number; load: number }>();
  if (agents.length) {
    const rows = await sql<{ assignee_id: string; open: number; load: number }>`
      SELECT assignee_id, count(*)::int AS open,
             sum(CASE priority WHEN 'P1' THEN ${sql.lit(PRIORITY_WEIGHT.P1)} WHEN 'P2' THEN ${sql.lit(PRIORITY_WEIGHT.P2)} WHEN 'P3' THEN ${sql.lit(PRIORITY_WEIGHT.P3)} ELSE ${sql.lit(PRIORITY_WEIGHT.P4)} END)::int AS load
        FROM cases WHERE assignee_id = ANY(${agents.map((m) => m.id)}::uuid[]) AND status NOT IN ('resolved', 'closed')
       GROUP BY assignee_id`.execute(db);
    for (const r of rows.rows) loads.set(r.assignee_id, { open: Number(r.open), load: Number(r.load) });
  }
  const candidates: Candidate[] = agents.map((m) => ({ id: m.id, languages: m.languages, skillCategories: m.skill_categories, ...(loads.get(m.id) ?? { open: 0, load: 0 }) }));
  const chosen = pick(eligible(candidates, strategy, team.assignment_capacity, { language: c.language, category: c.category_code }), strategy, team.round_robin_last);
  return {
    team: { id: team.id, name: team.name },
    strategy,
    assignee: chosen ? { id: chosen.id, displayName: members.find((m) => m.id === chosen.id)!.display_name } : null,
    available: agents.length,
    leads: chosen ? [] : members.filter((m) => m.role === 'lead').map((m) => m.id),
  };
}

/** The event an assignment adds to the case's timeline. */
export function assignmentEvent(a: Assignment): { kind: 'assigned' | 'assignment_waiting'; data: Record<string, unknown> } {
  return a.assignee
    ? { kind: 'assigned', data: { team: a.team, assignee: a.assignee, previousTeam: null, previousAssignee: null, strategy: a.strategy } }
    : { kind: 'assignment_waiting', data: { team: a.team, strategy: a.strategy, available: a.available } };
}

/** Who an assignment notifies: the assignee, or the team's leads when the case waits. */
export function assignmentNotices(a: Assignment): { userIds: string[]; kind: 'case_assigned' | 'case_waiting'; data: Record<string, unknown> } {
  return a.assignee ? { userIds: [a.assignee.id], kind: 'case_assigned', data: { strategy: a.strategy } } : { userIds: a.leads, kind: 'case_waiting', data: { team: a.team, strategy: a.strategy } };
}
