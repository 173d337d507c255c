import type { Locale } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { loadCaseFor } from '../cases/get-case.js';
import type { CaseWithRefs } from '../cases/queries.js';
import { authorize } from '../identity/policy.js';
import { TEMPLATE_USERS } from './policy.js';
import * as q from './queries.js';
import { type VariableValues, renderTemplate } from './variables.js';

/** Each variable's value on this case; `agent.name` is whoever inserts the template. */
export function caseValues(c: CaseWithRefs, due: { firstResponse: Date | null; resolution: Date | null }, language: Locale, agentName: string | null): VariableValues {
  return {
    'account.name': c.account_name,
    // Accounts record no contact person yet; a customer account is a person, so its name is the contact's.
    'account.contactName': c.account_type === 'customer' ? c.account_name : null,
    'case.number': c.number,
    'case.title': c.title,
    'case.category': c.category_labels[language],
    'case.priority': c.priority,
    'case.dueAt': due.resolution,
    'case.firstResponseDueAt': due.firstResponse,
    'agent.name': agentName,
    'requester.name': c.requester_name,
    'team.name': c.team_name,
  };
}

/**
 * A template filled in for a case, for the composer: dates in the template's language and the
 * reader's zone (the account region's, else the organisation's); variables the case has no
 * value for render empty and are listed in `missing`. Reading only: nothing is written.
 */
export async function renderForCase(deps: Deps, actor: Actor, caseIdOrNumber: string, templateId: string) {
  authorize(actor, TEMPLATE_USERS);
  const { row } = await loadCaseFor(deps.db, actor, caseIdOrNumber);
  const template = await q.findTemplate(deps.db, templateId);
  if (!template) throw AppError.notFound('template');
  if (!template.active) throw new AppError('conflict', 'this template is deactivated');
  const timeZone = (await q.regionZone(deps.db, row.account_region)) ?? deps.config.timeZone;
  const due = await q.caseDueTimes(deps.db, row.id);
  const rendered = renderTemplate(template.body, caseValues(row, due, template.language, actor.user?.displayName ?? null), template.language, timeZone);
  return { ...rendered, language: template.language, timeZone };
}
