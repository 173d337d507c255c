import { Alert, Anchor, Badge, Breadcrumbs, Button, Center, Group, Loader, Paper, SegmentedControl, SimpleGrid, Stack, Tabs, Text, Title, Typography } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../app/api';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormat } from '../../i18n/format';
import { useLabels } from '../../i18n/labels';
import { toLocale } from '../../i18n/locales';
import { useCategories } from '../cases/queries';
import { NotFoundPage } from '../shell/MessagePage';
import { ArticleCasesPanel } from './ArticleCasesPanel';
import { pickVariant, writtenLanguages } from './articleDraft';
import { HistoryPanel } from './HistoryPanel';
import { ArticleStatusBadge } from './labels';
import { useArticle, useArticleAction } from './queries';
import type { Article, ArticleAction } from './types';

/** /knowledge/:id — an article (by number or id) to read in any of its languages. */
export function ArticlePage() {
  const { id = '' } = useParams();
  const article = useArticle(id);
  if (article.isPending) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  if (article.error instanceof ApiError && article.error.status === 404) return <NotFoundPage />;
  if (!article.data) return <ProblemAlert error={article.error} />;
  return <ArticleView article={article.data} />;
}

const ACTIONS: ArticleAction[] = ['submit', 'publish', 'archive', 'restore'];

function ArticleView({ article }: { article: Article }) {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const { data: categories } = useCategories();
  const [params, setParams] = useSearchParams();
  const uiLanguage = toLocale(i18n.language);
  const wanted = params.get('lang') ?? uiLanguage;
  const shown = pickVariant(article.variants, wanted);
  const languages = writtenLanguages(article.variants);
  const action = useArticleAction(article.id);
  // The server says what this person may do with the article now; the UI never re-derives it.
  const actions = ACTIONS.filter((move) => article.abilities[move]);
  const staff = article.abilities.history;

  function run(move: ArticleAction) {
    action.mutate(move, {
      onSuccess: (saved) => notifications.show({ color: 'teal', message: t(`knowledge.action.done.${move}`, { number: saved.number }) }),
    });
  }

  const actionLabel: Record<ArticleAction, string> = {
    submit: t('knowledge.action.submit'),
    publish: t('knowledge.action.publish'),
    archive: t('knowledge.action.archive'),
    restore: t('knowledge.action.restore'),
  };
  const category = article.category ? labels.pick(categories?.find((c) => c.code === article.category)?.labels, article.category) : '—';
  const facts: [string, ReactNode, string][] = [
    [t('knowledge.fact.category'), category, 'category'],
    [t('knowledge.fact.team'), article.team?.name ?? '—', 'team'],
    [
      t('knowledge.fact.sourceCase'),
      article.sourceCase ? (
        <Anchor component={Link} to={`/cases/${article.sourceCase.number}`} ff="monospace" size="sm">
          {article.sourceCase.number}
        </Anchor>
      ) : (
        '—'
      ),
      'source-case',
    ],
    [t('knowledge.fact.updated'), `${format.dateTime(article.updatedAt)}${article.updatedBy ? ` · ${article.updatedBy.displayName}` : ''}`, 'updated'],
    [t('knowledge.fact.published'), article.publishedAt ? format.dateTime(article.publishedAt) : '—', 'published'],
    [
      t('knowledge.fact.usage'),
      t('knowledge.usage.long', { cases: article.usage.cases, helped: article.usage.helped }) +
        (article.usage.lastUsedAt ? ` · ${t('knowledge.usage.lastUsed', { when: format.relative(article.usage.lastUsedAt) })}` : ''),
      'usage',
    ],
  ];

  return (
    <Stack gap="lg" data-testid="article-page" data-number={article.number} data-status={article.status} data-version={article.version}>
      <Breadcrumbs>
        <Anchor component={Link} to="/knowledge" size="sm">
          {t('nav.knowledge')}
        </Anchor>
        <Text size="sm">{article.number}</Text>
      </Breadcrumbs>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
            <Stack gap={6} style={{ flex: '1 1 24rem', minWidth: 0 }}>
              <Group gap="xs" wrap="wrap">
                <Text ff="monospace" fw={700} c="dimmed">
                  {article.number}
                </Text>
                <ArticleStatusBadge status={article.status} testId="article-status" />
                <Badge size="sm" variant="default">
                  {t('knowledge.versionNumber', { version: article.version })}
                </Badge>
              </Group>
              <Title order={2} style={{ overflowWrap: 'anywhere' }} lang={shown?.language} data-testid="article-title">
                {shown?.variant.title}
              </Title>
            </Stack>
            <Group gap="xs" wrap="wrap">
              {article.abilities.edit && (
                <Button variant="default" component={Link} to={`/knowledge/${article.number}/edit`} data-testid="article-edit">
                  {t('common.edit')}
                </Button>
              )}
              {actions.map((move) => (
                <Button
                  key={move}
                  variant={move === 'publish' || move === 'submit' ? 'filled' : 'light'}
                  color={move === 'archive' ? 'red' : undefined}
                  loading={action.isPending && action.variables === move}
                  disabled={action.isPending}
                  onClick={() => run(move)}
                  data-testid={`article-${move}`}
                >
                  {actionLabel[move]}
                </Button>
              ))}
            </Group>
          </Group>
          <ProblemAlert error={action.error} testId="article-action-error" />
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" verticalSpacing="xs">
            {facts.map(([label, value, key]) => (
              <div key={key}>
                <Text size="xs" c="dimmed">
                  {label}
                </Text>
                <Text size="sm" fw={500} component="div" data-testid={`article-${key}`} style={{ overflowWrap: 'anywhere' }}>
                  {value}
                </Text>
              </div>
            ))}
          </SimpleGrid>
          {article.tags.length > 0 && (
            <Group gap={6} wrap="wrap" data-testid="article-tags">
              {article.tags.map((tag) => (
                <Badge key={tag} size="sm" variant="default" tt="none">
                  {tag}
                </Badge>
              ))}
            </Group>
          )}
        </Stack>
      </Paper>

      <Tabs defaultValue="read" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="read" data-testid="article-tab-read">
            {t('knowledge.tabs.read')}
          </Tabs.Tab>
          {staff && (
            <Tabs.Tab value="history" data-testid="article-tab-history">
              {t('knowledge.tabs.history')}
            </Tabs.Tab>
          )}
          {staff && (
            <Tabs.Tab value="cases" data-testid="article-tab-cases">
              {t('knowledge.tabs.cases', { n: article.usage.cases })}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="read">
              <Stack gap="sm">
                {languages.length > 1 && (
                  <SegmentedControl
                    w="fit-content"
                    value={shown?.language ?? uiLanguage}
                    onChange={(value) => setParams(value === uiLanguage ? {} : { lang: value }, { replace: true })}
                    data={languages.map((language) => ({ value: language, label: labels.workingLanguage(language) }))}
                    data-testid="article-language"
                  />
                )}
                {shown?.fallback && (
                  <Alert color="gray" variant="light" data-testid="article-fallback-note">
                    {t('knowledge.fallbackNote', { wanted: labels.workingLanguage(wanted), shown: labels.workingLanguage(shown.language) })}
                  </Alert>
                )}
                {shown && (
                  <Paper withBorder p="lg">
                    {/* The server renders and sanitises the Markdown; it is the only HTML this UI inserts. */}
                    <Typography lang={shown.language} style={{ overflowWrap: 'anywhere' }} data-testid="article-body" data-language={shown.language}>
                      <div dangerouslySetInnerHTML={{ __html: shown.variant.html }} />
                    </Typography>
                  </Paper>
                )}
              </Stack>
        </Tabs.Panel>
        {staff && (
          <Tabs.Panel value="history">
            <HistoryPanel article={article} />
          </Tabs.Panel>
        )}
        {staff && (
          <Tabs.Panel value="cases">
            <ArticleCasesPanel article={article} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
