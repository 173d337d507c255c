import type { Locale } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { authorize } from '../identity/policy.js';
import { exampleValues } from './list-variables.js';
import { TEMPLATE_MANAGERS } from './policy.js';
import { checkBody } from './save-template.js';
import { renderTemplate } from './variables.js';

/**
 * The editor's live check: a draft body checked exactly as saving checks it (400 naming `body`),
 * and filled in with example values in its language. Nothing is written.
 */
export function previewTemplate(deps: Deps, actor: Actor, input: { body: string; language: Locale }) {
  authorize(actor, TEMPLATE_MANAGERS);
  const variables = checkBody(input.body);
  const { body } = renderTemplate(input.body, exampleValues(deps, actor, input.language), input.language, deps.config.timeZone);
  return { body, variables };
}
