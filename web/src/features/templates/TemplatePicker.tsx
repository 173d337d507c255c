import { Group, Loader, Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../app/types';
import { problemMessage } from '../../components/problems';
import { LANGUAGE_NAMES, isLocale } from '../../i18n/locales';
import type { Case } from '../cases/types';
import { useRenderTemplate, useTemplates } from './queries';

/**
 * Insert a response template into the composer: the active templates for the case's category
 * (and its parent, and general ones) in the composer's language — the case's unless changed —
 * filled in by the server for this case.
 */
export function TemplatePicker({ item, onInsert }: { item: Case; onInsert: (text: string, missing: string[]) => void }) {
  const { t, i18n } = useTranslation();
  const [language, setLanguage] = useState<Locale>(isLocale(item.language) ? item.language : isLocale(i18n.language) ? i18n.language : 'en');
  const templates = useTemplates({ category: item.category.code, language, active: true });
  const render = useRenderTemplate(item.id);

  function choose(id: string | null) {
    if (!id) return;
    render.mutate(id, {
      onSuccess: (rendered) => onInsert(rendered.body, rendered.missing),
      onError: (error) => notifications.show({ color: 'red', title: t('templates.picker.failed'), message: problemMessage(error, t) }),
    });
  }

  return (
    <Group gap="xs" wrap="nowrap" data-testid="template-picker">
      <Select
        size="xs"
        w={150}
        aria-label={t('templates.picker.language')}
        data={LOCALES.map((value) => ({ value, label: LANGUAGE_NAMES[value] }))}
        value={language}
        allowDeselect={false}
        onChange={(value) => value && setLanguage(value as Locale)}
        data-testid="template-picker-language"
      />
      <Select
        size="xs"
        w={260}
        searchable
        aria-label={t('templates.picker.label')}
        placeholder={t('templates.picker.placeholder')}
        nothingFoundMessage={templates.isPending ? t('templates.picker.loading') : t('templates.picker.none')}
        data={(templates.data ?? []).map((template) => ({ value: template.id, label: template.name }))}
        // A choice inserts once; the box is ready for the next one.
        value={null}
        onChange={choose}
        disabled={render.isPending}
        rightSection={render.isPending ? <Loader size={14} /> : undefined}
        data-testid="template-picker-select"
      />
    </Group>
  );
}
