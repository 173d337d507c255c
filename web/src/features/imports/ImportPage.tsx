import { Alert, Button, Checkbox, Group, List, Loader, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../app/api';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormat } from '../../i18n/format';
import { previewCsv } from './csv';
import { guessMapping, mappingProblems, type ColumnMapping } from './fields';
import { FileSection, type LoadedFile } from './FileSection';
import { ImportReportView, type ReportKind } from './ImportReportView';
import { MappingSection } from './MappingSection';
import { rejectedReport, useImportCases, type ImportReport, type ImportRequest } from './queries';

/**
 * Import case history from another help desk's CSV export: pick the file, match its
 * columns to case fields, check it (a dry run), then import. Re-importing the same file
 * updates cases by their ticket ID instead of duplicating them.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const importCases = useImportCases();
  const [file, setFile] = useState<File | null>(null);
  const [loaded, setLoaded] = useState<LoadedFile | null>(null);
  const [reading, setReading] = useState(false);
  const [readFailed, setReadFailed] = useState(false);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [createMissing, setCreateMissing] = useState(false);
  const [validRowsOnly, setValidRowsOnly] = useState(false);
  // Only the file picked last may fill the form, however long an earlier one takes to read.
  const picked = useRef<File | null>(null);

  const busy = importCases.isPending;
  const header = loaded?.preview.header ?? [];
  const ready =
    loaded !== null && header.length > 0 && !loaded.preview.error && mappingProblems(mapping).length === 0;

  // Any change makes the last report stale: it described other input.
  function changed() {
    if (!busy) importCases.reset();
  }

  async function pick(next: File | null) {
    picked.current = next;
    setFile(next);
    setLoaded(null);
    setReadFailed(false);
    setMapping({});
    importCases.reset();
    if (!next) return;
    setReading(true);
    try {
      const text = await next.text();
      if (picked.current !== next) return;
      const preview = previewCsv(text);
      setLoaded({ name: next.name, size: next.size, text, preview });
      setMapping(guessMapping(preview.header));
    } catch {
      if (picked.current === next) setReadFailed(true);
    } finally {
      if (picked.current === next) setReading(false);
    }
  }

  function run(dryRun: boolean, options: { validRowsOnly?: boolean } = {}) {
    if (!loaded || !ready) return;
    const request: ImportRequest = {
      csv: loaded.text,
      mapping,
      dryRun,
      createMissing,
      validRowsOnly: options.validRowsOnly ?? validRowsOnly,
    };
    importCases.mutate(request);
  }

  function startOver() {
    void pick(null);
    setCreateMissing(false);
    setValidRowsOnly(false);
  }

  const request = importCases.variables;
  const rejected = rejectedReport(importCases.error);
  // A 200 to a real import wrote the valid rows (or found none: a file with only its header).
  const outcome: { kind: ReportKind; report: ImportReport } | null = importCases.data
    ? { kind: importCases.data.dryRun ? 'checked' : 'imported', report: importCases.data }
    : rejected
      ? { kind: 'rejected', report: rejected }
      : null;
  // A real import whose valid rows could all be written is over: offer the way on, not the same buttons.
  const finished = outcome?.kind === 'imported';

  return (
    <>
      <PageHeader title={t('imports.title')} description={t('imports.description')} />
      <Stack gap="lg" data-testid="import-page">
        <Step number={1} title={t('imports.step.file')}>
          <FileSection
            file={file}
            loaded={loaded}
            reading={reading}
            readFailed={readFailed}
            disabled={busy}
            onPick={(next) => void pick(next)}
          />
        </Step>

        {loaded && header.length > 0 && (
          <Step number={2} title={t('imports.step.mapping')} description={t('imports.mapping.description')}>
            <MappingSection
              header={header}
              rows={loaded.preview.rows}
              mapping={mapping}
              disabled={busy || finished}
              onChange={(next) => {
                setMapping(next);
                changed();
              }}
            />
          </Step>
        )}

        {loaded && header.length > 0 && (
          <Step number={3} title={t('imports.step.run')} description={t('imports.run.description')}>
            <Stack gap="md">
              <Stack gap="sm">
                <Checkbox
                  label={t('imports.option.createMissing')}
                  description={t('imports.option.createMissingHint')}
                  checked={createMissing}
                  disabled={busy || finished}
                  onChange={(event) => {
                    setCreateMissing(event.currentTarget.checked);
                    changed();
                  }}
                  data-testid="import-create-missing"
                />
                <Checkbox
                  label={t('imports.option.validRowsOnly')}
                  description={t('imports.option.validRowsOnlyHint')}
                  checked={validRowsOnly}
                  disabled={busy || finished}
                  onChange={(event) => {
                    setValidRowsOnly(event.currentTarget.checked);
                    changed();
                  }}
                  data-testid="import-valid-rows-only"
                />
              </Stack>
              {!finished && (
                <Group gap="sm">
                  <Button
                    variant="default"
                    onClick={() => run(true)}
                    disabled={!ready || (busy && request?.dryRun === false)}
                    loading={busy && request?.dryRun === true}
                    data-testid="import-check"
                  >
                    {t('imports.run.check')}
                  </Button>
                  <Button
                    onClick={() => run(false)}
                    disabled={!ready || (busy && request?.dryRun === true)}
                    loading={busy && request?.dryRun === false}
                    data-testid="import-run"
                  >
                    {t('imports.run.import')}
                  </Button>
                </Group>
              )}
              {busy && request && <Busy dryRun={request.dryRun} />}
              <RequestProblem error={rejected ? null : importCases.error} />
            </Stack>
          </Step>
        )}

        {outcome && !busy && (
          <ImportReportView
            report={outcome.report}
            kind={outcome.kind}
            validRowsOnly={request?.validRowsOnly ?? validRowsOnly}
            actions={
              finished ? (
                <>
                  <Button component={Link} to="/cases" data-testid="import-open-cases">
                    {t('imports.report.openCases')}
                  </Button>
                  <Button variant="default" onClick={startOver} data-testid="import-another">
                    {t('imports.report.another')}
                  </Button>
                </>
              ) : outcome.kind === 'rejected' && outcome.report.valid > 0 ? (
                <Button
                  onClick={() => {
                    setValidRowsOnly(true);
                    run(false, { validRowsOnly: true });
                  }}
                  data-testid="import-run-valid"
                >
                  {t('imports.report.importValid', { valid: format.number(outcome.report.valid) })}
                </Button>
              ) : null
            }
          />
        )}
      </Stack>
    </>
  );
}

function Step({
  number,
  title,
  description,
  children,
}: {
  number: number;
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label={title}>
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={3} size="h4">
            {number}. {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </Stack>
        {children}
      </Stack>
    </Paper>
  );
}

/** While the server reads (and perhaps writes) the file; a large export takes minutes. */
function Busy({ dryRun }: { dryRun: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <Stack gap={6} role="status" aria-live="polite" data-testid="import-busy">
      <Group gap="xs">
        <Loader size="xs" />
        <Text size="sm">{t(dryRun ? 'imports.run.checking' : 'imports.run.importing')}</Text>
        {seconds > 0 && (
          <Text size="sm" c="dimmed">
            {format.seconds(seconds)}
          </Text>
        )}
      </Group>
      <Progress value={100} animated aria-hidden />
      <Text size="xs" c="dimmed">
        {t('imports.run.busyHint')}
      </Text>
    </Stack>
  );
}

/** A request the server could not take at all: the map, the header or the file (400), or anything else. */
function RequestProblem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const problems = error instanceof ApiError && error.status === 400 ? (error.problem.errors ?? []) : [];
  if (problems.length === 0) return <ProblemAlert error={error} testId="import-problem" />;
  return (
    <Alert color="red" variant="light" role="alert" title={t('imports.problem.title')} data-testid="import-problem">
      <List size="sm" spacing={4}>
        {problems.map((problem, index) => (
          <List.Item key={index} data-field={problem.field}>
            <Text span size="sm" fw={600}>
              {t(`imports.problem.field.${problem.field}`, { defaultValue: problem.field })}
            </Text>
            {': '}
            <Text span size="sm" lang="en">
              {problem.message}
            </Text>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
