import type { Role, TeamRef } from '../../app/types';

/** Roles the server assigns cases to automatically (README "Assignment"). */
const ASSIGNABLE_ROLES: readonly Role[] = ['specialist', 'lead'];

/** Whether a person of this role takes automatically assigned cases at all. */
export function takesAssignments(role: Role): boolean {
  return ASSIGNABLE_ROLES.includes(role);
}

interface Person {
  id: string;
  role: Role;
  teams: readonly Pick<TeamRef, 'id'>[];
}

/**
 * Whether `actor` may switch `target`'s availability: themselves, a lead for the members of
 * their teams, an admin for anyone. The server decides (403 otherwise); this only keeps the
 * UI from offering a switch that would be refused.
 */
export function canSetAvailability(actor: Person, target: Person): boolean {
  if (!takesAssignments(target.role)) return false;
  if (actor.role === 'admin' || actor.id === target.id) return true;
  return actor.role === 'lead' && target.teams.some((team) => actor.teams.some((own) => own.id === team.id));
}

/**
 * The capacity to send from the form: a whole number of open cases from 1 to 1000, or null for
 * no limit (an empty input). Anything else is `undefined`: not a capacity, say so at the input.
 */
export function parseCapacity(value: string | number): number | null | undefined {
  const text = String(value).trim();
  if (text === '') return null;
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= 1000 ? n : undefined;
}
