import { Alert, Button, Code, Group, Input, List, Modal, Paper, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, TextInput, Textarea, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../app/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { isFieldOnly, useFieldErrors } from '../../components/problems';
import { LANGUAGE_NAMES } from '../../i18n/locales';
import { useCategoryOptions } from '../cases/categories';
import { insertAtCursor } from './insert';
import { bodyProblems } from './problems';
import { usePreviewTemplate, useSaveTemplate, useTemplateVariables } from './queries';
import type { Template } from './types';

const FIELDS = ['name', 'language', 'category', 'body', 'active'];
/** How long typing must pause before the server checks the draft again. */
const PREVIEW_DELAY_MS = 400;

/** Create or edit a template: the variables it may use beside the text, checked by the server as you type. */
export function TemplateFormModal({ template, onClose }: { template: Template | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveTemplate(template?.id);
  const preview = usePreviewTemplate();
  const categoryOptions = useCategoryOptions({ roots: true, include: template?.category ?? undefined });
  const [name, setName] = useState(template?.name ?? '');
  const [language, setLanguage] = useState<Locale>(template?.language ?? 'en');
  const [category, setCategory] = useState<string | null>(template?.category ?? null);
  const [body, setBody] = useState(template?.body ?? '');
  const [active, setActive] = useState(template?.active ?? true);
  const variables = useTemplateVariables(language);
  const { errors, edited } = useFieldErrors(save.error);
  const bodyRef = useRef<HTMLTextAreaElement>(null);

  // The server checks the draft as saving would; the last answer stays until the next one.
  const { mutate: check } = preview;
  useEffect(() => {
    if (!body.trim()) return;
    const timer = setTimeout(() => check({ body, language }), PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [body, language, check]);

  const liveProblems = body.trim() ? bodyProblems(preview.error, t) : [];
  // The last save's complaints about the text stand until the text is edited (then the live check speaks).
  const saveProblems = errors.body ? bodyProblems(save.error, t) : [];
  const problems = liveProblems.length ? liveProblems : saveProblems;

  function insertVariable(variable: string) {
    const box = bodyRef.current;
    const next = insertAtCursor(body, `{{${variable}}}`, box ? { start: box.selectionStart, end: box.selectionEnd } : null);
    setBody(next.value);
    edited('body');
    requestAnimationFrame(() => {
      box?.focus();
      box?.setSelectionRange(next.caret, next.caret);
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(
      { name: name.trim(), language, category, body, active },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', message: template ? t('templates.saved', { name: saved.name }) : t('templates.created', { name: saved.name }) });
          onClose();
        },
      },
    );
  }

  return (
    <Modal opened onClose={onClose} size="xl" title={template ? t('templates.editTitle') : t('templates.createTitle')}>
      <form onSubmit={submit} noValidate data-testid="template-form">
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
          <Stack gap="sm" style={{ gridColumn: 'span 2' }}>
            <TextInput
              label={t('templates.field.name')}
              withAsterisk
              data-autofocus
              maxLength={120}
              value={name}
              onChange={(event) => {
                setName(event.currentTarget.value);
                edited('name');
              }}
              error={errors.name}
              data-testid="template-form-name"
            />
            <Input.Wrapper label={t('templates.field.language')} error={errors.language}>
              <SegmentedControl
                fullWidth
                mt={4}
                data={LOCALES.map((value) => ({ value, label: LANGUAGE_NAMES[value] }))}
                value={language}
                onChange={(value) => {
                  setLanguage(value as Locale);
                  edited('language');
                }}
                data-testid="template-form-language"
              />
            </Input.Wrapper>
            <Select
              label={t('templates.field.category')}
              description={t('templates.field.categoryHint')}
              placeholder={t('templates.anyCategory')}
              clearable
              searchable
              data={categoryOptions}
              value={category}
              onChange={(value) => {
                setCategory(value);
                edited('category');
              }}
              error={errors.category}
              data-testid="template-form-category"
            />
            <Textarea
              ref={bodyRef}
              label={t('templates.field.body')}
              description={t('templates.field.bodyHint', { example: '{{case.number}}' })}
              withAsterisk
              autosize
              minRows={6}
              maxRows={16}
              maxLength={10_000}
              value={body}
              onChange={(event) => {
                setBody(event.currentTarget.value);
                edited('body');
              }}
              error={problems.length > 0}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
              data-testid="template-form-body"
            />
            {problems.length > 0 && (
              <Alert color="red" variant="light" p="xs" data-testid="template-form-problems">
                <List size="sm" spacing={2}>
                  {problems.map((message) => (
                    <List.Item key={message}>{message}</List.Item>
                  ))}
                </List>
              </Alert>
            )}
            {problems.length === 0 && preview.data && body.trim() && (
              <Paper withBorder p="xs" bg="gray.0" data-testid="template-form-preview">
                <Text size="xs" c="dimmed" mb={4}>
                  {t('templates.previewLabel')}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {preview.data.body}
                </Text>
              </Paper>
            )}
            <Switch
              label={t('templates.field.active')}
              description={t('templates.field.activeHint')}
              checked={active}
              onChange={(event) => setActive(event.currentTarget.checked)}
              data-testid="template-form-active"
            />
          </Stack>
          <Stack gap={6} data-testid="template-variables">
            <Text size="sm" fw={500}>
              {t('templates.variables.title')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('templates.variables.hint')}
            </Text>
            {(variables.data ?? []).map((variable) => (
              <UnstyledButton
                key={variable.name}
                onClick={() => insertVariable(variable.name)}
                title={t('templates.variables.insert')}
                data-testid="template-variable"
                data-name={variable.name}
              >
                <Code>{`{{${variable.name}}}`}</Code>
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {t(`templates.variable.${variable.name.replace('.', '_')}`, { defaultValue: variable.name })} · {variable.example}
                </Text>
              </UnstyledButton>
            ))}
          </Stack>
        </SimpleGrid>
        {save.error && !isFieldOnly(save.error, FIELDS) && <ProblemAlert error={save.error} testId="template-form-error" />}
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="template-form-submit">
            {template ? t('common.save') : t('templates.create')}
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
