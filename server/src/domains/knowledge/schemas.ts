import { Type } from 'typebox';
import { LOCALES } from '../../db/schema.js';

const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const PersonRef = Type.Object({ id: Type.String(), displayName: Type.String() });
const Ref = Type.Object({ id: Type.String(), name: Type.String() });
// `\\S`: texts need at least one visible character.
const Visible = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });
const Status = Type.Enum(['draft', 'in_review', 'published', 'archived']);
const Language = Type.Enum([...LOCALES]);

export const ARTICLE_LIMITS = { title: 200, body: 50_000, tags: 20, tag: 40 } as const;

const VariantInput = Type.Object(
  { title: Visible(ARTICLE_LIMITS.title), body: Visible(ARTICLE_LIMITS.body) },
  { additionalProperties: false },
);
const Category = Type.String({ minLength: 1, maxLength: 120, description: 'category code' });
const Tags = Type.Array(Visible(ARTICLE_LIMITS.tag), { maxItems: ARTICLE_LIMITS.tags });
const Team = Type.String({ format: 'uuid', description: 'owner team id' });

export const ArticleCreate = Type.Object(
  {
    category: Type.Optional(Nullable(Category)),
    tags: Type.Optional(Tags),
    team: Type.Optional(Nullable(Team)),
    variants: Type.Object(
      { en: Type.Optional(VariantInput), zh: Type.Optional(VariantInput), ms: Type.Optional(VariantInput) },
      { additionalProperties: false, minProperties: 1, description: 'the texts per language (Markdown bodies); at least one' },
    ),
  },
  { additionalProperties: false },
);

export const ArticlePatch = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'the version edited; 409 stale_version if another save came first' }),
    category: Type.Optional(Nullable(Category)),
    tags: Type.Optional(Tags),
    team: Type.Optional(Nullable(Team)),
    variants: Type.Optional(
      Type.Object(
        { en: Type.Optional(Nullable(VariantInput)), zh: Type.Optional(Nullable(VariantInput)), ms: Type.Optional(Nullable(VariantInput)) },
        { additionalProperties: false, description: 'replaces the languages given; null removes one (one must remain)' },
      ),
    ),
  },
  { additionalProperties: false },
);

const Variant = Type.Object({ title: Type.String(), body: Type.String({ description: 'Markdown' }), html: Type.String({ description: 'rendered and sanitised' }) });
const Usage = Type.Object({ cases: Type.Integer(), helped: Type.Integer(), lastUsedAt: Nullable(DateTime) });

// What an article and its summary both say first.
const Head = {
  id: Type.String(),
  number: Type.String(),
  status: Status,
  version: Type.Integer(),
  category: Nullable(Type.String({ description: 'category code' })),
  tags: Type.Array(Type.String()),
  team: Nullable(Ref),
};

export const Article = Type.Object({
  ...Head,
  sourceCase: Nullable(Type.Object({ id: Type.String(), number: Type.String() })),
  variants: Type.Object({ en: Type.Optional(Variant), zh: Type.Optional(Variant), ms: Type.Optional(Variant) }),
  createdBy: Nullable(PersonRef),
  updatedBy: Nullable(PersonRef),
  createdAt: DateTime,
  updatedAt: DateTime,
  submittedAt: Nullable(DateTime),
  publishedAt: Nullable(DateTime),
  archivedAt: Nullable(DateTime),
  usage: Usage,
  abilities: Type.Object(
    { edit: Type.Boolean(), submit: Type.Boolean(), publish: Type.Boolean(), archive: Type.Boolean(), restore: Type.Boolean(), history: Type.Boolean() },
    { description: 'what the caller may do with this article now' },
  ),
});

export const ArticleSummary = Type.Object({
  ...Head,
  title: Type.String(),
  language: Language,
  fallback: Type.Boolean({ description: 'the title is not in the language asked for' }),
  updatedAt: DateTime,
  usage: Usage,
});

export const ArticleParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 60, description: 'article id or number (KB-00012)' }) });
export const CaseParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 60, description: 'case id or number (ESC-000123)' }) });
export const CaseArticleParams = Type.Object({ id: CaseParams.properties.id, articleId: Type.String({ format: 'uuid' }) });

export const ArticleQuery = Type.Object(
  {
    status: Type.Optional(Status),
    category: Type.Optional(Type.String({ minLength: 1, maxLength: 120, description: 'a category code; its subcategories too' })),
    team: Type.Optional(Type.String({ format: 'uuid' })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'words in any language the article must contain' })),
    lang: Type.Optional(Language),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export const ArticlePage = Type.Object({ items: Type.Array(ArticleSummary), nextCursor: Nullable(Type.String()) });

export const VersionList = Type.Object({
  items: Type.Array(Type.Object({ version: Type.Integer(), savedBy: Nullable(PersonRef), savedAt: DateTime, languages: Type.Array(Language) })),
});
export const DiffQuery = Type.Object(
  { from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
export const Diff = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  changes: Type.Array(
    Type.Object({
      field: Type.String({ description: 'en.title, zh.body, …, category, tags, team' }),
      parts: Type.Array(Type.Object({ op: Type.Enum(['equal', 'insert', 'delete']), text: Type.String() })),
    }),
  ),
});

export const PreviewBody = Type.Object({ body: Type.String({ maxLength: ARTICLE_LIMITS.body }) }, { additionalProperties: false });
export const Preview = Type.Object({ html: Type.String() });

export const LinkBody = Type.Object(
  { articleId: Type.String({ format: 'uuid' }), helped: Type.Optional(Nullable(Type.Boolean())) },
  { additionalProperties: false },
);
export const LinkPatch = Type.Object({ helped: Nullable(Type.Boolean()) }, { additionalProperties: false });
export const CaseArticle = Type.Object({ article: ArticleSummary, linkedAt: DateTime, linkedBy: Nullable(PersonRef), helped: Nullable(Type.Boolean()) });
export const CaseArticleList = Type.Object({ items: Type.Array(CaseArticle) });
export const ArticleCaseList = Type.Object({
  items: Type.Array(
    Type.Object({
      case: Type.Object({ id: Type.String(), number: Type.String(), title: Type.String(), status: Type.String() }),
      linkedAt: DateTime,
      helped: Nullable(Type.Boolean()),
    }),
  ),
});
