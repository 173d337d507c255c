// Ladder timeouts (minutes + seconds ↔ ISO 8601) and "time since paged" in the UI's language.
import { INTL_LOCALE } from '../../i18n/locales';
import type { Locale } from '../../app/types';

/** Minutes and seconds as typed; '' is an empty input. */
export interface TimeoutDraft {
  minutes: number | '';
  seconds: number | '';
}

/** 5 min 30 s → "PT5M30S"; null when the numbers make no positive whole duration. */
export function timeoutIsoOf({ minutes, seconds }: TimeoutDraft): string | null {
  const m = minutes === '' ? 0 : minutes;
  const s = seconds === '' ? 0 : seconds;
  if (!Number.isInteger(m) || !Number.isInteger(s) || m < 0 || s < 0 || m + s === 0) return null;
  // 90 s reads as 1 min 30 s.
  const total = m * 60 + s;
  const wholeMinutes = Math.floor(total / 60);
  const rest = total % 60;
  return `PT${wholeMinutes ? `${wholeMinutes}M` : ''}${rest ? `${rest}S` : ''}`;
}

const ISO = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/;

/** "PT1H5M", "PT30S" → total seconds; null for anything else (days, fractions). */
export function secondsOfIso(iso: string): number | null {
  const match = ISO.exec(iso);
  if (!match || iso === 'PT') return null;
  const [, h = '0', m = '0', s = '0'] = match;
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
}

/** "PT1H5M" → 65 min 0 s, for a form that edits a saved ladder. */
export function timeoutDraftOf(iso: string): TimeoutDraft | null {
  const total = secondsOfIso(iso);
  return total === null ? null : { minutes: Math.floor(total / 60), seconds: total % 60 };
}

/**
 * A span as the board shows it, the largest two units: "2h 5m", "3m 7s" in English,
 * "2小时5分钟" in Chinese, "3 min 7 s" in Malay.
 */
export function formatSpan(totalSeconds: number, locale: Locale): string {
  const intl = INTL_LOCALE[locale];
  const unit = (name: 'day' | 'hour' | 'minute' | 'second', value: number) =>
    new Intl.NumberFormat(intl, { style: 'unit', unit: name, unitDisplay: 'narrow' }).format(value);
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts =
    d > 0
      ? [unit('day', d), h ? unit('hour', h) : null]
      : h > 0
        ? [unit('hour', h), m ? unit('minute', m) : null]
        : m > 0
          ? [unit('minute', m), s ? unit('second', s) : null]
          : [unit('second', s)];
  // Chinese runs units together; the others keep a space.
  return parts.filter((part): part is string => part !== null).join(locale === 'zh' ? '' : ' ');
}
