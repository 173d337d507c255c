/**
 * Periods and time buckets of a metric query, in a time zone. Pure: days are counted as local
 * day numbers (days since 1970-01-01 on the zone's calendar), instants as epoch milliseconds.
 * A bucket's key is what PostgreSQL's `to_char(date_trunc(g, at AT TIME ZONE tz), …)` gives for
 * any instant in it, so SQL rows and the listed buckets meet on the same strings.
 */
import { DAY_MS, dayNumberOf, localDayOf, wallTimeToInstant, weekdayOf } from '../sla/zoned-time.js';
import type { TimeGroup } from './catalogue.js';

export interface Period {
  /** Inclusive start and exclusive end, as instants. */
  from: number;
  to: number;
}

/** A bound as given: a local date (`2026-11-01`) or an ISO instant with its zone. */
export type Bound = { day: number } | { instant: number };

const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,6})?)?(Z|[+-]\d\d:\d\d)$/;

/** Null when the text is neither a real date nor an ISO instant with a zone. */
export function parseBound(text: string): Bound | null {
  const day = dayNumberOf(text);
  if (day !== null) return { day };
  if (!INSTANT.test(text)) return null;
  const instant = Date.parse(text);
  return Number.isNaN(instant) ? null : { instant };
}

/** `from` a date starts at its local midnight; `to` a date includes that whole day. */
export function periodOf(timeZone: string, from: Bound, to: Bound): Period {
  return {
    from: 'day' in from ? wallTimeToInstant(timeZone, from.day, 0) : from.instant,
    to: 'day' in to ? wallTimeToInstant(timeZone, to.day + 1, 0) : to.instant,
  };
}

/** The default period: the last `days` local days, today included. */
export function lastDays(timeZone: string, now: number, days: number): Period {
  const today = localDayOf(timeZone, now);
  return periodOf(timeZone, { day: today - days + 1 }, { day: today });
}

export function dayKey(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The first local day of the bucket holding `day`. */
export function bucketStart(day: number, group: TimeGroup): number {
  if (group === 'day') return day;
  if (group === 'week') return day - weekdayOf(day);
  const d = new Date(day * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS;
}

/** The first local day of the next bucket. */
export function nextBucketStart(start: number, group: TimeGroup): number {
  if (group === 'day') return start + 1;
  if (group === 'week') return start + 7;
  const d = new Date(start * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS;
}

export function bucketKey(start: number, group: TimeGroup): string {
  const key = dayKey(start);
  return group === 'month' ? key.slice(0, 7) : key;
}

export interface Bucket {
  key: string;
  /** Where the bucket ends as an instant (exclusive); the last one may run past the period. */
  end: number;
}

/** Every bucket that overlaps the period, in order. */
export function bucketsOf(timeZone: string, period: Period, group: TimeGroup): Bucket[] {
  if (period.to <= period.from) return [];
  const last = localDayOf(timeZone, period.to - 1);
  const out: Bucket[] = [];
  for (let start = bucketStart(localDayOf(timeZone, period.from), group); start <= last; start = nextBucketStart(start, group)) {
    out.push({ key: bucketKey(start, group), end: wallTimeToInstant(timeZone, nextBucketStart(start, group), 0) });
  }
  return out;
}

/** The PostgreSQL pattern that formats a truncated local timestamp as the bucket key. */
export const KEY_FORMAT: Record<TimeGroup, string> = { day: 'YYYY-MM-DD', week: 'YYYY-MM-DD', month: 'YYYY-MM' };
