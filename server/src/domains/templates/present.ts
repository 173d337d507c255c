import type { TemplateWithPeople } from './queries.js';

const person = (id: string | null, name: string | null) => (id ? { id, displayName: name ?? '' } : null);

/** A template as the API shows it. */
export function presentTemplate(row: TemplateWithPeople) {
  return {
    id: row.id,
    name: row.name,
    language: row.language,
    category: row.category_code,
    body: row.body,
    variables: row.variables,
    active: row.active,
    createdBy: person(row.created_by, row.created_by_name),
    updatedBy: person(row.updated_by, row.updated_by_name),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
export type TemplateView = ReturnType<typeof presentTemplate>;
