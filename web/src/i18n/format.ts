import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { INTL_LOCALE, toLocale } from './locales';

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.345],
  ['month', 12],
  ['year', Infinity],
];

/** "3 hours ago", "in 2 days": the largest unit that keeps the number below its next step. */
export function relativeParts(ms: number): [number, Intl.RelativeTimeFormatUnit] {
  let value = ms / 1000;
  for (const [unit, step] of RELATIVE_STEPS) {
    if (Math.abs(value) < step) return [Math.round(value), unit];
    value /= step;
  }
  return [Math.round(value), 'year'];
}

const FILE_SIZE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** [value, unit index]: the largest 1024-step unit that keeps the value at least 1. */
export function fileSizeParts(bytes: number): [number, number] {
  let value = Math.max(0, bytes);
  let step = 0;
  while (value >= 1024 && step < FILE_SIZE_UNITS.length - 1) {
    value /= 1024;
    step += 1;
  }
  return [step === 0 ? value : Math.round(value * 10) / 10, step];
}

/** Date, duration, number and list formatters in the UI's current language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const intl = INTL_LOCALE[toLocale(i18n.language)];
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeStyle: 'short' });
    const seconds = new Intl.NumberFormat(intl, { style: 'unit', unit: 'second', unitDisplay: 'long' });
    const number = new Intl.NumberFormat(intl);
    const relative = new Intl.RelativeTimeFormat(intl, { numeric: 'auto' });
    // Narrow conjunction: "A, B, C" in English and Malay, "A、B、C" in Chinese.
    const list = new Intl.ListFormat(intl, { type: 'conjunction', style: 'narrow' });
    // "67 bytes" reads better than the short "67 byte"; larger units use kB, MB, GB.
    const sizes = FILE_SIZE_UNITS.map(
      (unit) =>
        new Intl.NumberFormat(intl, { style: 'unit', unit, unitDisplay: unit === 'byte' ? 'long' : 'short', maximumFractionDigits: 1 }),
    );
    return {
      /** A file size as people read it: "840 bytes", "12.5 kB", "3.2 MB" (binary steps). */
      fileSize: (bytes: number) => {
        const [value, step] = fileSizeParts(bytes);
        return sizes[step]!.format(value);
      },
      list: (items: string[]) => list.format(items),
      dateTime: (iso: string) => dateTime.format(new Date(iso)),
      seconds: (count: number) => seconds.format(count),
      number: (value: number) => number.format(value),
      /** Relative to now, e.g. "5 minutes ago"; pair it with the exact time in a title. */
      relative: (iso: string, now = Date.now()) => relative.format(...relativeParts(new Date(iso).getTime() - now)),
    };
  }, [intl]);
}
