// Wall-clock time in a calendar's zone ↔ instants, over Intl (the browser knows every IANA zone).

const partsFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    partsFormats.set(timeZone, format);
  }
  return format;
}

interface WallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function wallParts(ms: number, timeZone: string): WallParts {
  const parts = Object.fromEntries(partsFormat(timeZone).formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
  };
}

/** How far the zone's wall clock is ahead of UTC at that instant, in milliseconds. */
function offsetAt(ms: number, timeZone: string): number {
  const p = wallParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * The instant (ISO, UTC) of a wall time "YYYY-MM-DDTHH:MM" in a zone; null when unreadable.
 * A time skipped by a clock change counts as the same time after the change, as clocks
 * that are set forward read it; a repeated time is its first occurrence.
 */
export function wallToInstant(wall: string, timeZone: string): string | null {
  const match = WALL.exec(wall);
  if (!match) return null;
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // Date.UTC rolls month 13 into next year: a wall time must read back as itself.
  if (Number.isNaN(asUtc) || new Date(asUtc).toISOString().slice(0, 16) !== wall) return null;
  // Try the offsets in force just before and just after; the earliest that reproduces the
  // wall time wins (first occurrence of a repeated hour). None does in a gap.
  const offsets = [offsetAt(asUtc - 86_400_000, timeZone), offsetAt(asUtc + 86_400_000, timeZone)];
  const candidates = offsets.map((offset) => asUtc - offset).sort((a, b) => a - b);
  for (const candidate of candidates) {
    if (instantToWall(new Date(candidate).toISOString(), timeZone) === wall) return new Date(candidate).toISOString();
  }
  // In a gap: the offset before the change, moved onto the new clock (02:30 → 03:30).
  return new Date(asUtc - Math.min(...offsets)).toISOString();
}

/** "YYYY-MM-DDTHH:MM" on the zone's wall clock at an instant. */
export function instantToWall(iso: string, timeZone: string): string {
  const p = wallParts(new Date(iso).getTime(), timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/**
 * The wall time of the next given weekday (0 = Sunday … 5 = Friday) at HH:MM in the zone,
 * counted from `now`: today if that time is still to come today.
 */
export function nextWeekdayAt(now: Date, timeZone: string, weekday: number, time: string): string {
  const today = wallParts(now.getTime(), timeZone);
  const nowWall = instantToWall(now.toISOString(), timeZone);
  for (let ahead = 0; ahead <= 7; ahead += 1) {
    // Calendar arithmetic on the date alone, at noon UTC so no clock change moves the day.
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + ahead, 12));
    if (date.getUTCDay() !== weekday) continue;
    const wall = `${date.toISOString().slice(0, 10)}T${time}`;
    if (wall > nowWall) return wall;
  }
  throw new Error('unreachable: a weekday comes round within eight days');
}

/** Whether the browser knows this IANA time zone. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
