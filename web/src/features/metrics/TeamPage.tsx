import { Skeleton, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { useTeams } from '../admin/teams/queries';
import { AgentTable } from './AgentTable';
import { AgeChart, ChartGrid, KpiGrid, SlaByCategoryChart, TrendChart, VolumeChart } from './charts';
import { DashboardTabs } from './DashboardTabs';
import { FilterBar, useDashboardFilters } from './filters';
import type { MetricName } from './types';

const TEAM_KPIS: MetricName[] = ['sla_attainment', 'first_response_median', 'resolution_median', 'csat_avg', 'reopen_rate', 'close_loop_rate', 'backlog'];

/** A team's numbers: a lead's own team unless another is picked, and how each agent does. */
export function TeamPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { filters, update, today } = useDashboardFilters();
  const teams = useTeams(session.abilities.teams.read);
  const own = session.user.teams.filter((team) => team.kind === 'service');
  const options = session.abilities.teams.read
    ? (teams.data ?? []).filter((team) => team.kind === 'service').map((team) => ({ value: team.id, label: team.name }))
    : own.map((team) => ({ value: team.id, label: team.name }));
  // Unpicked: the person's first team, else the first team listed (left out of the address).
  const team = filters.team ?? own[0]?.id ?? options[0]?.value ?? null;
  const scoped = { ...filters, team };
  return (
    <>
      <PageHeader title={t('metrics.team.title')} description={t('metrics.team.description')} />
      <DashboardTabs current="team" />
      <FilterBar
        filters={scoped}
        update={update}
        today={today}
        show={{ team: true, agent: true }}
        teamOptions={options}
        teamClearable={false}
      />
      {!team && teams.isPending && session.abilities.teams.read ? (
        <Skeleton height={120} data-testid="metric-loading" />
      ) : !team ? (
        <Text c="dimmed" data-testid="metrics-no-team">
          {t('metrics.team.noTeam')}
        </Text>
      ) : (
        <>
          <KpiGrid metrics={TEAM_KPIS} filters={scoped} />
          <ChartGrid>
            <VolumeChart filters={scoped} />
            <SlaByCategoryChart filters={scoped} onClock={(clock) => update({ clock })} />
            <TrendChart testId="chart-backlog" title={t('metrics.chart.backlog')} metric="backlog" filters={scoped} />
            <AgeChart filters={scoped} />
          </ChartGrid>
          <AgentTable filters={scoped} />
        </>
      )}
    </>
  );
}
