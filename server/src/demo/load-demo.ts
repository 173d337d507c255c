import type { Actor } from '../platform/actor.js';
import type { Deps } from '../platform/deps.js';
import { createTeam } from '../domains/identity/teams.js';
import { createUser } from '../domains/identity/users.js';
import { hashPassword } from '../platform/secrets.js';
import { DEMO_PASSWORD, DEMO_PEOPLE, DEMO_TEAMS, type DemoPerson } from './organisation.js';

export type DemoLoad = { loaded: true; people: DemoPerson[] } | { loaded: false; reason: string };

/**
 * Loads the demo organisation into an empty database through the same use cases as the
 * API (so it is audited and validated like any other change). A database with users is left alone.
 */
export async function loadDemo(deps: Deps, actor: Actor, progress: (msg: string) => void = () => {}): Promise<DemoLoad> {
  const existing = await deps.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (existing) return { loaded: false, reason: 'the database already has users' };
  const teamIds = new Map<string, string>();
  for (const team of DEMO_TEAMS) {
    const created = await createTeam(deps, actor, { name: team.name, kind: team.kind, region: team.region });
    teamIds.set(team.key, created.id);
  }
  progress(`demo: ${DEMO_TEAMS.length} teams`);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const [i, person] of DEMO_PEOPLE.entries()) {
    await createUser(deps, actor, {
      email: person.email,
      displayName: person.name,
      role: person.role,
      region: person.region,
      languages: person.languages,
      locale: person.locale,
      teamIds: person.teams.map((key) => teamIds.get(key)!),
    }, { passwordHash });
    if ((i + 1) % 10 === 0) progress(`demo: ${i + 1}/${DEMO_PEOPLE.length} people`);
  }
  progress(`demo: ${DEMO_PEOPLE.length} people`);
  return { loaded: true, people: DEMO_PEOPLE };
}

/** The sign-ins worth knowing, one per role, for the start banner and the README. */
export function demoSignIns(): string {
  const byRole = new Map<string, DemoPerson>();
  for (const person of DEMO_PEOPLE) if (!byRole.has(person.role)) byRole.set(person.role, person);
  const lines = [...byRole.values()].map((p) => `  ${p.role.padEnd(11)} ${p.email}`);
  return [`Demo sign-ins (password for everyone: ${DEMO_PASSWORD}):`, ...lines].join('\n');
}
