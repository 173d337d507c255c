// Creating and changing a response template: the body's variables are checked here, when it
// is saved, so a template that reaches a case always renders.
import type { Db } from '../../db/pool.js';
import type { Locale } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { type Deps, isUniqueViolation } from '../../platform/deps.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import { authorize } from '../identity/policy.js';
import { TEMPLATE_MANAGERS } from './policy.js';
import { type TemplateView, presentTemplate } from './present.js';
import * as q from './queries.js';
import { type TemplateProblem, checkTemplate, describeProblem } from './variables.js';

export interface TemplateInput {
  name: string;
  language: Locale;
  category?: string | null;
  body: string;
  active?: boolean;
}

/** A body problem by field, with `params.problem` (its kind) and what the UI needs to word it. */
function fieldError(p: TemplateProblem): FieldError {
  const message = describeProblem(p);
  switch (p.kind) {
    case 'unknown_variable':
      return { field: 'body', message, code: 'unknown_reference', params: { problem: p.kind, variable: p.variable, offset: p.offset, ...(p.suggestion ? { suggestion: p.suggestion } : {}) } };
    case 'invalid_variable':
      return { field: 'body', message, code: 'invalid', params: { problem: p.kind, variable: p.text, offset: p.offset } };
    default:
      return { field: 'body', message, code: 'invalid', params: { problem: p.kind, offset: p.offset } };
  }
}

/** Throws every problem with a body as a 400 naming `body` (the same answer saving gives). */
export function checkBody(body: string): string[] {
  const { variables, problems } = checkTemplate(body);
  if (problems.length) throw invalid(problems.map(fieldError));
  return variables;
}

const invalid = (errors: FieldError[]) => new AppError('validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);

/** The variables the body uses, or every problem with the body and the category, by field. */
async function check(db: Db, input: { body: string; category: string | null }): Promise<string[]> {
  const { variables, problems } = checkTemplate(input.body);
  const errors = problems.map(fieldError);
  if (input.category && !(await q.findCategory(db, input.category))) errors.push({ field: 'category', message: 'is not a known category', code: 'unknown_reference' });
  if (errors.length) throw invalid(errors);
  return variables;
}

const taken = (name: string, language: string) =>
  new AppError('conflict', `a ${language} template named ${name} exists already`, [{ field: 'name', message: `is taken in ${language}`, code: 'taken' }]);

export async function createTemplate(deps: Deps, actor: Actor, input: TemplateInput): Promise<TemplateView> {
  authorize(actor, TEMPLATE_MANAGERS);
  const category = input.category ?? null;
  const variables = await check(deps.db, { body: input.body, category });
  const now = deps.clock.now();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('response_templates')
        .values({
          name: input.name.trim(), language: input.language, category_code: category, body: input.body, variables, active: input.active ?? true,
          created_by: actor.user?.id ?? null, updated_by: actor.user?.id ?? null, created_at: now, updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const view = presentTemplate((await q.findTemplate(trx, id))!);
      await recordAudit(trx, actor, now, { action: 'response_template.created', entityType: 'response_template', entityId: id, after: view });
      return view;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(input.name.trim(), input.language);
    throw error;
  }
}

/** Changes what is given; the template as changed is checked as a whole. */
export async function updateTemplate(deps: Deps, actor: Actor, id: string, patch: Partial<TemplateInput>): Promise<TemplateView> {
  authorize(actor, TEMPLATE_MANAGERS);
  const now = deps.clock.now();
  let next: TemplateInput | undefined;
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const locked = await trx.selectFrom('response_templates').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
      if (!locked) throw AppError.notFound('template');
      const before = presentTemplate((await q.findTemplate(trx, id))!);
      next = {
        name: (patch.name ?? before.name).trim(),
        language: patch.language ?? before.language,
        category: patch.category === undefined ? before.category : patch.category,
        body: patch.body ?? before.body,
        active: patch.active ?? before.active,
      };
      const variables = await check(trx, { body: next.body, category: next.category ?? null });
      await trx
        .updateTable('response_templates')
        .set({ name: next.name, language: next.language, category_code: next.category ?? null, body: next.body, variables, active: next.active, updated_by: actor.user?.id ?? null, updated_at: now })
        .where('id', '=', id)
        .execute();
      const view = presentTemplate((await q.findTemplate(trx, id))!);
      await recordAudit(trx, actor, now, { action: 'response_template.updated', entityType: 'response_template', entityId: id, before, after: view });
      return view;
    });
  } catch (error) {
    if (isUniqueViolation(error) && next) throw taken(next.name, next.language);
    throw error;
  }
}
