import type { Role } from '../../db/schema.js';
import { ADMINS } from '../identity/policy.js';
import { CASE_READERS, CASE_WORKERS } from '../cases/policy.js';

/** Ladders and authorities decide who is woken at night: admins set them up. */
export const ESCALATION_ADMINS: readonly Role[] = ADMINS;
/** The board and the set-up are visible to everyone who works or reviews cases. */
export const ESCALATION_READERS: readonly Role[] = CASE_READERS;
/** Who may raise a critical escalation on a case they work. */
export const ESCALATION_RAISERS: readonly Role[] = CASE_WORKERS;
/** Besides the people paged, these may acknowledge any escalation. */
export const ESCALATION_OVERSEERS: readonly Role[] = ['lead', 'manager', 'admin'];
