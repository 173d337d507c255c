import { Alert, Fieldset, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  FIELD_GROUPS,
  REQUIRED_FIELDS,
  mappableColumns,
  mappingProblems,
  mappingWarnings,
  type ColumnMapping,
  type ImportField,
} from './fields';

/** One select per importable field, offering the file's columns; pre-filled by `guessMapping`. */
export function MappingSection({
  header,
  rows,
  mapping,
  disabled,
  onChange,
}: {
  header: string[];
  /** Preview rows, for an example value under each mapped field. */
  rows: string[][];
  mapping: ColumnMapping;
  disabled: boolean;
  onChange: (mapping: ColumnMapping) => void;
}) {
  const { t } = useTranslation();
  const columns = mappableColumns(header);
  const problems = mappingProblems(mapping);
  const warnings = mappingWarnings(mapping);

  // The first non-blank value of the column in the preview: "e.g. T-1042".
  function example(column: string | undefined): string | null {
    if (!column) return null;
    const at = header.indexOf(column);
    const value = rows.map((row) => row[at]?.trim() ?? '').find((cell) => cell !== '');
    if (!value) return null;
    return value.length > 48 ? `${value.slice(0, 47)}…` : value;
  }

  function hint(field: ImportField): string | undefined {
    const value = example(mapping[field]);
    if (value) return t('imports.mapping.example', { value });
    if (!mapping[field]) return t(`imports.fieldHint.${field}`);
    return undefined;
  }

  return (
    <Stack gap="md">
      {FIELD_GROUPS.map((group) => (
        <Fieldset key={group.key} legend={t(`imports.group.${group.key}`)} disabled={disabled} variant="filled">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" verticalSpacing="sm">
            {group.fields.map((field) => (
              <Select
                key={field}
                label={t(`imports.field.${field}`)}
                description={hint(field)}
                withAsterisk={REQUIRED_FIELDS.includes(field)}
                placeholder={t('imports.mapping.notImported')}
                data={columns}
                value={mapping[field] ?? null}
                onChange={(column) => {
                  const next = { ...mapping };
                  if (column) next[field] = column;
                  else delete next[field];
                  onChange(next);
                }}
                clearable
                // Clicking the chosen column again keeps it; the clear button empties the field.
                allowDeselect={false}
                searchable
                nothingFoundMessage={t('common.nothingFound')}
                comboboxProps={{ withinPortal: true }}
                data-testid={`import-map-${field}`}
                data-column={mapping[field] ?? ''}
              />
            ))}
          </SimpleGrid>
        </Fieldset>
      ))}
      {problems.map((problem) => (
        <Alert key={problem} color="red" variant="light" data-testid={`import-mapping-${problem}`}>
          {t(`imports.mapping.problem.${problem}`)}
        </Alert>
      ))}
      {warnings.map((warning) => (
        <Alert key={warning} color="yellow" variant="light" data-testid={`import-mapping-${warning}`}>
          <Text size="sm">{t(`imports.mapping.warning.${warning}`)}</Text>
        </Alert>
      ))}
    </Stack>
  );
}
