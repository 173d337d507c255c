/**
 * Backoff after repeated failed sign-ins to one account, and a cap per client address.
 * Pure: the caller reads the attempts from the database and passes them in.
 */
export const THROTTLE = {
  /** Failures tolerated before waiting starts. */
  freeFailures: 5,
  /** First wait, doubled with every further failure. */
  baseDelaySeconds: 30,
  maxDelaySeconds: 15 * 60,
  /** Failures older than this are forgiven. */
  windowSeconds: 60 * 60,
  /** Attempts (any outcome, any account) one address may make per minute. */
  perAddressPerMinute: 30,
} as const;

/** Seconds the account must still wait, given its failures since the last success (newest last). */
export function accountWaitSeconds(failureTimes: Date[], now: Date): number {
  const failures = failureTimes.length;
  if (failures < THROTTLE.freeFailures) return 0;
  const delay = Math.min(
    THROTTLE.baseDelaySeconds * 2 ** (failures - THROTTLE.freeFailures),
    THROTTLE.maxDelaySeconds,
  );
  const last = failureTimes[failures - 1]!.getTime();
  return Math.max(0, Math.ceil((last + delay * 1000 - now.getTime()) / 1000));
}

/** Seconds until the address may try again, given its attempts of the last minute (oldest first). */
export function addressWaitSeconds(attemptTimes: Date[], now: Date): number {
  if (attemptTimes.length < THROTTLE.perAddressPerMinute) return 0;
  // The oldest attempt that still counts must leave the one-minute window first.
  const pivot = attemptTimes[attemptTimes.length - THROTTLE.perAddressPerMinute]!.getTime();
  return Math.max(1, Math.ceil((pivot + 60_000 - now.getTime()) / 1000));
}
