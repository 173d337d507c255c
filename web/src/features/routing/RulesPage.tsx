import { ActionIcon, Anchor, Badge, Box, Button, Group, Paper, Stack, Switch, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { problemMessage } from '../../components/problems';
import { TableState } from '../../components/TableState';
import { canEditRouting } from './access';
import { useRoutingWords } from './labels';
import { usePatchRule, useRules } from './queries';
import { summarizeRule } from './ruleDraft';
import type { Rule } from './types';

/** Routing rules in the order they are tried; leads and admins switch, reorder and edit them. */
export function RulesPage() {
  const { t } = useTranslation();
  const session = useSession();
  const editable = canEditRouting(session);
  const rules = useRules();
  const patch = usePatchRule();
  const { words, ready } = useRoutingWords();
  const rows = ready ? [...(rules.data ?? [])].sort((a, b) => a.order - b.order) : [];

  const fail = (error: unknown) => notifications.show({ color: 'red', message: problemMessage(error, t) });

  function toggle(rule: Rule, enabled: boolean) {
    patch.mutate(
      { id: rule.id, patch: { enabled } },
      {
        onSuccess: (saved) => notifications.show({ color: 'teal', message: t(saved.enabled ? 'routing.list.enabledNow' : 'routing.list.disabledNow', { name: saved.name }) }),
        onError: fail,
      },
    );
  }

  /** Swaps the order with the neighbour; equal orders are pulled one apart. */
  async function move(index: number, direction: -1 | 1) {
    const rule = rows[index];
    const other = rows[index + direction];
    if (!rule || !other) return;
    try {
      if (rule.order === other.order) {
        await patch.mutateAsync({ id: rule.id, patch: { order: Math.max(0, other.order + direction) } });
      } else {
        await patch.mutateAsync({ id: rule.id, patch: { order: other.order } });
        await patch.mutateAsync({ id: other.id, patch: { order: rule.order } });
      }
    } catch (error) {
      fail(error);
    }
  }

  return (
    <>
      <PageHeader
        title={t('routing.list.title')}
        description={t('routing.list.description')}
        actions={
          editable && (
            <Button component={Link} to="/routing/new" data-testid="routing-create">
              {t('routing.list.create')}
            </Button>
          )
        }
      />
      <ProblemAlert error={rules.error} />
      <Box visibleFrom="sm">
        <Table.ScrollContainer minWidth={820}>
          <Table verticalSpacing="sm" highlightOnHover data-testid="routing-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {t('routing.list.column.order')}
                </Table.Th>
                <Table.Th>{t('routing.list.column.enabled')}</Table.Th>
                <Table.Th>{t('routing.list.column.name')}</Table.Th>
                <Table.Th miw={280}>{t('routing.list.column.summary')}</Table.Th>
                <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {t('routing.list.column.version')}
                </Table.Th>
                {editable && <Table.Th aria-label={t('routing.list.column.move')} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((rule, index) => (
                <Table.Tr key={rule.id} data-testid="routing-row" data-name={rule.name}>
                  <Table.Td ta="right">{rule.order}</Table.Td>
                  <Table.Td>
                    <Switch
                      checked={rule.enabled}
                      disabled={!editable || patch.isPending}
                      onChange={(event) => toggle(rule, event.currentTarget.checked)}
                      aria-label={t('routing.list.toggle', { name: rule.name })}
                      data-testid="routing-row-enabled"
                    />
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/routing/${rule.id}`} fw={500} data-testid="routing-row-name">
                      {rule.name}
                    </Anchor>
                    {!rule.enabled && (
                      <Badge ml="xs" size="xs" color="gray" variant="light">
                        {t('routing.list.off')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" data-testid="routing-row-summary">
                      {summarizeRule(rule, words)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" c="dimmed">
                      {t('routing.list.versionNumber', { version: rule.version })}
                    </Text>
                  </Table.Td>
                  {editable && (
                    <Table.Td>
                      <MoveButtons first={index === 0} last={index === rows.length - 1} busy={patch.isPending} name={rule.name} onMove={(direction) => void move(index, direction)} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Box>
      {/* At a phone's width each rule is a card: the summary needs the whole width. */}
      <Stack hiddenFrom="sm" gap="sm">
        {rows.map((rule, index) => (
          <Paper key={rule.id} withBorder p="sm" data-testid="routing-card" data-name={rule.name}>
            <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
              <Switch
                checked={rule.enabled}
                disabled={!editable || patch.isPending}
                onChange={(event) => toggle(rule, event.currentTarget.checked)}
                aria-label={t('routing.list.toggle', { name: rule.name })}
              />
              <Anchor component={Link} to={`/routing/${rule.id}`} fw={500} style={{ flex: 1, overflowWrap: 'anywhere' }}>
                {rule.name}
              </Anchor>
              {editable && <MoveButtons first={index === 0} last={index === rows.length - 1} busy={patch.isPending} name={rule.name} onMove={(direction) => void move(index, direction)} />}
            </Group>
            <Text size="sm" mt={6} style={{ overflowWrap: 'anywhere' }}>
              {summarizeRule(rule, words)}
            </Text>
            <Text size="xs" c="dimmed" mt={4}>
              {t('routing.list.column.order')} {rule.order} · {t('routing.list.versionNumber', { version: rule.version })}
            </Text>
          </Paper>
        ))}
      </Stack>
      <TableState loading={rules.isPending || !ready} empty={rows.length === 0} emptyText={t('routing.list.empty')} />
    </>
  );
}

function MoveButtons({ first, last, busy, name, onMove }: { first: boolean; last: boolean; busy: boolean; name: string; onMove: (direction: -1 | 1) => void }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <ActionIcon variant="subtle" disabled={first || busy} onClick={() => onMove(-1)} aria-label={t('routing.list.moveUp', { name })} data-testid="routing-row-up">
        ↑
      </ActionIcon>
      <ActionIcon variant="subtle" disabled={last || busy} onClick={() => onMove(1)} aria-label={t('routing.list.moveDown', { name })} data-testid="routing-row-down">
        ↓
      </ActionIcon>
    </Group>
  );
}
