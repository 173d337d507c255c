import { describe, expect, it } from 'vitest';
import { instantToWall, isKnownTimeZone, nextWeekdayAt, wallToInstant } from './zonedTime';

describe('wallToInstant', () => {
  it.each([
    ['2026-03-06T17:30', 'Asia/Kuala_Lumpur', '2026-03-06T09:30:00.000Z'],
    ['2026-03-06T17:30', 'Asia/Shanghai', '2026-03-06T09:30:00.000Z'],
    ['2026-01-01T00:00', 'UTC', '2026-01-01T00:00:00.000Z'],
    ['2026-07-01T09:00', 'Europe/London', '2026-07-01T08:00:00.000Z'],
    ['2026-01-15T09:00', 'Europe/London', '2026-01-15T09:00:00.000Z'],
    // Skipped by the spring change (01:00 → 02:00 in London): read on the new clock.
    ['2026-03-29T01:30', 'Europe/London', '2026-03-29T01:30:00.000Z'],
    // Repeated in autumn (02:00 → 01:00): the first, summer-time occurrence.
    ['2026-10-25T01:30', 'Europe/London', '2026-10-25T00:30:00.000Z'],
    ['2026-03-08T02:30', 'America/New_York', '2026-03-08T07:30:00.000Z'],
    ['not a time', 'UTC', null],
    ['2026-13-01T09:00', 'UTC', null],
    ['2026-02-30T09:00', 'UTC', null],
  ])('%s in %s → %s', (wall, zone, expected) => {
    expect(wallToInstant(wall, zone)).toBe(expected);
  });
});

describe('instantToWall', () => {
  it.each([
    ['2026-03-06T09:30:00Z', 'Asia/Kuala_Lumpur', '2026-03-06T17:30'],
    ['2026-03-06T20:00:00Z', 'Asia/Singapore', '2026-03-07T04:00'],
    ['2026-07-01T08:00:00Z', 'Europe/London', '2026-07-01T09:00'],
    ['2026-01-01T00:00:00Z', 'America/Los_Angeles', '2025-12-31T16:00'],
  ])('%s in %s → %s', (iso, zone, wall) => {
    expect(instantToWall(iso, zone)).toBe(wall);
  });
});

describe('nextWeekdayAt', () => {
  const FRIDAY = 5;
  it.each([
    // Wednesday in Kuala Lumpur → that week's Friday.
    ['2026-03-04T02:00:00Z', 'Asia/Kuala_Lumpur', '2026-03-06T17:30'],
    // Friday morning in KL: later that day.
    ['2026-03-06T01:00:00Z', 'Asia/Kuala_Lumpur', '2026-03-06T17:30'],
    // Friday 17:30 has just passed in KL: the Friday after.
    ['2026-03-06T09:31:00Z', 'Asia/Kuala_Lumpur', '2026-03-13T17:30'],
    // Still Thursday in UTC, already Friday evening in KL.
    ['2026-03-05T23:00:00Z', 'Asia/Kuala_Lumpur', '2026-03-06T17:30'],
    ['2026-03-05T23:00:00Z', 'America/Los_Angeles', '2026-03-06T17:30'],
    // Saturday → next Friday.
    ['2026-03-07T12:00:00Z', 'UTC', '2026-03-13T17:30'],
  ])('from %s in %s → %s', (now, zone, expected) => {
    expect(nextWeekdayAt(new Date(now), zone, FRIDAY, '17:30')).toBe(expected);
  });
});

describe('isKnownTimeZone', () => {
  it.each([
    ['Asia/Kuala_Lumpur', true],
    ['UTC', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
  ])('%s → %s', (zone, known) => {
    expect(isKnownTimeZone(zone)).toBe(known);
  });
});
