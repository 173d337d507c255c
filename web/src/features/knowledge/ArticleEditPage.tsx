import {
  Alert,
  Anchor,
  Button,
  Center,
  Grid,
  Group,
  Indicator,
  Loader,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Tabs,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  Typography,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../app/api';
import { useSession } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useLabels } from '../../i18n/labels';
import { toLocale } from '../../i18n/locales';
import { useTeams } from '../admin/teams/queries';
import { useCategoryOptions } from '../cases/categories';
import { NoAccessPage, NotFoundPage } from '../shell/MessagePage';
import { isShownInForm, useFormErrors } from '../sla-admin/formErrors';
import { draftLanguages, emptyDraft, toCreateInput, toDraft, toPatch, writtenLanguages, type ArticleDraft } from './articleDraft';
import { ArticleStatusBadge } from './labels';
import { useArticle, useCreateArticle, usePatchArticle, usePreview } from './queries';
import { ARTICLE_LANGUAGES, type Article, type ArticleLanguage } from './types';

/** /knowledge/new and /knowledge/:id/edit — the article in each language, with the server's preview. */
export function ArticleEditPage() {
  const { id } = useParams();
  const session = useSession();
  const article = useArticle(id);
  if (id !== undefined && article.isPending) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  if (article.error instanceof ApiError && article.error.status === 404) return <NotFoundPage />;
  if (id !== undefined && !article.data) return <ProblemAlert error={article.error} />;
  if (article.data ? !article.data.abilities.edit : !session.abilities.knowledge.write) return <NoAccessPage />;
  // A newer version loaded (after "load the latest") starts a fresh draft from it.
  return <ArticleEditor key={article.data ? `${article.data.id}-${article.data.version}` : 'new'} article={article.data} />;
}

const isShown = (field: string) => /^(variants(\.(en|zh|ms)(\.(title|body))?)?|category|team|tags(\.\d+)?)$/.test(field);

function ArticleEditor({ article }: { article: Article | undefined }) {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const navigate = useNavigate();
  const session = useSession();
  const create = useCreateArticle();
  const patch = usePatchArticle(article?.id ?? '');
  const save = article ? patch : create;
  const { errors, clear } = useFormErrors(save.error);
  const [draft, setDraft] = useState<ArticleDraft>(() => (article ? toDraft(article) : emptyDraft()));
  const uiLanguage = toLocale(i18n.language);
  const [tab, setTab] = useState<ArticleLanguage>(() => {
    const written = article ? writtenLanguages(article.variants) : [];
    return written.length === 0 || written.includes(uiLanguage) ? uiLanguage : written[0]!;
  });
  const [unchanged, setUnchanged] = useState(false);
  const categoryOptions = useCategoryOptions({ include: draft.category ?? undefined });
  const teamOptions = useTeamOptions(article);

  const written = draftLanguages(draft);
  const stale = save.error instanceof ApiError && save.error.code === 'stale_version';

  function edit(change: Partial<ArticleDraft>, ...fields: string[]) {
    setUnchanged(false);
    clear((field) => fields.some((f) => field === f || field.startsWith(`${f}.`)) || field === 'variants');
    setDraft((current) => ({ ...current, ...change }));
  }
  function editVariant(language: ArticleLanguage, part: 'title' | 'body', value: string) {
    edit({ variants: { ...draft.variants, [language]: { ...draft.variants[language], [part]: value } } }, `variants.${language}.${part}`);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const done = (saved: Article) => {
      notifications.show({ color: 'teal', message: t('knowledge.edit.saved', { number: saved.number, version: saved.version }) });
      void navigate(`/knowledge/${saved.number}`);
    };
    if (!article) {
      create.mutate(toCreateInput(draft), { onSuccess: done });
      return;
    }
    const changes = toPatch(draft, article);
    if (!changes) {
      setUnchanged(true);
      return;
    }
    patch.mutate(changes, { onSuccess: done });
  }

  // A complaint about a language the person is not looking at marks its tab.
  const languageHasError = (language: ArticleLanguage) => Object.keys(errors).some((field) => field.startsWith(`variants.${language}`));

  return (
    <>
      <Anchor component={Link} to={article ? `/knowledge/${article.number}` : '/knowledge'} size="sm" data-testid="article-edit-back">
        {article ? t('knowledge.edit.backToArticle', { number: article.number }) : t('knowledge.edit.backToList')}
      </Anchor>
      <PageHeader
        title={article ? t('knowledge.edit.title', { number: article.number }) : t('knowledge.edit.newTitle')}
        description={article ? t('knowledge.edit.versionOf', { version: article.version }) : t('knowledge.edit.newDescription')}
        actions={article && <ArticleStatusBadge status={article.status} />}
      />
      <form onSubmit={submit} noValidate data-testid="article-form">
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Tabs value={tab} onChange={(value) => value && setTab(value as ArticleLanguage)} keepMounted>
              <Tabs.List mb="md">
                {ARTICLE_LANGUAGES.map((language) => (
                  <Tabs.Tab
                    key={language}
                    value={language}
                    data-testid={`article-tab-${language}`}
                    data-written={written.includes(language) || undefined}
                    color={languageHasError(language) ? 'red' : undefined}
                    rightSection={
                      <Indicator
                        inline
                        size={7}
                        color={languageHasError(language) ? 'red' : written.includes(language) ? 'teal' : 'gray.4'}
                        aria-label={written.includes(language) ? t('knowledge.edit.written') : t('knowledge.edit.notWritten')}
                      />
                    }
                  >
                    {labels.workingLanguage(language)}
                  </Tabs.Tab>
                ))}
              </Tabs.List>
              {ARTICLE_LANGUAGES.map((language) => (
                <Tabs.Panel key={language} value={language}>
                  <VariantEditor
                    language={language}
                    title={draft.variants[language].title}
                    body={draft.variants[language].body}
                    titleError={errors[`variants.${language}.title`]}
                    bodyError={errors[`variants.${language}.body`]}
                    onChange={(part, value) => editVariant(language, part, value)}
                    onRemove={
                      written.includes(language) && written.length > 1
                        ? () => edit({ variants: { ...draft.variants, [language]: { title: '', body: '' } } }, `variants.${language}`)
                        : undefined
                    }
                  />
                </Tabs.Panel>
              ))}
            </Tabs>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Paper withBorder p="md">
              <Stack gap="sm">
                <Select
                  label={t('knowledge.fact.category')}
                  placeholder={t('knowledge.edit.noCategory')}
                  clearable
                  searchable
                  data={categoryOptions}
                  value={draft.category}
                  onChange={(value) => edit({ category: value }, 'category')}
                  error={errors['category']}
                  data-testid="article-category"
                />
                <Select
                  label={t('knowledge.fact.team')}
                  placeholder={t('knowledge.edit.noTeam')}
                  clearable
                  data={teamOptions}
                  value={draft.team}
                  onChange={(value) => edit({ team: value }, 'team')}
                  error={errors['team']}
                  data-testid="article-team"
                />
                <TagsInput
                  label={t('knowledge.edit.tags')}
                  description={t('knowledge.edit.tagsHint')}
                  maxTags={20}
                  value={draft.tags}
                  onChange={(tags) => edit({ tags }, 'tags')}
                  error={errors['tags'] ?? Object.entries(errors).find(([field]) => field.startsWith('tags.'))?.[1]}
                  data-testid="article-tags-input"
                />
                {written.length === 0 && (
                  <Text size="sm" c="dimmed" data-testid="article-no-language">
                    {t('knowledge.edit.writeOne')}
                  </Text>
                )}
                {stale ? (
                  <Alert color="orange" variant="light" data-testid="article-stale">
                    <Stack gap="xs">
                      <Text size="sm">{t('problem.stale_version')}</Text>
                      <Button size="xs" variant="light" component={Link} to={`/knowledge/${article?.number ?? ''}`}>
                        {t('knowledge.edit.openLatest')}
                      </Button>
                    </Stack>
                  </Alert>
                ) : save.error && !isShownInForm(save.error, isShown) ? (
                  <ProblemAlert error={save.error} testId="article-save-error" />
                ) : save.error && errors['variants'] ? (
                  <Text size="sm" c="red">
                    {errors['variants']}
                  </Text>
                ) : null}
                {unchanged && (
                  <Text size="sm" c="dimmed" data-testid="article-unchanged">
                    {t('knowledge.edit.unchanged')}
                  </Text>
                )}
                <Button type="submit" loading={save.isPending} disabled={written.length === 0} data-testid="article-save">
                  {article ? t('knowledge.edit.save') : t('knowledge.edit.create')}
                </Button>
                {article && (
                  <Text size="xs" c="dimmed">
                    {t('knowledge.edit.saveHint')}
                  </Text>
                )}
                {!article && session.abilities.knowledge.write && (
                  <Text size="xs" c="dimmed">
                    {t('knowledge.edit.createHint')}
                  </Text>
                )}
              </Stack>
            </Paper>
          </Grid.Col>
        </Grid>
      </form>
    </>
  );
}

/** Service teams to own the article: all of them for people who may read the directory, else their own. */
function useTeamOptions(article: Article | undefined): { value: string; label: string }[] {
  const session = useSession();
  const teams = useTeams(session.abilities.teams.read);
  const all = session.abilities.teams.read ? (teams.data ?? []) : session.user.teams;
  const options = all.filter((team) => team.kind === 'service').map((team) => ({ value: team.id, label: team.name }));
  if (article?.team && !options.some((option) => option.value === article.team?.id)) options.push({ value: article.team.id, label: article.team.name });
  return options;
}

function VariantEditor({
  language,
  title,
  body,
  titleError,
  bodyError,
  onChange,
  onRemove,
}: {
  language: ArticleLanguage;
  title: string;
  body: string;
  titleError?: string;
  bodyError?: string;
  onChange: (part: 'title' | 'body', value: string) => void;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const preview = usePreview();
  const [mode, setMode] = useState<'write' | 'preview'>('write');

  function show(next: string) {
    setMode(next as 'write' | 'preview');
    if (next === 'preview') preview.mutate(body);
  }

  return (
    <Stack gap="sm" lang={language} data-testid={`article-variant-${language}`}>
      <TextInput
        label={t('knowledge.edit.titleIn', { language: labels.workingLanguage(language) })}
        maxLength={200}
        value={title}
        onChange={(event) => onChange('title', event.currentTarget.value)}
        error={titleError}
        data-testid={`article-title-${language}`}
      />
      <Group justify="space-between" wrap="wrap" gap="xs">
        <SegmentedControl
          size="xs"
          value={mode}
          onChange={show}
          data={[
            { value: 'write', label: t('knowledge.edit.write') },
            { value: 'preview', label: t('knowledge.edit.preview') },
          ]}
          data-testid={`article-mode-${language}`}
        />
        {onRemove && (
          <Button size="compact-sm" variant="subtle" color="red" onClick={onRemove} data-testid={`article-remove-${language}`}>
            {t('knowledge.edit.removeLanguage', { language: labels.workingLanguage(language) })}
          </Button>
        )}
      </Group>
      {mode === 'write' ? (
        <Textarea
          aria-label={t('knowledge.edit.bodyIn', { language: labels.workingLanguage(language) })}
          description={t('knowledge.edit.markdownHint')}
          autosize
          minRows={14}
          maxRows={40}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
          value={body}
          onChange={(event) => onChange('body', event.currentTarget.value)}
          error={bodyError}
          data-testid={`article-body-${language}`}
        />
      ) : (
        <Paper withBorder p="md" mih={240} data-testid={`article-preview-${language}`}>
          {preview.isPending ? (
            <Center py="xl">
              <Loader size="sm" />
            </Center>
          ) : preview.error ? (
            <ProblemAlert error={preview.error} />
          ) : body.trim() === '' ? (
            <Text size="sm" c="dimmed">
              {t('knowledge.edit.nothingToPreview')}
            </Text>
          ) : (
            // The server's sanitised rendering, the same the readers get.
            <Typography style={{ overflowWrap: 'anywhere' }}>
              <div dangerouslySetInnerHTML={{ __html: preview.data ?? '' }} />
            </Typography>
          )}
          {bodyError && (
            <Text size="sm" c="red" mt="xs">
              {bodyError}
            </Text>
          )}
        </Paper>
      )}
    </Stack>
  );
}
