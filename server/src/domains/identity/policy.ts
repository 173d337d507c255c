import type { Role } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import { IMPORTERS } from '../imports/policy.js';

/** Who may call a route: anyone, anyone signed in, or the listed roles. */
export type Access = 'public' | 'signed-in' | readonly Role[];

/** People who work cases for the service team, as opposed to requesters and partner departments. */
export const STAFF: readonly Role[] = ['specialist', 'lead', 'qa', 'manager', 'admin'];
export const ADMINS: readonly Role[] = ['admin'];
/** Who publishes knowledge articles and manages response templates. */
export const PUBLISHERS: readonly Role[] = ['lead', 'manager', 'admin'];

export const ACCESS = {
  readDirectory: STAFF,
  manageUsers: ADMINS,
  manageTeams: ADMINS,
} as const;

export interface Abilities {
  areas: { cases: boolean; dashboards: boolean; knowledge: boolean; qa: boolean; shifts: boolean; admin: boolean };
  users: { read: boolean; manage: boolean };
  teams: { read: boolean; manage: boolean };
  tokens: { manage: boolean };
  /** Which case lists and forms the person gets. */
  cases: { list: boolean; file: boolean; queues: boolean };
  handoffs: { inbox: boolean };
  imports: { run: boolean };
  /** Knowledge: everyone but partners reads published articles; staff write; leads and up publish. */
  knowledge: { write: boolean; publish: boolean };
  /** Response templates: staff insert them in replies; leads and up manage them. */
  templates: { use: boolean; manage: boolean };
}

const is = (role: Role, ...roles: Role[]) => roles.includes(role);

/** What a role may do, computed once here and sent to the UI so it never re-derives permissions. */
export function abilitiesFor(role: Role): Abilities {
  return {
    areas: {
      // Requesters file and follow their escalations; partners answer handoffs addressed to them.
      cases: true,
      dashboards: is(role, 'specialist', 'lead', 'qa', 'manager', 'admin'),
      knowledge: !is(role, 'partner'),
      qa: is(role, 'specialist', 'lead', 'qa', 'manager', 'admin'),
      shifts: is(role, 'specialist', 'lead', 'manager', 'admin'),
      admin: is(role, 'admin'),
    },
    users: { read: ACCESS.readDirectory.includes(role), manage: ACCESS.manageUsers.includes(role) },
    teams: { read: ACCESS.readDirectory.includes(role), manage: ACCESS.manageTeams.includes(role) },
    tokens: { manage: true },
    cases: {
      // Partners work from their handoff inbox; they reach cases only through it.
      list: role !== 'partner',
      file: is(role, 'requester', 'specialist', 'lead', 'manager', 'admin'),
      queues: is(role, 'specialist', 'lead', 'qa', 'manager', 'admin'),
    },
    handoffs: { inbox: role !== 'requester' },
    imports: { run: IMPORTERS.includes(role) },
    knowledge: { write: STAFF.includes(role), publish: PUBLISHERS.includes(role) },
    templates: { use: STAFF.includes(role), manage: PUBLISHERS.includes(role) },
  };
}

/** Throws `forbidden` unless the actor's role is allowed; the CLI and system act as admins. */
export function authorize(actor: Actor, allowed: readonly Role[]): void {
  if (actor.via === 'cli' || actor.via === 'system') return;
  if (!actor.user || !allowed.includes(actor.user.role)) {
    throw new AppError('forbidden', 'your role may not do this');
  }
}
