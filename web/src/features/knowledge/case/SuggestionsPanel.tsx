import { ActionIcon, Anchor, Divider, Group, Paper, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Fragment, type ReactNode } from 'react';
import { problemMessage } from '../../../components/problems';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../../app/api';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useFormat } from '../../../i18n/format';
import { useLabels } from '../../../i18n/labels';
import type { Case } from '../../cases/types';
import { useCaseArticles, useLinkArticle, useSuggestions } from '../queries';
import { WhyLine } from './WhyLine';

/** Articles and resolved cases like this one, each with why; an article can be linked as used. */
export function SuggestionsPanel({ item, canLink }: { item: Case; canLink: boolean }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const suggestions = useSuggestions(item.id);
  const linked = useCaseArticles(item.id);
  const link = useLinkArticle(item.id);
  if (suggestions.error instanceof ApiError && suggestions.error.status === 403) return null;
  const linkedIds = new Set((linked.data ?? []).map((entry) => entry.article.id));
  const articles = suggestions.data?.articles ?? [];
  const cases = suggestions.data?.cases ?? [];

  function use(articleId: string, number: string) {
    link.mutate(
      { articleId },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t('knowledge.case.linked', { number }) }),
        onError: (error) => notifications.show({ color: 'red', message: problemMessage(error, t) }),
      },
    );
  }

  return (
    <Paper withBorder p="md" data-testid="case-suggestions" data-state={suggestions.isPending ? 'loading' : 'ready'}>
      <Stack gap="sm">
        <Title order={5}>{t('knowledge.case.suggestions')}</Title>
        <ProblemAlert error={suggestions.error} />
        {suggestions.isSuccess && articles.length === 0 && cases.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('knowledge.case.noSuggestions')}
          </Text>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg" verticalSpacing="md">
            <Column heading={t('knowledge.case.suggestedArticles')} empty={suggestions.isSuccess && articles.length === 0}>
              {articles.map((article, index) => (
                <Fragment key={article.id}>
                  {index > 0 && <Divider />}
                  <Stack gap={4} data-testid="suggested-article" data-number={article.number}>
                    <Group gap="xs" wrap="nowrap" align="flex-start" justify="space-between">
                      <Anchor component={Link} to={`/knowledge/${article.number}`} size="sm" fw={600} lang={article.language} style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
                        {article.title}
                      </Anchor>
                      {canLink &&
                        (linkedIds.has(article.id) ? (
                          <Text size="xs" c="teal" style={{ whiteSpace: 'nowrap' }} data-testid="suggested-article-linked">
                            {t('knowledge.case.isLinked')}
                          </Text>
                        ) : (
                          <Tooltip label={t('knowledge.case.use')}>
                            <ActionIcon
                              variant="light"
                              size="sm"
                              aria-label={t('knowledge.case.useNamed', { number: article.number })}
                              loading={link.isPending && link.variables?.articleId === article.id}
                              onClick={() => use(article.id, article.number)}
                              data-testid="suggested-article-use"
                            >
                              +
                            </ActionIcon>
                          </Tooltip>
                        ))}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {article.number} · {labels.workingLanguage(article.language)}
                    </Text>
                    <WhyLine why={article.why} />
                  </Stack>
                </Fragment>
              ))}
            </Column>
            <Column heading={t('knowledge.case.similarCases')} empty={suggestions.isSuccess && cases.length === 0}>
              {cases.map((other, index) => (
                <Fragment key={other.id}>
                  {index > 0 && <Divider />}
                  <Stack gap={4} data-testid="suggested-case" data-number={other.number}>
                    <Group gap="xs" wrap="wrap">
                      <Anchor component={Link} to={`/cases/${other.number}`} size="sm" ff="monospace" fw={600}>
                        {other.number}
                      </Anchor>
                      {other.resolvedAt && (
                        <Text size="xs" c="dimmed">
                          {t('knowledge.case.resolvedWhen', { when: format.relative(other.resolvedAt) })}
                        </Text>
                      )}
                    </Group>
                    <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                      {other.title}
                    </Text>
                    <WhyLine why={other.why} />
                  </Stack>
                </Fragment>
              ))}
            </Column>
          </SimpleGrid>
        )}
      </Stack>
    </Paper>
  );
}

function Column({ heading, empty, children }: { heading: string; empty: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {heading}
      </Text>
      {empty ? (
        <Text size="sm" c="dimmed">
          {t('knowledge.case.noneOfThese')}
        </Text>
      ) : (
        children
      )}
    </Stack>
  );
}
