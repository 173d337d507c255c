import { describe, expect, it } from 'vitest';
import { durationParts, durationTicks } from './format';

describe('durationParts', () => {
  it('keeps the two largest units', () => {
    expect(durationParts(42)).toMatchObject({ key: 's', s: 42 });
    expect(durationParts(20 * 60 + 29)).toMatchObject({ key: 'm', m: 20 });
    expect(durationParts(3 * 3600 + 20 * 60)).toMatchObject({ key: 'hm', h: 3, m: 20 });
    expect(durationParts(5 * 3600 + 10)).toMatchObject({ key: 'h', h: 5 });
    expect(durationParts(2 * 86_400 + 4 * 3600 + 25 * 60)).toMatchObject({ key: 'dh', d: 2, h: 4 });
    expect(durationParts(3 * 86_400)).toMatchObject({ key: 'd', d: 3 });
  });

  it('rounds up into the next unit rather than show 60 min', () => {
    expect(durationParts(59 * 60 + 50)).toMatchObject({ key: 'h', h: 1 });
    expect(durationParts(-5)).toMatchObject({ key: 's', s: 0 });
  });
});

describe('durationTicks', () => {
  it('puts a duration axis on round steps of its unit', () => {
    expect(durationTicks(19.4, 3600)).toEqual({ interval: 6, max: 24 });
    expect(durationTicks(50, 3600)).toEqual({ interval: 12, max: 60 });
    expect(durationTicks(42, 60)).toEqual({ interval: 10, max: 50 });
    expect(durationTicks(0, 3600)).toEqual({});
    expect(durationTicks(3, 1)).toEqual({});
  });
});
