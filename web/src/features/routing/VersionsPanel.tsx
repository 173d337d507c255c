import { Badge, Box, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TableState } from '../../components/TableState';
import { useFormat } from '../../i18n/format';
import { useRoutingWords } from './labels';
import { useRuleVersions } from './queries';
import { diffLines, summarizeRule, versionLines } from './ruleDraft';

const LINE_STYLE = {
  added: { background: 'var(--mantine-color-teal-light)', sign: '+' },
  removed: { background: 'var(--mantine-color-red-light)', sign: '−' },
  same: { background: 'transparent', sign: ' ' },
} as const;

/** Every saved version of the rule, and a line diff of the JSON of two of them. */
export function VersionsPanel({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const versions = useRuleVersions(id);
  const { words, teamName, authorityName } = useRoutingWords();
  const items = versions.data ?? [];
  const [picked, setPicked] = useState<{ from: string | null; to: string | null }>({ from: null, to: null });
  // Newest first: compare the one before the newest with the newest unless the person chose.
  const to = picked.to ?? (items[0] ? String(items[0].version) : null);
  const from = picked.from ?? (items[1] ? String(items[1].version) : to);
  const before = items.find((v) => String(v.version) === from);
  const after = items.find((v) => String(v.version) === to);
  const options = items.map((v) => ({ value: String(v.version), label: t('routing.list.versionNumber', { version: v.version }) }));
  const diff = before && after ? diffLines(versionLines(before), versionLines(after)) : [];
  // The JSON names teams and authorities by id: say who they are under the diff.
  const named = new Map<string, string>();
  for (const action of [...(before?.then ?? []), ...(after?.then ?? [])]) {
    if (action.action === 'set_team') named.set(action.team, teamName(action.team));
    if (action.action === 'raise_critical') named.set(action.authority, authorityName(action.authority));
  }

  return (
    <Stack gap="md" data-testid="routing-versions">
      <ProblemAlert error={versions.error} />
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('routing.versions.version')}</Table.Th>
              <Table.Th>{t('routing.versions.savedBy')}</Table.Th>
              <Table.Th>{t('routing.versions.savedAt')}</Table.Th>
              <Table.Th miw={260}>{t('routing.list.column.summary')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((v) => (
              <Table.Tr key={v.version} data-testid="routing-version">
                <Table.Td>
                  {v.version}
                  {v.deleted && (
                    <Badge ml="xs" size="xs" color="gray">
                      {t('routing.versions.deleted')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{v.savedBy?.displayName ?? t('routing.versions.system')}</Table.Td>
                <Table.Td>{format.dateTime(v.savedAt)}</Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {v.name} · {t('routing.list.column.order')} {v.order}
                    {v.enabled ? '' : ` · ${t('routing.list.off')}`}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {summarizeRule(v, words)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <TableState loading={versions.isPending} empty={items.length === 0} emptyText={t('routing.versions.empty')} />
      {items.length > 0 && (
        <>
          <Group gap="sm" wrap="wrap">
            <Select label={t('routing.versions.from')} w={160} allowDeselect={false} data={options} value={from} onChange={(v) => setPicked({ from: v, to })} data-testid="versions-from" />
            <Select label={t('routing.versions.to')} w={160} allowDeselect={false} data={options} value={to} onChange={(v) => setPicked({ from, to: v })} data-testid="versions-to" />
          </Group>
          {diff.every((line) => line.kind === 'same') ? (
            <Text size="sm" c="dimmed">
              {t('routing.versions.same')}
            </Text>
          ) : null}
          <Box
            component="pre"
            data-testid="versions-diff"
            style={{ fontSize: 12, lineHeight: 1.5, overflowX: 'auto', margin: 0, border: '1px solid var(--mantine-color-default-border)', borderRadius: 4 }}
          >
            {diff.map((line, i) => (
              <div key={i} data-kind={line.kind} style={{ background: LINE_STYLE[line.kind].background, padding: '0 8px' }}>
                {LINE_STYLE[line.kind].sign} {line.text}
              </div>
            ))}
          </Box>
          {named.size > 0 && (
            <Text size="xs" c="dimmed" data-testid="versions-names">
              {[...named].map(([id, name]) => `${id} = ${name}`).join(' · ')}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}
