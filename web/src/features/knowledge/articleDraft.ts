import { ARTICLE_LANGUAGES, type Article, type ArticleInput, type ArticleLanguage, type ArticlePatch, type Variant, type VariantInput } from './types';

/** What the edit page holds: every language's title and body, blank when not written. */
export interface ArticleDraft {
  category: string | null;
  tags: string[];
  team: string | null;
  variants: Record<ArticleLanguage, VariantInput>;
}

export function isArticleLanguage(value: string): value is ArticleLanguage {
  return (ARTICLE_LANGUAGES as readonly string[]).includes(value);
}

/**
 * The variant to read in `wanted`, or the first written one in the usual order (English,
 * Chinese, Malay); `fallback` says it is not the language asked for.
 */
export function pickVariant(
  variants: Article['variants'],
  wanted: string,
): { language: ArticleLanguage; variant: Variant; fallback: boolean } | null {
  const order = isArticleLanguage(wanted) ? [wanted, ...ARTICLE_LANGUAGES.filter((l) => l !== wanted)] : [...ARTICLE_LANGUAGES];
  for (const language of order) {
    const variant = variants[language];
    if (variant) return { language, variant, fallback: language !== wanted };
  }
  return null;
}

/** The languages an article is written in, in the UI's order. */
export function writtenLanguages(variants: Article['variants']): ArticleLanguage[] {
  return ARTICLE_LANGUAGES.filter((language) => variants[language] !== undefined);
}

const blank = (): VariantInput => ({ title: '', body: '' });

export function emptyDraft(): ArticleDraft {
  return { category: null, tags: [], team: null, variants: { en: blank(), zh: blank(), ms: blank() } };
}

export function toDraft(article: Article): ArticleDraft {
  const variants = emptyDraft().variants;
  for (const language of ARTICLE_LANGUAGES) {
    const variant = article.variants[language];
    if (variant) variants[language] = { title: variant.title, body: variant.body };
  }
  return { category: article.category, tags: [...article.tags], team: article.team?.id ?? null, variants };
}

/** A language counts as written once its title or body has any text. */
export function draftLanguages(draft: ArticleDraft): ArticleLanguage[] {
  return ARTICLE_LANGUAGES.filter((language) => hasText(draft.variants[language]));
}

function hasText(variant: VariantInput): boolean {
  return variant.title.trim() !== '' || variant.body.trim() !== '';
}

function trimmed(variant: VariantInput): VariantInput {
  return { title: variant.title.trim(), body: variant.body };
}

/** The POST body: only written languages; blank category and team left out. */
export function toCreateInput(draft: ArticleDraft): ArticleInput {
  const variants: ArticleInput['variants'] = {};
  for (const language of draftLanguages(draft)) variants[language] = trimmed(draft.variants[language]);
  return {
    variants,
    ...(draft.category ? { category: draft.category } : {}),
    ...(draft.tags.length ? { tags: draft.tags } : {}),
    ...(draft.team ? { team: draft.team } : {}),
  };
}

/**
 * The PATCH body for what changed since `article` (the version edited): changed languages,
 * null for a language emptied out, and changed category, tags, team. Null when nothing changed.
 */
export function toPatch(draft: ArticleDraft, article: Article): ArticlePatch | null {
  const patch: ArticlePatch = { version: article.version };
  const variants: NonNullable<ArticlePatch['variants']> = {};
  for (const language of ARTICLE_LANGUAGES) {
    const before = article.variants[language];
    const now = draft.variants[language];
    if (!hasText(now)) {
      if (before) variants[language] = null;
    } else if (!before || before.title !== now.title.trim() || before.body !== now.body) {
      variants[language] = trimmed(now);
    }
  }
  if (Object.keys(variants).length) patch.variants = variants;
  if ((draft.category ?? null) !== article.category) patch.category = draft.category;
  if (draft.tags.join('\u0000') !== article.tags.join('\u0000')) patch.tags = draft.tags;
  if ((draft.team ?? null) !== (article.team?.id ?? null)) patch.team = draft.team;
  return Object.keys(patch).length > 1 ? patch : null;
}

/** `zh.title` → the language and the part; other fields (category, tags, team) have no language. */
export function diffField(field: string): { language: ArticleLanguage | null; part: string } {
  const [first = field, ...rest] = field.split('.');
  if (rest.length && isArticleLanguage(first)) return { language: first, part: rest.join('.') };
  return { language: null, part: field };
}
