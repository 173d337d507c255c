import { Button, Divider, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Fragment } from 'react';
import { problemMessage } from '../../../components/problems';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../../app/api';
import { ProblemAlert } from '../../../components/ProblemAlert';
import type { Case } from '../../cases/types';
import { ArticleLink, ArticleStatusBadge } from '../labels';
import { useCaseArticles, useLogQa, useMarkHelped } from '../queries';
import type { CaseArticleLink } from '../types';

const HELPED_VALUES = { yes: true, no: false } as const;

/**
 * The articles used on this case, each marked whether it helped; on a resolved case,
 * "Log Q&A" turns the case into a draft article and opens it for editing.
 */
export function CaseArticlesPanel({ item, canWrite }: { item: Case; canWrite: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const links = useCaseArticles(item.id);
  const logQa = useLogQa(item.id);
  if (links.error instanceof ApiError && links.error.status === 403) return null;
  const items = links.data ?? [];
  const resolved = item.status === 'resolved' || item.status === 'closed';

  function log() {
    logQa.mutate(undefined, {
      onSuccess: (article) => {
        notifications.show({ color: 'teal', message: t('knowledge.case.logged', { number: article.number }) });
        void navigate(`/knowledge/${article.number}/edit`);
      },
    });
  }

  return (
    <Paper withBorder p="md" data-testid="case-articles">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={5}>{t('knowledge.case.articles')}</Title>
          {canWrite && resolved && (
            <Button size="compact-sm" variant="light" loading={logQa.isPending} onClick={log} data-testid="case-log-qa">
              {t('knowledge.case.logQa')}
            </Button>
          )}
        </Group>
        {canWrite && resolved && items.length === 0 && (
          <Text size="xs" c="dimmed">
            {t('knowledge.case.logQaHint')}
          </Text>
        )}
        <ProblemAlert error={logQa.error} testId="case-log-qa-error" />
        <ProblemAlert error={links.error} />
        {links.isSuccess && items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('knowledge.case.noArticles')}
          </Text>
        )}
        {items.map((link, index) => (
          <Fragment key={link.article.id}>
            {index > 0 && <Divider />}
            <LinkedArticle caseId={item.id} link={link} canMark={canWrite} />
          </Fragment>
        ))}
      </Stack>
    </Paper>
  );
}

function LinkedArticle({ caseId, link, canMark }: { caseId: string; link: CaseArticleLink; canMark: boolean }) {
  const { t } = useTranslation();
  const mark = useMarkHelped(caseId);
  const { article } = link;
  const value = link.helped === null ? '' : link.helped ? 'yes' : 'no';
  return (
    <Stack gap={6} data-testid="case-article" data-number={article.number} data-helped={link.helped === null ? 'unknown' : String(link.helped)}>
      <ArticleLink article={article} size="sm" fw={600} />
      <Group gap="xs" wrap="wrap">
        <Text size="xs" c="dimmed" ff="monospace">
          {article.number}
        </Text>
        <ArticleStatusBadge status={article.status} />
      </Group>
      {canMark ? (
        <Group gap="xs" wrap="wrap">
          <Text size="xs" c="dimmed">
            {t('knowledge.helped.question')}
          </Text>
          <SegmentedControl
            size="xs"
            value={value}
            disabled={mark.isPending}
            onChange={(next) =>
              mark.mutate(
                { articleId: article.id, helped: HELPED_VALUES[next as keyof typeof HELPED_VALUES] },
                { onError: (error) => notifications.show({ color: 'red', message: problemMessage(error, t) }) },
              )
            }
            data={[
              { value: 'yes', label: t('knowledge.helped.yes') },
              { value: 'no', label: t('knowledge.helped.no') },
            ]}
            data-testid="case-article-helped"
          />
        </Group>
      ) : (
        link.helped !== null && (
          <Text size="xs" c={link.helped ? 'teal' : 'dimmed'}>
            {link.helped ? t('knowledge.helped.yes') : t('knowledge.helped.no')}
          </Text>
        )
      )}
    </Stack>
  );
}
