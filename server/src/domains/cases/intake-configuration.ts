// What filing a case reads of the configuration, from the process's configuration cache: the
// generation (read with intake's other facts) instead of six queries on every intake.
import type { AssignmentStrategy, CategoryRow, TeamKind } from '../../db/schema.js';
import type { ConfigurationSnapshot } from '../../platform/configuration-cache.js';
import type { RoutingRule } from '../routing/rules.js';
import { liveRules } from '../routing/rulesets.js';
import type { Calendar } from '../sla/calendar.js';
import { type PolicyWithRule, enabledPolicies } from '../sla/case-clocks.js';
import { calendarOf } from '../sla/calendars.js';

export interface IntakeTeam {
  name: string;
  kind: TeamKind;
  assignment_strategy: AssignmentStrategy;
}

export interface IntakeConfiguration {
  categories: ReadonlyMap<string, CategoryRow>;
  teams: ReadonlyMap<string, IntakeTeam>;
  rules: RoutingRule[];
  policies: PolicyWithRule[];
  calendars: ReadonlyMap<string, Calendar>;
}

/** What a snapshot of the configuration holds for intake. */
export async function intakeConfiguration(snapshot: ConfigurationSnapshot): Promise<IntakeConfiguration> {
  const categories = await snapshot.get('categories', async (d) => new Map((await d.selectFrom('categories').selectAll().execute()).map((c) => [c.code, c])));
  const teams = await snapshot.get('teams', async (d) =>
    new Map((await d.selectFrom('teams').select(['id', 'name', 'kind', 'assignment_strategy']).execute()).map(({ id, ...team }) => [id, team])),
  );
  const rules = await snapshot.get('routing_rules', liveRules);
  const policies = await snapshot.get('sla_policies', enabledPolicies);
  const calendars = await snapshot.get('calendars', async (d) => new Map((await d.selectFrom('calendars').selectAll().execute()).map((c) => [c.id, calendarOf(c)])));
  return { categories, teams, rules, policies, calendars };
}
