import { Box, Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../app/types';
import { HTML_LANG, LANGUAGE_NAMES, LANGUAGE_SHORT_NAMES, toLocale } from '../i18n/locales';

/** Picks the UI language; what "remember the choice" means is up to the caller. */
export function LanguageSwitcher({ onChange, busy }: { onChange: (locale: Locale) => void; busy?: boolean }) {
  const { t, i18n } = useTranslation();
  const current = toLocale(i18n.language);
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          size="compact-md"
          loading={busy}
          aria-label={t('language.choose')}
          data-testid="language-switcher"
          rightSection={<span aria-hidden>▾</span>}
        >
          {/* A phone's header has no room for "Bahasa Melayu" beside the bell and the user menu. */}
          <Box component="span" lang={HTML_LANG[current]} visibleFrom="sm">
            {LANGUAGE_NAMES[current]}
          </Box>
          <Box component="span" lang={HTML_LANG[current]} hiddenFrom="sm">
            {LANGUAGE_SHORT_NAMES[current]}
          </Box>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('language.label')}</Menu.Label>
        {LOCALES.map((locale) => (
          <Menu.Item
            key={locale}
            lang={HTML_LANG[locale]}
            data-testid={`language-option-${locale}`}
            aria-current={locale === current ? 'true' : undefined}
            fw={locale === current ? 600 : undefined}
            onClick={() => onChange(locale)}
          >
            {LANGUAGE_NAMES[locale]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
