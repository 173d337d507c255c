// ISO 8601 durations as amounts of working time.

/** The longest duration the API takes: a year of working time is more than any SLA needs. */
export const MAX_DURATION_SECONDS = 366 * 86_400;

export type DurationResult = { seconds: number } | { error: string; code: 'format' | 'out_of_range' };

const PATTERN = /^P(?:(\d+)W|(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d{1,3})?)S)?)?)$/;

/**
 * Parses `PnDTnHnMnS` (each part optional, fractions of a second to the millisecond) or `PnW`
 * into seconds of working time. A day is 24 hours of working time, not "one business day".
 * Years and months are refused: they are not a fixed amount of time.
 */
export function parseDuration(text: string): DurationResult {
  if (text.startsWith('-')) return { error: 'must not be negative', code: 'out_of_range' };
  const m = PATTERN.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) {
    if (/^P(\d+Y)?(\d+M)?/.test(text) && /^P[^T]*[YM]/.test(text)) {
      return { error: 'years and months are not a fixed amount of working time; use weeks, days, hours, minutes or seconds', code: 'format' };
    }
    return { error: 'must be an ISO 8601 duration such as PT4H, P1DT2H30M or P2W', code: 'format' };
  }
  const [, weeks, days, hours, minutes, seconds] = m;
  const n = (s: string | undefined) => (s ? Number(s.replace(',', '.')) : 0);
  const total = n(weeks) * 7 * 86_400 + n(days) * 86_400 + n(hours) * 3600 + n(minutes) * 60 + n(seconds);
  // Round to whole milliseconds so sums of parsed durations stay exact.
  const rounded = Math.round(total * 1000) / 1000;
  if (rounded > MAX_DURATION_SECONDS) return { error: `must be at most P${MAX_DURATION_SECONDS / 86_400}D`, code: 'out_of_range' };
  return { seconds: rounded };
}

/** Seconds as an ISO 8601 duration in hours, minutes and seconds (`PT40H`, `PT1H30M`), as targets are written. */
export function formatDuration(seconds: number): string {
  const whole = Math.floor(seconds);
  const fraction = Math.round((seconds - whole) * 1000) / 1000;
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = (whole % 60) + fraction;
  const text = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${Number(s.toFixed(3))}S` : ''}`;
  return `PT${text || '0S'}`;
}
