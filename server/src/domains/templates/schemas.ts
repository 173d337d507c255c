import { Type } from 'typebox';
import { LOCALES } from '../../db/schema.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Person = Type.Object({ id: Type.String(), displayName: Type.String() });
const CategoryCode = Type.String({ pattern: '^[a-z0-9-]+(/[a-z0-9-]+)?$', maxLength: 80, description: 'a category code; the template also serves its subcategories' });

const Name = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });
const Body = Type.String({ minLength: 1, maxLength: 10_000, pattern: '\\S', description: 'the reply, with {{variables}} (GET /templates/variables)' });

export const TemplateCreate = Type.Object(
  {
    name: Name,
    language: Type.Enum([...LOCALES]),
    category: Type.Optional(Nullable(CategoryCode)),
    body: Body,
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const TemplatePatch = Type.Object(
  {
    name: Type.Optional(Name),
    language: Type.Optional(Type.Enum([...LOCALES])),
    category: Type.Optional(Nullable(CategoryCode)),
    body: Type.Optional(Body),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const Template = Type.Object({
  id: Type.String(),
  name: Type.String(),
  language: Type.Enum([...LOCALES]),
  category: Nullable(Type.String()),
  body: Type.String(),
  variables: Type.Array(Type.String(), { description: 'the variables the body uses, as found when it was saved' }),
  active: Type.Boolean(),
  createdBy: Nullable(Person),
  updatedBy: Nullable(Person),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const TemplateQuery = Type.Object(
  {
    language: Type.Optional(Type.Enum([...LOCALES])),
    category: Type.Optional(Type.String({ ...CategoryCode, description: "a case's category: templates for it, its parent, and those for any category" })),
    active: Type.Optional(Type.Boolean({ description: 'only active (true) or deactivated (false) templates; both when absent' })),
  },
  { additionalProperties: false },
);

export const VariablesQuery = Type.Object(
  { language: Type.Optional(Type.Enum([...LOCALES], { description: "the examples' language (default: yours)" })) },
  { additionalProperties: false },
);
export const Variable = Type.Object({
  name: Type.String(),
  kind: Type.Enum(['text', 'date'], { description: 'date: an instant, written in the template’s language and the reader’s time zone' }),
  example: Type.String(),
});

export const RenderParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 60, description: 'case id or number (ESC-000123)' }),
  templateId: Type.String({ format: 'uuid' }),
});
export const Rendered = Type.Object({
  body: Type.String(),
  missing: Type.Array(Type.String(), { description: 'variables this case has no value for (rendered empty)' }),
  language: Type.Enum([...LOCALES]),
  timeZone: Type.String({ description: 'the zone dates were written in: the account region’s, else the organisation’s' }),
});

export const PreviewBody = Type.Object({ body: Body, language: Type.Enum([...LOCALES]) }, { additionalProperties: false });
export const Preview = Type.Object({
  body: Type.String({ description: 'the draft filled in with example values' }),
  variables: Type.Array(Type.String()),
});
