// SLA targets are ISO 8601 durations of working time; people think of them in hours and minutes.

const DURATION = /^P(?:(\d+)W|(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?)$/;

/**
 * Seconds of an ISO 8601 duration as the server reads it (PnW or PnDTnHnMnS, a day being
 * 24 working hours); null for anything else, years and months included.
 */
export function durationSeconds(iso: string): number | null {
  const text = iso.trim().toUpperCase();
  const match = DURATION.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return null;
  const [, weeks, days, hours, minutes, seconds] = match;
  const n = (part: string | undefined) => (part ? Number(part.replace(',', '.')) : 0);
  return n(weeks) * 604_800 + n(days) * 86_400 + n(hours) * 3600 + n(minutes) * 60 + n(seconds);
}

export interface HoursMinutes {
  hours: number;
  minutes: number;
}

/** "P1DT2H30M" → 26 h 30 min; seconds round to the nearest minute. Null when unreadable. */
export function hoursMinutesOf(iso: string): HoursMinutes | null {
  const seconds = durationSeconds(iso);
  if (seconds === null) return null;
  const totalMinutes = Math.round(seconds / 60);
  return { hours: Math.floor(totalMinutes / 60), minutes: totalMinutes % 60 };
}

/** 8 h 0 min → "PT8H", 1 h 90 min → "PT2H30M"; null when the total is not a positive whole number of minutes. */
export function durationOf({ hours, minutes }: HoursMinutes): string | null {
  if (!Number.isFinite(hours) || !Number.isFinite(minutes) || hours < 0 || minutes < 0) return null;
  const total = Math.round(hours * 60 + minutes);
  if (total <= 0 || total !== hours * 60 + minutes) return null;
  const h = Math.floor(total / 60);
  const m = total % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}`;
}

/**
 * Warning thresholds typed as "75, 90" → [75, 90] (whole percents 1–99, ascending, no
 * repeats); null when any part is not such a number. Empty text is no warnings.
 */
export function parsePercents(text: string): number[] | null {
  const parts = text
    .split(/[,;，、\s]+/)
    .map((part) => part.replace(/%$/, ''))
    .filter((part) => part !== '');
  const values: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,2}$/.test(part)) return null;
    const value = Number(part);
    if (value < 1 || value > 99) return null;
    if (!values.includes(value)) values.push(value);
  }
  return values.sort((a, b) => a - b);
}
