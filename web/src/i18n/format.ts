import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { INTL_LOCALE, toLocale } from './locales';

/** Date, duration and list formatters in the UI's current language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const intl = INTL_LOCALE[toLocale(i18n.language)];
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeStyle: 'short' });
    const seconds = new Intl.NumberFormat(intl, { style: 'unit', unit: 'second', unitDisplay: 'long' });
    // Narrow conjunction: "A, B, C" in English and Malay, "A、B、C" in Chinese.
    const list = new Intl.ListFormat(intl, { type: 'conjunction', style: 'narrow' });
    return {
      list: (items: string[]) => list.format(items),
      dateTime: (iso: string) => dateTime.format(new Date(iso)),
      seconds: (count: number) => seconds.format(count),
    };
  }, [intl]);
}
