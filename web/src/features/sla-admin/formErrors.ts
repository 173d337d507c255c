import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { fieldErrors, inputName } from '../../components/problems';

/**
 * The complaint for an input: its own, or the first about a part of it (the holiday's
 * blocks input shows `holidays.3.blocks.0`).
 */
export function errorAt(errors: Record<string, string>, key: string): string | undefined {
  if (errors[key]) return errors[key];
  const part = Object.keys(errors).find((field) => field.startsWith(`${key}.`));
  return part === undefined ? undefined : errors[part];
}

/** True when the form shows every field complaint of the error next to an input. */
export function isShownInForm(error: unknown, isShown: (field: string) => boolean): boolean {
  if (!(error instanceof ApiError)) return false;
  const fields = (error.problem.errors ?? []).map((problem) => inputName(problem.field, 'path'));
  return fields.length > 0 && fields.every(isShown);
}

/**
 * Field complaints of the last failed save by path (`week.mon.1`), minus those the person
 * has since dealt with. Unlike useFieldErrors it clears many at once (a day's blocks shift
 * when one is removed, so all of that day's complaints go).
 */
export function useFormErrors(error: unknown): { errors: Record<string, string>; clear: (touched: (field: string) => boolean) => void } {
  const { t } = useTranslation();
  const [cleared, setCleared] = useState<{ error: unknown; fields: ReadonlySet<string> }>({ error, fields: new Set() });
  const fields = cleared.error === error ? cleared.fields : new Set<string>();
  const all = fieldErrors(error, t, 'path');
  const errors = Object.fromEntries(Object.entries(all).filter(([field]) => !fields.has(field)));
  const clear = (touched: (field: string) => boolean) =>
    setCleared((previous) => {
      const before = previous.error === error ? previous.fields : new Set<string>();
      const more = Object.keys(all).filter((field) => !before.has(field) && touched(field));
      return more.length ? { error, fields: new Set([...before, ...more]) } : previous;
    });
  return { errors, clear };
}

/**
 * A draft form's complaints: its own (found before saving, worded by `words`) over the
 * server's. `forget` drops those about fields the person just changed, and their parts
 * (`holidays.3` takes `holidays.3.blocks.0` with it); `forgetExactly` only the field itself.
 */
export function useDraftErrors<Problem extends string>(saveError: unknown, words: (problem: Problem) => string) {
  const { errors: serverErrors, clear } = useFormErrors(saveError);
  const [problems, setProblems] = useState<Record<string, Problem>>({});
  const errors: Record<string, string> = {
    ...serverErrors,
    ...Object.fromEntries(Object.entries(problems).map(([key, problem]) => [key, words(problem as Problem)])),
  };
  const drop = (touched: (key: string) => boolean) => {
    clear(touched);
    setProblems((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !touched(key))) as Record<string, Problem>);
  };
  return {
    errors,
    errorOf: (key: string) => errorAt(errors, key),
    hasProblems: Object.keys(problems).length > 0,
    setProblems,
    forget: (...fields: string[]) => drop((key) => fields.some((field) => key === field || key.startsWith(`${field}.`))),
    forgetExactly: (field: string) => drop((key) => key === field),
  };
}

/** A long form: bring the first input marked wrong into view once React has drawn it. */
export function showFirstProblem(form: HTMLFormElement): void {
  requestAnimationFrame(() => form.querySelector('[aria-invalid="true"]')?.scrollIntoView({ block: 'center', behavior: 'smooth' }));
}
