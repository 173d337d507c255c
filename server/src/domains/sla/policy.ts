import { ROLES, type Role } from '../../db/schema.js';
import { ADMINS } from '../identity/policy.js';

/** Everyone signed in reads calendars and asks them for due instants (the UI previews SLAs). */
export const CALENDAR_READERS: readonly Role[] = ROLES;
/** Calendars change what every clock counts: admins only. */
export const CALENDAR_EDITORS: readonly Role[] = ADMINS;
