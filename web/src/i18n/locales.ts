import { LOCALES, type Locale } from '../app/types';

/** Each language named in itself, so people can find theirs whatever the UI shows now. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  en: 'English',
  zh: '简体中文',
  ms: 'Bahasa Melayu',
};

/** The same, short enough for a phone's header. */
export const LANGUAGE_SHORT_NAMES: Record<Locale, string> = {
  en: 'EN',
  zh: '中文',
  ms: 'BM',
};

/** Value for `<html lang>`: screen readers and fonts pick Simplified Chinese glyphs from zh-CN. */
export const HTML_LANG: Record<Locale, string> = { en: 'en', zh: 'zh-CN', ms: 'ms' };

/** Locale handed to Intl for dates and numbers, matching the markets the teams serve. */
export const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', zh: 'zh-CN', ms: 'ms-MY' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Map a BCP 47 tag (navigator.language, e.g. "zh-Hans-SG", "ms-MY") to a UI locale. */
export function localeFromTag(tag: string | undefined): Locale | null {
  const primary = tag?.toLowerCase().split('-')[0];
  return isLocale(primary) ? primary : null;
}

export function toLocale(language: string): Locale {
  return localeFromTag(language) ?? 'en';
}
