import { Box, Group, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TableState } from '../../components/TableState';
import { useFormat } from '../../i18n/format';
import { useLabels } from '../../i18n/labels';
import { diffField } from './articleDraft';
import { useArticleDiff, useArticleVersions } from './queries';
import type { Article, DiffPart } from './types';

const PART_STYLE: Record<DiffPart['op'], CSSProperties> = {
  equal: {},
  insert: { background: 'var(--mantine-color-teal-light)', textDecoration: 'none' },
  delete: { background: 'var(--mantine-color-red-light)', textDecoration: 'line-through' },
};

/** Every saved version (who, when, which languages) and a word diff between two of them. */
export function HistoryPanel({ article }: { article: Article }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useLabels();
  const versions = useArticleVersions(article.id);
  const items = versions.data ?? [];
  const [picked, setPicked] = useState<{ from: string | null; to: string | null }>({ from: null, to: null });
  // Newest first: compare the one before the newest with the newest unless the person chose.
  const to = picked.to ?? (items[0] ? String(items[0].version) : null);
  const from = picked.from ?? (items[1] ? String(items[1].version) : to);
  const diff = useArticleDiff(article.id, from === null ? null : Number(from), to === null ? null : Number(to));
  const options = items.map((v) => ({ value: String(v.version), label: t('knowledge.versionNumber', { version: v.version }) }));

  const fieldLabel = (field: string) => {
    const { language, part } = diffField(field);
    const name = t(`knowledge.field.${part}`, { defaultValue: part });
    return language ? `${name} · ${labels.workingLanguage(language)}` : name;
  };

  return (
    <Stack gap="md" data-testid="article-history">
      <ProblemAlert error={versions.error} />
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('knowledge.history.version')}</Table.Th>
              <Table.Th>{t('knowledge.history.savedBy')}</Table.Th>
              <Table.Th>{t('knowledge.history.savedAt')}</Table.Th>
              <Table.Th>{t('knowledge.history.languages')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((v) => (
              <Table.Tr key={v.version} data-testid="article-version" data-version={v.version}>
                <Table.Td>{v.version}</Table.Td>
                <Table.Td>{v.savedBy?.displayName ?? t('knowledge.history.system')}</Table.Td>
                <Table.Td>{format.dateTime(v.savedAt)}</Table.Td>
                <Table.Td>{format.list(v.languages.map((language) => labels.workingLanguage(language)))}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <TableState loading={versions.isPending} empty={versions.isSuccess && items.length === 0} emptyText={t('knowledge.history.empty')} />
      {items.length > 1 && (
        <>
          <Group gap="sm" wrap="wrap">
            <Select label={t('knowledge.history.from')} w={160} allowDeselect={false} data={options} value={from} onChange={(v) => setPicked({ from: v, to })} data-testid="article-diff-from" />
            <Select label={t('knowledge.history.to')} w={160} allowDeselect={false} data={options} value={to} onChange={(v) => setPicked({ from, to: v })} data-testid="article-diff-to" />
          </Group>
          <ProblemAlert error={diff.error} />
          {from === to ? (
            <Text size="sm" c="dimmed">
              {t('knowledge.history.pickTwo')}
            </Text>
          ) : diff.data && diff.data.changes.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('knowledge.history.same')}
            </Text>
          ) : null}
          <Stack gap="sm" data-testid="article-diff">
            {(from !== to ? diff.data?.changes ?? [] : []).map((change) => (
              <Paper key={change.field} withBorder p="sm" data-testid="article-diff-field" data-field={change.field}>
                <Text size="xs" c="dimmed" mb={4}>
                  {fieldLabel(change.field)}
                </Text>
                <Box style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontSize: 'var(--mantine-font-size-sm)', lineHeight: 1.6 }}>
                  {change.parts.map((part, index) =>
                    part.op === 'equal' ? (
                      <span key={index}>{part.text}</span>
                    ) : (
                      <Box key={index} component={part.op === 'insert' ? 'ins' : 'del'} style={PART_STYLE[part.op]} data-op={part.op}>
                        {part.text}
                      </Box>
                    ),
                  )}
                </Box>
              </Paper>
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}
