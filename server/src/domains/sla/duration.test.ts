import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_DURATION_SECONDS, formatDuration, parseDuration } from './duration.js';

describe('ISO 8601 durations', () => {
  it.each([
    ['PT0S', 0],
    ['P0D', 0],
    ['PT4H', 14_400],
    ['PT30M', 1800],
    ['PT1.5S', 1.5],
    ['PT0,25S', 0.25],
    ['P1D', 86_400],
    ['P1DT2H30M', 95_400],
    ['P2W', 1_209_600],
    ['PT36H', 129_600],
    ['P366D', MAX_DURATION_SECONDS],
  ])('%s = %d s', (text, seconds) => {
    expect(parseDuration(text)).toEqual({ seconds });
  });

  it.each([
    ['P1M', /years and months/],
    ['P1Y', /years and months/],
    ['P1Y2M3D', /years and months/],
    ['-PT1H', /negative/],
    ['P', /ISO 8601/],
    ['PT', /ISO 8601/],
    ['P1DT', /ISO 8601/],
    ['PT1H2H', /ISO 8601/],
    ['P1W2D', /ISO 8601/],
    ['PT1.5H', /ISO 8601/],
    ['4h', /ISO 8601/],
    ['', /ISO 8601/],
    ['PT1.0001S', /ISO 8601/],
    ['P367D', /at most/],
    ['P99999999999999999999D', /at most/],
  ])('refuses %s', (text, message) => {
    const result = parseDuration(text);
    expect('error' in result && result.error).toMatch(message);
  });

  it('reads back what it is given, in days, hours, minutes and seconds', () => {
    fc.assert(
      fc.property(fc.nat(300), fc.nat(23), fc.nat(59), fc.nat(59), (d, h, m, s) => {
        expect(parseDuration(`P${d}DT${h}H${m}M${s}S`)).toEqual({ seconds: d * 86_400 + h * 3600 + m * 60 + s });
      }),
    );
  });

  it('formats targets in hours, minutes and seconds, and parses back what it formats', () => {
    expect(formatDuration(0)).toBe('PT0S');
    expect(formatDuration(144_000)).toBe('PT40H');
    expect(formatDuration(5400)).toBe('PT1H30M');
    expect(formatDuration(61.5)).toBe('PT1M1.5S');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 366 * 86_400_000 }), (millis) => {
        expect(parseDuration(formatDuration(millis / 1000))).toEqual({ seconds: millis / 1000 });
      }),
    );
  });
});
