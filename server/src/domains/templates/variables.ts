// Response-template text: the variables a template may use, checking a body when it is saved,
// and filling it in for a case. Pure: no I/O, so it is tested by tables and properties.
import type { Locale } from '../../db/schema.js';

/** What a template may say about a case; `date` values are instants formatted for the reader. */
export const VARIABLES = [
  { name: 'account.name', kind: 'text' },
  { name: 'account.contactName', kind: 'text' },
  { name: 'case.number', kind: 'text' },
  { name: 'case.title', kind: 'text' },
  { name: 'case.category', kind: 'text' },
  { name: 'case.priority', kind: 'text' },
  { name: 'case.dueAt', kind: 'date' },
  { name: 'case.firstResponseDueAt', kind: 'date' },
  { name: 'agent.name', kind: 'text' },
  { name: 'requester.name', kind: 'text' },
  { name: 'team.name', kind: 'text' },
] as const;
export type VariableName = (typeof VARIABLES)[number]['name'];
const KNOWN = new Set<string>(VARIABLES.map((v) => v.name));

/** A value per variable; null (or empty) means the case has none, so it renders empty and is reported missing. */
export type VariableValues = Partial<Record<VariableName, string | Date | null>>;

export type TemplateProblem =
  | { kind: 'unknown_variable'; variable: string; offset: number; suggestion?: string }
  | { kind: 'invalid_variable'; text: string; offset: number }
  | { kind: 'unclosed'; offset: number }
  | { kind: 'unopened'; offset: number };

type Piece = { text: string } | { variable: string; offset: number };

/** `{{ name }}`: letters and digits in dot-separated parts, spaces allowed inside the braces. */
const NAME = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/;

/** Splits a body into text and `{{variable}}` pieces, with every syntax problem found on the way. */
function scan(body: string): { pieces: Piece[]; problems: TemplateProblem[] } {
  const pieces: Piece[] = [];
  const problems: TemplateProblem[] = [];
  let text = '';
  let i = 0;
  const strayClosers = (from: number, to: number) => {
    for (let j = body.indexOf('}}', from); j !== -1 && j + 2 <= to; j = body.indexOf('}}', j + 2)) problems.push({ kind: 'unopened', offset: j });
  };
  while (i < body.length) {
    const open = body.indexOf('{{', i);
    if (open === -1) {
      strayClosers(i, body.length);
      text += body.slice(i);
      break;
    }
    strayClosers(i, open);
    text += body.slice(i, open);
    const close = body.indexOf('}}', open + 2);
    const reopen = body.indexOf('{{', open + 2);
    if (close === -1 || (reopen !== -1 && reopen < close)) {
      // `{{` with no `}}` before the next `{{` (or the end): keep it as text, report it.
      problems.push({ kind: 'unclosed', offset: open });
      text += '{{';
      i = open + 2;
      continue;
    }
    const inner = body.slice(open + 2, close).trim();
    if (NAME.test(inner)) {
      if (text) pieces.push({ text });
      text = '';
      pieces.push({ variable: inner, offset: open });
    } else {
      problems.push({ kind: 'invalid_variable', text: body.slice(open, close + 2), offset: open });
      text += body.slice(open, close + 2);
    }
    i = close + 2;
  }
  if (text) pieces.push({ text });
  return { pieces, problems };
}

/** Levenshtein distance, for "did you mean" on a misspelt variable. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

function suggest(name: string): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const v of VARIABLES) {
    const d = distance(name.toLowerCase(), v.name.toLowerCase());
    if (d <= 3 && (!best || d < best.d)) best = { name: v.name, d };
  }
  return best?.name;
}

/** The variables a body uses (each once, in order of first use) and every problem with it. */
export function checkTemplate(body: string): { variables: VariableName[]; problems: TemplateProblem[] } {
  const { pieces, problems } = scan(body);
  const variables: VariableName[] = [];
  for (const piece of pieces) {
    if (!('variable' in piece)) continue;
    if (!KNOWN.has(piece.variable)) {
      const suggestion = suggest(piece.variable);
      problems.push({ kind: 'unknown_variable', variable: piece.variable, offset: piece.offset, ...(suggestion ? { suggestion } : {}) });
    } else if (!variables.includes(piece.variable as VariableName)) variables.push(piece.variable as VariableName);
  }
  problems.sort((a, b) => a.offset - b.offset);
  return { variables, problems };
}

/** A problem in English, naming the variable as written (`unknown variable {{acount.name}}`). */
export function describeProblem(p: TemplateProblem): string {
  switch (p.kind) {
    case 'unknown_variable':
      return `unknown variable {{${p.variable}}}${p.suggestion ? ` (did you mean {{${p.suggestion}}}?)` : ''}`;
    case 'invalid_variable':
      return `${p.text} is not a variable name (letters and digits joined by dots, e.g. {{case.number}})`;
    case 'unclosed':
      return `"{{" at character ${p.offset + 1} is never closed with "}}"`;
    case 'unopened':
      return `"}}" at character ${p.offset + 1} closes nothing`;
  }
}

const DATE_LOCALES: Record<Locale, string> = { en: 'en-GB', zh: 'zh-CN', ms: 'ms-MY' };

/** An instant as the reader says it: day, month name, year and time in their zone, with the zone's short name. */
export function formatInstant(at: Date, language: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(DATE_LOCALES[language], {
    day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short',
  }).format(at);
}

/**
 * Fills a saved body in: each variable becomes its value (dates formatted in `language` and
 * `timeZone`); a variable without a value renders empty and is listed in `missing`. Text that
 * is not a valid variable (it cannot be, once saved) is kept as written.
 */
export function renderTemplate(body: string, values: VariableValues, language: Locale, timeZone: string): { body: string; missing: string[] } {
  const { pieces } = scan(body);
  const missing: string[] = [];
  let out = '';
  for (const piece of pieces) {
    if ('text' in piece) {
      out += piece.text;
      continue;
    }
    const value = KNOWN.has(piece.variable) ? values[piece.variable as VariableName] : undefined;
    const text = value instanceof Date ? formatInstant(value, language, timeZone) : (value ?? '');
    if (text === '' && !missing.includes(piece.variable)) missing.push(piece.variable);
    out += text;
  }
  return { body: out, missing };
}
