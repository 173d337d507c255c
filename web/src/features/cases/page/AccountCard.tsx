import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../../i18n/labels';
import type { Account } from '../types';

/** Who the case is about. Contact details arrive masked for partners; shown as sent. */
export function AccountCard({ account }: { account: Account }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const rows: [string, ReactNode, string][] = [
    [t('account.externalId'), account.externalId, 'external-id'],
    [t('account.email'), account.email, 'email'],
    [t('account.phone'), account.phone, 'phone'],
    [t('account.region'), account.region ? labels.region(account.region) : null, 'region'],
    [t('account.language'), account.language ? labels.workingLanguage(account.language) : null, 'language'],
  ];
  return (
    <Paper withBorder p="md" data-testid="account-card">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={5}>{t('account.title')}</Title>
          {account.tier && account.tier !== 'standard' && (
            <Badge color={account.tier === 'vip' ? 'grape' : 'indigo'} variant="light">
              {labels.tier(account.tier)}
            </Badge>
          )}
        </Group>
        <div>
          <Text fw={600} data-testid="account-name" style={{ overflowWrap: 'anywhere' }}>
            {account.name}
          </Text>
          <Text size="xs" c="dimmed">
            {labels.accountType(account.type)}
          </Text>
        </div>
        {rows.map(([label, value, key]) => (
          <Group key={key} justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
            <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
              {label}
            </Text>
            <Text size="sm" ta="right" style={{ overflowWrap: 'anywhere' }} data-testid={`account-${key}`}>
              {value || '—'}
            </Text>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
