import { Alert, Group, Loader, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { ProblemAlert } from '../../components/ProblemAlert';
import { fieldErrors } from '../../components/problems';
import { useLabels } from '../../i18n/labels';
import { useRegionOptions } from '../admin/regions';
import { useCategoryOptions } from '../cases/categories';
import { useCategories } from '../cases/queries';
import { ACCOUNT_TIERS, PRIORITIES, type AccountTier, type Priority } from '../cases/types';
import { useCalendarFormat, usePolicyText } from './labels';
import type { PolicyRule } from './policyDraft';
import { useSlaPreview } from './queries';
import type { PreviewRequest } from './types';
import { nextWeekdayAt, wallToInstant } from './zonedTime';

const FRIDAY = 5;
const SAMPLE_CATEGORY = 'payments/withdrawal-delayed';

interface Props {
  /** The unsaved policy, or null while the form has problems that stop a preview. */
  rule: PolicyRule | null;
  /** The zone of the draft's calendar: the filing time is read on its clock. */
  timeZone: string | null;
  partnerTeams: { value: string; label: string }[];
}

/**
 * "A P2 withdrawal-delayed case filed Friday 17:30 in MY is due …": the draft policy asked
 * about a sample case on every change, with due instants on the calendar's clock.
 */
export function PolicyPreview({ rule, timeZone, partnerTeams }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useCalendarFormat();
  const session = useSession();
  const categoryOptions = useCategoryOptions();
  const { data: categories = [] } = useCategories();
  const regionOptions = useRegionOptions();

  const [priority, setPriority] = useState<Priority>('P2');
  const [category, setCategory] = useState<string | null>(null);
  const [tier, setTier] = useState<AccountTier>('standard');
  const [region, setRegion] = useState<string | null>(session.user.region);
  const [partnerTeam, setPartnerTeam] = useState<string | null>(null);
  // Null until the person picks a time: then it follows the calendar (next Friday 17:30 there).
  const [filed, setFiled] = useState<string | null>(null);

  const sampleCategory =
    category ?? (categories.some((item) => item.code === SAMPLE_CATEGORY) ? SAMPLE_CATEGORY : (categoryOptions[0]?.items[0]?.value ?? null));
  const filedWall = filed ?? (timeZone ? nextWeekdayAt(new Date(), timeZone, FRIDAY, '17:30') : '');
  const at = timeZone ? wallToInstant(filedWall, timeZone) : null;

  const request: PreviewRequest | null =
    rule && at && sampleCategory
      ? {
          case: {
            priority,
            category: sampleCategory,
            accountTier: tier,
            region,
            ...(partnerTeam ? { partnerTeam } : {}),
          },
          at,
          policy: rule,
        }
      : null;
  // Ask once typing pauses, not on every keystroke.
  const [settled] = useDebouncedValue(JSON.stringify(request), 300);
  const settledRequest = useMemo(() => JSON.parse(settled) as PreviewRequest | null, [settled]);
  const preview = useSlaPreview(settledRequest);
  const waiting = settled !== JSON.stringify(request) || preview.isFetching;

  const categoryLabel = labels.pick(categories.find((item) => item.code === sampleCategory)?.labels, sampleCategory ?? '');

  return (
    <Paper withBorder p="md" data-testid="policy-preview">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('slaAdmin.preview.title')}</Title>
          {waiting && <Loader size="xs" data-testid="policy-preview-loading" />}
        </Group>
        <Text size="sm" c="dimmed">
          {t('slaAdmin.preview.description')}
        </Text>
        <SegmentedControl
          fullWidth
          value={priority}
          onChange={(value) => setPriority(value as Priority)}
          data={PRIORITIES.map((value) => ({ value, label: value }))}
          aria-label={t('slaAdmin.preview.priority')}
          data-testid="preview-priority"
        />
        <Select
          label={t('slaAdmin.preview.category')}
          searchable
          allowDeselect={false}
          data={categoryOptions}
          value={sampleCategory}
          onChange={setCategory}
          nothingFoundMessage={t('common.nothingFound')}
          data-testid="preview-category"
        />
        <SimpleGrid cols={2} spacing="sm">
          <Select
            label={t('slaAdmin.preview.tier')}
            allowDeselect={false}
            data={ACCOUNT_TIERS.map((value) => ({ value, label: labels.tier(value) }))}
            value={tier}
            onChange={(value) => value && setTier(value as AccountTier)}
            data-testid="preview-tier"
          />
          <Select
            label={t('slaAdmin.preview.region')}
            placeholder={t('common.noRegion')}
            clearable
            data={regionOptions}
            value={region}
            onChange={setRegion}
            data-testid="preview-region"
          />
        </SimpleGrid>
        {rule?.targets.handoffAnswer && (
          <Select
            label={t('slaAdmin.preview.partnerTeam')}
            placeholder={t('slaAdmin.preview.noPartnerTeam')}
            clearable
            data={partnerTeams}
            value={partnerTeam}
            onChange={setPartnerTeam}
            data-testid="preview-partner-team"
          />
        )}
        <TextInput
          type="datetime-local"
          label={timeZone ? t('slaAdmin.preview.filed', { zone: timeZone }) : t('slaAdmin.preview.filedNoZone')}
          value={filedWall}
          disabled={!timeZone}
          onChange={(event) => setFiled(event.currentTarget.value)}
          data-testid="preview-filed"
        />

        {!rule ? (
          <Alert color="gray" variant="light" data-testid="preview-incomplete">
            {t('slaAdmin.preview.incomplete')}
          </Alert>
        ) : (
          <PreviewAnswer
            sentence={
              at && timeZone
                ? t(region ? 'slaAdmin.preview.sentence' : 'slaAdmin.preview.sentenceNoRegion', {
                    priority,
                    category: categoryLabel,
                    tier: labels.tier(tier),
                    region: region ? (regionOptions.find((option) => option.value === region)?.label ?? region) : '',
                    filed: format.instant(at, timeZone),
                  })
                : ''
            }
            preview={preview}
          />
        )}
      </Stack>
    </Paper>
  );
}

function PreviewAnswer({ sentence, preview }: { sentence: string; preview: ReturnType<typeof useSlaPreview> }) {
  const { t } = useTranslation();
  const format = useCalendarFormat();
  const text = usePolicyText();
  if (preview.error) {
    const complaints = Object.entries(fieldErrors(preview.error, t, 'path'));
    return (
      <Stack gap={4} data-testid="preview-error">
        <ProblemAlert error={preview.error} />
        {complaints.map(([field, message]) => (
          <Text size="xs" c="red" key={field}>
            {field}: {message}
          </Text>
        ))}
      </Stack>
    );
  }
  if (!preview.data) return null;
  const clocks = preview.data.clocks;
  return (
    <Stack gap="xs" data-testid="preview-answer">
      <Text size="sm" fw={500} data-testid="preview-sentence">
        {sentence}
      </Text>
      {clocks.length === 0 && (
        <Alert color="yellow" variant="light" data-testid="preview-no-match">
          {t('slaAdmin.preview.noMatch')}
        </Alert>
      )}
      {clocks.map((clock) => (
        <Paper key={clock.kind} withBorder p="xs" radius="sm" data-testid="preview-clock" data-kind={clock.kind}>
          <Group justify="space-between" align="baseline" gap="xs">
            <Text size="sm" fw={600}>
              {text.clock(clock.kind)}
            </Text>
            <Text size="xs" c="dimmed">
              {t('slaAdmin.preview.target', { duration: text.duration(clock.target) })}
            </Text>
          </Group>
          <Text size="sm" data-testid="preview-due">
            {t('slaAdmin.preview.due', { due: format.instant(clock.due, clock.calendar.timeZone) })}
          </Text>
          <Text size="xs" c="dimmed">
            {clock.calendar.name} · {clock.calendar.timeZone}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}
