// Wall-clock time in an IANA zone ↔ UTC instants, on Node's ICU (Intl) alone.
//
// Dates are handled as "day numbers": days since 1970-01-01 in the proleptic Gregorian
// calendar, with no zone attached (a local date). Instants are epoch milliseconds.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Node's ICU knows the zone (an IANA name such as `Asia/Kuala_Lumpur`, or `UTC`). */
export function isKnownTimeZone(timeZone: string): boolean {
  // Intl also takes things that are not zone names in some versions (e.g. `+08:00`); refuse those.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(timeZone)) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's UTC offset in ms at an instant (local wall time minus UTC). */
export function offsetAt(timeZone: string, instant: number): number {
  const parts = formatter(timeZone).formatToParts(new Date(instant));
  let year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, bc = false;
  for (const p of parts) {
    switch (p.type) {
      case 'year': year = Number(p.value); break;
      case 'month': month = Number(p.value); break;
      case 'day': day = Number(p.value); break;
      case 'hour': hour = Number(p.value); break;
      case 'minute': minute = Number(p.value); break;
      case 'second': second = Number(p.value); break;
      case 'era': bc = p.value === 'BC'; break;
    }
  }
  const wall = utcMs(bc ? 1 - year : year, month, day, hour, minute, second);
  // Intl shows whole seconds; compare with the instant truncated the same way.
  return wall - Math.floor(instant / 1000) * 1000;
}

function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const d = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

/** The local date (day number) and minute of day at an instant in a zone. */
export function localDayOf(timeZone: string, instant: number): number {
  // The UTC day's cached steady offset holds for every instant of it (see steadyOffset); Intl only around a change.
  const offset = steadyOffset(timeZone, Math.floor(instant / DAY_MS)) ?? offsetAt(timeZone, instant);
  return Math.floor((instant + offset) / DAY_MS);
}

/**
 * The instant at which clocks in the zone show `minute` (0–1440, 1440 = next midnight) on
 * local day `day`.
 *
 * A wall time that does not exist (skipped when clocks go forward) maps to the moment the
 * clocks jump, i.e. the first instant after it; a wall time that happens twice (when clocks go
 * back) maps to its first occurrence. Both choices keep the mapping monotonic: a later wall
 * time never maps to an earlier instant, so ordered blocks stay ordered and never overlap.
 */
export function wallTimeToInstant(timeZone: string, day: number, minute: number): number {
  const wall = day * DAY_MS + minute * MINUTE_MS;
  const steady = steadyOffset(timeZone, day);
  if (steady !== null) return wall - steady;
  const before = offsetAt(timeZone, wall - DAY_MS);
  const after = offsetAt(timeZone, wall + DAY_MS);
  if (before === after && offsetAt(timeZone, wall - before) === before) return wall - before;
  const candidates = [...new Set([before, after, offsetAt(timeZone, wall - before), offsetAt(timeZone, wall - after)])]
    .map((offset) => wall - offset)
    .filter((t) => offsetAt(timeZone, t) === wall - t);
  if (candidates.length) return Math.min(...candidates);
  // A gap: the instant maps to the transition, which lies between the two readings.
  return transitionBetween(timeZone, wall - Math.max(before, after), wall - Math.min(before, after));
}

const steadyOffsets = new Map<string, number | null>();

/**
 * The zone's offset at every instant from the start of day `day - 1` to the start of day
 * `day + 2` (UTC day numbers), when it does not change in between, else null: so it holds
 * through local day `day` and through UTC day `day`, whatever the zone's offset. Cached: walking
 * a calendar asks for the same days again and again, and Intl is slow. (Zones do not change offset twice within three days, so equal readings a day either side
 * mean no change in between.)
 */
function steadyOffset(timeZone: string, day: number): number | null {
  const key = `${timeZone}|${day}`;
  let offset = steadyOffsets.get(key);
  if (offset === undefined) {
    const before = offsetAt(timeZone, (day - 1) * DAY_MS);
    offset = before === offsetAt(timeZone, (day + 2) * DAY_MS) ? before : null;
    if (steadyOffsets.size > 100_000) steadyOffsets.clear();
    steadyOffsets.set(key, offset);
  }
  return offset;
}

/** The first instant in (lo, hi] whose offset differs from the offset at lo, to the second. */
function transitionBetween(timeZone: string, lo: number, hi: number): number {
  const start = offsetAt(timeZone, lo);
  let a = Math.floor(lo / 1000);
  let b = Math.ceil(hi / 1000);
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (offsetAt(timeZone, mid * 1000) === start) a = mid;
    else b = mid;
  }
  return b * 1000;
}

/** Day number of an ISO date `YYYY-MM-DD` (no zone), or null when it is not a real date. */
export function dayNumberOf(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = utcMs(year, month, day);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return ms / DAY_MS;
}

/** 0 = Monday … 6 = Sunday (1970-01-01, day 0, was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}
