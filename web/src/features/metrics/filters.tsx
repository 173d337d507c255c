import { Button, Group, Paper, Select, TextInput } from '@mantine/core';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession } from '../../app/session';
import { WORKING_LANGUAGES } from '../../app/types';
import { useLabels } from '../../i18n/labels';
import { useRegionOptions } from '../admin/regions';
import { useTeams } from '../admin/teams/queries';
import { useCategoryOptions } from '../cases/categories';
import { useAssignees } from '../cases/queries';
import { CASE_SOURCES, PRIORITIES, type CaseSource } from '../cases/types';
import { PRESETS, presetOf, presetRange, readFilters, todayIn, writeFilters, type DashboardFilters } from './params';
import { useMetricCatalogue } from './queries';
import { BASES, TIME_GROUPS, type Basis, type TimeGroup } from './types';

/** The page's filters, read from and written to the address (so a link shows the same numbers). */
export function useDashboardFilters() {
  const [params, setParams] = useSearchParams();
  const catalogue = useMetricCatalogue();
  // Days are the organisation's; until its zone is known, the browser's stands in.
  const timeZone = catalogue.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const today = todayIn(timeZone);
  const filters = useMemo(() => readFilters(params, today), [params, today]);
  const update = useCallback(
    (change: Partial<DashboardFilters>) => setParams(writeFilters({ ...filters, ...change }, today)),
    [filters, setParams, today],
  );
  return { filters, update, today, timeZone };
}

export interface FilterBarShow {
  team?: boolean;
  agent?: boolean;
  groupBy?: boolean;
}

export function FilterBar({
  filters,
  update,
  today,
  show = {},
  teamOptions,
  teamClearable = true,
}: {
  filters: DashboardFilters;
  update: (change: Partial<DashboardFilters>) => void;
  today: string;
  show?: FilterBarShow;
  /** Teams to pick from (default: every service team the person may read). */
  teamOptions?: { value: string; label: string }[];
  teamClearable?: boolean;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const labels = useLabels();
  const regionOptions = useRegionOptions();
  const categoryOptions = useCategoryOptions({ roots: true });
  const teams = useTeams(Boolean(show.team) && !teamOptions && session.abilities.teams.read);
  const assignees = useAssignees(filters.team, Boolean(show.agent) && session.abilities.users.read);
  const preset = presetOf(filters, today);
  const rangeError = filters.from > filters.to ? t('metrics.filter.fromAfterTo') : undefined;

  const teamData =
    teamOptions ?? (teams.data ?? []).filter((team) => team.kind === 'service').map((team) => ({ value: team.id, label: team.name }));
  const agentData = (assignees.data ?? [])
    .filter((user) => user.role === 'specialist' || user.role === 'lead')
    .map((user) => ({ value: user.id, label: user.displayName }));

  const select = (name: keyof DashboardFilters, label: string, data: Parameters<typeof Select>[0]['data'], extra: object = {}) => (
    <Select
      label={label}
      size="xs"
      w={170}
      data={data}
      value={(filters[name] as string | null) ?? null}
      onChange={(value) => update({ [name]: value })}
      clearable
      searchable
      placeholder={t('metrics.filter.any')}
      comboboxProps={{ withinPortal: true }}
      data-testid={`metrics-filter-${name}`}
      {...extra}
    />
  );

  return (
    <Paper withBorder p="sm" radius="md" mb="md" data-testid="metrics-filters">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Group gap={4} wrap="wrap" role="group" aria-label={t('metrics.filter.range')}>
          {PRESETS.map((days) => (
            <Button
              key={days}
              size="xs"
              variant={preset === days ? 'filled' : 'default'}
              onClick={() => update(presetRange(days, today))}
              data-testid={`metrics-preset-${days}`}
              aria-pressed={preset === days}
            >
              {t('metrics.filter.lastDays', { n: days })}
            </Button>
          ))}
        </Group>
        {(['from', 'to'] as const).map((name) => (
          <TextInput
            key={name}
            type="date"
            size="xs"
            label={t(`metrics.filter.${name}`)}
            value={filters[name]}
            max={today}
            // A cleared date input sends '': the last day stays rather than an empty range.
            onChange={(event) => {
              const day = event.currentTarget.value;
              if (!day) return;
              // Moving one end past the other moves both, so the range never turns inside out.
              if (name === 'from') update({ from: day, ...(day > filters.to ? { to: day } : {}) });
              else update({ to: day, ...(day < filters.from ? { from: day } : {}) });
            }}
            error={name === 'from' ? rangeError : undefined}
            data-testid={`metrics-filter-${name}`}
          />
        ))}
        {show.groupBy !== false && (
          <Select
            label={t('metrics.filter.groupBy')}
            size="xs"
            w={120}
            data={TIME_GROUPS.map((value) => ({ value, label: t(`metrics.groupBy.${value}`) }))}
            value={filters.groupBy}
            onChange={(value) => value && update({ groupBy: value as TimeGroup })}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            data-testid="metrics-filter-groupBy"
          />
        )}
        <Select
          label={t('metrics.filter.basis')}
          size="xs"
          w={150}
          data={BASES.map((value) => ({ value, label: t(`metrics.basis.${value}`) }))}
          value={filters.basis}
          onChange={(value) => value && update({ basis: value as Basis })}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          data-testid="metrics-filter-basis"
        />
        {select('region', t('metrics.filter.region'), regionOptions)}
        {show.team &&
          select('team', t('metrics.filter.team'), teamData, {
            clearable: teamClearable,
            allowDeselect: teamClearable,
            // A new team has other agents.
            onChange: (value: string | null) => update({ team: value, agent: null }),
          })}
        {show.agent && session.abilities.users.read && select('agent', t('metrics.filter.agent'), agentData)}
        {select('category', t('metrics.filter.category'), categoryOptions)}
        {select(
          'priority',
          t('metrics.filter.priority'),
          PRIORITIES.map((value) => ({ value, label: labels.priority(value) })),
          { w: 130 },
        )}
        {select(
          'source',
          t('metrics.filter.source'),
          CASE_SOURCES.map((value) => ({ value, label: labels.source(value as CaseSource) })),
          { w: 140 },
        )}
        {select(
          'language',
          t('metrics.filter.language'),
          WORKING_LANGUAGES.map((value) => ({ value, label: labels.workingLanguage(value) })),
          { w: 140 },
        )}
      </Group>
    </Paper>
  );
}
