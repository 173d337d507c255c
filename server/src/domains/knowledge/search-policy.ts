import { ROLES, type Role } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { STAFF } from '../identity/policy.js';

/** Search and suggestions: everyone signed in but partner departments (requesters are Tier 1 agents). */
export const SEARCHERS: readonly Role[] = ROLES.filter((r) => r !== 'partner');

/** Whether search may show articles that are not published (drafts, reviews, archived): staff only. */
export function seesUnpublished(actor: Actor): boolean {
  return actor.user === null || STAFF.includes(actor.user.role);
}
