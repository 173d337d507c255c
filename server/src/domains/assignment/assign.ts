// Automatic assignment within a team: round robin, least loaded, or by skills, among the
// available agents under the team's capacity. Race-free: the team rows are locked for the picks,
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
  priority: string;
  /** A routing rule's strategy, in place of the team's. */
  override?: AssignmentStrategy | undefined;
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

interface Member extends Candidate {
  team_id: string;
  display_name: string;
  role: string;
  available: boolean;
}

/**
 * Chooses the assignees of cases about to be filed, before they are written (so each is written
 * once, with its assignee), in the cases' order: each pick counts in the next one's loads and
 * round robin. Null for a case whose team assigns by hand or is no service team. Call inside the
 * transaction that files the cases: their team rows stay locked until it commits, so concurrent
 * intakes for a team take their turns and nobody goes over capacity.
 */
export async function chooseAssignees(db: Db, cases: AssignmentFacts[]): Promise<(Assignment | null)[]> {
  const teamIds = [...new Set(cases.flatMap((c) => (c.team_id ? [c.team_id] : [])))].sort();
  if (teamIds.length === 0) return cases.map(() => null);
  // Locked in one order, so two batches sharing teams cannot deadlock. NO KEY: other intakes'
  // cases hold KEY SHARE on these rows through their foreign key; FOR UPDATE would wait for them
  // (and deadlock with one holding it), NO KEY UPDATE only for itself.
  const teams = await db
    .selectFrom('teams')
    .select(['id', 'name', 'kind', 'assignment_strategy', 'assignment_capacity', 'round_robin_last'])
    .where('id', 'in', teamIds)
    .orderBy('id')
    .forNoKeyUpdate()
    .execute();
  // Read after the locks are held (a statement of its own), so the loads include the cases of
  // whoever held them before.
  const members = (
    await sql<Member>`
      SELECT m.team_id, u.id, u.display_name, u.languages, u.skill_categories AS "skillCategories", u.role, u.available,
             coalesce(l.open, 0)::int AS open, coalesce(l.load, 0)::int AS load
        FROM team_members m
        JOIN users u ON u.id = m.user_id
        LEFT JOIN LATERAL (
          SELECT count(*) AS open,
                 sum(CASE priority WHEN 'P1' THEN ${sql.lit(PRIORITY_WEIGHT.P1)} WHEN 'P2' THEN ${sql.lit(PRIORITY_WEIGHT.P2)} WHEN 'P3' THEN ${sql.lit(PRIORITY_WEIGHT.P3)} ELSE ${sql.lit(PRIORITY_WEIGHT.P4)} END) AS load
            FROM cases WHERE u.available AND assignee_id = u.id AND status NOT IN ('resolved', 'closed')) l ON true
       WHERE m.team_id = ANY(${teamIds}::uuid[]) AND u.active AND u.role IN ('specialist', 'lead')
       ORDER BY m.team_id, u.id`.execute(db)
  ).rows;
  // One candidate a person, shared by their teams: a pick in one team weighs in the others.
  const people = new Map<string, Candidate>();
  for (const m of members) if (m.available && !people.has(m.id)) people.set(m.id, { id: m.id, languages: m.languages, skillCategories: m.skillCategories, open: m.open, load: m.load });
  const byTeam = new Map(teams.map((t) => [t.id, { ...t, members: members.filter((m) => m.team_id === t.id) }]));
  return cases.map((c) => {
    const team = c.team_id ? byTeam.get(c.team_id) : undefined;
    const strategy = c.override ?? team?.assignment_strategy;
    if (!team || !strategy || strategy === 'manual' || team.kind !== 'service') return null;
    const agents = team.members.filter((m) => m.available).map((m) => people.get(m.id)!);
    const chosen = pick(eligible(agents, strategy, team.assignment_capacity, { language: c.language, category: c.category_code }), strategy, team.round_robin_last);
    if (chosen) {
      chosen.open += 1;
      chosen.load += PRIORITY_WEIGHT[c.priority] ?? PRIORITY_WEIGHT.P4!;
      if (strategy === 'round_robin') team.round_robin_last = chosen.id;
    }
    return {
      team: { id: team.id, name: team.name },
      strategy,
      assignee: chosen ? { id: chosen.id, displayName: team.members.find((m) => m.id === chosen.id)!.display_name } : null,
      available: agents.length,
      leads: chosen ? [] : team.members.filter((m) => m.role === 'lead').map((m) => m.id),
    };
  });
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
