import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { THROTTLE, accountWaitSeconds, addressWaitSeconds } from './sign-in-throttle.js';

const at = (s: number) => new Date(Date.UTC(2026, 10, 23, 1, 0, 0) + s * 1000);

describe('accountWaitSeconds', () => {
  it.each([
    { failures: 0, sinceLast: 0, wait: 0 },
    { failures: 4, sinceLast: 0, wait: 0 },
    { failures: 5, sinceLast: 0, wait: 30 },
    { failures: 5, sinceLast: 10, wait: 20 },
    { failures: 5, sinceLast: 30, wait: 0 },
    { failures: 6, sinceLast: 0, wait: 60 },
    { failures: 7, sinceLast: 0, wait: 120 },
    { failures: 20, sinceLast: 0, wait: THROTTLE.maxDelaySeconds },
  ])('$failures failures, last $sinceLast s ago → wait $wait s', ({ failures, sinceLast, wait }) => {
    const times = Array.from({ length: failures }, (_, i) => at(i));
    const now = at(Math.max(0, failures - 1) + sinceLast);
    expect(accountWaitSeconds(times, now)).toBe(wait);
  });

  it('never waits longer than the cap, and waits less the longer ago the last failure was', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 2000 }), (failures, elapsed) => {
        const times = Array.from({ length: failures }, (_, i) => at(i));
        const last = Math.max(0, failures - 1);
        const now = accountWaitSeconds(times, at(last + elapsed));
        const later = accountWaitSeconds(times, at(last + elapsed + 1));
        expect(now).toBeGreaterThanOrEqual(0);
        expect(now).toBeLessThanOrEqual(THROTTLE.maxDelaySeconds);
        expect(later).toBeLessThanOrEqual(now);
      }),
    );
  });

  it('waits at least as long after more failures', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), (failures) => {
        const times = Array.from({ length: failures }, () => at(0));
        const more = Array.from({ length: failures + 1 }, () => at(0));
        expect(accountWaitSeconds(more, at(0))).toBeGreaterThanOrEqual(accountWaitSeconds(times, at(0)));
      }),
    );
  });
});

describe('addressWaitSeconds', () => {
  it('lets an address make its per-minute allowance, then makes it wait for the oldest to age out', () => {
    const limit = THROTTLE.perAddressPerMinute;
    const under = Array.from({ length: limit - 1 }, (_, i) => at(i));
    expect(addressWaitSeconds(under, at(limit))).toBe(0);
    const full = Array.from({ length: limit }, (_, i) => at(i));
    // The first attempt (t=0) leaves the window at t=60.
    expect(addressWaitSeconds(full, at(limit))).toBe(60 - limit);
    expect(addressWaitSeconds(full, at(59))).toBe(1);
  });
});
