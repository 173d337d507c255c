import { Alert, Button, Code, FileInput, Group, List, Paper, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { fieldMessage } from '../../components/problems';
import { TableState } from '../../components/TableState';
import { useLabels } from '../../i18n/labels';
import { DashboardTabs } from './DashboardTabs';
import { useDashboardFilters } from './filters';
import { useMetricFormat } from './format';
import { presetRange } from './params';
import { useImportTier1, useTier1Contacts } from './queries';

const RECENT_DAYS = 30;
const SHOWN = 50;

/** Tier 1 contact volumes (the denominator of the escalation rate): upload a CSV, see the latest rows. */
export function Tier1ContactsPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useMetricFormat();
  const { today } = useDashboardFilters();
  const [file, setFile] = useState<File | null>(null);
  const upload = useImportTier1();
  const recent = useTier1Contacts(presetRange(RECENT_DAYS, today));
  const rows = [...(recent.data ?? [])].sort((a, b) => b.date.localeCompare(a.date) || a.category.localeCompare(b.category)).slice(0, SHOWN);

  async function submit() {
    if (!file) return;
    upload.mutate(await file.text());
  }

  return (
    <>
      <PageHeader title={t('metrics.tier1.title')} description={t('metrics.tier1.description')} />
      <DashboardTabs current="tier1" />
      <Stack gap="md">
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            <Text size="sm">
              {t('metrics.tier1.format')} <Code>date,category,region,contacts</Code>
            </Text>
            <Text size="xs" c="dimmed">
              {t('metrics.tier1.example')} <Code>2026-11-02,payments,MY,412</Code>
            </Text>
            <Group align="flex-end" gap="sm" wrap="wrap">
              <FileInput
                label={t('metrics.tier1.file')}
                placeholder={t('metrics.tier1.choose')}
                accept=".csv,text/csv"
                value={file}
                onChange={(next) => {
                  setFile(next);
                  upload.reset();
                }}
                clearable
                w={320}
                data-testid="tier1-file"
              />
              <Button onClick={() => void submit()} disabled={!file} loading={upload.isPending} data-testid="tier1-upload">
                {t('metrics.tier1.upload')}
              </Button>
            </Group>
            <ProblemAlert error={upload.error} testId="tier1-problem" />
            {upload.error instanceof ApiError && (upload.error.problem.errors?.length ?? 0) > 0 && (
              // Which lines of the file are wrong, so they can be fixed in the spreadsheet.
              <List size="sm" data-testid="tier1-errors">
                {upload.error.problem.errors!.slice(0, 20).map((problem, index) => (
                  <List.Item key={index}>
                    <Code>{problem.field}</Code> {fieldMessage(problem, t)}
                  </List.Item>
                ))}
              </List>
            )}
            {upload.data && (
              <Alert color="green" variant="light" data-testid="tier1-imported">
                {t('metrics.tier1.imported', { n: format.count(upload.data.imported) })}
              </Alert>
            )}
          </Stack>
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={4} size="h5" mb="xs">
            {t('metrics.tier1.recent', { n: RECENT_DAYS })}
          </Title>
          <ProblemAlert error={recent.error} />
          <ScrollArea type="auto">
            <Table striped miw={420} data-testid="tier1-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('metrics.tier1.date')}</Table.Th>
                  <Table.Th>{t('metrics.filter.category')}</Table.Th>
                  <Table.Th>{t('metrics.filter.region')}</Table.Th>
                  <Table.Th ta="right">{t('metrics.tier1.contacts')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={`${row.date}-${row.category}-${row.region}`} data-testid="tier1-row">
                    <Table.Td>{row.date}</Table.Td>
                    <Table.Td>{row.category}</Table.Td>
                    <Table.Td>{labels.region(row.region)}</Table.Td>
                    <Table.Td ta="right">{format.count(row.contacts)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
          <TableState loading={recent.isPending} empty={recent.isSuccess && rows.length === 0} emptyText={t('metrics.tier1.empty')} />
        </Paper>
      </Stack>
    </>
  );
}
