import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../i18n/format';
import { CheckProblem, draftIndex, type DraftChecks } from './CheckProblem';
import { useRoutingWords } from './labels';
import { useReplay } from './queries';
import type { ReplayCount, RuleInput } from './types';

/** A calendar day (YYYY-MM-DD) in the browser's zone, `days` from today. */
function day(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The start of a local day as an instant; `plusOne` gives the start of the next day. */
function instant(date: string, plusOne = false): string {
  const start = new Date(`${date}T00:00:00`);
  if (plusOne) start.setDate(start.getDate() + 1);
  return start.toISOString();
}

/** How the period's cases would be routed with the draft in the live ruleset, against today's rules. */
export function ReplayPanel({ draft, ruleset, onChecked, showRule }: { draft: RuleInput; ruleset: () => RuleInput[] } & DraftChecks) {
  const { t } = useTranslation();
  const format = useFormat();
  const { teamName, valueName } = useRoutingWords();
  const replay = useReplay();
  const [from, setFrom] = useState(day(-30));
  const [to, setTo] = useState(day(0));
  const [aboutDraft, setAboutDraft] = useState(false);
  const result = replay.data;

  const teamLabel = (team: string | null) => (team ? teamName(team) : t('routing.replay.noTeam'));
  const priorityLabel = (priority: string | null) => (priority ? valueName('priority', priority) : t('routing.replay.noPriority'));

  return (
    <Stack gap="md" data-testid="routing-replay">
      <Text size="sm" c="dimmed">
        {t('routing.replay.intro')}
      </Text>
      <Group align="flex-end" wrap="wrap">
        <TextInput type="date" label={t('routing.replay.from')} value={from} max={to} onChange={(e) => setFrom(e.currentTarget.value)} data-testid="replay-from" />
        <TextInput type="date" label={t('routing.replay.to')} value={to} min={from} onChange={(e) => setTo(e.currentTarget.value)} data-testid="replay-to" />
        <Button
          onClick={() => {
            const rules = ruleset();
            const index = draftIndex(rules, draft);
            replay.mutate(
              { rules, from: instant(from), to: instant(to, true) },
              {
                onSuccess: () => setAboutDraft(onChecked(null, index)),
                onError: (error) => setAboutDraft(onChecked(error, index)),
              },
            );
          }}
          loading={replay.isPending}
          disabled={!from || !to || from > to}
          data-testid="replay-submit"
        >
          {t('routing.replay.run')}
        </Button>
      </Group>
      <CheckProblem error={replay.error} aboutDraft={aboutDraft} showRule={showRule} testId="replay-error" />
      {result && (
        <Stack gap="md" data-testid="replay-result">
          <SimpleGrid cols={{ base: 2, sm: 2 }} maw={420}>
            <Stat label={t('routing.replay.cases')} value={format.number(result.cases)} testId="replay-cases" />
            <Stat label={t('routing.replay.changed')} value={format.number(result.changed)} testId="replay-changed" />
          </SimpleGrid>
          {result.capped && (
            <Text size="sm" c="orange">
              {t('routing.replay.capped', { count: result.cases })}
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Counts title={t('routing.replay.byTeam')} rows={result.byTeam} label={(row) => teamLabel(row.key)} testId="replay-by-team" />
            <Counts title={t('routing.replay.byPriority')} rows={result.byPriority} label={(row) => priorityLabel(row.key)} testId="replay-by-priority" />
          </SimpleGrid>
          <div>
            <Title order={5} mb="xs">
              {t('routing.replay.examples')}
            </Title>
            {result.examples.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('routing.replay.noChanges')}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={560}>
                <Table verticalSpacing="xs" data-testid="replay-examples">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('routing.replay.case')}</Table.Th>
                      <Table.Th>{t('routing.replay.live')}</Table.Th>
                      <Table.Th>{t('routing.replay.draft')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {result.examples.map((example) => (
                      <Table.Tr key={example.case.id}>
                        <Table.Td>
                          <Anchor component={Link} to={`/cases/${example.case.number}`} size="sm">
                            {example.case.number}
                          </Anchor>{' '}
                          <Text span size="sm" c="dimmed">
                            {example.case.title}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">
                            {teamLabel(example.live.team)} · {priorityLabel(example.live.priority)}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">
                            {teamLabel(example.draft.team)} · {priorityLabel(example.draft.priority)}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </div>
        </Stack>
      )}
    </Stack>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

function Counts({ title, rows, label, testId }: { title: string; rows: ReplayCount[]; label: (row: ReplayCount) => string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" data-testid={testId}>
      <Title order={5} mb="xs">
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('routing.replay.noChanges')}
        </Text>
      ) : (
        <Table verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th ta="right">{t('routing.replay.live')}</Table.Th>
              <Table.Th ta="right">{t('routing.replay.draft')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={String(row.key)}>
                <Table.Td>{label(row)}</Table.Td>
                <Table.Td ta="right">{row.live}</Table.Td>
                <Table.Td ta="right" fw={600} c={row.draft > row.live ? 'teal' : 'red'}>
                  {row.draft}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
