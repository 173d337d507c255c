import type { CategoryRow, IntakeField, Labels } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { type Deps, isUniqueViolation } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { ADMINS, authorize } from '../identity/policy.js';

export function presentCategory(row: CategoryRow) {
  return {
    code: row.code,
    parentCode: row.parent_code,
    labels: row.labels,
    requiredFields: row.required_fields,
    active: row.active,
    position: row.position,
  };
}
export type CategoryView = ReturnType<typeof presentCategory>;

export async function listCategories(deps: Deps): Promise<CategoryView[]> {
  const rows = await deps.db.selectFrom('categories').selectAll().orderBy('position').orderBy('code').execute();
  return rows.map(presentCategory);
}

function checkFields(fields: IntakeField[]): void {
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    if (seen.has(f.key)) throw AppError.validation(`requiredFields[${i}].key`, 'is used twice');
    seen.add(f.key);
  });
}

/** Adds a category; a code with a slash is a child of the root before it. */
export async function createCategory(
  deps: Deps,
  actor: Actor,
  input: { code: string; labels: Labels; requiredFields?: IntakeField[]; position?: number },
): Promise<CategoryView> {
  authorize(actor, ADMINS);
  const now = deps.clock.now();
  checkFields(input.requiredFields ?? []);
  const parent = input.code.includes('/') ? input.code.split('/')[0]! : null;
  try {
    return await deps.db.transaction().execute(async (trx) => {
      if (parent && !(await trx.selectFrom('categories').select('code').where('code', '=', parent).executeTakeFirst())) {
        throw AppError.validation('code', `the parent category ${parent} does not exist`);
      }
      const row = await trx
        .insertInto('categories')
        .values({
          code: input.code,
          parent_code: parent,
          labels: JSON.stringify(input.labels),
          required_fields: JSON.stringify(input.requiredFields ?? []),
          position: input.position ?? 1000,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const view = presentCategory(row);
      await recordAudit(trx, actor, now, { action: 'category.created', entityType: 'category', entityId: row.code, after: view });
      return view;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', `category ${input.code} exists already`, [{ field: 'code', message: 'exists already' }]);
    throw error;
  }
}

export async function updateCategory(
  deps: Deps,
  actor: Actor,
  code: string,
  patch: { labels?: Labels; requiredFields?: IntakeField[]; active?: boolean; position?: number },
): Promise<CategoryView> {
  authorize(actor, ADMINS);
  const now = deps.clock.now();
  if (patch.requiredFields) checkFields(patch.requiredFields);
  return deps.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('categories').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
    if (!before) throw AppError.notFound('category');
    const row = await trx
      .updateTable('categories')
      .set({
        ...(patch.labels ? { labels: JSON.stringify(patch.labels) } : {}),
        ...(patch.requiredFields ? { required_fields: JSON.stringify(patch.requiredFields) } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        ...(patch.position !== undefined ? { position: patch.position } : {}),
        updated_at: now,
      })
      .where('code', '=', code)
      .returningAll()
      .executeTakeFirstOrThrow();
    const view = presentCategory(row);
    await recordAudit(trx, actor, now, { action: 'category.updated', entityType: 'category', entityId: code, before: presentCategory(before), after: view });
    return view;
  });
}
