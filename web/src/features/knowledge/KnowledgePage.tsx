import { Anchor, Badge, Box, Button, Group, Paper, SegmentedControl, Select, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TableState } from '../../components/TableState';
import { useFormat } from '../../i18n/format';
import { useLabels } from '../../i18n/labels';
import { toLocale } from '../../i18n/locales';
import { StatusBadge } from '../cases/badges';
import { useCategories } from '../cases/queries';
import { useCategoryOptions } from '../cases/categories';
import type { CaseStatus } from '../cases/types';
import { readKnowledgeState, writeKnowledgeState, type KnowledgeState, type SearchScope } from './knowledgeParams';
import { ArticleLink, ArticleStatusBadge, Marked, Snippet } from './labels';
import { useArticles, useSearch } from './queries';
import type { ArticleStatus, ArticleSummary, SearchHit } from './types';

/** /knowledge: one search over articles and cases, and the article lists by status (the review queue among them). */
export function KnowledgePage() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const { write, publish } = session.abilities.knowledge;
  // Everyone reads what is published; the people who write also see drafts, the queue and the archive.
  const statuses: ArticleStatus[] = write ? ['published', 'in_review', 'draft', 'archived'] : ['published'];
  const [params, setParams] = useSearchParams();
  const state = readKnowledgeState(params, statuses);
  const update = (changes: Partial<KnowledgeState>) => setParams(writeKnowledgeState({ ...state, ...changes }), { replace: true });

  // The box is typed into faster than the results should reload; the address follows it.
  const [search, setSearch] = useState(state.q);
  const lastWritten = useRef(state.q);
  useEffect(() => {
    if (state.q !== lastWritten.current) {
      lastWritten.current = state.q;
      setSearch(state.q);
    }
  }, [state.q]);
  const writeSearch = useDebouncedCallback((q: string) => {
    lastWritten.current = q;
    const current = readKnowledgeState(new URLSearchParams(window.location.search), statuses);
    setParams(writeKnowledgeState({ ...current, q }), { replace: true });
  }, 300);

  const lang = toLocale(i18n.language);
  const scopeLabels: Record<SearchScope, string> = {
    all: t('knowledge.search.all'),
    article: t('knowledge.search.articles'),
    case: t('knowledge.search.cases'),
  };

  return (
    <Stack gap="md" data-testid="knowledge-page">
      <PageHeader
        title={t('knowledge.title')}
        description={t('knowledge.description')}
        actions={
          write && (
            <Button component={Link} to="/knowledge/new" data-testid="article-create">
              {t('knowledge.create')}
            </Button>
          )
        }
      />
      <Group gap="sm" wrap="wrap" align="flex-end">
        <TextInput
          style={{ flex: '1 1 20rem' }}
          type="search"
          aria-label={t('knowledge.search.label')}
          placeholder={t('knowledge.search.placeholder')}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            writeSearch(event.currentTarget.value);
          }}
          data-testid="knowledge-search"
        />
        <SegmentedControl
          value={state.scope}
          onChange={(value) => update({ scope: value as SearchScope })}
          data={(['all', 'article', 'case'] as const).map((value) => ({ value, label: scopeLabels[value] }))}
          data-testid="knowledge-search-scope"
        />
      </Group>
      {state.q.trim() ? (
        <SearchResults q={state.q} scope={state.scope} lang={lang} />
      ) : (
        <ArticleList state={state} statuses={statuses} reviewer={publish} update={update} lang={lang} />
      )}
    </Stack>
  );
}

function SearchResults({ q, scope, lang }: { q: string; scope: SearchScope; lang: string }) {
  const { t } = useTranslation();
  const search = useSearch(q, scope === 'all' ? null : [scope], lang);
  const hits = search.data ?? [];
  return (
    // Busy while the hits shown are still those of the previous query (kept to avoid a flash).
    <Stack gap="sm" data-testid="search-results" data-q={q} data-scope={scope} data-busy={search.isFetching || search.isPlaceholderData || undefined}>
      <ProblemAlert error={search.error} />
      {hits.map((hit) => (
        <SearchResult key={`${hit.type}-${hit.id}`} hit={hit} />
      ))}
      <TableState loading={search.isPending} empty={search.isSuccess && hits.length === 0} emptyText={t('knowledge.search.none', { q })} />
    </Stack>
  );
}

function SearchResult({ hit }: { hit: SearchHit }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const to = hit.type === 'article' ? `/knowledge/${hit.number}` : `/cases/${hit.number}`;
  return (
    <Paper withBorder p="sm" data-testid="search-result" data-type={hit.type} data-number={hit.number}>
      <Stack gap={4}>
        <Group gap="xs" wrap="wrap">
          <Badge size="sm" variant="dot" color={hit.type === 'article' ? 'indigo' : 'orange'}>
            {hit.type === 'article' ? t('knowledge.search.article') : t('knowledge.search.case')}
          </Badge>
          <Text size="sm" ff="monospace" c="dimmed">
            {hit.number}
          </Text>
          {hit.type === 'article' ? (
            <ArticleStatusBadge status={hit.status as ArticleStatus} />
          ) : (
            <StatusBadge status={hit.status as CaseStatus} />
          )}
          <Text size="xs" c="dimmed">
            {labels.workingLanguage(hit.language)} · {format.relative(hit.updatedAt)}
          </Text>
        </Group>
        <Anchor component={Link} to={to} fw={600} style={{ overflowWrap: 'anywhere' }} data-testid="search-result-title">
          <Marked text={hit.title} highlights={hit.titleHighlights ?? []} />
        </Anchor>
        <Snippet text={hit.snippet} highlights={hit.highlights} c="dimmed" data-testid="search-result-snippet" />
      </Stack>
    </Paper>
  );
}

function ArticleList({
  state,
  statuses,
  reviewer,
  update,
  lang,
}: {
  state: KnowledgeState;
  statuses: ArticleStatus[];
  reviewer: boolean;
  update: (changes: Partial<KnowledgeState>) => void;
  lang: string;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const { data: categories } = useCategories();
  const categoryOptions = useCategoryOptions({ roots: true });
  const articles = useArticles({ status: state.status, category: state.category ?? undefined, lang });
  const rows = useMemo(() => articles.data?.pages.flatMap((page) => page.items) ?? [], [articles.data]);
  const categoryLabel = (code: string | null) => {
    if (!code) return '—';
    return labels.pick(categories?.find((category) => category.code === code)?.labels, code);
  };
  const tabLabel: Record<ArticleStatus, string> = {
    published: t('knowledge.tabs.published'),
    // Publishers work the queue; for writers it is where their submitted drafts wait.
    in_review: reviewer ? t('knowledge.tabs.reviewQueue') : t('knowledge.tabs.inReview'),
    draft: t('knowledge.tabs.draft'),
    archived: t('knowledge.tabs.archived'),
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap" gap="sm">
        {statuses.length > 1 ? (
          <Tabs value={state.status} onChange={(value) => update({ status: (value ?? 'published') as ArticleStatus })}>
            <Tabs.List>
              {statuses.map((status) => (
                <Tabs.Tab key={status} value={status} data-testid={`knowledge-tab-${status}`}>
                  {tabLabel[status]}
                </Tabs.Tab>
              ))}
            </Tabs.List>
          </Tabs>
        ) : (
          <span />
        )}
        <Select
          w={260}
          clearable
          searchable
          aria-label={t('knowledge.filter.category')}
          placeholder={t('knowledge.filter.category')}
          data={categoryOptions}
          value={state.category}
          onChange={(value) => update({ category: value })}
          data-testid="knowledge-filter-category"
        />
      </Group>
      <ProblemAlert error={articles.error} />
      <Box visibleFrom="sm">
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" highlightOnHover data-testid="articles-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('knowledge.column.number')}</Table.Th>
                <Table.Th miw={260}>{t('knowledge.column.title')}</Table.Th>
                <Table.Th>{t('knowledge.column.category')}</Table.Th>
                <Table.Th ta="right">{t('knowledge.column.usage')}</Table.Th>
                <Table.Th>{t('knowledge.column.updated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((article) => (
                <Table.Tr key={article.id} data-testid="article-row" data-number={article.number} data-status={article.status}>
                  <Table.Td>
                    <Text size="sm" ff="monospace" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {article.number}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <ArticleTitle article={article} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{categoryLabel(article.category)}</Text>
                    {article.team && (
                      <Text size="xs" c="dimmed">
                        {article.team.name}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {t('knowledge.usage.short', { cases: article.usage.cases, helped: article.usage.helped })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }} title={format.dateTime(article.updatedAt)}>
                      {format.relative(article.updatedAt)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Box>
      {/* At a phone's width each article is a card: the title needs the whole width. */}
      <Stack hiddenFrom="sm" gap="sm">
        {rows.map((article) => (
          <Paper key={article.id} withBorder p="sm" data-testid="article-card" data-number={article.number}>
            <ArticleTitle article={article} />
            <Text size="xs" c="dimmed" mt={6}>
              {article.number} · {categoryLabel(article.category)} · {t('knowledge.usage.long', { cases: article.usage.cases, helped: article.usage.helped })} ·{' '}
              {format.relative(article.updatedAt)}
            </Text>
          </Paper>
        ))}
      </Stack>
      <TableState loading={articles.isPending} empty={articles.isSuccess && rows.length === 0} emptyText={t(`knowledge.empty.${state.status}`)} />
      {articles.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={articles.isFetchingNextPage} onClick={() => void articles.fetchNextPage()} data-testid="articles-more">
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** The title (marked when shown in another language than asked) and the tags under it. */
function ArticleTitle({ article }: { article: ArticleSummary }) {
  return (
    <Stack gap={4}>
      <ArticleLink article={article} testId="article-row-title" />
      {article.tags.length > 0 && (
        <Group gap={4} wrap="wrap">
          {article.tags.map((tag) => (
            <Badge key={tag} size="xs" variant="default" tt="none">
              {tag}
            </Badge>
          ))}
        </Group>
      )}
    </Stack>
  );
}
