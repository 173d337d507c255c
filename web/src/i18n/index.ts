import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setAcceptLanguage } from '../app/api';
import type { Locale } from '../app/types';
import en from './en.json';
import ms from './ms.json';
import zh from './zh.json';
import { HTML_LANG, isLocale, localeFromTag, toLocale } from './locales';

// Before anyone signs in there is no user.locale; the last language chosen in this
// browser wins, then the browser's own preference.
const STORED_LOCALE = 'closeloop.locale';

function initialLocale(): Locale {
  const stored = localStorage.getItem(STORED_LOCALE);
  if (isLocale(stored)) return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const locale = localeFromTag(tag);
    if (locale) return locale;
  }
  return 'en';
}

function applyLocale(language: string): void {
  const locale = toLocale(language);
  document.documentElement.lang = HTML_LANG[locale];
  setAcceptLanguage(locale);
  localStorage.setItem(STORED_LOCALE, locale);
}

i18n.on('languageChanged', applyLocale);

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, zh: { translation: zh }, ms: { translation: ms } },
  lng: initialLocale(),
  fallbackLng: 'en',
  supportedLngs: ['en', 'zh', 'ms'],
  interpolation: { escapeValue: false }, // React escapes already
  initAsync: false,
  showSupportNotice: false, // keep the browser console for real problems
});

export function currentLocale(): Locale {
  return toLocale(i18n.language);
}

export default i18n;
