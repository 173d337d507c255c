// The only place in the templates domain that writes SQL.
import type { Db } from '../../db/pool.js';
import type { Locale } from '../../db/schema.js';

/** A template with the names of who created and last changed it. */
export function templateWithPeople(db: Db) {
  return db
    .selectFrom('response_templates as t')
    .leftJoin('users as cu', 'cu.id', 't.created_by')
    .leftJoin('users as uu', 'uu.id', 't.updated_by')
    .selectAll('t')
    .select(['cu.display_name as created_by_name', 'uu.display_name as updated_by_name']);
}
export type TemplateWithPeople = Awaited<ReturnType<ReturnType<typeof templateWithPeople>['executeTakeFirstOrThrow']>>;

export async function findTemplate(db: Db, id: string): Promise<TemplateWithPeople | undefined> {
  return templateWithPeople(db).where('t.id', '=', id).executeTakeFirst();
}

export interface TemplateFilter {
  language?: Locale;
  /** Category codes a template may be for (a case's category and its parent); templates for none always match. */
  categories?: string[];
  active?: boolean;
}

export async function listTemplates(db: Db, filter: TemplateFilter): Promise<TemplateWithPeople[]> {
  let query = templateWithPeople(db);
  if (filter.language) query = query.where('t.language', '=', filter.language);
  if (filter.active !== undefined) query = query.where('t.active', '=', filter.active);
  if (filter.categories) {
    const codes = filter.categories;
    query = query.where((eb) => eb.or([eb('t.category_code', 'is', null), eb('t.category_code', 'in', codes)]));
  }
  // Most specific first: a subcategory's templates, then its parent's, then the general ones.
  return query
    .orderBy((eb) => eb.fn('length', [eb.fn.coalesce('t.category_code', eb.val(''))]), 'desc')
    .orderBy('t.name')
    .execute();
}

export async function findCategory(db: Db, code: string): Promise<{ code: string; parent_code: string | null } | undefined> {
  return db.selectFrom('categories').select(['code', 'parent_code']).where('code', '=', code).executeTakeFirst();
}

/** The time zone of a region (the reader's, for an account in it). */
export async function regionZone(db: Db, region: string | null): Promise<string | null> {
  if (!region) return null;
  return (await db.selectFrom('regions').select('time_zone').where('code', '=', region).executeTakeFirst())?.time_zone ?? null;
}

/** When the case's first response and resolution are due: only a running clock has a due time; the latest cycle is the current one. */
export async function caseDueTimes(db: Db, caseId: string): Promise<{ firstResponse: Date | null; resolution: Date | null }> {
  const clocks = await db
    .selectFrom('sla_clocks')
    .select(['kind', 'due_at'])
    .where('case_id', '=', caseId)
    .where('handoff_id', 'is', null)
    .where('kind', 'in', ['first_response', 'resolution'])
    .orderBy('cycle', 'desc')
    .execute();
  const dueOf = (kind: string) => clocks.find((k) => k.kind === kind)?.due_at ?? null;
  return { firstResponse: dueOf('first_response'), resolution: dueOf('resolution') };
}
