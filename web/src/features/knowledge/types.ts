// Shapes of the knowledge API (issue 7 contract), as the server sends them.
import type { PersonRef, TeamRefLite } from '../cases/types';

export const ARTICLE_STATUSES = ['draft', 'in_review', 'published', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** The languages an article may be written in, in the order the UI offers them. */
export const ARTICLE_LANGUAGES = ['en', 'zh', 'ms'] as const;
export type ArticleLanguage = (typeof ARTICLE_LANGUAGES)[number];

export interface Variant {
  title: string;
  /** Markdown as written. */
  body: string;
  /** The body rendered and sanitised on the server: the only HTML the UI inserts. */
  html: string;
}

export interface ArticleUsage {
  cases: number;
  helped: number;
  lastUsedAt: string | null;
}

/** What an article and its summary in lists share. */
interface ArticleHead {
  id: string;
  number: string;
  status: ArticleStatus;
  version: number;
  /** A category code. */
  category: string | null;
  tags: string[];
  team: TeamRefLite | null;
  updatedAt: string;
  usage: ArticleUsage;
}

export interface Article extends ArticleHead {
  sourceCase: { id: string; number: string } | null;
  variants: Partial<Record<ArticleLanguage, Variant>>;
  createdBy: PersonRef | null;
  updatedBy: PersonRef | null;
  createdAt: string;
  submittedAt: string | null;
  publishedAt: string | null;
  archivedAt: string | null;
  /** What the caller may do with this article now, decided by the server. */
  abilities: ArticleAbilities;
}

export interface ArticleAbilities {
  edit: boolean;
  submit: boolean;
  publish: boolean;
  archive: boolean;
  restore: boolean;
  /** Versions, diff and the cases that used it. */
  history: boolean;
}

export interface ArticleSummary extends ArticleHead {
  title: string;
  /** The language of the title shown. */
  language: string;
  /** True when the title is not in the language asked for. */
  fallback: boolean;
}

export interface VariantInput {
  title: string;
  body: string;
}

export interface ArticleInput {
  category?: string | null;
  tags?: string[];
  team?: string | null;
  variants: Partial<Record<ArticleLanguage, VariantInput>>;
}

/** A PATCH: `version` is the one edited; a language set to null is removed. */
export interface ArticlePatch {
  version: number;
  category?: string | null;
  tags?: string[];
  team?: string | null;
  variants?: Partial<Record<ArticleLanguage, VariantInput | null>>;
}

export type ArticleAction = 'submit' | 'publish' | 'archive' | 'restore';

export interface ArticleVersion {
  version: number;
  savedBy: PersonRef | null;
  savedAt: string;
  languages: string[];
}

export interface DiffPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export interface ArticleDiff {
  from: number;
  to: number;
  /** Only the fields that changed: `zh.title`, `en.body`, `category`, `tags`, `team` … */
  changes: { field: string; parts: DiffPart[] }[];
}

export type SearchType = 'article' | 'case';

export interface SearchHit {
  type: SearchType;
  id: string;
  number: string;
  /** Articles: the variant that matched best. */
  title: string;
  titleHighlights: [number, number][];
  /** Plain text around the first match. */
  snippet: string;
  /** [start, end) UTF-16 offsets into `snippet`. */
  highlights: [number, number][];
  status: string;
  language: string;
  updatedAt: string;
}

/** Why a suggestion was made: the shared words (as written in the source text) and more. */
export interface SuggestionWhy {
  terms: string[];
  sameCategory: boolean;
  helped?: number;
  sameAccount?: boolean;
}

export interface SuggestedArticle {
  id: string;
  number: string;
  title: string;
  language: string;
  status: ArticleStatus;
  why: SuggestionWhy;
}

export interface SuggestedCase {
  id: string;
  number: string;
  title: string;
  resolvedAt: string | null;
  why: SuggestionWhy;
}

export interface Suggestions {
  articles: SuggestedArticle[];
  cases: SuggestedCase[];
}

export interface CaseArticleLink {
  article: ArticleSummary;
  linkedAt: string;
  linkedBy: PersonRef | null;
  /** null: nobody said yet. */
  helped: boolean | null;
}

/** A case that used the article. */
export interface ArticleCase {
  case: { id: string; number: string; title: string; status: string };
  linkedAt: string;
  helped: boolean | null;
}
