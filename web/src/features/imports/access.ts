import type { Session } from '../../app/types';

/** Whether this person gets the import page: the server decides (`abilities.imports.run` of /me). */
export function canImportHistory(session: Session): boolean {
  return session.abilities.imports.run;
}
