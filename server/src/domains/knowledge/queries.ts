import { type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/pool.js';
import type { ArticleRow, ArticleStatus, ArticleTexts, Locale } from '../../db/schema.js';
import { isUuid } from '../../platform/cursor.js';
import { variantRows } from './variants.js';

// The only place in the knowledge articles' use cases that writes SQL.

/** An article with the names its page shows, in one query. */
export function articleWithRefs(db: Db) {
  return db
    .selectFrom('articles as a')
    .leftJoin('teams as t', 't.id', 'a.team_id')
    .leftJoin('cases as sc', 'sc.id', 'a.source_case_id')
    .leftJoin('users as cu', 'cu.id', 'a.created_by')
    .leftJoin('users as uu', 'uu.id', 'a.updated_by')
    .selectAll('a')
    .select(['t.name as team_name', 'sc.number as source_case_number', 'cu.display_name as created_by_name', 'uu.display_name as updated_by_name']);
}
export type ArticleWithRefs = ArticleRow & {
  team_name: string | null;
  source_case_number: string | null;
  created_by_name: string | null;
  updated_by_name: string | null;
};

/** By id or by number (`KB-00012`, any letter case). */
export async function findArticle(db: Db, idOrNumber: string): Promise<ArticleWithRefs | undefined> {
  if (isUuid(idOrNumber)) return articleWithRefs(db).where('a.id', '=', idOrNumber).executeTakeFirst();
  if (!/^kb-\d+$/i.test(idOrNumber)) return undefined;
  return articleWithRefs(db).where('a.number', '=', idOrNumber.toUpperCase()).executeTakeFirst();
}

/** Locks the article row, so concurrent saves of one article apply one after another. */
export async function lockArticle(db: Db, id: string): Promise<void> {
  await db.selectFrom('articles').select('id').where('id', '=', id).forUpdate().execute();
}

export interface VariantText {
  article_id: string;
  language: Locale;
  title: string;
  body: string;
}

export async function variantsOf(db: Db, articleIds: string[]): Promise<VariantText[]> {
  if (articleIds.length === 0) return [];
  return db.selectFrom('article_variants').select(['article_id', 'language', 'title', 'body']).where('article_id', 'in', articleIds).execute();
}

export async function titlesOf(db: Db, articleIds: string[]): Promise<Array<{ article_id: string; language: Locale; title: string }>> {
  if (articleIds.length === 0) return [];
  return db.selectFrom('article_variants').select(['article_id', 'language', 'title']).where('article_id', 'in', articleIds).execute();
}

/** Replaces an article's texts (with their search keys). */
export async function writeVariants(db: Db, articleId: string, texts: ArticleTexts): Promise<void> {
  await db.deleteFrom('article_variants').where('article_id', '=', articleId).execute();
  const rows = variantRows(articleId, texts);
  if (rows.length) await db.insertInto('article_variants').values(rows).execute();
}

export async function insertVersion(
  db: Db,
  v: { articleId: string; version: number; texts: ArticleTexts; category: string | null; tags: string[]; teamId: string | null; savedBy: string | null; savedAt: Date },
): Promise<void> {
  await db
    .insertInto('article_versions')
    .values({
      article_id: v.articleId,
      version: v.version,
      variants: JSON.stringify(v.texts),
      category_code: v.category,
      tags: v.tags,
      team_id: v.teamId,
      saved_by: v.savedBy,
      saved_at: v.savedAt,
    })
    .execute();
}

export async function categoryExists(db: Db, code: string): Promise<boolean> {
  return (await db.selectFrom('categories').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}

export async function serviceTeamExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('teams').select('id').where('id', '=', id).where('kind', '=', 'service').executeTakeFirst()) !== undefined;
}

/** Keeps the article's usage counters equal to what its case links say (same transaction as the link change). */
export async function recountUsage(db: Db, articleId: string): Promise<void> {
  await db
    .updateTable('articles')
    .set({
      use_count: sql<number>`(SELECT count(*) FROM article_case_links l WHERE l.article_id = ${articleId}::uuid)::int`,
      helped_count: sql<number>`(SELECT count(*) FROM article_case_links l WHERE l.article_id = ${articleId}::uuid AND l.helped)::int`,
      last_used_at: sql<Date>`(SELECT max(l.linked_at) FROM article_case_links l WHERE l.article_id = ${articleId}::uuid)`,
    })
    .where('id', '=', articleId)
    .execute();
}

export interface ArticleFilter {
  statuses: ArticleStatus[];
  category?: string;
  teamId?: string;
  search?: { tokens: string[]; phrases: string[] };
}

/** A page of articles, newest change first, after the row with key [updatedAt, id] (keyset). */
export async function articlesAfter(db: Db, filter: ArticleFilter, after: [string, string] | undefined, limit: number): Promise<ArticleWithRefs[]> {
  let query = articleWithRefs(db).where('a.status', 'in', filter.statuses);
  if (filter.category) {
    const prefix = filter.category.replace(/[\\%_]/g, '\\$&');
    const category = filter.category;
    query = query.where((eb) => eb.or([eb('a.category_code', '=', category), eb('a.category_code', 'like', `${prefix}/%`)]));
  }
  if (filter.teamId) query = query.where('a.team_id', '=', filter.teamId);
  const search = filter.search;
  if (search) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_variants as v')
          .select('v.article_id')
          .whereRef('v.article_id', '=', 'a.id')
          .where(sql<SqlBool>`(v.title_tokens || v.body_tokens) @> ${sql.val(search.tokens)}::text[]`)
          .where((vb) => vb.and(search.phrases.map((phrase) => sql<SqlBool>`strpos(lower(v.title || ' ' || v.body), ${phrase}) > 0`))),
      ),
    );
  }
  if (after) query = query.where(sql<SqlBool>`(a.updated_at, a.id) < (${new Date(after[0])}, ${after[1]}::uuid)`);
  return query.orderBy('a.updated_at', 'desc').orderBy('a.id', 'desc').limit(limit).execute();
}

export interface LinkRow {
  article_id: string;
  case_id: string;
  linked_at: Date;
  linked_by: string | null;
  linked_by_name: string | null;
  helped: boolean | null;
}

export async function findLink(db: Db, articleId: string, caseId: string): Promise<LinkRow | undefined> {
  return db
    .selectFrom('article_case_links as l')
    .leftJoin('users as u', 'u.id', 'l.linked_by')
    .select(['l.article_id', 'l.case_id', 'l.linked_at', 'l.linked_by', 'l.helped', 'u.display_name as linked_by_name'])
    .where('l.article_id', '=', articleId)
    .where('l.case_id', '=', caseId)
    .executeTakeFirst();
}

/** The links of a case, newest first, to articles in the given statuses. */
export async function linksOfCase(db: Db, caseId: string, statuses: ArticleStatus[]) {
  return db
    .selectFrom('article_case_links as l')
    .innerJoin('articles as a', 'a.id', 'l.article_id')
    .leftJoin('users as u', 'u.id', 'l.linked_by')
    .select(['l.article_id', 'l.case_id', 'l.linked_at', 'l.linked_by', 'l.helped', 'u.display_name as linked_by_name'])
    .where('l.case_id', '=', caseId)
    .where('a.status', 'in', statuses)
    .orderBy('l.linked_at', 'desc')
    .limit(200)
    .execute();
}

export async function articlesByIds(db: Db, ids: string[]): Promise<ArticleWithRefs[]> {
  if (ids.length === 0) return [];
  return articleWithRefs(db).where('a.id', 'in', ids).execute();
}
