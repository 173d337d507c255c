import type { Locale } from '../../app/types';
import type { PersonRef } from '../cases/types';

/** A response template as the server sends it. */
export interface Template {
  id: string;
  name: string;
  language: Locale;
  /** A category code (the template also serves its subcategories), or null for any. */
  category: string | null;
  body: string;
  /** The variables the body uses, found when it was saved. */
  variables: string[];
  active: boolean;
  createdBy: PersonRef | null;
  updatedBy: PersonRef | null;
  createdAt: string;
  updatedAt: string;
}

export interface TemplateInput {
  name: string;
  language: Locale;
  category: string | null;
  body: string;
  active: boolean;
}

export interface TemplateVariable {
  name: string;
  kind: 'text' | 'date';
  example: string;
}

export interface RenderedTemplate {
  body: string;
  /** Variables this case has no value for: they rendered empty. */
  missing: string[];
  language: Locale;
  timeZone: string;
}

export interface TemplateFilter {
  language?: Locale;
  category?: string;
  active?: boolean;
}
