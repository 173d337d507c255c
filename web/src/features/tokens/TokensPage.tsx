import { Badge, Button, Code, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiToken } from '../../app/types';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TableState } from '../../components/TableState';
import { useFormat } from '../../i18n/format';
import { CreateTokenModal } from './CreateTokenModal';
import { RevokeTokenModal } from './RevokeTokenModal';
import { useTokens } from './queries';

/** Personal API tokens: programs act as you with `Authorization: Bearer <token>`. */
export function TokensPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const tokens = useTokens();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const rows = tokens.data ?? [];

  return (
    <>
      <PageHeader
        title={t('tokens.title')}
        description={t('tokens.description')}
        actions={
          <Button onClick={() => setCreating(true)} data-testid="token-create">
            {t('tokens.create')}
          </Button>
        }
      />
      <ProblemAlert error={tokens.error} />
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" data-testid="tokens-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('tokens.column.name')}</Table.Th>
              <Table.Th>{t('tokens.column.prefix')}</Table.Th>
              <Table.Th>{t('tokens.column.created')}</Table.Th>
              <Table.Th>{t('tokens.column.lastUsed')}</Table.Th>
              <Table.Th>{t('tokens.column.status')}</Table.Th>
              <Table.Th aria-label={t('common.actions')} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((token) => (
              <Table.Tr key={token.id} data-testid="token-row" data-name={token.name}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {token.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Code>{token.prefix}…</Code>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{format.dateTime(token.createdAt)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={token.lastUsedAt ? undefined : 'dimmed'}>
                    {token.lastUsedAt ? format.dateTime(token.lastUsedAt) : t('tokens.neverUsed')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {token.revokedAt ? (
                    <Badge variant="light" color="gray" data-testid="token-status-revoked">
                      {t('tokens.revokedOn', { date: format.dateTime(token.revokedAt) })}
                    </Badge>
                  ) : (
                    <Badge variant="light" color="teal" data-testid="token-status-active">
                      {t('tokens.active')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ta="right">
                  {!token.revokedAt && (
                    <Button
                      variant="subtle"
                      color="red"
                      size="compact-sm"
                      onClick={() => setRevoking(token)}
                      data-testid="token-revoke"
                    >
                      {t('tokens.revoke')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <TableState loading={tokens.isPending} empty={tokens.isSuccess && rows.length === 0} emptyText={t('tokens.empty')} />
      {creating && <CreateTokenModal onClose={() => setCreating(false)} />}
      {revoking && <RevokeTokenModal token={revoking} onClose={() => setRevoking(null)} />}
    </>
  );
}
