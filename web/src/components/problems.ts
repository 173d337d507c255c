import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api';
import type { FieldProblem } from '../app/types';

/** Conflicts that concern one input, and the input they belong to. */
const CONFLICT_FIELD: Record<string, string> = { email_taken: 'email', team_name_taken: 'name' };

/**
 * How a form names its inputs from the server's field paths: by the top-level field
 * (`teamIds.0` → `teamIds`), or by the whole path (`fields.withdrawalId`, `account.externalId`)
 * for forms with nested inputs.
 */
export type FieldNaming = 'top' | 'path';

/**
 * A sentence for the person, in the UI language. Stable error codes we know get our own
 * wording; anything else shows what the server said rather than a vague "error".
 */
export function problemMessage(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('problem.network');
  const key = `problem.${error.code}`;
  if (t(key, { defaultValue: '' })) return t(key);
  return error.problem.detail ?? error.problem.title;
}

/**
 * One field complaint in the UI language: by its stable code when we have words for it,
 * otherwise the server's English message.
 */
export function fieldMessage(problem: FieldProblem, t: TFunction): string {
  const key = `fieldError.${problem.code ?? ''}`;
  if (problem.code && t(key, { defaultValue: '' })) return t(key, problem.params ?? {});
  return problem.message;
}

/** Field-level complaints keyed by input name; conflicts are pinned to their input. */
export function fieldErrors(error: unknown, t: TFunction, naming: FieldNaming = 'top'): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const byField: Record<string, string> = {};
  for (const problem of error.problem.errors ?? []) byField[inputName(problem.field, naming)] ??= fieldMessage(problem, t);
  const conflictField = CONFLICT_FIELD[error.code];
  if (conflictField) byField[conflictField] = t(`problem.${error.code}`);
  return byField;
}

/** True when every complaint in the error is shown next to one of the form's inputs. */
export function isFieldOnly(error: unknown, shownFields: readonly string[], naming: FieldNaming = 'top'): boolean {
  if (!(error instanceof ApiError)) return false;
  const fields = (error.problem.errors ?? []).map((problem) => inputName(problem.field, naming));
  const conflictField = CONFLICT_FIELD[error.code];
  if (conflictField) fields.push(conflictField);
  return fields.length > 0 && fields.every((field) => shownFields.includes(field));
}

// Servers name nested fields as paths ("/teamIds/0", "teamIds.0", "/account/externalId").
export function inputName(field: string, naming: FieldNaming = 'top'): string {
  const parts = field
    .replace(/^\/+/, '')
    .split(/[./[\]]/)
    .filter((part) => part !== '');
  if (naming === 'top') return parts[0] ?? field;
  return parts.join('.') || field;
}

/**
 * Field errors of the last failed save, minus the fields edited since: once a person
 * fixes an input its complaint goes away, while the others stay until the next save.
 */
export function useFieldErrors(
  error: unknown,
  naming: FieldNaming = 'top',
): { errors: Record<string, string>; edited: (field: string) => void } {
  const { t } = useTranslation();
  const [editedSince, setEditedSince] = useState<{ error: unknown; fields: ReadonlySet<string> }>({
    error,
    fields: new Set(),
  });
  const fields = editedSince.error === error ? editedSince.fields : new Set<string>();
  const all = fieldErrors(error, t, naming);
  const errors = Object.fromEntries(Object.entries(all).filter(([field]) => !fields.has(field)));
  const edited = (field: string) => {
    if (all[field] && !fields.has(field)) setEditedSince({ error, fields: new Set(fields).add(field) });
  };
  return { errors, edited };
}
