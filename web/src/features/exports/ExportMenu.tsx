import { Button, Group, Menu, Paper, Progress, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormat } from '../../i18n/format';
import { type ExportFormat, type ExportProgress, downloadExport } from './download';

type Query = Record<string, string | number | boolean | null | undefined>;

/**
 * "Export" → CSV or Excel of a list with its current filters. Downloads through fetch so it can
 * show progress against the server's total and be cancelled; the file is saved when complete.
 */
export function ExportMenu({ path, query, testId = 'export' }: { path: string; query: Query; testId?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [running, setRunning] = useState<{ format: ExportFormat; progress: ExportProgress } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const controller = useRef<AbortController | null>(null);
  // Leaving the page cancels a running download.
  useEffect(() => () => controller.current?.abort(), []);

  async function start(chosen: ExportFormat) {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setError(null);
    setRunning({ format: chosen, progress: { rows: 0, bytes: 0, total: null } });
    try {
      await downloadExport(path, query, chosen, (progress) => setRunning({ format: chosen, progress }), abort.signal);
    } catch (caught) {
      if (!abort.signal.aborted) setError(caught);
    } finally {
      if (controller.current === abort) {
        controller.current = null;
        setRunning(null);
      }
    }
  }

  const progress = running?.progress;
  const share = progress?.rows != null && progress.total ? Math.min(100, (progress.rows / progress.total) * 100) : null;
  return (
    <Stack gap="xs" align="flex-end">
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" loading={running !== null} data-testid={testId}>
            {t('exports.button')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => void start('csv')} data-testid={`${testId}-csv`}>
            {t('exports.csv')}
          </Menu.Item>
          <Menu.Item onClick={() => void start('xlsx')} data-testid={`${testId}-xlsx`}>
            {t('exports.xlsx')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {running && progress && (
        <Paper withBorder p="xs" w={280} data-testid={`${testId}-progress`}>
          <Stack gap={6}>
            <Text size="xs">
              {progress.rows !== null && progress.total !== null
                ? t('exports.progressRows', { rows: format.number(progress.rows), total: format.number(progress.total) })
                : progress.total !== null
                  ? t('exports.progressBytes', { size: format.fileSize(progress.bytes), total: format.number(progress.total) })
                  : t('exports.preparing')}
            </Text>
            {/* XLSX arrives compressed, so only its bytes are known: the bar just says it is moving. */}
            <Progress value={share ?? 100} animated={share === null} striped={share === null} size="sm" aria-label={t('exports.progressLabel')} />
            <Group justify="flex-end">
              <Button size="compact-xs" variant="subtle" color="red" onClick={() => controller.current?.abort()} data-testid={`${testId}-cancel`}>
                {t('exports.cancel')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      {error !== null && (
        <div style={{ maxWidth: 360 }}>
          <ProblemAlert error={error} testId={`${testId}-error`} />
        </div>
      )}
    </Stack>
  );
}
