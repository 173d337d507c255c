import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VARIABLES, type VariableValues, checkTemplate, describeProblem, formatInstant, renderTemplate } from './variables.js';

describe('checkTemplate', () => {
  it.each([
    ['no variables', 'Hello, we are on it.', [], []],
    ['one variable', 'Case {{case.number}} is open.', ['case.number'], []],
    ['spaces inside the braces', 'Dear {{ account.name }},', ['account.name'], []],
    ['each variable once, in order of first use', '{{case.number}} {{agent.name}} {{case.number}}', ['case.number', 'agent.name'], []],
    ['Chinese text around variables', '您好 {{account.name}}，工单 {{case.number}} 已处理。', ['account.name', 'case.number'], []],
    ['single braces are text', 'JSON {"a": 1} and {x}', [], []],
    ['a misspelt variable', 'Dear {{acount.name}}', [], ['unknown variable {{acount.name}} (did you mean {{account.name}}?)']],
    ['an unknown variable with no near name', '{{weather.today}}', [], ['unknown variable {{weather.today}}']],
    ['not a name', 'x {{ 1case }} y', [], ['{{ 1case }} is not a variable name (letters and digits joined by dots, e.g. {{case.number}})']],
    ['empty braces', '{{}}', [], ['{{}} is not a variable name (letters and digits joined by dots, e.g. {{case.number}})']],
    ['an unclosed opener', 'Dear {{account.name', [], ['"{{" at character 6 is never closed with "}}"']],
    ['an opener inside an opener', '{{case.{{number}}', [], ['"{{" at character 1 is never closed with "}}"', 'unknown variable {{number}}']],
    ['a stray closer', 'done }} here', [], ['"}}" at character 6 closes nothing']],
    ['a closer after a variable', '{{case.number}} }}', ['case.number'], ['"}}" at character 17 closes nothing']],
  ])('%s', (_, body, variables, problems) => {
    const result = checkTemplate(body);
    expect(result.variables).toEqual(variables);
    expect(result.problems.map(describeProblem)).toEqual(problems);
  });

  it('accepts every catalogued variable', () => {
    const body = VARIABLES.map((v) => `{{${v.name}}}`).join(' ');
    expect(checkTemplate(body)).toEqual({ variables: VARIABLES.map((v) => v.name), problems: [] });
  });
});

describe('renderTemplate', () => {
  const due = new Date('2026-11-24T09:00:00Z');
  const values: VariableValues = { 'account.name': 'Kedai Siti', 'case.number': 'ESC-000042', 'case.dueAt': due, 'agent.name': 'Wei Chen', 'team.name': null };

  it.each([
    ['en', 'Asia/Kuala_Lumpur', 'Due {{case.dueAt}}', 'Due 24 November 2026 at 17:00 GMT+8'],
    ['ms', 'Asia/Kuala_Lumpur', 'Tarikh akhir {{case.dueAt}}', 'Tarikh akhir 24 November 2026 pada 5:00 PTG MYT'],
    ['zh', 'Asia/Shanghai', '截止 {{case.dueAt}}', '截止 2026年11月24日 GMT+8 17:00'],
    ['en', 'Europe/London', 'Due {{case.dueAt}}', 'Due 24 November 2026 at 09:00 GMT'],
  ] as const)('formats dates in the language (%s) and the reader’s zone (%s)', (language, zone, body, expected) => {
    expect(renderTemplate(body, values, language, zone)).toEqual({ body: expected, missing: [] });
  });

  it('fills text values and lists those the case lacks, rendering them empty', () => {
    expect(renderTemplate('Hi {{ account.name }}, {{case.number}} ({{team.name}}{{requester.name}}) — {{agent.name}} {{team.name}}', values, 'en', 'UTC')).toEqual({
      body: 'Hi Kedai Siti, ESC-000042 () — Wei Chen ',
      missing: ['team.name', 'requester.name'],
    });
  });

  it('keeps text that is not a variable as written', () => {
    expect(renderTemplate('a {{ 1x }} b {{ c', values, 'en', 'UTC').body).toBe('a {{ 1x }} b {{ c');
  });

  it('formatInstant crosses the date line with the zone', () => {
    expect(formatInstant(new Date('2026-11-24T20:00:00Z'), 'en', 'Asia/Kuala_Lumpur')).toBe('25 November 2026 at 04:00 GMT+8');
  });
});

describe('properties', () => {
  const names = VARIABLES.map((v) => v.name);
  const plain = fc.string({ maxLength: 20 }).filter((s) => !s.includes('{') && !s.includes('}'));
  const part = fc.oneof(plain.map((text) => ({ text })), fc.constantFrom(...names).map((variable) => ({ variable })));
  const bodies = fc.array(part, { maxLength: 12 });
  const toBody = (parts: Array<{ text: string } | { variable: string }>) => parts.map((p) => ('text' in p ? p.text : `{{${p.variable}}}`)).join('');

  it('a body built from text and known variables has no problems and lists exactly its variables', () => {
    fc.assert(
      fc.property(bodies, (parts) => {
        const { variables, problems } = checkTemplate(toBody(parts));
        expect(problems).toEqual([]);
        expect(new Set(variables)).toEqual(new Set(parts.flatMap((p) => ('variable' in p ? [p.variable] : []))));
      }),
    );
  });

  it('rendering replaces each variable by its value and keeps the text between them', () => {
    const valueArb = fc.dictionary(fc.constantFrom(...names.filter((n) => !n.endsWith('At'))), plain.filter((s) => s.length > 0));
    fc.assert(
      fc.property(bodies, valueArb, (parts, vals) => {
        const values = vals as VariableValues;
        const expected = parts.map((p) => ('text' in p ? p.text : ((values as Record<string, string>)[p.variable] ?? ''))).join('');
        const result = renderTemplate(toBody(parts), values, 'en', 'UTC');
        expect(result.body).toBe(expected);
        expect(new Set(result.missing)).toEqual(new Set(parts.flatMap((p) => ('variable' in p && !(values as Record<string, string>)[p.variable] ? [p.variable] : []))));
      }),
    );
  });

  it('never throws, and any text without braces renders as itself', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => void checkTemplate(s)));
    fc.assert(fc.property(plain, (s) => renderTemplate(s, {}, 'ms', 'UTC').body === s));
  });

  it('an unbalanced opener is always reported', () => {
    fc.assert(fc.property(plain, plain, (a, b) => checkTemplate(`${a}{{${b}`).problems.some((p) => p.kind === 'unclosed')));
  });
});
