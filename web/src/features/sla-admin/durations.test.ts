import { describe, expect, it } from 'vitest';
import { durationOf, durationSeconds, hoursMinutesOf, parsePercents } from './durations';

describe('durationSeconds', () => {
  it.each([
    ['PT2H', 7200],
    ['PT30M', 1800],
    ['PT1H30M', 5400],
    ['P1D', 86_400],
    ['P1DT2H', 93_600],
    ['P1W', 604_800],
    ['PT90S', 90],
    ['PT0.5S', 0.5],
    ['pt4h', 14_400],
    ['P', null],
    ['PT', null],
    ['P1M', null],
    ['P1Y', null],
    ['8h', null],
    ['', null],
  ])('%j → %j', (iso, seconds) => {
    expect(durationSeconds(iso)).toBe(seconds);
  });
});

describe('hoursMinutesOf', () => {
  it.each([
    ['PT8H', { hours: 8, minutes: 0 }],
    ['PT45M', { hours: 0, minutes: 45 }],
    ['PT90M', { hours: 1, minutes: 30 }],
    ['P1DT2H30M', { hours: 26, minutes: 30 }],
    ['PT59M40S', { hours: 1, minutes: 0 }],
    ['nonsense', null],
  ])('%j → %j', (iso, expected) => {
    expect(hoursMinutesOf(iso)).toEqual(expected);
  });
});

describe('durationOf', () => {
  it.each([
    [{ hours: 8, minutes: 0 }, 'PT8H'],
    [{ hours: 0, minutes: 30 }, 'PT30M'],
    [{ hours: 2, minutes: 15 }, 'PT2H15M'],
    [{ hours: 1, minutes: 90 }, 'PT2H30M'],
    [{ hours: 40, minutes: 0 }, 'PT40H'],
    [{ hours: 0, minutes: 0 }, null],
    [{ hours: -1, minutes: 0 }, null],
    [{ hours: 1.5, minutes: 0 }, 'PT1H30M'],
    [{ hours: 0, minutes: 0.5 }, null],
    [{ hours: Number.NaN, minutes: 0 }, null],
  ])('%j → %j', (input, expected) => {
    expect(durationOf(input)).toBe(expected);
  });

  it('round-trips with hoursMinutesOf', () => {
    for (const iso of ['PT1H', 'PT15M', 'PT7H45M', 'PT100H5M']) {
      expect(durationOf(hoursMinutesOf(iso)!)).toBe(iso);
    }
  });
});

describe('parsePercents', () => {
  it.each([
    ['75, 90', [75, 90]],
    ['90,75', [75, 90]],
    ['50% 75%', [50, 75]],
    ['75，90', [75, 90]],
    ['75, 75', [75]],
    ['', []],
    ['  ', []],
    ['0', null],
    ['100', null],
    ['7.5', null],
    ['abc', null],
  ])('%j → %j', (text, expected) => {
    expect(parsePercents(text)).toEqual(expected);
  });
});
