import { Badge, Button, Group, MultiSelect, Select, Stack, Table, Tabs, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../app/session';
import { caseWorkspace } from '../../app/workspace';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TableState } from '../../components/TableState';
import { useFormat } from '../../i18n/format';
import { useLabels } from '../../i18n/labels';
import { useTeams } from '../admin/teams/queries';
import { ExportMenu } from '../exports/ExportMenu';
import { PriorityBadge, SlaBadge, StatusBadge } from './badges';
import { useCategoryOptions } from './categories';
import {
  SORTS,
  fixedByView,
  readListState,
  switchView,
  toCaseQuery,
  viewsFor,
  writeListState,
  type CaseView,
  type ListState,
} from './listParams';
import { useAssignees, useCases } from './queries';
import { CASE_STATUSES, PRIORITIES, SLA_STATES, type SlaState } from './types';

/** The case list: saved views, filters kept in the address, keyboard navigation (j/k, Enter). */
export function CaseListPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const session = useSession();
  const workspace = caseWorkspace(session);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const views = viewsFor(workspace, session);
  const state = readListState(params, views);
  const fixed = fixedByView(state.view);
  const query = toCaseQuery(state, session);
  const cases = useCases(query);
  const categoryOptions = useCategoryOptions({ roots: true });
  const teams = useTeams(workspace.worker && session.abilities.teams.read);
  const assignees = useAssignees(state.teamId, workspace.worker && session.abilities.users.read);

  // The search box is typed into faster than the list should reload; the address follows it.
  const [search, setSearch] = useState(state.q);
  const lastWritten = useRef(state.q);
  useEffect(() => {
    // Back/forward or a view switch changed q under the box: show what the list shows.
    if (state.q !== lastWritten.current) {
      lastWritten.current = state.q;
      setSearch(state.q);
    }
  }, [state.q]);

  function update(changes: Partial<ListState>, { replace = false } = {}) {
    setParams(writeListState({ ...state, ...changes }, views), { replace });
  }
  const writeSearch = useDebouncedCallback((q: string) => {
    lastWritten.current = q;
    // Start from the address, not from this render: a view switch made just before typing
    // may still be rendering (router updates are transitions), and must not be undone.
    const current = readListState(new URLSearchParams(window.location.search), views);
    setParams(writeListState({ ...current, q }, views), { replace: true });
  }, 300);

  const rows = useMemo(() => cases.data?.pages.flatMap((page) => page.items) ?? [], [cases.data]);
  const first = cases.data?.pages[0];

  // Keyboard: j/↓ next, k/↑ previous, Enter opens — unless the person is typing somewhere.
  const [selected, setSelected] = useState(0);
  const selectedIndex = Math.min(selected, Math.max(rows.length - 1, 0));
  const tableRef = useRef<HTMLTableElement>(null);
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey || rows.length === 0) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"], [role="listbox"], [role="dialog"]')) return;
      if (event.key === 'j' || event.key === 'ArrowDown') {
        event.preventDefault();
        setSelected(Math.min(selectedIndex + 1, rows.length - 1));
      } else if (event.key === 'k' || event.key === 'ArrowUp') {
        event.preventDefault();
        setSelected(Math.max(selectedIndex - 1, 0));
      } else if (event.key === 'Enter') {
        const row = rows[selectedIndex];
        if (row && !target?.closest('a, button')) {
          event.preventDefault();
          void navigate(`/cases/${row.number}`);
        }
      }
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [rows, selectedIndex, navigate]);
  useEffect(() => {
    tableRef.current
      ?.querySelector(`[data-row-index="${selectedIndex}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [selectedIndex]);

  const viewLabel: Record<CaseView, string> = {
    all: t('cases.view.all'),
    mine: t('cases.view.mine'),
    team: t('cases.view.team'),
    unassigned: t('cases.view.unassigned'),
    waiting: t('cases.view.waiting'),
    escalations: t('cases.view.escalations'),
    atRisk: t('sla.view.atRisk'),
    breached: t('sla.view.breached'),
  };
  const sortLabel: Record<(typeof SORTS)[number], string> = {
    '-createdAt': t('cases.sort.newest'),
    createdAt: t('cases.sort.oldest'),
    '-updatedAt': t('cases.sort.updated'),
    priority: t('cases.sort.priority'),
    due: t('sla.sort.due'),
  };
  const myTeams = session.user.teams;
  const teamOptions =
    state.view === 'team'
      ? myTeams.map((team) => ({ value: team.id, label: team.name }))
      : (teams.data ?? []).filter((team) => team.kind === 'service').map((team) => ({ value: team.id, label: team.name }));
  const assigneeOptions = [
    { value: 'me', label: t('cases.filter.me') },
    ...(assignees.data ?? [])
      .filter((user) => user.id !== session.user.id)
      .map((user) => ({ value: user.id, label: user.displayName })),
  ];

  const total = first
    ? first.totalIsEstimate
      ? t('cases.totalEstimate', { total: format.number(first.total) })
      : t('cases.total', { total: format.number(first.total) })
    : '';

  return (
    <div data-testid="cases-page">
      <PageHeader
        title={workspace.worker ? t('cases.title') : t('cases.myTitle')}
        description={workspace.worker ? t('cases.description') : t('cases.myDescription')}
        actions={
          <Group gap="sm" align="flex-start">
            <ExportMenu path="/cases/export" query={{ ...query }} testId="cases-export" />
            {workspace.file && (
              <Button component={Link} to="/cases/new" data-testid="case-new">
                {t('cases.new')}
              </Button>
            )}
          </Group>
        }
      />

      <Tabs
        value={state.view}
        onChange={(view) => view && setParams(writeListState(switchView(state, view as CaseView, session), views))}
        mb="md"
        keepMounted={false}
      >
        <Tabs.List>
          {views.map((view) => (
            <Tabs.Tab key={view} value={view} data-testid={`cases-view-${view}`}>
              {viewLabel[view]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>

      <Group mb="md" gap="sm" wrap="wrap" align="flex-end">
        <TextInput
          aria-label={t('cases.filter.search')}
          placeholder={t('cases.filter.search')}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            writeSearch(event.currentTarget.value);
          }}
          w={{ base: '100%', xs: 280 }}
          data-testid="cases-search"
        />
        <MultiSelect
          aria-label={t('cases.filter.status')}
          placeholder={state.status.length || fixed.has('status') ? undefined : t('cases.filter.anyStatus')}
          data={CASE_STATUSES.map((value) => ({ value, label: labels.caseStatus(value) }))}
          value={fixed.has('status') ? ['waiting_partner'] : state.status}
          disabled={fixed.has('status')}
          onChange={(status) => update({ status })}
          clearable
          w={{ base: '100%', xs: 240 }}
          data-testid="cases-filter-status"
        />
        <MultiSelect
          aria-label={t('cases.filter.priority')}
          placeholder={state.priority.length ? undefined : t('cases.filter.anyPriority')}
          data={PRIORITIES.map((value) => ({ value, label: `${value} · ${labels.priority(value)}` }))}
          value={state.priority}
          onChange={(priority) => update({ priority })}
          clearable
          w={{ base: '100%', xs: 200 }}
          data-testid="cases-filter-priority"
        />
        <Select
          aria-label={t('cases.filter.category')}
          placeholder={t('cases.filter.anyCategory')}
          data={categoryOptions}
          value={state.category}
          onChange={(category) => update({ category })}
          searchable
          clearable
          nothingFoundMessage={t('common.nothingFound')}
          w={{ base: '100%', xs: 220 }}
          data-testid="cases-filter-category"
        />
        {workspace.worker && (
          <Select
            aria-label={t('cases.filter.team')}
            placeholder={t('cases.filter.anyTeam')}
            data={teamOptions}
            value={state.view === 'team' ? (query.teamId ?? null) : state.teamId}
            onChange={(teamId) => update({ teamId })}
            clearable={state.view !== 'team'}
            allowDeselect={state.view !== 'team'}
            searchable
            nothingFoundMessage={t('common.nothingFound')}
            w={{ base: '100%', xs: 200 }}
            data-testid="cases-filter-team"
          />
        )}
        {workspace.worker && (
          <Select
            aria-label={t('cases.filter.assignee')}
            placeholder={state.view === 'unassigned' ? t('cases.unassigned') : t('cases.filter.anyAssignee')}
            data={assigneeOptions}
            value={state.view === 'mine' ? 'me' : fixed.has('assigneeId') ? null : state.assigneeId}
            disabled={fixed.has('assigneeId')}
            onChange={(assigneeId) => update({ assigneeId })}
            searchable
            clearable
            nothingFoundMessage={t('common.nothingFound')}
            w={{ base: '100%', xs: 200 }}
            data-testid="cases-filter-assignee"
          />
        )}
        <Select
          aria-label={t('sla.filter.state')}
          placeholder={t('sla.filter.anyState')}
          data={SLA_STATES.map((value) => ({ value, label: t(`sla.state.${value}`) }))}
          value={fixed.has('slaState') ? (query.slaState ?? null) : state.slaState}
          disabled={fixed.has('slaState')}
          onChange={(slaState) => update({ slaState: slaState as SlaState | null })}
          clearable
          w={{ base: '100%', xs: 180 }}
          data-testid="cases-filter-sla"
        />
        <Select
          aria-label={t('cases.filter.sort')}
          data={SORTS.map((value) => ({ value, label: sortLabel[value] }))}
          value={state.sort}
          onChange={(sort) => sort && update({ sort: sort as ListState['sort'] })}
          allowDeselect={false}
          w={{ base: '100%', xs: 180 }}
          data-testid="cases-sort"
        />
      </Group>

      <Group justify="space-between" mb="xs" wrap="wrap">
        <Text size="sm" c="dimmed" data-testid="cases-total">
          {total}
        </Text>
        <Text size="xs" c="dimmed" visibleFrom="sm">
          {t('cases.keyboardHint')}
        </Text>
      </Group>

      <ProblemAlert error={cases.error} />

      {/* Seven columns fit the 1,000 px a 1280 px screen leaves; narrower screens scroll. */}
      <Table.ScrollContainer minWidth={900}>
        <Table ref={tableRef} verticalSpacing="sm" highlightOnHover data-testid="cases-table">
          <Table.Thead style={{ whiteSpace: 'nowrap' }}>
            <Table.Tr>
              <Table.Th>{t('cases.column.number')}</Table.Th>
              <Table.Th>{t('cases.column.title')}</Table.Th>
              <Table.Th>{t('cases.column.category')}</Table.Th>
              <Table.Th>{t('cases.column.account')}</Table.Th>
              <Table.Th>{t('sla.column.statusSla')}</Table.Th>
              <Table.Th>{t('cases.column.owner')}</Table.Th>
              <Table.Th>{t('cases.column.created')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((item, index) => {
              const isSelected = index === selectedIndex;
              return (
                <Table.Tr
                  key={item.id}
                  data-testid="case-row"
                  data-number={item.number}
                  data-row-index={index}
                  data-selected={isSelected || undefined}
                  aria-selected={isSelected}
                  bg={isSelected ? 'var(--mantine-color-gray-1)' : undefined}
                  // The keyboard cursor: a bar on the left, quieter than a selection colour.
                  style={{
                    cursor: 'pointer',
                    boxShadow: isSelected ? 'inset 3px 0 0 var(--mantine-primary-color-filled)' : undefined,
                  }}
                  onClick={() => {
                    setSelected(index);
                    void navigate(`/cases/${item.number}`);
                  }}
                >
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Stack gap={4} align="flex-start">
                      <Text
                        component={Link}
                        to={`/cases/${item.number}`}
                        size="sm"
                        fw={600}
                        ff="monospace"
                        c="var(--mantine-primary-color-filled)"
                        onClick={(event) => event.stopPropagation()}
                      >
                        {item.number}
                      </Text>
                      {/* Priority sits under the number: one glance per row, one column fewer. */}
                      <PriorityBadge priority={item.priority} size="sm" />
                    </Stack>
                  </Table.Td>
                  <Table.Td miw={180} maw={320}>
                    <Text size="sm" fw={500} lineClamp={2}>
                      {item.title}
                    </Text>
                  </Table.Td>
                  <Table.Td miw={100}>
                    <Text size="sm" style={{ wordBreak: 'keep-all' }}>
                      {labels.pick(item.category.labels, item.category.code)}
                    </Text>
                  </Table.Td>
                  <Table.Td miw={130} maw={180}>
                    <Text size="sm" lineClamp={1}>
                      {item.account.name}
                    </Text>
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {labels.accountType(item.account.type)} · {item.account.externalId}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={4} align="flex-start">
                      <StatusBadge status={item.status} wrap />
                      <SlaBadge sla={item.sla} size="sm" />
                    </Stack>
                  </Table.Td>
                  <Table.Td miw={110} maw={150} data-testid="case-row-owner">
                    {/* Who works it, and in which team: two facts, one column. */}
                    {item.assignee ? (
                      <Text size="sm" lineClamp={1}>
                        {item.assignee.displayName}
                      </Text>
                    ) : (
                      <Badge variant="outline" color="gray" size="sm">
                        {t('cases.unassigned')}
                      </Badge>
                    )}
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {item.team?.name ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Tooltip label={format.dateTime(item.createdAt)}>
                      <Text size="sm" c="dimmed">
                        {format.relative(item.createdAt)}
                      </Text>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <TableState
        loading={cases.isPending}
        empty={cases.isSuccess && rows.length === 0}
        emptyText={state.q || state.status.length || state.priority.length || state.category || state.slaState ? t('cases.emptyFiltered') : t('cases.empty')}
      />

      {cases.hasNextPage && (
        <Group justify="center" mt="md">
          <Button
            variant="default"
            loading={cases.isFetchingNextPage}
            onClick={() => void cases.fetchNextPage()}
            data-testid="cases-load-more"
          >
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
    </div>
  );
}
