import type { TFunction } from 'i18next';
import { ApiError } from '../../app/api';
import { fieldMessage } from '../../components/problems';

/**
 * What the server found wrong with a template body, one sentence each in the UI language
 * (by `params.problem`: unknown_variable, invalid_variable, unclosed, unopened; else by the field error's code).
 */
export function bodyProblems(error: unknown, t: TFunction): string[] {
  if (!(error instanceof ApiError)) return [];
  return (error.problem.errors ?? [])
    .filter((problem) => problem.field === 'body')
    .map((problem) => {
      const params = problem.params ?? {};
      const kind = typeof params.problem === 'string' ? params.problem : '';
      const key = `templates.problem.${kind}`;
      if (!kind || !t(key, { defaultValue: '' })) return fieldMessage(problem, t);
      const position = typeof params.offset === 'number' ? params.offset + 1 : '';
      const message = t(key, { variable: `{{${String(params.variable ?? '').replace(/^\{\{|\}\}$/g, '')}}}`, position, open: '{{', close: '}}' });
      return params.suggestion ? `${message} ${t('templates.problem.suggestion', { variable: `{{${params.suggestion}}}` })}` : message;
    });
}
