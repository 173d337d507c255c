import { Alert, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { IMPORT_FIELDS } from './fields';
import type { ImportReport } from './queries';

/** What the report answers: a dry run, a finished import, or an all-or-nothing import refused. */
export type ReportKind = 'checked' | 'imported' | 'rejected';

/** Counts, what was (or would be) created, and the rows with problems, by row and field. */
export function ImportReportView({
  report,
  kind,
  validRowsOnly,
  actions,
}: {
  report: ImportReport;
  kind: ReportKind;
  /** The option the report was made with, to say what an import would do with invalid rows. */
  validRowsOnly: boolean;
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const n = (value: number) => format.number(value);
  const created = report.created;
  const creates = created.categories.length + created.teams.length + created.agents.length > 0;

  const counts: { key: string; value: number; color?: string }[] = [
    { key: 'rows', value: report.rows },
    { key: 'valid', value: report.valid, color: 'teal' },
    { key: 'invalid', value: report.invalid, color: report.invalid > 0 ? 'red' : undefined },
  ];
  if (kind === 'imported') {
    counts.push(
      { key: 'inserted', value: report.inserted },
      { key: 'updated', value: report.updated },
      { key: 'unchanged', value: report.unchanged },
    );
  }

  return (
    <Paper withBorder p="lg" radius="md" data-testid="import-report" data-kind={kind}>
      <Stack gap="md">
        <Title order={3}>{t(`imports.report.title.${kind}`)}</Title>
        <Summary report={report} kind={kind} validRowsOnly={validRowsOnly} />
        <SimpleGrid cols={{ base: 2, sm: 3, md: counts.length }} spacing="sm">
          {counts.map(({ key, value, color }) => (
            <Paper key={key} withBorder p="sm" radius="md" data-testid={`import-count-${key}`} data-value={value}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t(`imports.report.count.${key}`)}
              </Text>
              <Text size="xl" fw={700} c={color}>
                {n(value)}
              </Text>
            </Paper>
          ))}
        </SimpleGrid>

        {creates && (
          <Stack gap="xs" data-testid="import-created">
            <Text fw={600} size="sm">
              {t(kind === 'imported' ? 'imports.report.created' : 'imports.report.wouldCreate')}
            </Text>
            {(['categories', 'teams', 'agents'] as const)
              .filter((what) => created[what].length > 0)
              .map((what) => (
                <Group key={what} gap="xs" align="baseline" wrap="wrap">
                  <Text size="sm" c="dimmed" w={110}>
                    {t(`imports.report.createdKind.${what}`)}
                  </Text>
                  {created[what].map((name) => (
                    <Badge key={name} variant="light" color="gray" tt="none" data-testid={`import-created-${what}`}>
                      {name}
                    </Badge>
                  ))}
                </Group>
              ))}
          </Stack>
        )}

        {report.errors.length > 0 && (
          <Stack gap="xs">
            <Text fw={600} size="sm">
              {t('imports.report.errorsTitle')}
            </Text>
            <Table.ScrollContainer minWidth={640} maxHeight={420}>
              <Table striped verticalSpacing="xs" stickyHeader data-testid="import-errors">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={80}>{t('imports.report.column.row')}</Table.Th>
                    <Table.Th w={200}>{t('imports.report.column.field')}</Table.Th>
                    <Table.Th>{t('imports.report.column.message')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.errors.map((error, index) => (
                    <Table.Tr
                      key={index}
                      data-testid="import-error-row"
                      data-row={error.row}
                      data-field={error.field}
                    >
                      <Table.Td>{n(error.row)}</Table.Td>
                      <Table.Td>
                        <FieldName field={error.field} />
                      </Table.Td>
                      {/* The server words these in English only. */}
                      <Table.Td lang="en">
                        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                          {error.message}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {report.errorsOmitted > 0 && (
              <Text size="sm" c="dimmed" data-testid="import-errors-omitted">
                {t('imports.report.errorsOmitted', { omitted: n(report.errorsOmitted) })}
              </Text>
            )}
          </Stack>
        )}
        {actions && <Group gap="sm">{actions}</Group>}
      </Stack>
    </Paper>
  );
}

function Summary({ report, kind, validRowsOnly }: { report: ImportReport; kind: ReportKind; validRowsOnly: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const values = {
    rows: format.number(report.rows),
    valid: format.number(report.valid),
    invalid: format.number(report.invalid),
    inserted: format.number(report.inserted),
    updated: format.number(report.updated),
    unchanged: format.number(report.unchanged),
  };
  let color = 'yellow';
  let text: string;
  if (report.rows === 0) text = t('imports.report.noRows');
  else if (kind === 'rejected') {
    color = 'red';
    text = t('imports.report.rejected', values);
  } else if (kind === 'imported') {
    color = 'teal';
    text = t('imports.report.imported', values);
    if (report.invalid > 0) text = t('imports.report.sentences', { first: text, second: t('imports.report.skipped', values) });
  } else if (report.invalid === 0) {
    color = 'teal';
    text = t('imports.report.allValid', values);
  } else if (report.valid === 0) {
    text = t('imports.report.noneValid');
  } else {
    const next = validRowsOnly ? t('imports.report.willSkip') : t('imports.report.willRefuse');
    text = t('imports.report.sentences', { first: t('imports.report.someInvalid', values), second: next });
  }
  return (
    <Alert color={color} variant="light" role={kind === 'rejected' ? 'alert' : undefined} data-testid="import-summary">
      {text}
    </Alert>
  );
}

/** A field as the mapping form names it, with the server's name for people who read the API. */
function FieldName({ field }: { field: string }) {
  const { t } = useTranslation();
  if (!(IMPORT_FIELDS as readonly string[]).includes(field)) {
    return <Text size="sm">{t(`imports.errorField.${field}`, { defaultValue: field })}</Text>;
  }
  return (
    <Text size="sm">
      {t(`imports.field.${field}`)}{' '}
      <Text span size="xs" c="dimmed" ff="monospace">
        {field}
      </Text>
    </Text>
  );
}
