// Metric values in the UI's language: counts, percents, scores and durations ("3 h 20 min").
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { INTL_LOCALE, toLocale } from '../../i18n/locales';
import type { MetricUnit } from './types';

export type DurationKey = 's' | 'm' | 'h' | 'hm' | 'd' | 'dh';

/** The two largest units of a duration, rounded to whole minutes from a minute on. */
export function durationParts(totalSeconds: number): { key: DurationKey; d: number; h: number; m: number; s: number } {
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds < 60) return { key: 's', d: 0, h: 0, m: 0, s: seconds };
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return { key: 'm', d: 0, h: 0, m: minutes, s: 0 };
  if (minutes < 24 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return { key: m ? 'hm' : 'h', d: 0, h, m, s: 0 };
  }
  const hours = Math.round(minutes / 60);
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return { key: h ? 'dh' : 'd', d, h, m: 0, s: 0 };
}

/** Steps a person reads at a glance: minutes by 5–30, hours by 1–24, days by 1–30. */
const STEPS: Record<number, number[]> = { 60: [5, 10, 15, 30, 60], 3600: [1, 2, 3, 6, 12, 24], 86_400: [1, 2, 5, 7, 10, 14, 30] };

/** A duration axis on round steps in its unit (about five ticks), e.g. 0, 6 h, 12 h, 18 h, 1 d. */
export function durationTicks(largest: number, scale: number): { interval: number; max: number } | Record<string, never> {
  const steps = STEPS[scale];
  if (!steps || largest <= 0) return {};
  const interval = steps.find((step) => largest / step <= 5) ?? steps[steps.length - 1]!;
  return { interval, max: Math.max(interval, Math.ceil(largest / interval) * interval) };
}

export function useMetricFormat() {
  const { t, i18n } = useTranslation();
  const intl = INTL_LOCALE[toLocale(i18n.language)];
  return useMemo(() => {
    const count = new Intl.NumberFormat(intl);
    const percent = new Intl.NumberFormat(intl, { style: 'percent', maximumFractionDigits: 1 });
    const score = new Intl.NumberFormat(intl, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const duration = (seconds: number) => {
      const { key, d, h, m, s } = durationParts(seconds);
      return t(`metrics.duration.${key}`, { d: count.format(d), h: count.format(h), m: count.format(m), s: count.format(s) });
    };
    const value = (unit: MetricUnit, v: number | null | undefined): string => {
      if (v === null || v === undefined || !Number.isFinite(v)) return '—';
      switch (unit) {
        case 'ratio':
          return percent.format(v);
        case 'score':
          return score.format(v);
        case 'seconds':
          return duration(v);
        default:
          return count.format(v);
      }
    };
    return { value, duration, count: (v: number) => count.format(v) };
  }, [intl, t]);
}
