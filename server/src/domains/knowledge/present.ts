import { type ArticleTexts, LOCALES, type Locale } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { renderMarkdown } from './markdown.js';
import { articleAbilities } from './policy.js';
import type { ArticleWithRefs, VariantText } from './queries.js';

export function textsOf(variants: readonly Pick<VariantText, 'language' | 'title' | 'body'>[]): ArticleTexts {
  const texts: ArticleTexts = {};
  for (const v of variants) texts[v.language] = { title: v.title, body: v.body };
  return texts;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const person = (id: string | null, name: string | null) => (id ? { id, displayName: name ?? '' } : null);

/** What an article and its summary both say first. */
function head(row: ArticleWithRefs) {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    version: row.version,
    category: row.category_code,
    tags: row.tags,
    team: row.team_id ? { id: row.team_id, name: row.team_name ?? '' } : null,
  };
}

function usageOf(row: ArticleWithRefs) {
  return { cases: row.use_count, helped: row.helped_count, lastUsedAt: iso(row.last_used_at) };
}

/** An article with every language rendered to sanitised HTML, and what the caller may do with it. */
export function presentArticle(actor: Actor, row: ArticleWithRefs, variants: readonly VariantText[]) {
  const rendered: Partial<Record<Locale, { title: string; body: string; html: string }>> = {};
  for (const v of variants) rendered[v.language] = { title: v.title, body: v.body, html: renderMarkdown(v.body) };
  return {
    ...head(row),
    sourceCase: row.source_case_id ? { id: row.source_case_id, number: row.source_case_number ?? '' } : null,
    variants: rendered,
    createdBy: person(row.created_by, row.created_by_name),
    updatedBy: person(row.updated_by, row.updated_by_name),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    submittedAt: iso(row.submitted_at),
    publishedAt: iso(row.published_at),
    archivedAt: iso(row.archived_at),
    usage: usageOf(row),
    abilities: articleAbilities(actor, row),
  };
}
export type ArticleView = ReturnType<typeof presentArticle>;

/** The title to show in `language`, or the first other language present (marked as a fallback). */
export function titleIn(titles: ReadonlyMap<Locale, string>, language: Locale): { title: string; language: Locale; fallback: boolean } {
  const own = titles.get(language);
  if (own !== undefined) return { title: own, language, fallback: false };
  const other = LOCALES.find((l) => titles.has(l)) ?? language;
  return { title: titles.get(other) ?? '', language: other, fallback: true };
}

/** Titles per article, for summaries. */
export function titlesByArticle(rows: readonly { article_id: string; language: Locale; title: string }[]): Map<string, Map<Locale, string>> {
  const out = new Map<string, Map<Locale, string>>();
  for (const r of rows) {
    let m = out.get(r.article_id);
    if (!m) out.set(r.article_id, (m = new Map()));
    m.set(r.language, r.title);
  }
  return out;
}

export function presentSummary(row: ArticleWithRefs, titles: ReadonlyMap<Locale, string>, language: Locale) {
  return {
    ...head(row),
    ...titleIn(titles, language),
    updatedAt: row.updated_at.toISOString(),
    usage: usageOf(row),
  };
}
export type ArticleSummaryView = ReturnType<typeof presentSummary>;
