import { Anchor, Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TableState } from '../../components/TableState';
import { useFormat } from '../../i18n/format';
import { StatusBadge } from '../cases/badges';
import type { CaseStatus } from '../cases/types';
import { useArticleCases } from './queries';
import type { Article } from './types';

/** The cases that used the article (within what the person may see), and whether it helped. */
export function ArticleCasesPanel({ article }: { article: Article }) {
  const { t } = useTranslation();
  const format = useFormat();
  const cases = useArticleCases(article.id);
  const items = cases.data ?? [];
  return (
    <>
      <ProblemAlert error={cases.error} />
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="xs" data-testid="article-cases">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('knowledge.column.case')}</Table.Th>
              <Table.Th miw={220}>{t('knowledge.column.title')}</Table.Th>
              <Table.Th>{t('knowledge.column.helped')}</Table.Th>
              <Table.Th>{t('knowledge.column.linked')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map(({ case: item, linkedAt, helped }) => (
              <Table.Tr key={item.id} data-testid="article-case" data-number={item.number}>
                <Table.Td>
                  <Anchor component={Link} to={`/cases/${item.number}`} ff="monospace" size="sm">
                    {item.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                    {item.title}
                  </Text>
                  <StatusBadge status={item.status as CaseStatus} />
                </Table.Td>
                <Table.Td>
                  {helped === true ? (
                    <Badge color="teal" variant="light" size="sm">
                      {t('knowledge.helped.yes')}
                    </Badge>
                  ) : helped === false ? (
                    <Badge color="gray" variant="light" size="sm">
                      {t('knowledge.helped.no')}
                    </Badge>
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {format.relative(linkedAt)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <TableState loading={cases.isPending} empty={cases.isSuccess && items.length === 0} emptyText={t('knowledge.casesEmpty')} />
    </>
  );
}
