import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import { FIELD_GROUPS, IMPORT_FIELDS, guessMapping, mapParam, mappingProblems, mappingWarnings } from './fields';

describe('guessMapping', () => {
  it('matches common help desk headers whatever their case and punctuation', () => {
    const header = ['Ticket ID', 'Subject', 'Created At', 'STATUS', 'priority', 'Category', 'Agent', 'Group', 'Satisfaction', 'Requester Email'];
    expect(guessMapping(header)).toEqual({
      externalId: 'Ticket ID',
      title: 'Subject',
      createdAt: 'Created At',
      status: 'STATUS',
      priority: 'priority',
      category: 'Category',
      assignee: 'Agent',
      team: 'Group',
      csat: 'Satisfaction',
      accountEmail: 'Requester Email',
    });
  });

  it('takes "ID" and "Created" too, and gives each column to one field only', () => {
    expect(guessMapping(['ID', 'Created', 'Assignee', 'Team', 'CSAT', 'Requester ID'])).toEqual({
      externalId: 'ID',
      createdAt: 'Created',
      assignee: 'Assignee',
      team: 'Team',
      csat: 'CSAT',
      accountExternalId: 'Requester ID',
    });
    expect(guessMapping(['ticket_id', 'externalId'])).toEqual({ externalId: 'externalId' });
  });

  it('leaves columns it does not recognise unmapped', () => {
    expect(guessMapping(['Foo', 'Bar', ''])).toEqual({});
  });

  it('maps only one of the first-response fields', () => {
    const mapping = guessMapping(['id', 'First response at', 'First reply time in minutes']);
    expect(mapping.firstResponseAt).toBe('First response at');
    expect(mapping.firstResponseMinutes).toBeUndefined();
  });
});

describe('mapParam', () => {
  it('writes field=Column pairs in field order, escaping commas in column names', () => {
    expect(mapParam({ title: 'Subject, short', externalId: 'Ticket ID' })).toBe('externalId=Ticket ID,title=Subject\\, short');
  });
});

describe('mapping checks', () => {
  it('needs externalId and at most one first-response field', () => {
    expect(mappingProblems({})).toEqual(['externalIdMissing']);
    expect(mappingProblems({ externalId: 'id', firstResponseAt: 'a', firstResponseMinutes: 'b' })).toEqual(['firstResponseBoth']);
    expect(mappingProblems({ externalId: 'id' })).toEqual([]);
  });

  it('warns when every row would lack a category or an account', () => {
    expect(mappingWarnings({ externalId: 'id' })).toEqual(['categoryMissing', 'accountMissing']);
    expect(mappingWarnings({ externalId: 'id', category: 'c', accountEmail: 'e' })).toEqual([]);
  });
});

describe('field groups and names', () => {
  it('show every importable field exactly once', () => {
    const grouped = FIELD_GROUPS.flatMap((group) => group.fields);
    expect([...grouped].sort()).toEqual([...IMPORT_FIELDS].sort());
  });

  it('have a label and a hint for every field and a title for every group', () => {
    const { field, fieldHint, group } = en.imports as unknown as Record<string, Record<string, string>>;
    expect(IMPORT_FIELDS.filter((name) => !field?.[name] || !fieldHint?.[name])).toEqual([]);
    expect(FIELD_GROUPS.filter(({ key }) => !group?.[key])).toEqual([]);
  });
});
