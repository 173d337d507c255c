import { Alert, Badge, FileInput, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { otherSeparator, type CsvPreview } from './csv';

/** A file picked and read in the browser: its text goes to the server as is. */
export interface LoadedFile {
  name: string;
  size: number;
  text: string;
  preview: CsvPreview;
}

const CELL_STYLE = { maxWidth: 260, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

/** Step 1: pick a CSV file; show the columns it names and its first rows. */
export function FileSection({
  file,
  loaded,
  reading,
  readFailed,
  disabled,
  onPick,
}: {
  file: File | null;
  loaded: LoadedFile | null;
  reading: boolean;
  readFailed: boolean;
  disabled: boolean;
  onPick: (file: File | null) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const preview = loaded?.preview;
  const separator = preview ? otherSeparator(preview.header) : null;

  return (
    <Stack gap="md">
      <FileInput
        label={t('imports.file.label')}
        description={t('imports.file.description')}
        placeholder={t('imports.file.placeholder')}
        accept=".csv,text/csv"
        value={file}
        onChange={onPick}
        clearable
        disabled={disabled || reading}
        maw={480}
        data-testid="import-file"
      />
      {readFailed && (
        <Alert color="red" variant="light" role="alert" data-testid="import-file-unreadable">
          {t('imports.file.unreadable')}
        </Alert>
      )}
      {loaded && preview && (
        <>
          <Text size="sm" c="dimmed" data-testid="import-file-summary">
            {t('imports.file.summary', {
              name: loaded.name,
              size: format.fileSize(loaded.size),
              columns: format.number(preview.header.length),
            })}
          </Text>
          {preview.header.length === 0 && (
            <Alert color="red" variant="light" role="alert" data-testid="import-file-empty">
              {t('imports.file.empty')}
            </Alert>
          )}
          {preview.error && (
            <Alert color="red" variant="light" role="alert" data-testid="import-file-syntax">
              {t(`imports.file.syntax.${preview.error.reason}`, { line: format.number(preview.error.line) })}
            </Alert>
          )}
          {separator && (
            <Alert color="yellow" variant="light" data-testid="import-file-separator">
              {t(separator === ';' ? 'imports.file.semicolons' : 'imports.file.tabs')}
            </Alert>
          )}
          {preview.header.length > 0 && (
            <Stack gap={6}>
              <Text fw={600} size="sm">
                {t('imports.file.columns')}
              </Text>
              <Group gap={6} data-testid="import-columns">
                {preview.header.map((column, index) => (
                  <Badge key={index} variant="light" color="gray" tt="none" data-testid="import-column">
                    {column.trim() === '' ? t('imports.file.unnamedColumn', { number: index + 1 }) : column}
                  </Badge>
                ))}
              </Group>
            </Stack>
          )}
          {preview.header.length > 0 && (
            <Stack gap={6}>
              <Text fw={600} size="sm">
                {preview.rows.length === 0 ? t('imports.file.noRows') : t('imports.file.previewTitle')}
              </Text>
              {preview.rows.length > 0 && (
                <Table.ScrollContainer minWidth={Math.min(160 * preview.header.length, 1600)}>
                  <Table withTableBorder withColumnBorders striped verticalSpacing={6} fz="sm" data-testid="import-preview">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th w={48} c="dimmed">
                          {t('imports.file.rowNumber')}
                        </Table.Th>
                        {preview.header.map((column, index) => (
                          <Table.Th key={index} style={CELL_STYLE}>
                            {column}
                          </Table.Th>
                        ))}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {preview.rows.map((row, rowIndex) => (
                        <Table.Tr key={rowIndex} data-testid="import-preview-row">
                          {/* As a spreadsheet and the report count rows: the header is row 1. */}
                          <Table.Td c="dimmed">{rowIndex + 2}</Table.Td>
                          {preview.header.map((_, index) => (
                            <Table.Td key={index} style={CELL_STYLE} title={row[index]}>
                              {row[index]}
                            </Table.Td>
                          ))}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Stack>
          )}
        </>
      )}
    </Stack>
  );
}
