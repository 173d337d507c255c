import {
  Alert,
  Anchor,
  Autocomplete,
  Box,
  Button,
  Center,
  Checkbox,
  Grid,
  Group,
  Loader,
  Modal,
  MultiSelect,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useSession } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useLabels } from '../../i18n/labels';
import { useRegionOptions } from '../admin/regions';
import { useTeams } from '../admin/teams/queries';
import { useCategories } from '../cases/queries';
import { useEscalationText } from '../escalation/labels';
import { useAuthorities } from '../escalation/queries';
import { ACCOUNT_TIERS, PRIORITIES, type AccountTier, type Priority } from '../cases/types';
import { durationOf } from './durations';
import { showFirstProblem, useDraftErrors } from './formErrors';
import { FormProblems } from './FormProblems';
import { usePolicyText } from './labels';
import { policyDraftOf, policyInputOf, policyRuleOf, type PolicyDraft, type PolicyProblem, type TargetDraft } from './policyDraft';
import { PolicyPreview } from './PolicyPreview';
import { useCalendars, useDeletePolicy, usePolicies, usePolicy, useSavePolicy } from './queries';
import { PAUSE_STATUSES, REOPEN_RULES, TARGET_KEYS, type PauseStatus, type Policy, type ReopenRule, type TargetKey } from './types';

/** /admin/sla-policies/new and /admin/sla-policies/:id — loads what the form needs, then edits. */
export function PolicyEditPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const policy = usePolicy(id);
  const policies = usePolicies();
  const calendars = useCalendars();
  const loading = (id !== undefined && policy.isPending) || policies.isPending || calendars.isPending;
  if (loading) {
    return (
      <Center py="xl">
        <Loader size="sm" />
      </Center>
    );
  }
  const error = (id !== undefined && policy.error) || policies.error || calendars.error;
  if (error) return <ProblemAlert error={error} />;
  return (
    <>
      <Anchor component={Link} to="/admin/sla-policies" size="sm" data-testid="policy-back">
        {t('slaAdmin.policies.back')}
      </Anchor>
      <PolicyForm key={policy.data?.updatedAt ?? 'new'} policy={policy.data} policies={policies.data ?? []} />
    </>
  );
}

const SHOWN_FIELDS = ['name', 'position', 'enabled', 'calendar', 'targets', 'warnAt', 'breachActions', 'pauseStatuses', 'onReopen'];
const isShown = (field: string) => SHOWN_FIELDS.some((shown) => field === shown || field.startsWith(`${shown}.`)) || field.startsWith('match.');

function PolicyForm({ policy, policies }: { policy: Policy | undefined; policies: Policy[] }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const text = usePolicyText();
  const navigate = useNavigate();
  const session = useSession();
  const { data: calendars = [] } = useCalendars();
  const { data: teams = [] } = useTeams();
  const { data: categories = [] } = useCategories();
  const regionOptions = useRegionOptions();
  const { data: authorities = [] } = useAuthorities();
  const escalationText = useEscalationText();
  const save = useSavePolicy(policy?.id);
  const remove = useDeletePolicy();
  const { errors, errorOf, hasProblems, setProblems, forget, forgetExactly } = useDraftErrors<PolicyProblem>(save.error, (problem) =>
    t(`slaAdmin.policyProblem.${problem}`),
  );
  const [confirmDelete, setConfirmDelete] = useState(false);

  const [draft, setDraft] = useState<PolicyDraft>(() =>
    policyDraftOf(policy, {
      // After the last policy, so a new one never takes cases from an existing one by surprise.
      position: policies.reduce((max, item) => Math.max(max, item.position), 0) + 10,
      calendar: (calendars.find((calendar) => calendar.region === session.user.region) ?? calendars[0])?.id ?? null,
    }),
  );

  /** Takes a change; the complaints about what changed go away until the next save. */
  function change(next: Partial<PolicyDraft>, ...fields: string[]) {
    setDraft((current) => ({ ...current, ...next }));
    forget(...fields);
  }

  function changeTarget(key: TargetKey, target: TargetDraft) {
    change({ targets: { ...draft.targets, [key]: target } }, `targets.${key}`);
    forgetExactly('targets');
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const result = policyInputOf(draft);
    if ('problems' in result) {
      setProblems(result.problems);
      showFirstProblem(form);
      return;
    }
    setProblems({});
    save.mutate(result.input, {
      onError: () => showFirstProblem(form),
      onSuccess: (saved) => {
        notifications.show({
          color: 'teal',
          message: policy ? t('slaAdmin.policy.saved', { name: saved.name }) : t('slaAdmin.policy.created', { name: saved.name }),
        });
        void navigate('/admin/sla-policies');
      },
    });
  }

  function deletePolicy() {
    if (!policy) return;
    remove.mutate(policy.id, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('slaAdmin.policy.deleted', { name: policy.name }) });
        void navigate('/admin/sla-policies');
      },
    });
  }

  const rule = policyRuleOf(draft);
  const calendar = calendars.find((item) => item.id === draft.calendar);
  const partnerTeams = teams.filter((team) => team.kind === 'partner').map((team) => ({ value: team.id, label: team.name }));
  const serviceTeams = teams.filter((team) => team.kind === 'service').map((team) => ({ value: team.id, label: team.name }));

  return (
    <>
      <PageHeader title={policy ? policy.name : t('slaAdmin.policy.createTitle')} description={t('slaAdmin.policy.description')} />
      <Grid gap="lg" align="flex-start">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <form onSubmit={submit} noValidate data-testid="policy-form">
            <Stack gap="lg">
              <Paper withBorder p="md">
                <Stack gap="sm">
                  <Title order={4}>{t('slaAdmin.policy.section.basics')}</Title>
                  <TextInput
                    label={t('slaAdmin.policy.field.name')}
                    withAsterisk
                    value={draft.name}
                    onChange={(event) => change({ name: event.currentTarget.value }, 'name')}
                    error={errorOf('name')}
                    data-testid="policy-form-name"
                  />
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                    <NumberInput
                      label={t('slaAdmin.policy.field.position')}
                      description={t('slaAdmin.policy.field.positionHint')}
                      min={0}
                      allowDecimal={false}
                      allowNegative={false}
                      value={draft.position}
                      onChange={(value) => change({ position: typeof value === 'number' ? value : '' }, 'position')}
                      error={errorOf('position')}
                      data-testid="policy-form-position"
                    />
                    <Switch
                      mt={{ sm: 'xl' }}
                      label={t('slaAdmin.policy.field.enabled')}
                      description={t('slaAdmin.policy.field.enabledHint')}
                      checked={draft.enabled}
                      onChange={(event) => change({ enabled: event.currentTarget.checked }, 'enabled')}
                      data-testid="policy-form-enabled"
                    />
                  </SimpleGrid>
                  <Select
                    label={t('slaAdmin.policy.field.calendar')}
                    description={t('slaAdmin.policy.field.calendarHint')}
                    withAsterisk
                    allowDeselect={false}
                    data={calendars.map((item) => ({ value: item.id, label: `${item.name} (${item.timeZone})` }))}
                    value={draft.calendar}
                    onChange={(value) => change({ calendar: value }, 'calendar')}
                    error={errorOf('calendar')}
                    data-testid="policy-form-calendar"
                  />
                </Stack>
              </Paper>

              <Paper withBorder p="md">
                <Stack gap="sm">
                  <Title order={4}>{t('slaAdmin.match.title')}</Title>
                  <Text size="sm" c="dimmed">
                    {t('slaAdmin.match.description')}
                  </Text>
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                    <MultiSelect
                      label={t('slaAdmin.match.priorities')}
                      placeholder={draft.priorities.length ? undefined : t('slaAdmin.match.any')}
                      data={PRIORITIES.map((value) => ({ value, label: `${value} · ${labels.priority(value)}` }))}
                      value={draft.priorities}
                      onChange={(value) => change({ priorities: value as Priority[] }, 'match.priorities')}
                      error={errorOf('match.priorities')}
                      data-testid="policy-form-priorities"
                    />
                    <Autocomplete
                      label={t('slaAdmin.match.category')}
                      description={patternMeaning(draft.categoryPattern, categories, labels.pick, t)}
                      data={patternOptions(categories)}
                      value={draft.categoryPattern}
                      onChange={(value) => change({ categoryPattern: value }, 'match.categoryPattern')}
                      error={errorOf('match.categoryPattern')}
                      data-testid="policy-form-category"
                    />
                    <MultiSelect
                      label={t('slaAdmin.match.tiers')}
                      placeholder={draft.accountTiers.length ? undefined : t('slaAdmin.match.any')}
                      data={ACCOUNT_TIERS.map((value) => ({ value, label: labels.tier(value) }))}
                      value={draft.accountTiers}
                      onChange={(value) => change({ accountTiers: value as AccountTier[] }, 'match.accountTiers')}
                      error={errorOf('match.accountTiers')}
                      data-testid="policy-form-tiers"
                    />
                    <MultiSelect
                      label={t('slaAdmin.match.regions')}
                      placeholder={draft.regions.length ? undefined : t('slaAdmin.match.any')}
                      data={regionOptions}
                      value={draft.regions}
                      onChange={(value) => change({ regions: value }, 'match.regions')}
                      error={errorOf('match.regions')}
                      data-testid="policy-form-regions"
                    />
                  </SimpleGrid>
                  <MultiSelect
                    label={t('slaAdmin.match.partnerTeams')}
                    description={t('slaAdmin.match.partnerTeamsHint')}
                    placeholder={draft.partnerTeams.length ? undefined : t('slaAdmin.match.any')}
                    data={partnerTeams}
                    value={draft.partnerTeams}
                    onChange={(value) => change({ partnerTeams: value }, 'match.partnerTeams')}
                    error={errorOf('match.partnerTeams')}
                    data-testid="policy-form-partner-teams"
                  />
                </Stack>
              </Paper>

              <Paper withBorder p="md">
                <Stack gap="sm">
                  <Title order={4}>{t('slaAdmin.targets.title')}</Title>
                  <Alert color="blue" variant="light" data-testid="policy-targets-hint">
                    {t('slaAdmin.targets.description', { calendar: calendar?.name ?? '—' })}
                  </Alert>
                  {errors.targets && (
                    <Text size="sm" c="red" role="alert" data-testid="policy-targets-error">
                      {errors.targets}
                    </Text>
                  )}
                  {TARGET_KEYS.map((key) => (
                    <TargetInput
                      key={key}
                      label={text.target(key)}
                      hint={t(`slaAdmin.targets.hint.${key}`)}
                      value={draft.targets[key]}
                      onChange={(target) => changeTarget(key, target)}
                      error={errorOf(`targets.${key}`)}
                      testId={`policy-target-${key}`}
                    />
                  ))}
                </Stack>
              </Paper>

              <Paper withBorder p="md">
                <Stack gap="sm">
                  <Title order={4}>{t('slaAdmin.policy.section.escalation')}</Title>
                  <TextInput
                    label={t('slaAdmin.policy.field.warnAt')}
                    description={t('slaAdmin.policy.field.warnAtHint')}
                    value={draft.warnAt}
                    onChange={(event) => change({ warnAt: event.currentTarget.value }, 'warnAt')}
                    error={errorOf('warnAt')}
                    data-testid="policy-form-warn-at"
                  />
                  <Text size="sm" fw={500}>
                    {t('slaAdmin.policy.field.breachActions')}
                  </Text>
                  <Checkbox
                    label={t('slaAdmin.breach.notify')}
                    checked={draft.notify}
                    onChange={(event) => change({ notify: event.currentTarget.checked }, 'breachActions')}
                    data-testid="policy-breach-notify"
                  />
                  <Checkbox
                    label={t('slaAdmin.breach.raisePriority')}
                    checked={draft.raisePriority}
                    onChange={(event) => change({ raisePriority: event.currentTarget.checked }, 'breachActions')}
                    data-testid="policy-breach-raise"
                  />
                  <Select
                    label={t('slaAdmin.breach.moveToTeam')}
                    placeholder={t('slaAdmin.breach.noMove')}
                    clearable
                    data={serviceTeams}
                    value={draft.moveToTeam}
                    onChange={(value) => change({ moveToTeam: value }, 'breachActions')}
                    error={errorOf('breachActions')}
                    data-testid="policy-breach-move"
                  />
                  <Select
                    label={t('escalation.policy.raiseCritical')}
                    description={t('escalation.policy.raiseCriticalHint')}
                    placeholder={t('escalation.policy.none')}
                    clearable
                    searchable
                    data={[
                      ...authorities.map((authority) => ({
                        value: authority.id,
                        label: `${authority.name} · ${escalationText.riskType(authority.riskType)} · ${escalationText.region(authority.region)}`,
                      })),
                      // A saved authority the list does not show (yet) still reads as itself.
                      ...(draft.raiseCritical && !authorities.some((authority) => authority.id === draft.raiseCritical)
                        ? [{ value: draft.raiseCritical, label: draft.raiseCritical }]
                        : []),
                    ]}
                    value={draft.raiseCritical}
                    onChange={(value) => change({ raiseCritical: value }, 'breachActions')}
                    data-testid="policy-breach-critical"
                  />
                  <Checkbox.Group
                    label={t('slaAdmin.policy.field.pauseStatuses')}
                    description={t('slaAdmin.policy.field.pauseStatusesHint')}
                    value={draft.pauseStatuses}
                    onChange={(value) => change({ pauseStatuses: value as PauseStatus[] }, 'pauseStatuses')}
                    error={errorOf('pauseStatuses')}
                  >
                    <Group mt="xs" gap="md">
                      {PAUSE_STATUSES.map((status) => (
                        <Checkbox key={status} value={status} label={labels.caseStatus(status)} data-testid={`policy-pause-${status}`} />
                      ))}
                    </Group>
                  </Checkbox.Group>
                  <Box>
                    <Text size="sm" fw={500}>
                      {t('slaAdmin.policy.field.onReopen')}
                    </Text>
                    <SegmentedControl
                      mt={4}
                      value={draft.onReopen}
                      onChange={(value) => change({ onReopen: value as ReopenRule }, 'onReopen')}
                      data={REOPEN_RULES.map((value) => ({ value, label: t(`slaAdmin.reopen.${value}`) }))}
                      data-testid="policy-form-on-reopen"
                    />
                  </Box>
                </Stack>
              </Paper>

              <FormProblems hasProblems={hasProblems} saveError={save.error} isShown={isShown} testId="policy-form" />
              <Group justify="space-between">
                <Box>
                  {policy && (
                    <Button variant="subtle" color="red" onClick={() => setConfirmDelete(true)} data-testid="policy-delete">
                      {t('slaAdmin.policy.delete')}
                    </Button>
                  )}
                </Box>
                <Group>
                  <Button component={Link} to="/admin/sla-policies" variant="default">
                    {t('common.cancel')}
                  </Button>
                  <Button type="submit" loading={save.isPending} data-testid="policy-form-submit">
                    {policy ? t('common.save') : t('slaAdmin.policy.create')}
                  </Button>
                </Group>
              </Group>
            </Stack>
          </form>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }} style={{ position: 'sticky', top: 72 }}>
          <PolicyPreview rule={'rule' in rule ? rule.rule : null} timeZone={calendar?.timeZone ?? null} partnerTeams={partnerTeams} />
        </Grid.Col>
      </Grid>

      {policy && (
        <Modal opened={confirmDelete} onClose={() => setConfirmDelete(false)} title={t('slaAdmin.policy.deleteTitle')}>
          <Stack>
            <Text size="sm">{t('slaAdmin.policy.deleteText', { name: policy.name })}</Text>
            <ProblemAlert error={remove.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirmDelete(false)}>
                {t('common.cancel')}
              </Button>
              <Button color="red" loading={remove.isPending} onClick={deletePolicy} data-testid="policy-delete-confirm">
                {t('slaAdmin.policy.delete')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </>
  );
}

/** One target as hours and minutes of working time; both empty is "no clock". */
function TargetInput({
  label,
  hint,
  value,
  onChange,
  error,
  testId,
}: {
  label: string;
  hint: string;
  value: TargetDraft;
  onChange: (value: TargetDraft) => void;
  error?: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const iso = value.hours === '' && value.minutes === '' ? null : durationOf({ hours: value.hours || 0, minutes: value.minutes || 0 });
  const number = (input: string | number) => (typeof input === 'number' ? input : '');
  return (
    <Group align="flex-start" gap="sm" wrap="nowrap" data-testid={testId}>
      <Stack gap={0} style={{ flex: 1, minWidth: 0 }} pt={4}>
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      </Stack>
      <NumberInput
        w={110}
        min={0}
        allowNegative={false}
        allowDecimal={false}
        placeholder="—"
        rightSection={<Text size="xs" c="dimmed">{t('slaAdmin.targets.hours')}</Text>}
        rightSectionWidth={48}
        aria-label={`${label}: ${t('slaAdmin.targets.hoursLabel')}`}
        value={value.hours}
        onChange={(input) => onChange({ ...value, hours: number(input) })}
        error={error}
        data-testid={`${testId}-hours`}
      />
      <NumberInput
        w={100}
        min={0}
        max={59}
        allowNegative={false}
        allowDecimal={false}
        placeholder="—"
        rightSection={<Text size="xs" c="dimmed">{t('slaAdmin.targets.minutes')}</Text>}
        rightSectionWidth={40}
        aria-label={`${label}: ${t('slaAdmin.targets.minutesLabel')}`}
        value={value.minutes}
        onChange={(input) => onChange({ ...value, minutes: number(input) })}
        error={error ? ' ' : undefined}
        data-testid={`${testId}-minutes`}
      />
      <Text size="xs" c="dimmed" w={70} pt={8} ff="monospace" data-testid={`${testId}-iso`}>
        {iso ?? ''}
      </Text>
    </Group>
  );
}

type Pick = ReturnType<typeof useLabels>['pick'];
type Translate = ReturnType<typeof useTranslation>['t'];

/** Suggestions for the category pattern: every category, every root's "root/*", and "*". */
function patternOptions(categories: { code: string; parentCode: string | null }[]): string[] {
  const roots = categories.filter((category) => category.parentCode === null).map((category) => `${category.code}/*`);
  const leaves = categories.filter((category) => category.parentCode !== null).map((category) => category.code);
  return ['*', ...roots, ...leaves];
}

/** What a pattern takes, in words: "Every category", "Everything under Payments", one category's name. */
function patternMeaning(pattern: string, categories: { code: string; labels: Parameters<Pick>[0] }[], pick: Pick, t: Translate): string {
  const trimmed = pattern.trim();
  if (trimmed === '' || trimmed === '*') return t('slaAdmin.match.categoryEvery');
  const exact = categories.find((category) => category.code === trimmed);
  if (exact) return pick(exact.labels, exact.code);
  const root = /^([a-z0-9-]+)\/\*$/.exec(trimmed);
  const rootCategory = root && categories.find((category) => category.code === root[1]);
  if (rootCategory) return t('slaAdmin.match.categoryUnder', { category: pick(rootCategory.labels, rootCategory.code) });
  return t('slaAdmin.match.categoryGlob');
}
