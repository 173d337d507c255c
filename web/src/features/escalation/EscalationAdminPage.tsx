import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TableState } from '../../components/TableState';
import { useLabels } from '../../i18n/labels';
import { useTeams } from '../admin/teams/queries';
import { AuthorityFormModal } from './AuthorityFormModal';
import { useEscalationText } from './labels';
import { LadderFormModal } from './LadderFormModal';
import { useAuthorities, useLadders, usePeople } from './queries';
import { secondsOfIso } from './time';
import type { Ladder } from './types';

/** Admin: the ladders (who is paged, level by level) and the authorities that own them. */
export function EscalationAdminPage() {
  const { t } = useTranslation();
  const text = useEscalationText();
  const ladders = useLadders();
  const authorities = useAuthorities();
  const [adding, setAdding] = useState<'ladder' | 'authority' | null>(null);
  const ladderRows = ladders.data ?? [];
  const authorityRows = authorities.data ?? [];

  return (
    <>
      <PageHeader title={t('escalation.admin.title')} description={t('escalation.admin.description')} />
      <Stack gap="xl">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={4}>{t('escalation.admin.ladders')}</Title>
            <Button size="sm" onClick={() => setAdding('ladder')} data-testid="ladder-add">
              {t('escalation.admin.addLadder')}
            </Button>
          </Group>
          <ProblemAlert error={ladders.error} />
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="sm" data-testid="ladders-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('escalation.admin.column.name')}</Table.Th>
                  <Table.Th>{t('escalation.admin.column.levels')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {ladderRows.map((ladder) => (
                  <Table.Tr key={ladder.id} data-testid="ladder-row" data-name={ladder.name}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {ladder.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <LadderLevels ladder={ladder} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <TableState loading={ladders.isPending} empty={ladders.isSuccess && ladderRows.length === 0} emptyText={t('escalation.admin.noLadders')} />
        </Stack>

        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={4}>{t('escalation.admin.authorities')}</Title>
            <Button size="sm" onClick={() => setAdding('authority')} disabled={ladderRows.length === 0} data-testid="authority-add">
              {t('escalation.admin.addAuthority')}
            </Button>
          </Group>
          <ProblemAlert error={authorities.error} />
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="sm" data-testid="authorities-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('escalation.admin.column.name')}</Table.Th>
                  <Table.Th>{t('escalation.admin.column.riskType')}</Table.Th>
                  <Table.Th>{t('escalation.admin.column.region')}</Table.Th>
                  <Table.Th>{t('escalation.admin.column.ladder')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {authorityRows.map((authority) => (
                  <Table.Tr key={authority.id} data-testid="authority-row" data-name={authority.name}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {authority.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>{text.riskType(authority.riskType)}</Table.Td>
                    <Table.Td>{text.region(authority.region)}</Table.Td>
                    <Table.Td>{authority.ladder.name}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <TableState
            loading={authorities.isPending}
            empty={authorities.isSuccess && authorityRows.length === 0}
            emptyText={t('escalation.admin.noAuthorities')}
          />
        </Stack>
      </Stack>
      {adding === 'ladder' && <LadderFormModal onClose={() => setAdding(null)} />}
      {adding === 'authority' && <AuthorityFormModal ladders={ladderRows} onClose={() => setAdding(null)} />}
    </>
  );
}

/** "1. Aisyah · waits 5m", "2. Lead of Payments MY · waits 10m" … */
function LadderLevels({ ladder }: { ladder: Ladder }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const text = useEscalationText();
  const people = usePeople();
  const { data: teams = [] } = useTeams();
  const person = (id: string) => people.data?.find((user) => user.id === id)?.displayName ?? id;
  const team = (id: string) => teams.find((entry) => entry.id === id)?.name ?? id;
  return (
    <Stack gap={2}>
      {ladder.levels.map((level, index) => {
        const { user, team: teamId, role } = level.notify;
        const who = user
          ? t('escalation.admin.notify.user', { name: person(user) })
          : role && teamId
            ? t('escalation.admin.notify.teamRole', { role: labels.role(role as 'lead'), name: team(teamId) })
            : t('escalation.admin.notify.team', { name: team(teamId ?? '') });
        const seconds = secondsOfIso(level.timeout);
        return (
          <Text key={index} size="sm" data-testid="ladder-level-summary">
            {index + 1}. {who}
            <Text span size="xs" c="dimmed">
              {' · '}
              {t('escalation.admin.notify.waits', { span: seconds === null ? level.timeout : text.span(seconds) })}
            </Text>
          </Text>
        );
      })}
    </Stack>
  );
}
