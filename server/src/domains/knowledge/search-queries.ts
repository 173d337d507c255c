import { type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/pool.js';
import type { ArticleStatus, Locale } from '../../db/schema.js';
import type { SearchQuery } from '../../platform/text/search-tokens.js';
import { type CaseFilter, caseFilterExpression } from '../cases/queries.js';

// The SQL of search and suggestions. Every query is bounded by a LIMIT and finds its rows
// through the GIN indexes on the search keys (cases.search_tokens, article_variants.*_tokens).

const STATUS_ORDER = sql`CASE a.status WHEN 'published' THEN 0 WHEN 'in_review' THEN 1 WHEN 'draft' THEN 2 ELSE 3 END`;

/**
 * Article variants holding every key of the query (title and body together) and its Han
 * phrases, best first by a cheap proxy of the ranking (title, status, language, helped);
 * search-rank.ts then orders these exactly.
 */
export async function matchingArticleVariants(db: Db, query: SearchQuery, statuses: ArticleStatus[], lang: Locale, limit: number) {
  let select = db
    .selectFrom('article_variants as v')
    .innerJoin('articles as a', 'a.id', 'v.article_id')
    .select(['v.article_id', 'v.language', 'v.title', 'v.title_tokens', 'a.number', 'a.status', 'a.updated_at', 'a.use_count', 'a.helped_count', 'a.last_used_at'])
    .where('a.status', 'in', statuses);
  // Per key "in the title or the body": each side has its own GIN index (a BitmapOr per key).
  for (const token of query.tokens) {
    select = select.where(sql<SqlBool>`(v.title_tokens @> ARRAY[${token}]::text[] OR v.body_tokens @> ARRAY[${token}]::text[])`);
  }
  for (const phrase of query.phrases) select = select.where(sql<SqlBool>`strpos(lower(v.title || ' ' || v.body), ${phrase}) > 0`);
  return select
    .orderBy(sql`(v.title_tokens @> ${sql.val(query.tokens)}::text[]) DESC`)
    .orderBy(STATUS_ORDER)
    .orderBy(sql`(v.language = ${lang}) DESC`)
    .orderBy('a.helped_count', 'desc')
    .orderBy('a.updated_at', 'desc')
    .limit(limit)
    .execute();
}

/** The bodies of the variants shown. */
export async function variantBodies(db: Db, variants: { articleId: string; language: Locale }[]) {
  if (variants.length === 0) return [];
  return db
    .selectFrom('article_variants as v')
    .select(['v.article_id', 'v.language', 'v.body'])
    .where((eb) => eb.or(variants.map((v) => eb.and([eb('v.article_id', '=', v.articleId), eb('v.language', '=', v.language)]))))
    .execute();
}

// lower() folds case; this folds the accents Malay and English texts carry in practice.
const ACCENTED = 'àáâãäåāèéêëēìíîïīòóôõöōùúûüūýÿñç';
const PLAIN = 'aaaaaaaeeeeeiiiiiooooooouuuuuyync';
const foldedTitle = sql`translate(lower(c.title), ${ACCENTED}, ${PLAIN})`;

/**
 * Cases matching the filter (scope and search keys), not merged away, newest first. With
 * `inTitle`, only those whose title holds every key (a substring test that the caller
 * confirms word by word). Both ways are the case list's own search plus a LIMIT.
 */
export async function matchingCases(db: Db, filter: CaseFilter, limit: number, inTitle?: SearchQuery) {
  let select = db
    .selectFrom('cases as c')
    .select(['c.id', 'c.number', 'c.title', 'c.description', 'c.status', 'c.language', 'c.created_at', 'c.updated_at'])
    .where(caseFilterExpression(filter))
    .where('c.merged_into_id', 'is', null);
  if (inTitle) {
    for (const key of [...inTitle.tokens, ...inTitle.phrases]) select = select.where(sql<SqlBool>`strpos(${foldedTitle}, ${key}) > 0`);
  }
  return select.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').limit(limit).execute();
}

/**
 * For each key, up to `cap` resolved or closed cases holding it (in no particular order:
 * stopping at the cap is what keeps a common key cheap), within the scope, not merged away
 * and not `exclude`. One statement; each part is planned with its own key.
 */
export async function resolvedCasesByKey(db: Db, keys: string[], scope: CaseFilter['scope'], exclude: string[], cap: number) {
  if (keys.length === 0) return [];
  const parts = keys.map(
    (key) =>
      sql`(${db
        .selectFrom('cases as c')
        .select([sql<string>`${key}::text`.as('key'), 'c.id'])
        .where(sql<SqlBool>`c.search_tokens @> ARRAY[${key}]::text[]`)
        .where('c.status', 'in', ['resolved', 'closed'])
        .where('c.merged_into_id', 'is', null)
        .where('c.id', 'not in', exclude)
        .where(caseFilterExpression({ scope }))
        .limit(cap)})`,
  );
  const { rows } = await sql<{ key: string; id: string }>`${sql.join(parts, sql` UNION ALL `)}`.execute(db);
  return rows;
}

/** The similar-case candidates, with their keys for the exact score. */
export async function suggestionCases(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('cases as c')
    .select(['c.id', 'c.number', 'c.title', 'c.category_code', 'c.account_id', 'c.resolved_at', 'c.created_at', 'c.search_tokens'])
    .where('c.id', 'in', ids)
    .execute();
}

/** Published article variants sharing any of the keys, with the shared keys of title and body. */
export async function publishedVariantsSharing(db: Db, keys: string[], limit: number) {
  if (keys.length === 0) return [];
  const k = sql`${sql.val(keys)}::text[]`;
  return db
    .selectFrom('article_variants as v')
    .innerJoin('articles as a', 'a.id', 'v.article_id')
    .select([
      'v.article_id',
      'v.language',
      'v.title',
      'a.number',
      'a.status',
      'a.category_code',
      'a.helped_count',
      sql<string[]>`ARRAY(SELECT unnest(v.title_tokens) INTERSECT SELECT unnest(${k}))`.as('title_shared'),
      sql<string[]>`ARRAY(SELECT unnest(v.body_tokens) INTERSECT SELECT unnest(${k}))`.as('body_shared'),
    ])
    .where('a.status', '=', 'published')
    .where(sql<SqlBool>`(v.title_tokens && ${k} OR v.body_tokens && ${k})`)
    .orderBy('a.helped_count', 'desc')
    .orderBy('a.updated_at', 'desc')
    .limit(limit)
    .execute();
}
