// Applying the routing rules to a case (at intake, and when its category or text changes), and
// the dry run and replay that let a lead try a ruleset before saving it.
import { randomUUID } from 'node:crypto';
import { type Expression, sql } from 'kysely';
import type { Db } from '../../db/pool.js';
import { type AssignmentStrategy, PRIORITIES, type Priority } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { loadCaseFor } from '../cases/get-case.js';
import { insertEvent } from '../cases/queries.js';
import { type Raise, raiseEscalation } from '../escalation/critical.js';
import { authorize } from '../identity/policy.js';
import { type RoutingFacts, type RoutingRule, type RuleRef, decideOutcome, evaluate } from './rules.js';
import { ROUTING_READERS, type RuleInput, checkRule, liveRules } from './rulesets.js';

const REPEAT_WINDOW = '30 days';
const urgency = (p: string) => PRIORITIES.indexOf(p as Priority);

/**
 * The account's cases in the category in the 30 days up to `at`, but the case `except`: the
 * facts' `repeat_count_30d` (intake counts before its case exists, so it has none to leave out).
 */
export const repeatCountSql = (account: Expression<unknown>, category: Expression<unknown>, at: Expression<unknown>, except?: Expression<unknown>) =>
  sql<number>`(SELECT count(*)::int FROM cases p
  WHERE p.account_id = ${account} AND p.category_code = ${category}${except ? sql` AND p.id <> ${except}` : sql``}
    AND p.created_at > ${at} - ${sql.lit(REPEAT_WINDOW)}::interval AND p.created_at <= ${at})`;

export type StoredFacts = RoutingFacts & { teamId: string | null; previous: { team?: { id: string } } };

/** The facts rules look at for a stored case. */
async function factsOf(db: Db, caseId: string): Promise<StoredFacts> {
  const row = await db
    .selectFrom('cases as c')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .select([
      'c.category_code',
      'c.language',
      'c.source',
      'c.title',
      'c.description',
      'c.priority',
      'c.flags',
      'c.team_id',
      'c.routing',
      'a.region',
      'a.type',
      'a.tier',
      repeatCountSql(sql.ref('c.account_id'), sql.ref('c.category_code'), sql.ref('c.created_at'), sql.ref('c.id')).as('repeats'),
    ])
    .where('c.id', '=', caseId)
    .executeTakeFirstOrThrow();
  return {
    category: row.category_code,
    region: row.region,
    language: row.language,
    source: row.source,
    account: { type: row.type, tier: row.tier },
    title: row.title,
    description: row.description,
    priority: row.priority,
    flags: row.flags,
    repeat_count_30d: Number(row.repeats),
    teamId: row.team_id,
    previous: row.routing as { team?: { id: string } },
  };
}

interface RouteOptions {
  /** At intake; otherwise a re-evaluation after the category or text changed. */
  intake: boolean;
  /** What the filer chose explicitly: rules do not override it at intake. */
  explicitTeam?: boolean;
  explicitPriority?: boolean;
}

/** What the rules decided for a case, before anything is written. */
export interface RoutingDecision {
  /** The case's columns routing changes. */
  changes: { team_id?: string; priority?: Priority; flags?: string[] };
  /** The routing record: which rule and version decided what (`critical` is added once raised). */
  record: Record<string, unknown>;
  /** The assignment strategy a rule chose. */
  assignment?: AssignmentStrategy;
  /** A rule that raises a critical escalation: with the case at intake (routedRaise), else once it changed (raiseRoutedCritical). */
  critical?: { authority: string; rule: RuleRef };
}

/**
 * What the live rules decide for a case with these facts; writes nothing. Rules add flags and
 * raise priority, never lower a priority someone chose; after intake they move a case only if
 * routing put it where it is. `teamName` names the team a rule sends the case to.
 */
export async function decideRouting(
  rules: RoutingRule[],
  stored: StoredFacts,
  now: Date,
  opts: RouteOptions,
  teamName: (id: string) => Promise<string | null> | string | null,
): Promise<RoutingDecision> {
  const { previous, ...facts } = stored;
  const outcome = decideOutcome(rules, facts);
  const set: RoutingDecision['changes'] = {};
  const routing: Record<string, unknown> = { evaluatedAt: now.toISOString() };

  const team = outcome.set_team;
  if (team) {
    const ours = opts.intake ? !opts.explicitTeam : facts.teamId === null || facts.teamId === previous.team?.id;
    if (ours && team.action.team !== facts.teamId) set.team_id = team.action.team;
    routing.team = { id: team.action.team, name: await teamName(team.action.team), rule: team.rule, applied: ours };
  } else if (previous.team) routing.team = previous.team;
  const priority = outcome.set_priority;
  if (priority) {
    const value = priority.action.value;
    const applies = opts.intake && !opts.explicitPriority ? value !== facts.priority : urgency(value) < urgency(facts.priority);
    if (applies) set.priority = value;
    routing.priority = { value, rule: priority.rule, applied: applies };
  }
  if (outcome.add_flag.length) {
    const flags = [...new Set([...facts.flags, ...outcome.add_flag.map((d) => d.action.value)])];
    if (flags.length !== facts.flags.length) set.flags = flags;
    routing.flags = outcome.add_flag.map((d) => ({ value: d.action.value, rule: d.rule }));
  }
  if (outcome.set_assignment) routing.assignment = { strategy: outcome.set_assignment.action.strategy, rule: outcome.set_assignment.rule };
  if (outcome.add_checklist.length) routing.checklist = outcome.add_checklist.map((d) => ({ items: d.action.items, rule: d.rule }));
  const critical = outcome.raise_critical ? { authority: outcome.raise_critical.action.authority, rule: outcome.raise_critical.rule } : undefined;
  return { changes: set, record: routing, assignment: outcome.set_assignment?.action.strategy, critical };
}

/**
 * At intake the escalation a rule raises is named before the case is written, so the case's
 * routing record and `routed` event carry its id from the start and the case's own statement
 * raises it under that id (routedRaise).
 */
export function nameRoutedCritical(decision: RoutingDecision): void {
  const { critical } = decision;
  if (critical) decision.record.critical = { authority: critical.authority, escalationId: randomUUID(), rule: critical.rule };
}

const routedReason = (critical: NonNullable<RoutingDecision['critical']>) => `Routing rule: ${critical.rule.name}`;

/** The escalation a decision named at intake (nameRoutedCritical), to raise with the case. */
export function routedRaise(caseId: string, at: Date, decision: RoutingDecision, ord: number): Raise | undefined {
  const { critical } = decision;
  const named = (decision.record.critical as { escalationId?: string } | undefined)?.escalationId;
  if (!critical || !named) return undefined;
  return { id: named, caseId, authorityId: critical.authority, reason: routedReason(critical), raisedBy: null, at, ord };
}

/** Raises the critical escalation a rule asked for, on a case that exists; notes it in the record. */
async function raiseRoutedCritical(db: Db, now: Date, caseId: string, decision: RoutingDecision): Promise<void> {
  const { critical } = decision;
  if (!critical) return;
  const escalationId = await raiseEscalation(db, now, { caseId, authorityId: critical.authority, reason: routedReason(critical), raisedBy: null });
  decision.record.critical = { authority: critical.authority, escalationId, rule: critical.rule };
}

/**
 * Evaluates the live rules against a stored case and applies the outcome, recording on the case
 * which rule and version decided what (after its category or text changed).
 */
export async function routeCase(db: Db, now: Date, caseId: string, opts: RouteOptions): Promise<RoutingDecision['changes']> {
  const rules = await liveRules(db);
  if (rules.length === 0) return {};
  const decision = await decideRouting(rules, await factsOf(db, caseId), now, opts, async (id) =>
    ((await db.selectFrom('teams').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null),
  );
  await raiseRoutedCritical(db, now, caseId, decision);
  await writeRouting(db, now, caseId, decision);
  return decision.changes;
}

/** Writes a decision on a case that exists: the columns it changes, its routing record, and a `routed` event when it changed anything. */
async function writeRouting(db: Db, now: Date, caseId: string, decision: RoutingDecision): Promise<void> {
  const set = decision.changes;
  await db.updateTable('cases').set({ ...set, routing: JSON.stringify(decision.record) }).where('id', '=', caseId).execute();
  if (Object.keys(set).length) {
    await insertEvent(db, { caseId, at: now, actorId: null, kind: 'routed', data: { changes: set, decisions: decision.record } });
  }
}

export interface FactsDraft {
  category: string;
  region?: string | null;
  language?: string;
  source?: string;
  account?: { type?: string; tier?: string };
  title?: string;
  description?: string;
  priority?: string;
  flags?: string[];
  repeat_count_30d?: number;
}

/** Rules given in a request (a draft ruleset), checked by field as `rules[2].when.all[0].op`. */
async function draftRules(db: Db, rules: RuleInput[]): Promise<RoutingRule[]> {
  for (const [i, r] of rules.entries()) await checkRule(db, { name: r.name, enabled: r.enabled ?? true, order: r.order, when: r.when, then: r.then }, `rules[${i}]`);
  return rules.map((r, i) => ({ id: `draft-${i}`, name: r.name, enabled: r.enabled ?? true, order: r.order, when: r.when as RoutingRule['when'], then: r.then as RoutingRule['then'] }));
}

/** Each rule matched or not and why, and the outcome, for a stored case or a draft of one. */
export async function dryRun(deps: Deps, actor: Actor, input: { caseId?: string; case?: FactsDraft; rules?: RuleInput[] }) {
  authorize(actor, ROUTING_READERS);
  if (!input.caseId === !input.case) throw AppError.validation('case', 'give either caseId or case', 'required');
  let facts: RoutingFacts;
  if (input.caseId) {
    const { row } = await loadCaseFor(deps.db, actor, input.caseId);
    const { teamId: _teamId, previous: _previous, ...stored } = await factsOf(deps.db, row.id);
    facts = stored;
  } else {
    const d = input.case!;
    facts = {
      category: d.category,
      region: d.region ?? null,
      language: d.language ?? 'en',
      source: d.source ?? 'crm',
      account: { type: d.account?.type ?? 'seller', tier: d.account?.tier ?? 'standard' },
      title: d.title ?? '',
      description: d.description ?? '',
      priority: d.priority ?? 'P3',
      flags: d.flags ?? [],
      repeat_count_30d: d.repeat_count_30d ?? 0,
    };
  }
  const rules = input.rules ? await draftRules(deps.db, input.rules) : await liveRules(deps.db);
  return { facts, ...evaluate(rules, facts) };
}

/** How many cases a replay reads at most; beyond it the answer says it is capped. */
export const REPLAY_LIMIT = 20_000;
const EXAMPLES = 20;

/**
 * How the cases filed in [from, to) would have been routed by a draft ruleset against the live
 * one: the counts by team and by priority that change, with examples. The facts are the cases as
 * they are now (the history of each field is not replayed).
 */
export async function replay(deps: Deps, actor: Actor, input: { rules: RuleInput[]; from: string; to: string }) {
  authorize(actor, ROUTING_READERS);
  const [from, to] = [new Date(input.from), new Date(input.to)];
  if (to <= from) throw AppError.validation('to', 'must be after from', 'out_of_range');
  const draft = await draftRules(deps.db, input.rules);
  const live = await liveRules(deps.db);
  const rows = await sql<{
    id: string; number: string; category_code: string; language: string; source: string; title: string; description: string; priority: string;
    flags: string[]; region: string | null; type: string; tier: string; repeats: number;
  }>`
    SELECT c.id, c.number, c.category_code, c.language, c.source, c.title, c.description, c.priority, c.flags, a.region, a.type, a.tier,
           (count(*) OVER (PARTITION BY c.account_id, c.category_code ORDER BY c.created_at RANGE BETWEEN ${sql.lit(REPEAT_WINDOW)}::interval PRECEDING AND CURRENT ROW) - 1)::int AS repeats
      FROM cases c JOIN accounts a ON a.id = c.account_id
     WHERE c.created_at >= ${from} AND c.created_at < ${to}
     ORDER BY c.created_at LIMIT ${REPLAY_LIMIT + 1}`.execute(deps.db);
  const capped = rows.rows.length > REPLAY_LIMIT;
  const cases = rows.rows.slice(0, REPLAY_LIMIT);
  const count = (m: Map<string, [number, number]>, key: string, side: 0 | 1) => {
    const entry = m.get(key) ?? [0, 0];
    entry[side] += 1;
    m.set(key, entry);
  };
  const byTeam = new Map<string, [number, number]>();
  const byPriority = new Map<string, [number, number]>();
  const examples = [];
  let changed = 0;
  for (const c of cases) {
    // Windowed over the period only: cases just before `from` are not counted as repeats.
    const facts: RoutingFacts = {
      category: c.category_code, region: c.region, language: c.language, source: c.source, account: { type: c.type, tier: c.tier },
      title: c.title, description: c.description, priority: c.priority, flags: c.flags, repeat_count_30d: Number(c.repeats),
    };
    const a = decideOutcome(live, facts);
    const b = decideOutcome(draft, facts);
    const result = (o: typeof a) => ({ team: o.set_team?.action.team ?? null, priority: o.set_priority?.action.value ?? null });
    const [was, would] = [result(a), result(b)];
    count(byTeam, String(was.team), 0);
    count(byTeam, String(would.team), 1);
    count(byPriority, String(was.priority), 0);
    count(byPriority, String(would.priority), 1);
    if (was.team !== would.team || was.priority !== would.priority) {
      changed += 1;
      if (examples.length < EXAMPLES) examples.push({ case: { id: c.id, number: c.number, title: c.title }, live: was, draft: would });
    }
  }
  const teamNames = new Map((await deps.db.selectFrom('teams').select(['id', 'name']).execute()).map((t) => [t.id, t.name]));
  const rowsOf = (m: Map<string, [number, number]>, name: (k: string) => unknown) =>
    [...m.entries()].filter(([, [l, d]]) => l !== d).map(([k, [l, d]]) => ({ key: k === 'null' ? null : k, name: name(k), live: l, draft: d }));
  return {
    cases: cases.length,
    capped,
    changed,
    byTeam: rowsOf(byTeam, (k) => (k === 'null' ? null : (teamNames.get(k) ?? k))),
    byPriority: rowsOf(byPriority, (k) => (k === 'null' ? null : k)),
    examples,
  };
}
