import { Badge, Button, Code, Group, SegmentedControl, Select, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../app/types';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { problemMessage } from '../../components/problems';
import { TableState } from '../../components/TableState';
import { useFormat } from '../../i18n/format';
import { useLabels } from '../../i18n/labels';
import { LANGUAGE_NAMES } from '../../i18n/locales';
import { findCategory } from '../cases/categories';
import { useCategories } from '../cases/queries';
import { TemplateFormModal } from './TemplateFormModal';
import { useSetTemplateActive, useTemplates } from './queries';
import type { Template } from './types';

type Status = 'active' | 'inactive' | 'all';
const ACTIVE: Record<Status, boolean | undefined> = { active: true, inactive: false, all: undefined };

/** Leads, managers and admins: the replies specialists insert from the case composer. */
export function TemplatesPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const [language, setLanguage] = useState<Locale | null>(null);
  const [status, setStatus] = useState<Status>('active');
  const templates = useTemplates({ language: language ?? undefined, active: ACTIVE[status] });
  const { data: categories } = useCategories();
  const setActive = useSetTemplateActive();
  // undefined: no modal; null: creating; a template: editing it.
  const [editing, setEditing] = useState<Template | null | undefined>(undefined);
  const rows = templates.data ?? [];

  const categoryName = (code: string | null) => {
    if (!code) return t('templates.anyCategory');
    const category = findCategory(categories, code);
    return category ? labels.pick(category.labels, code) : code;
  };

  function toggle(template: Template) {
    setActive.mutate(
      { id: template.id, active: !template.active },
      {
        onSuccess: () =>
          notifications.show({ color: 'teal', message: t(template.active ? 'templates.deactivated' : 'templates.activated', { name: template.name }) }),
        onError: (error) => notifications.show({ color: 'red', message: problemMessage(error, t) }),
      },
    );
  }

  return (
    <>
      <PageHeader
        title={t('templates.title')}
        description={t('templates.description')}
        actions={
          <Button onClick={() => setEditing(null)} data-testid="template-create">
            {t('templates.create')}
          </Button>
        }
      />
      <Group mb="md" gap="sm" wrap="wrap">
        <Select
          aria-label={t('templates.field.language')}
          placeholder={t('templates.allLanguages')}
          clearable
          w={200}
          data={LOCALES.map((value) => ({ value, label: LANGUAGE_NAMES[value] }))}
          value={language}
          onChange={(value) => setLanguage(value as Locale | null)}
          data-testid="templates-filter-language"
        />
        <SegmentedControl
          aria-label={t('templates.column.status')}
          data={(['active', 'inactive', 'all'] as const).map((value) => ({ value, label: t(`templates.status.${value}`) }))}
          value={status}
          onChange={(value) => setStatus(value as Status)}
          data-testid="templates-filter-status"
        />
      </Group>
      <ProblemAlert error={templates.error} />
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing="sm" highlightOnHover data-testid="templates-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('templates.column.name')}</Table.Th>
              <Table.Th>{t('templates.column.language')}</Table.Th>
              <Table.Th>{t('templates.column.category')}</Table.Th>
              <Table.Th>{t('templates.column.variables')}</Table.Th>
              <Table.Th>{t('templates.column.status')}</Table.Th>
              <Table.Th>{t('templates.column.updated')}</Table.Th>
              <Table.Th aria-label={t('common.actions')} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((template) => (
              <Table.Tr key={template.id} data-testid="template-row" data-name={template.name}>
                <Table.Td maw={280}>
                  <Text size="sm" fw={500}>
                    {template.name}
                  </Text>
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {template.body}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{LANGUAGE_NAMES[template.language]}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{categoryName(template.category)}</Text>
                </Table.Td>
                <Table.Td maw={260}>
                  <Group gap={4}>
                    {template.variables.length === 0 ? (
                      <Text size="sm">—</Text>
                    ) : (
                      template.variables.map((variable) => (
                        <Code key={variable} fz="xs">
                          {variable}
                        </Code>
                      ))
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={template.active ? 'teal' : 'gray'} data-testid="template-status">
                    {t(template.active ? 'templates.status.active' : 'templates.status.inactive')}
                  </Badge>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{format.dateTime(template.updatedAt)}</Text>
                  {template.updatedBy && (
                    <Text size="xs" c="dimmed">
                      {template.updatedBy.displayName}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  <Button variant="subtle" size="compact-sm" onClick={() => setEditing(template)} data-testid="template-edit">
                    {t('common.edit')}
                  </Button>
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    color={template.active ? 'red' : 'teal'}
                    loading={setActive.isPending && setActive.variables?.id === template.id}
                    onClick={() => toggle(template)}
                    data-testid="template-toggle"
                  >
                    {t(template.active ? 'templates.deactivate' : 'templates.activate')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <TableState loading={templates.isPending} empty={templates.isSuccess && rows.length === 0} emptyText={t('templates.empty')} />
      {editing !== undefined && <TemplateFormModal key={editing?.id ?? 'new'} template={editing} onClose={() => setEditing(undefined)} />}
    </>
  );
}
