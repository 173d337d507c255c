import type { Case, CaseStatus } from './types';

/**
 * The moves to offer on a case: exactly what the server says this person may do now
 * (`abilities.transitions`); merging, which also closes a case, is its own action.
 */
export function offeredTransitions(item: Case): CaseStatus[] {
  return item.abilities.transitions;
}
