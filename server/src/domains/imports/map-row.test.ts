import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ColumnIndexes, bindColumns, parseColumnMap } from './column-map.js';
import { type Directory, mapRow, newAgentFor, newCategoryFor, parseTimestamp } from './map-row.js';
import { PRIORITY_NAMES, STATUS_NAMES, lookupName } from './value-names.js';

describe('value names', () => {
  it.each([
    ['Critical', 'P1'], ['URGENT', 'P1'], ['high', 'P2'], ['Medium', 'P3'], ['normal', 'P3'], [' Low ', 'P4'], ['p2', 'P2'],
  ])('priority %j → %s', (name, priority) => expect(lookupName(PRIORITY_NAMES, name)).toBe(priority));

  it.each([
    ['Open', 'new'], ['NEW', 'new'], ['In Progress', 'in_progress'], ['in   progress', 'in_progress'], ['Pending', 'waiting_requester'],
    ['Waiting', 'waiting_requester'], ['On Hold', 'waiting_partner'], ['Escalated', 'in_progress'], ['Solved', 'resolved'],
    ['resolved', 'resolved'], ['Closed', 'closed'], ['Reopened', 'reopened'],
  ])('status %j → %s', (name, status) => expect(lookupName(STATUS_NAMES, name)).toBe(status));

  it.each(['Sev-0', 'constructor', '__proto__', ''])('unknown %j → undefined', (name) => {
    expect(lookupName(PRIORITY_NAMES, name)).toBeUndefined();
    expect(lookupName(STATUS_NAMES, name)).toBeUndefined();
  });
});

describe('parseTimestamp', () => {
  it.each([
    ['2024-03-01', '2024-03-01T00:00:00.000Z'],
    ['2024-03-01 09:30', '2024-03-01T09:30:00.000Z'],
    ['2024/3/1 09:30:15', '2024-03-01T09:30:15.000Z'],
    ['2024-03-01T09:30:15.5Z', '2024-03-01T09:30:15.500Z'],
    ['2024-03-01T17:30:00+08:00', '2024-03-01T09:30:00.000Z'],
    ['2024-03-01 04:30-0500', '2024-03-01T09:30:00.000Z'],
  ])('%s → %s', (text, iso) => expect(parseTimestamp(text)?.toISOString()).toBe(iso));

  it.each(['01/03/2024', '2024-02-30', '2024-13-01', '2024-03-01 24:00', 'yesterday', '1709280000'])('refuses %s', (text) => {
    expect(parseTimestamp(text)).toBeNull();
  });
});

describe('column map', () => {
  it('reads field=Column pairs, with \\, inside a column name', () => {
    expect(parseColumnMap('externalId=Ticket ID, title=Subject\\, short ,priority=Priority')).toEqual({
      externalId: 'Ticket ID',
      title: 'Subject, short',
      priority: 'Priority',
    });
  });

  it.each([
    ['title=Subject', /externalId must be mapped/],
    ['externalId=A,colour=B', /colour is not an importable field/],
    ['externalId=A,externalId=B', /mapped twice/],
    ['externalId', /is not field=Column/],
    ['externalId=A,firstResponseAt=B,firstResponseMinutes=C', /not both/],
  ])('refuses %j naming the map', (spec, message) => {
    expect(() => parseColumnMap(spec)).toThrow(message);
    try {
      parseColumnMap(spec);
    } catch (error) {
      expect((error as { errors: { field: string }[] }).errors[0]!.field).toBe('map');
    }
  });

  it('binds columns exactly, else ignoring case, and names a missing one', () => {
    expect(bindColumns({ externalId: 'ID', title: 'subject' }, ['ID', ' Subject '])).toEqual({ externalId: 0, title: 1 });
    expect(() => bindColumns({ externalId: 'Key' }, ['ID'])).toThrow(/externalId: the file has no column "Key"/);
  });
});

const directory: Directory = {
  categories: new Map([
    ['payments/payout-hold', { code: 'payments/payout-hold', leaf: true }],
    ['payout on hold', { code: 'payments/payout-hold', leaf: true }],
    ['payments', { code: 'payments', leaf: false }],
  ]),
  teams: new Map([
    ['payments desk', { id: 'team-1', kind: 'service' }],
    ['legal', { id: 'team-2', kind: 'partner' }],
  ]),
  users: new Map<string, { id: string; role: string } | 'ambiguous'>([
    ['ana@example.test', { id: 'user-1', role: 'specialist' }],
    ['ana lim', { id: 'user-1', role: 'specialist' }],
    ['lee', 'ambiguous'],
    ['req@example.test', { id: 'user-3', role: 'requester' }],
  ]),
  regions: new Set(['MY', 'SG', 'CN']),
};
const now = new Date('2025-01-01T00:00:00Z');
const COLUMNS = ['externalId', 'title', 'description', 'createdAt', 'firstResponseMinutes', 'resolvedAt', 'closedAt', 'status', 'priority',
  'category', 'csat', 'team', 'assignee', 'region', 'source', 'language', 'accountType', 'accountExternalId', 'accountName', 'accountEmail',
  'accountPhone', 'accountTier'] as const;
const columns = Object.fromEntries(COLUMNS.map((c, i) => [c, i])) as ColumnIndexes;
const base: Record<(typeof COLUMNS)[number], string> = {
  externalId: 'T-1', title: 'Payout held', description: 'My payout is on hold', createdAt: '2024-03-01 09:00', firstResponseMinutes: '',
  resolvedAt: '', closedAt: '', status: 'Open', priority: 'High', category: 'payments/payout-hold', csat: '', team: '', assignee: '',
  region: '', source: '', language: '', accountType: 'seller', accountExternalId: 'S-9', accountName: 'Shop', accountEmail: '', accountPhone: '', accountTier: '',
};
const map = (changes: Partial<typeof base>, createMissing = false) =>
  mapRow(COLUMNS.map((c) => ({ ...base, ...changes })[c]), columns, 7, directory, { createMissing, now });

describe('mapRow', () => {
  it('maps a plain row with defaults', () => {
    const { value, errors } = map({});
    expect(errors).toEqual([]);
    expect(value).toMatchObject({
      row: 7, externalId: 'T-1', status: 'new', priority: 'P2', categoryCode: 'payments/payout-hold', source: 'import', language: null,
      createdAt: new Date('2024-03-01T09:00:00Z'), account: { type: 'seller', externalId: 'S-9', name: 'Shop', tier: null },
    });
  });

  it.each([
    [{ status: 'Closed', resolvedAt: '2024-03-02 10:00' }, { status: 'closed', resolvedAt: new Date('2024-03-02T10:00:00Z'), closedAt: new Date('2024-03-02T10:00:00Z') }],
    [{ status: '', closedAt: '2024-03-03' }, { status: 'closed', resolvedAt: new Date('2024-03-03T00:00:00Z') }],
    [{ status: '', resolvedAt: '2024-03-03' }, { status: 'resolved', closedAt: null }],
    [{ title: '', description: '\n  First line\nsecond' }, { title: 'First line' }],
    [{ title: '', description: '' }, { title: 'Imported case T-1' }],
    [{ category: 'Payout on HOLD' }, { categoryCode: 'payments/payout-hold' }],
    [{ team: 'PAYMENTS desk', assignee: 'ANA@example.test' }, { team: { id: 'team-1' }, assignee: { id: 'user-1' } }],
    [{ assignee: 'Ana  Lim' }, { assignee: { id: 'user-1' } }],
    [{ region: 'my', language: 'Bahasa Melayu', source: 'E-mail', csat: '4', accountTier: 'VIP', accountType: 'Merchant' }, { language: 'ms', source: 'email', csat: 4, account: { region: 'MY', tier: 'vip', type: 'seller' } }],
    [{ accountExternalId: '', accountEmail: 'Shop@Example.test' }, { account: { externalId: 'shop@example.test', email: 'Shop@Example.test' } }],
    [{ firstResponseMinutes: '90' }, { firstResponseMinutes: 90 }],
  ] as [Partial<typeof base>, object][])('%j → %j', (changes, expected) => {
    const { value, errors } = map(changes);
    expect(errors).toEqual([]);
    expect(value).toMatchObject(expected);
  });

  it.each([
    [{ externalId: '' }, 'externalId', /is required/],
    [{ externalId: 'x'.repeat(121) }, 'externalId', /longer than 120/],
    [{ title: 'a\u0000b' }, 'title', /NUL/],
    [{ createdAt: '01/03/2024' }, 'createdAt', /not a timestamp/],
    [{ createdAt: '2030-01-01' }, 'createdAt', /in the future/],
    [{ resolvedAt: '2024-02-01' }, 'resolvedAt', /before createdAt/],
    [{ resolvedAt: '2024-03-05', closedAt: '2024-03-04' }, 'closedAt', /before resolvedAt/],
    [{ firstResponseMinutes: 'soon' }, 'firstResponseMinutes', /not a number of minutes/],
    [{ status: 'Limbo' }, 'status', /"Limbo" is not a known status/],
    [{ priority: 'Sev-0' }, 'priority', /not a known priority/],
    [{ source: 'fax' }, 'source', /not a known source/],
    [{ csat: '9' }, 'csat', /from 1 to 5/],
    [{ csat: '4.5' }, 'csat', /from 1 to 5/],
    [{ category: '' }, 'category', /is required/],
    [{ category: 'payments' }, 'category', /top-level/],
    [{ category: 'Fraud ring' }, 'category', /not a category .*imported\/fraud-ring/],
    [{ team: 'Night shift' }, 'team', /not a team/],
    [{ team: 'Legal' }, 'team', /partner department/],
    [{ assignee: 'Lee' }, 'assignee', /more than one person/],
    [{ assignee: 'req@example.test' }, 'assignee', /requester, not someone who works cases/],
    [{ assignee: 'ghost@example.test' }, 'assignee', /not a known agent/],
    [{ region: 'XX' }, 'region', /not a region/],
    [{ accountType: 'alien' }, 'accountType', /not a known account type/],
    [{ accountEmail: 'nope' }, 'accountEmail', /not an e-mail/],
    [{ accountPhone: 'call me' }, 'accountPhone', /not a phone/],
    [{ accountExternalId: '' }, 'accountExternalId', /is required/],
  ] as [Partial<typeof base>, string, RegExp][])('%j → error on %s', (changes, field, message) => {
    const { value, errors } = map(changes);
    expect(value).toBeNull();
    expect(errors).toContainEqual({ row: 7, field, message: expect.stringMatching(message) });
  });

  it('reports every bad cell of a row, not just the first', () => {
    const { errors } = map({ status: 'x', priority: 'y', csat: 'z' });
    expect(errors.map((e) => e.field)).toEqual(['status', 'priority', 'csat']);
  });

  it('with createMissing, plans categories, teams and agents instead of refusing them', () => {
    const { value, errors, creates } = map({ category: 'Fraud ring', team: 'Night shift', assignee: 'Bo Tan' }, true);
    expect(errors).toEqual([]);
    expect(value).toMatchObject({ categoryCode: 'imported/fraud-ring', team: { create: 'night shift' }, assignee: { create: newAgentFor('Bo Tan').email } });
    expect(creates).toEqual({ categories: [newCategoryFor('Fraud ring')], teams: ['Night shift'], agents: [newAgentFor('Bo Tan')] });
  });

  it('never throws, whatever the cells hold', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constant(undefined)), { maxLength: COLUMNS.length + 2 }), fc.boolean(), (cells, createMissing) => {
        const { value, errors } = mapRow(cells, columns, 2, directory, { createMissing, now });
        expect(value === null).toBe(errors.length > 0);
        for (const e of errors) expect(COLUMNS as readonly string[]).toContain(e.field);
      }),
    );
  });
});

describe('names for what the file creates', () => {
  it.each([
    ['payments/chargeback', 'payments/chargeback', 'payments'],
    ['Fraud Ring!', 'imported/fraud-ring', 'imported'],
    ['Café crème', 'imported/cafe-creme', 'imported'],
  ])('category %j → %s', (name, code, parent) => expect(newCategoryFor(name)).toMatchObject({ code, parentCode: parent }));

  it('gives names without Latin letters a stable hashed code', () => {
    const code = newCategoryFor('退款问题').code;
    expect(code).toMatch(/^imported\/[0-9a-f]{8}$/);
    expect(newCategoryFor('退款问题').code).toBe(code);
  });

  it.each([
    ['Ana@Example.test', 'ana@example.test', 'Ana'],
    ['Bo Tan', /^bo\.tan\.[0-9a-f]{6}@imported\.invalid$/, 'Bo Tan'],
    ['陈伟', /^[0-9a-f]{6}@imported\.invalid$/, '陈伟'],
  ] as [string, string | RegExp, string][])('agent %j', (value, email, displayName) => {
    const agent = newAgentFor(value);
    expect(agent.email).toMatch(email);
    expect(agent.displayName).toBe(displayName);
  });
});
