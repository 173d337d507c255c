import { Badge, Button, Group, MultiSelect, NumberInput, Paper, Select, SimpleGrid, Stack, Switch, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegionOptions } from '../admin/regions';
import { CheckProblem, draftIndex, type DraftChecks } from './CheckProblem';
import { useCategoryOptions } from '../cases/categories';
import { useRoutingWords } from './labels';
import { useDryRun } from './queries';
import { ACCOUNT_TIERS, ACCOUNT_TYPES, LANGUAGES, PRIORITIES, RISK_FLAGS, type CaseDraft, type Field, type RoutingOutcome, type RuleInput, type RuleTrace } from './types';

const STATUS_COLOR: Record<RuleTrace['status'], string> = { matched: 'teal', not_matched: 'gray', skipped: 'yellow', invalid: 'red' };

/**
 * Try the draft on a sample case: alone, or in the live ruleset in place of the saved rule.
 * `ruleset` builds the rules to send; the draft is marked in the trace by its name.
 */
export function DryRunPanel({ draft, ruleset, onChecked, showRule }: { draft: RuleInput; ruleset: () => RuleInput[] } & DraftChecks) {
  const { t } = useTranslation();
  const { valueName } = useRoutingWords();
  const categoryOptions = useCategoryOptions();
  const regionOptions = useRegionOptions();
  const run = useDryRun();
  const [allRules, setAllRules] = useState(false);
  const [aboutDraft, setAboutDraft] = useState(false);
  const [sample, setSample] = useState<CaseDraft>({
    category: '',
    region: null,
    language: 'ms',
    source: 'crm',
    account: { type: 'seller', tier: 'standard' },
    title: '',
    description: '',
    priority: 'P3',
    flags: [],
    repeat_count_30d: 0,
  });
  const set = (patch: Partial<CaseDraft>) => setSample((s) => ({ ...s, ...patch }));
  const options = (field: Field, values: readonly string[]) => values.map((v) => ({ value: v, label: valueName(field, v) }));

  function submit() {
    const rules = allRules ? ruleset() : [draft];
    const index = draftIndex(rules, draft);
    run.mutate(
      { case: sample, rules },
      {
        onSuccess: () => setAboutDraft(onChecked(null, index)),
        onError: (error) => setAboutDraft(onChecked(error, index)),
      },
    );
  }

  return (
    <Stack gap="md" data-testid="routing-dry-run">
      <Text size="sm" c="dimmed">
        {t('routing.dryRun.intro')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
        <Select label={t('routing.field.category')} required searchable data={categoryOptions} value={sample.category || null} onChange={(v) => set({ category: v ?? '' })} data-testid="dry-run-category" />
        <Select label={t('routing.field.language')} allowDeselect={false} data={options('language', LANGUAGES)} value={sample.language} onChange={(v) => set({ language: v ?? 'en' })} data-testid="dry-run-language" />
        <Select label={t('routing.field.region')} clearable data={regionOptions} value={sample.region} onChange={(v) => set({ region: v })} data-testid="dry-run-region" />
        <Select label={t('routing.field.account_type')} allowDeselect={false} data={options('account.type', ACCOUNT_TYPES)} value={sample.account.type} onChange={(v) => set({ account: { ...sample.account, type: v ?? 'seller' } })} />
        <Select label={t('routing.field.account_tier')} allowDeselect={false} data={options('account.tier', ACCOUNT_TIERS)} value={sample.account.tier} onChange={(v) => set({ account: { ...sample.account, tier: v ?? 'standard' } })} />
        <Select label={t('routing.field.priority')} allowDeselect={false} data={options('priority', PRIORITIES)} value={sample.priority} onChange={(v) => set({ priority: v ?? 'P3' })} />
        <MultiSelect label={t('routing.field.flags')} data={options('flags', RISK_FLAGS)} value={sample.flags} onChange={(flags) => set({ flags })} />
        <NumberInput label={t('routing.field.repeat_count_30d')} min={0} allowDecimal={false} value={sample.repeat_count_30d} onChange={(v) => set({ repeat_count_30d: typeof v === 'number' ? v : 0 })} />
      </SimpleGrid>
      <TextInput label={t('routing.field.title')} value={sample.title} onChange={(e) => set({ title: e.currentTarget.value })} data-testid="dry-run-title" />
      <Textarea label={t('routing.field.description')} autosize minRows={2} value={sample.description} onChange={(e) => set({ description: e.currentTarget.value })} data-testid="dry-run-description" />
      <Group justify="space-between" wrap="wrap">
        <Switch label={t('routing.dryRun.againstAll')} checked={allRules} onChange={(e) => setAllRules(e.currentTarget.checked)} data-testid="dry-run-all" />
        <Button onClick={submit} loading={run.isPending} disabled={!sample.category} data-testid="dry-run-submit">
          {t('routing.dryRun.run')}
        </Button>
      </Group>
      <CheckProblem error={run.error} aboutDraft={aboutDraft} showRule={showRule} testId="dry-run-error" />
      {run.data && (
        <Stack gap="sm" data-testid="dry-run-result">
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('routing.dryRun.rule')}</Table.Th>
                  <Table.Th>{t('routing.dryRun.status')}</Table.Th>
                  <Table.Th>{t('routing.dryRun.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {run.data.trace.map((entry) => (
                  <Table.Tr key={`${entry.rule.id ?? ''}-${entry.rule.name}`} data-testid="dry-run-trace" data-name={entry.rule.name} data-status={entry.status}>
                    <Table.Td>
                      <Text size="sm" fw={entry.rule.name === draft.name ? 600 : 400}>
                        {entry.rule.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOR[entry.status]} variant="light" data-testid="dry-run-status">
                        {t(`routing.status.${entry.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {entry.reason}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Outcome outcome={run.data.outcome} />
        </Stack>
      )}
    </Stack>
  );
}

function Outcome({ outcome }: { outcome: RoutingOutcome }) {
  const { t } = useTranslation();
  const { teamName, authorityName, valueName } = useRoutingWords();
  const none = t('routing.dryRun.none');
  const rows: [string, string, string][] = [
    ['team', t('routing.dryRun.outcomeTeam'), outcome.set_team ? teamName(outcome.set_team.action.team) : none],
    ['priority', t('routing.dryRun.outcomePriority'), outcome.set_priority ? valueName('priority', outcome.set_priority.action.value) : none],
    ['flags', t('routing.dryRun.outcomeFlags'), outcome.add_flag.length ? outcome.add_flag.map((d) => valueName('flags', d.action.value)).join(', ') : none],
    ['critical', t('routing.dryRun.outcomeCritical'), outcome.raise_critical ? authorityName(outcome.raise_critical.action.authority) : none],
    [
      'assignment',
      t('routing.dryRun.outcomeAssignment'),
      outcome.set_assignment ? t(`routing.strategy.${outcome.set_assignment.action.strategy}`, { defaultValue: outcome.set_assignment.action.strategy }) : none,
    ],
    ['checklist', t('routing.dryRun.outcomeChecklist'), outcome.add_checklist.flatMap((d) => d.action.items).join(' · ') || none],
  ];
  return (
    <Paper withBorder p="sm" data-testid="dry-run-outcome">
      <Title order={5} mb="xs">
        {t('routing.dryRun.outcome')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={4}>
        {rows.map(([key, label, value]) => (
          <Text size="sm" key={key} data-testid={`dry-run-outcome-${key}`}>
            <Text span c="dimmed">
              {label}:
            </Text>{' '}
            {value}
          </Text>
        ))}
      </SimpleGrid>
    </Paper>
  );
}
