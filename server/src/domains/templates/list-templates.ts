import type { Locale } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../identity/policy.js';
import { TEMPLATE_USERS } from './policy.js';
import { type TemplateView, presentTemplate } from './present.js';
import * as q from './queries.js';

export interface TemplateListInput {
  language?: Locale;
  /** A case's category: its templates, its parent's, and those for any category. */
  category?: string;
  active?: boolean;
}

/** Templates for the picker (a case's category and language) or the admin list (everything). */
export async function listTemplates(deps: Deps, actor: Actor, input: TemplateListInput): Promise<TemplateView[]> {
  authorize(actor, TEMPLATE_USERS);
  let categories: string[] | undefined;
  if (input.category) {
    const category = await q.findCategory(deps.db, input.category);
    if (!category) throw AppError.validation('category', 'is not a known category', 'unknown_reference');
    categories = category.parent_code ? [category.code, category.parent_code] : [category.code];
  }
  const rows = await q.listTemplates(deps.db, { language: input.language, active: input.active, categories });
  return rows.map(presentTemplate);
}
