import type { Handoff } from '../cases/types';

/** Whether to offer the answer form: the server decides (`handoff.abilities.answer`). */
export function canAnswer(handoff: Handoff): boolean {
  return handoff.abilities.answer;
}
