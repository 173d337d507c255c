import { Type } from 'typebox';
import { LOCALES } from '../../db/schema.js';

const ARTICLE_STATUSES = ['draft', 'in_review', 'published', 'archived'] as const;
const CommaList = (values: readonly string[]) =>
  Type.String({ pattern: `^(${values.join('|')})(,(${values.join('|')}))*$`, description: `comma-separated: ${values.join(', ')}` });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const SearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 200, description: 'Chinese: any two or more characters, found anywhere; Malay/English: whole words, any case and accents' }),
    types: Type.String({ ...CommaList(['article', 'case']), default: 'article,case' }),
    lang: Type.Optional(Type.Enum([...LOCALES], { description: 'articles in this language rank first (default: your locale)' })),
    status: Type.Optional(Type.String({ ...CommaList(ARTICLE_STATUSES), description: "article statuses (staff; default all but archived; others see published only)" })),
    limit: Type.Integer({ minimum: 1, maximum: 50, default: 20 }),
  },
  { additionalProperties: false },
);

const Range = Type.Tuple([Type.Integer(), Type.Integer()], { description: '[start, end): UTF-16 offsets' });

export const SearchResults = Type.Object({
  items: Type.Array(
    Type.Object({
      type: Type.Enum(['article', 'case']),
      id: Type.String(),
      number: Type.String({ description: 'KB-00012 or ESC-000123' }),
      title: Type.String({ description: 'articles: the variant that matched best' }),
      titleHighlights: Type.Array(Range, { description: 'where the query is in the title' }),
      snippet: Type.String({ description: 'plain text around the first match (… where cut)' }),
      highlights: Type.Array(Range, { description: 'where the query is in the snippet' }),
      status: Type.String({ description: "the article's or the case's status" }),
      language: Type.Enum([...LOCALES]),
      updatedAt: Type.String({ format: 'date-time' }),
    }),
  ),
});

const Why = Type.Object({
  terms: Type.Array(Type.String(), { description: 'shared words / Chinese words, as written in this case' }),
  sameCategory: Type.Boolean({ description: 'the same category, or its parent' }),
  helped: Type.Optional(Type.Integer({ description: 'articles: cases it helped' })),
  sameAccount: Type.Optional(Type.Boolean({ description: 'cases: about the same account' })),
});

export const Suggestions = Type.Object({
  articles: Type.Array(
    Type.Object({ id: Type.String(), number: Type.String(), title: Type.String(), language: Type.Enum([...LOCALES]), status: Type.String(), why: Why }),
    { maxItems: 5 },
  ),
  cases: Type.Array(
    Type.Object({ id: Type.String(), number: Type.String(), title: Type.String(), resolvedAt: Nullable(Type.String({ format: 'date-time' })), why: Why }),
    { maxItems: 5 },
  ),
});
