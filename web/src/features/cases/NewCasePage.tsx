import {
  Box,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { WORKING_LANGUAGES } from '../../app/types';
import { useSession } from '../../app/session';
import { randomUuid } from '../../app/uuid';
import { caseWorkspace } from '../../app/workspace';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { isFieldOnly, useFieldErrors } from '../../components/problems';
import { useLabels } from '../../i18n/labels';
import { useRegionOptions } from '../admin/regions';
import { findCategory, useCategoryOptions } from './categories';
import { useCategories, useFileCase } from './queries';
import {
  ACCOUNT_TIERS,
  ACCOUNT_TYPES,
  PRIORITIES,
  type AccountTier,
  type AccountType,
  type CaseDraft,
  type CaseSource,
  type Priority,
} from './types';

/** Sources a person filing by hand may pick; `api` and `import` belong to programs. */
const STAFF_SOURCES: CaseSource[] = ['oncall', 'crm', 'email'];

/** File a case: the category decides which intake fields its SOP requires. */
export function NewCasePage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const navigate = useNavigate();
  const session = useSession();
  const workspace = caseWorkspace(session);
  const categories = useCategories();
  const categoryOptions = useCategoryOptions();
  const regionOptions = useRegionOptions();
  const fileCase = useFileCase();
  const { errors, edited } = useFieldErrors(fileCase.error, 'path');

  const [category, setCategory] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string | number>>({});
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [priority, setPriority] = useState<Priority | null>(null);
  // Requesters file from the CRM; staff most often take escalations on call.
  const [source, setSource] = useState<CaseSource>(workspace.requester ? 'crm' : 'oncall');
  const [accountType, setAccountType] = useState<AccountType>('seller');
  const [externalId, setExternalId] = useState('');
  const [accountName, setAccountName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [region, setRegion] = useState<string | null>(session.user.region);
  const [language, setLanguage] = useState<string | null>(null);
  const [tier, setTier] = useState<AccountTier | null>(null);

  // One key per distinct submission: a retry of the same form reuses it (the server then
  // returns the case it already filed); a corrected form is a new request with a new key.
  const attempt = useRef<{ body: string; key: string } | null>(null);

  const requiredFields = findCategory(categories.data, category)?.requiredFields ?? [];
  const shownFields = [
    'category',
    'title',
    'description',
    'priority',
    'source',
    ...requiredFields.map((field) => `fields.${field.key}`),
    ...['type', 'externalId', 'name', 'email', 'phone', 'region', 'language', 'tier'].map((key) => `account.${key}`),
  ];

  function draft(): CaseDraft {
    const optional = (value: string | null) => (value && value.trim() ? value.trim() : undefined);
    const intake: Record<string, string | number> = {};
    for (const field of requiredFields) {
      const value = fields[field.key];
      if (typeof value === 'number') intake[field.key] = value;
      else if (typeof value === 'string' && value.trim() !== '') intake[field.key] = value.trim();
    }
    return {
      title: title.trim(),
      description: description.trim(),
      category: category ?? '',
      account: {
        type: accountType,
        externalId: externalId.trim(),
        name: accountName.trim(),
        email: optional(email),
        phone: optional(phone),
        region: region ?? undefined,
        language: language ?? undefined,
        tier: tier ?? undefined,
      },
      source,
      priority: priority ?? undefined,
      fields: intake,
    };
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = draft();
    const serialised = JSON.stringify(body);
    if (attempt.current?.body !== serialised) attempt.current = { body: serialised, key: randomUuid() };
    fileCase.mutate(
      { draft: body, idempotencyKey: attempt.current.key },
      {
        onSuccess: (filed) => {
          notifications.show({ color: 'teal', message: t('newCase.filed', { number: filed.number }) });
          void navigate(`/cases/${filed.number}`);
        },
      },
    );
  }

  const text = (name: string, set: (value: string) => void) => (event: { currentTarget: { value: string } }) => {
    set(event.currentTarget.value);
    edited(name);
  };

  return (
    <>
      <PageHeader title={t('newCase.title')} description={t('newCase.description')} />
      <form onSubmit={submit} noValidate data-testid="case-form">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Paper withBorder p="md">
            <Stack gap="sm">
              <Title order={4}>{t('newCase.section.escalation')}</Title>
              <Select
                label={t('newCase.field.category')}
                placeholder={t('newCase.field.categoryPlaceholder')}
                withAsterisk
                searchable
                data={categoryOptions}
                value={category}
                onChange={(value) => {
                  setCategory(value);
                  edited('category');
                }}
                nothingFoundMessage={t('common.nothingFound')}
                error={errors.category}
                data-testid="case-form-category"
              />
              {requiredFields.length > 0 && (
                <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" data-testid="case-form-intake">
                  {requiredFields.map((field) => {
                    const name = `fields.${field.key}`;
                    const label = labels.pick(field.labels, field.key);
                    return field.type === 'number' ? (
                      <NumberInput
                        key={field.key}
                        label={label}
                        withAsterisk
                        value={fields[field.key] ?? ''}
                        onChange={(value) => {
                          setFields({ ...fields, [field.key]: value });
                          edited(name);
                        }}
                        hideControls
                        error={errors[name]}
                        data-testid={`case-form-field-${field.key}`}
                      />
                    ) : (
                      <TextInput
                        key={field.key}
                        label={label}
                        withAsterisk
                        value={String(fields[field.key] ?? '')}
                        onChange={text(name, (value) => setFields({ ...fields, [field.key]: value }))}
                        error={errors[name]}
                        data-testid={`case-form-field-${field.key}`}
                      />
                    );
                  })}
                </SimpleGrid>
              )}
              <TextInput
                label={t('newCase.field.title')}
                withAsterisk
                value={title}
                onChange={text('title', setTitle)}
                error={errors.title}
                data-testid="case-form-title"
              />
              <Textarea
                label={t('newCase.field.description')}
                description={t('newCase.field.descriptionHint')}
                withAsterisk
                autosize
                minRows={4}
                maxRows={12}
                value={description}
                onChange={text('description', setDescription)}
                error={errors.description}
                data-testid="case-form-description"
              />
              <Group grow align="flex-start">
                <Select
                  label={t('newCase.field.priority')}
                  placeholder={t('newCase.field.priorityAuto')}
                  clearable
                  data={PRIORITIES.map((value) => ({ value, label: `${value} · ${labels.priority(value)}` }))}
                  value={priority}
                  onChange={(value) => {
                    setPriority(value as Priority | null);
                    edited('priority');
                  }}
                  error={errors.priority}
                  data-testid="case-form-priority"
                />
                {workspace.requester ? (
                  <TextInput label={t('newCase.field.source')} value={labels.source('crm')} readOnly variant="filled" />
                ) : (
                  <Select
                    label={t('newCase.field.source')}
                    allowDeselect={false}
                    data={STAFF_SOURCES.map((value) => ({ value, label: labels.source(value) }))}
                    value={source}
                    onChange={(value) => {
                      if (value) setSource(value as CaseSource);
                      edited('source');
                    }}
                    error={errors.source}
                    data-testid="case-form-source"
                  />
                )}
              </Group>
            </Stack>
          </Paper>

          <Paper withBorder p="md">
            <Stack gap="sm">
              <Title order={4}>{t('newCase.section.account')}</Title>
              <Text size="sm" c="dimmed">
                {t('newCase.accountHint')}
              </Text>
              <Group grow align="flex-start">
                <Select
                  label={t('newCase.field.accountType')}
                  withAsterisk
                  allowDeselect={false}
                  data={ACCOUNT_TYPES.map((value) => ({ value, label: labels.accountType(value) }))}
                  value={accountType}
                  onChange={(value) => {
                    if (value) setAccountType(value as AccountType);
                    edited('account.type');
                  }}
                  error={errors['account.type']}
                  data-testid="case-form-account-type"
                />
                <TextInput
                  label={t('newCase.field.externalId')}
                  withAsterisk
                  value={externalId}
                  onChange={text('account.externalId', setExternalId)}
                  error={errors['account.externalId']}
                  data-testid="case-form-account-external-id"
                />
              </Group>
              <TextInput
                label={t('newCase.field.accountName')}
                withAsterisk
                value={accountName}
                onChange={text('account.name', setAccountName)}
                error={errors['account.name']}
                data-testid="case-form-account-name"
              />
              <Group grow align="flex-start">
                <TextInput
                  label={t('newCase.field.email')}
                  type="email"
                  value={email}
                  onChange={text('account.email', setEmail)}
                  error={errors['account.email']}
                  data-testid="case-form-account-email"
                />
                <TextInput
                  label={t('newCase.field.phone')}
                  type="tel"
                  value={phone}
                  onChange={text('account.phone', setPhone)}
                  error={errors['account.phone']}
                  data-testid="case-form-account-phone"
                />
              </Group>
              <Group grow align="flex-start">
                <Select
                  label={t('newCase.field.region')}
                  placeholder={t('common.noRegion')}
                  clearable
                  data={regionOptions}
                  value={region}
                  onChange={(value) => {
                    setRegion(value);
                    edited('account.region');
                  }}
                  error={errors['account.region']}
                  data-testid="case-form-account-region"
                />
                <Select
                  label={t('newCase.field.language')}
                  placeholder={t('newCase.field.languageAuto')}
                  clearable
                  data={WORKING_LANGUAGES.map((value) => ({ value, label: labels.workingLanguage(value) }))}
                  value={language}
                  onChange={(value) => {
                    setLanguage(value);
                    edited('account.language');
                  }}
                  error={errors['account.language']}
                  data-testid="case-form-account-language"
                />
                <Select
                  label={t('newCase.field.tier')}
                  placeholder={t('newCase.field.tierDefault')}
                  clearable
                  data={ACCOUNT_TIERS.map((value) => ({ value, label: labels.tier(value) }))}
                  value={tier}
                  onChange={(value) => {
                    setTier(value as AccountTier | null);
                    edited('account.tier');
                  }}
                  error={errors['account.tier']}
                  data-testid="case-form-account-tier"
                />
              </Group>
            </Stack>
          </Paper>
        </SimpleGrid>

        {fileCase.error && !isFieldOnly(fileCase.error, shownFields, 'path') ? (
          <Box mt="lg">
            <ProblemAlert error={fileCase.error} testId="case-form-error" />
          </Box>
        ) : null}
        <Group justify="flex-end" mt="lg">
          <Button component={Link} to="/cases" variant="default">
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={fileCase.isPending} data-testid="case-form-submit">
            {t('newCase.submit')}
          </Button>
        </Group>
      </form>
    </>
  );
}
