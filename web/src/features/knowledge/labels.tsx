import { Anchor, Badge, Mark, Text, type TextProps } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLabels } from '../../i18n/labels';
import { snippetParts } from './highlight';
import type { ArticleStatus, ArticleSummary } from './types';

const STATUS_COLOR: Record<ArticleStatus, string> = { draft: 'gray', in_review: 'yellow', published: 'teal', archived: 'dark' };

export function ArticleStatusBadge({ status, testId }: { status: ArticleStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={STATUS_COLOR[status] ?? 'gray'} data-testid={testId} data-status={status}>
      {t(`knowledge.status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

/** "Shown in English" next to a title that is not in the language asked for. */
export function FallbackBadge({ language }: { language: string }) {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <Badge size="xs" variant="outline" color="gray" data-testid="article-fallback" data-language={language} style={{ flexShrink: 0 }}>
      {t('knowledge.fallbackIn', { language: labels.workingLanguage(language) })}
    </Badge>
  );
}

/** An article's title linking to it, marked when it is not in the language asked for. */
export function ArticleLink({ article, size, fw = 500, testId }: { article: ArticleSummary; size?: string; fw?: number; testId?: string }) {
  return (
    <div style={{ overflowWrap: 'anywhere' }}>
      <Anchor component={Link} to={`/knowledge/${article.number}`} size={size} fw={fw} lang={article.language} data-testid={testId}>
        {article.title}
      </Anchor>
      {article.fallback && (
        <>
          {' '}
          <FallbackBadge language={article.language} />
        </>
      )}
    </div>
  );
}

/** Text with the search's matches marked, from offsets: text only, never the server's HTML. */
export function Marked({ text, highlights }: { text: string; highlights: [number, number][] }) {
  return snippetParts(text, highlights).map((part, index) =>
    part.marked ? (
      <Mark key={index} data-testid="search-highlight">
        {part.text}
      </Mark>
    ) : (
      <Fragment key={index}>{part.text}</Fragment>
    ),
  );
}

/** A search snippet with its matches marked. */
export function Snippet({ text, highlights, ...props }: { text: string; highlights: [number, number][] } & TextProps) {
  return (
    <Text size="sm" style={{ overflowWrap: 'anywhere' }} {...props}>
      <Marked text={text} highlights={highlights} />
    </Text>
  );
}
