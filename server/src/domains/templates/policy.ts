import type { Role } from '../../db/schema.js';
import { PUBLISHERS, STAFF } from '../identity/policy.js';

/** Who lists templates and inserts them in a reply (rendered for a case). */
export const TEMPLATE_USERS: readonly Role[] = STAFF;
/** Who creates, edits and deactivates templates: what the team says in its name is a lead's call. */
export const TEMPLATE_MANAGERS: readonly Role[] = PUBLISHERS;
