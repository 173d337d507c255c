import { describe, expect, it } from 'vitest';
import { durationParts } from './format';

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
