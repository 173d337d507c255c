import type { Locale, Role } from '../db/schema.js';

/** The signed-in person behind a request (or the CLI / system), as the domain sees them. */
export interface ActorUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  locale: Locale;
  teamIds: string[];
}

export interface Actor {
  user: ActorUser | null;
  /** Who to name in the audit log: the user's e-mail, `cli` or `system`. */
  label: string;
  via: 'session' | 'token' | 'cli' | 'system';
  requestId?: string;
}

export const systemActor: Actor = { user: null, label: 'system', via: 'system' };
export const cliActor: Actor = { user: null, label: 'cli', via: 'cli' };
