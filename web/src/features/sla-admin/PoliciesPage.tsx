import { Badge, Button, Group, Stack, Switch, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { problemMessage } from '../../components/problems';
import { TableState } from '../../components/TableState';
import { useLabels } from '../../i18n/labels';
import { useFormat } from '../../i18n/format';
import { useRegions } from '../admin/regions';
import { useTeams } from '../admin/teams/queries';
import { usePolicyText } from './labels';
import { usePatchPolicy, usePolicies } from './queries';
import { TARGET_KEYS, type Policy } from './types';

/** Admin: SLA policies in the order they are tried; the first that matches a case sets its clocks. */
export function PoliciesPage() {
  const { t } = useTranslation();
  const policies = usePolicies();
  const patch = usePatchPolicy();
  const rows = policies.data ?? [];

  function toggle(policy: Policy, enabled: boolean) {
    patch.mutate(
      { id: policy.id, patch: { enabled } },
      {
        onSuccess: (saved) =>
          notifications.show({
            color: 'teal',
            message: saved.enabled ? t('slaAdmin.policies.enabledNow', { name: saved.name }) : t('slaAdmin.policies.disabledNow', { name: saved.name }),
          }),
        onError: (error) => notifications.show({ color: 'red', message: problemMessage(error, t) }),
      },
    );
  }

  return (
    <>
      <PageHeader
        title={t('slaAdmin.policies.title')}
        description={t('slaAdmin.policies.description')}
        actions={
          <Button component={Link} to="/admin/sla-policies/new" data-testid="policy-create">
            {t('slaAdmin.policies.create')}
          </Button>
        }
      />
      <ProblemAlert error={policies.error} />
      <Table.ScrollContainer minWidth={960}>
        <Table verticalSpacing="sm" highlightOnHover data-testid="policies-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th ta="right">{t('slaAdmin.policies.column.position')}</Table.Th>
              <Table.Th>{t('slaAdmin.policies.column.enabled')}</Table.Th>
              <Table.Th>{t('slaAdmin.policies.column.name')}</Table.Th>
              <Table.Th miw={180}>{t('slaAdmin.policies.column.match')}</Table.Th>
              <Table.Th>{t('slaAdmin.policies.column.calendar')}</Table.Th>
              <Table.Th>{t('slaAdmin.policies.column.targets')}</Table.Th>
              <Table.Th aria-label={t('common.actions')} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((policy) => (
              <Table.Tr key={policy.id} data-testid="policy-row" data-name={policy.name} c={policy.enabled ? undefined : 'dimmed'}>
                <Table.Td ta="right">
                  <Text size="sm">{policy.position}</Text>
                </Table.Td>
                <Table.Td>
                  <Switch
                    checked={policy.enabled}
                    disabled={patch.isPending && patch.variables?.id === policy.id}
                    onChange={(event) => toggle(policy, event.currentTarget.checked)}
                    aria-label={t('slaAdmin.policies.enabledLabel', { name: policy.name })}
                    data-testid="policy-enabled"
                  />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {policy.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <MatchSummary policy={policy} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{policy.calendar.name}</Text>
                  <Text size="xs" c="dimmed">
                    {policy.calendar.timeZone}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Targets policy={policy} />
                </Table.Td>
                <Table.Td ta="right">
                  <Button
                    component={Link}
                    to={`/admin/sla-policies/${policy.id}`}
                    variant="subtle"
                    size="compact-sm"
                    data-testid="policy-edit"
                  >
                    {t('common.edit')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <TableState loading={policies.isPending} empty={policies.isSuccess && rows.length === 0} emptyText={t('slaAdmin.policies.empty')} />
    </>
  );
}

/** Which cases the policy takes: only the criteria it sets; none is every case. */
function MatchSummary({ policy }: { policy: Policy }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const { data: regions = [] } = useRegions();
  const { data: teams = [] } = useTeams();
  const { match } = policy;
  const parts = [
    match.priorities.length > 0 && t('slaAdmin.match.summary.priorities', { values: format.list(match.priorities) }),
    match.categoryPattern !== '*' && t('slaAdmin.match.summary.category', { values: match.categoryPattern }),
    match.accountTiers.length > 0 && t('slaAdmin.match.summary.tiers', { values: format.list(match.accountTiers.map(labels.tier)) }),
    match.regions.length > 0 &&
      t('slaAdmin.match.summary.regions', {
        values: format.list(match.regions.map((code) => labels.region(code, regions.find((region) => region.code === code)?.name))),
      }),
    match.partnerTeams.length > 0 &&
      t('slaAdmin.match.summary.partners', {
        values: format.list(match.partnerTeams.map((id) => teams.find((team) => team.id === id)?.name ?? id)),
      }),
  ].filter((part): part is string => typeof part === 'string');
  if (parts.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('slaAdmin.match.summary.every')}
      </Text>
    );
  }
  return (
    <Stack gap={0}>
      {parts.map((part) => (
        <Text size="sm" key={part}>
          {part}
        </Text>
      ))}
    </Stack>
  );
}

function Targets({ policy }: { policy: Policy }) {
  const text = usePolicyText();
  return (
    <Group gap={4}>
      {TARGET_KEYS.filter((key) => policy.targets[key]).map((key) => (
        <Badge key={key} variant="light" color="gray" tt="none" fw={500}>
          {text.target(key)} {text.duration(policy.targets[key] as string)}
        </Badge>
      ))}
    </Group>
  );
}
