import { describe, expect, it } from 'vitest';
import type { Role } from '../../app/types';
import { canSetAvailability, parseCapacity, takesAssignments } from './availability';

const person = (id: string, role: Role, teams: string[] = []) => ({ id, role, teams: teams.map((team) => ({ id: team })) });

describe('takesAssignments', () => {
  it.each([
    ['specialist', true],
    ['lead', true],
    ['admin', false],
    ['requester', false],
    ['partner', false],
    ['qa', false],
  ] as const)('%s → %s', (role, expected) => {
    expect(takesAssignments(role)).toBe(expected);
  });
});

describe('canSetAvailability', () => {
  const agent = person('a', 'specialist', ['t1']);
  it.each([
    ['themselves', person('a', 'specialist', ['t1']), agent, true],
    ['a lead of their team', person('l', 'lead', ['t2', 't1']), agent, true],
    ['a lead of another team', person('l', 'lead', ['t2']), agent, false],
    ['an admin', person('x', 'admin'), agent, true],
    ['another specialist of the team', person('b', 'specialist', ['t1']), agent, false],
    ['a manager', person('m', 'manager', ['t1']), agent, false],
    ['an admin, for a requester', person('x', 'admin'), person('r', 'requester'), false],
  ])('%s', (_, actor, target, expected) => {
    expect(canSetAvailability(actor, target)).toBe(expected);
  });
});

describe('parseCapacity', () => {
  it.each([
    ['', null],
    ['  ', null],
    ['5', 5],
    [' 12 ', 12],
    [1000, 1000],
    ['0', undefined],
    ['1001', undefined],
    ['2.5', undefined],
    ['-3', undefined],
    ['five', undefined],
  ] as const)('%j → %j', (value, expected) => {
    expect(parseCapacity(value)).toBe(expected);
  });
});
