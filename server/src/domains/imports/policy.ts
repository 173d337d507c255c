import type { Role } from '../../db/schema.js';

/** Who may import case history: it writes many cases at once and may create categories, teams and agents. */
export const IMPORTERS: readonly Role[] = ['lead', 'manager', 'admin'];
