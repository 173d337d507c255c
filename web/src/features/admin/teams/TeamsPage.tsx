import { Badge, Button, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session';
import type { Team } from '../../../app/types';
import { PageHeader } from '../../../components/PageHeader';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { TableState } from '../../../components/TableState';
import { useFormat } from '../../../i18n/format';
import { useLabels } from '../../../i18n/labels';
import { useStrategyLabel } from '../../assignment/labels';
import { useRegions } from '../regions';
import { TeamFormModal } from './TeamFormModal';
import { useTeams } from './queries';

/** Admin: service teams that work cases and partner departments that answer handoffs. */
export function TeamsPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const { abilities } = useSession();
  const teams = useTeams();
  const { data: regions = [] } = useRegions();
  // undefined: no modal; null: creating; a team: editing it.
  const [editing, setEditing] = useState<Team | null | undefined>(undefined);
  const regionName = (code: string) => labels.region(code, regions.find((region) => region.code === code)?.name);
  const strategyLabel = useStrategyLabel();
  const rows = teams.data ?? [];

  return (
    <>
      <PageHeader
        title={t('teams.title')}
        description={t('teams.description')}
        actions={
          abilities.teams.manage && (
            <Button onClick={() => setEditing(null)} data-testid="team-create">
              {t('teams.create')}
            </Button>
          )
        }
      />
      <ProblemAlert error={teams.error} />
      <Table.ScrollContainer minWidth={860}>
        <Table verticalSpacing="sm" highlightOnHover data-testid="teams-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('teams.column.name')}</Table.Th>
              <Table.Th>{t('teams.column.kind')}</Table.Th>
              <Table.Th>{t('teams.column.region')}</Table.Th>
              <Table.Th ta="right">{t('teams.column.members')}</Table.Th>
              <Table.Th>{t('assignment.column.strategy')}</Table.Th>
              <Table.Th>{t('teams.column.created')}</Table.Th>
              {abilities.teams.manage && <Table.Th aria-label={t('common.actions')} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((team) => (
              <Table.Tr key={team.id} data-testid="team-row" data-name={team.name}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {team.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={team.kind === 'service' ? 'teal' : 'orange'}>
                    {labels.teamKind(team.kind)}
                  </Badge>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{team.region ? regionName(team.region) : '—'}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm">{team.memberCount}</Text>
                </Table.Td>
                <Table.Td data-testid="team-strategy" data-strategy={team.kind === 'service' ? team.assignment.strategy : ''}>
                  {team.kind === 'service' ? (
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {strategyLabel(team.assignment.strategy)}
                      {team.assignment.capacity !== null && (
                        <Text span size="xs" c="dimmed">
                          {' · '}
                          {t('assignment.capacityShort', { n: team.assignment.capacity })}
                        </Text>
                      )}
                    </Text>
                  ) : (
                    <Text size="sm">—</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{format.dateTime(team.createdAt)}</Text>
                </Table.Td>
                {abilities.teams.manage && (
                  <Table.Td ta="right">
                    <Button variant="subtle" size="compact-sm" onClick={() => setEditing(team)} data-testid="team-edit">
                      {t('common.edit')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <TableState loading={teams.isPending} empty={teams.isSuccess && rows.length === 0} emptyText={t('teams.empty')} />
      {editing !== undefined && (
        <TeamFormModal key={editing?.id ?? 'new'} team={editing} onClose={() => setEditing(undefined)} />
      )}
    </>
  );
}
