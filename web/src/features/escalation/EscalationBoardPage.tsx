import { Alert, Anchor, Badge, Button, Collapse, Group, Paper, SimpleGrid, Stack, Tabs, Text, Tooltip } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../app/api';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { problemMessage } from '../../components/problems';
import { TableState } from '../../components/TableState';
import { useFormat } from '../../i18n/format';
import { useEscalationText } from './labels';
import { useAcknowledge, useEscalations } from './queries';
import { ESCALATION_STATUSES, type Escalation, type EscalationStatus } from './types';
import { useSecond } from './useSecond';

export const STATUS_COLOR: Record<EscalationStatus, string> = { open: 'red', acknowledged: 'orange', ended: 'gray' };

/** The critical escalation board: open ones first, who was paged and when, who acknowledged. */
export function EscalationBoardPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<EscalationStatus>('open');
  const board = useEscalations({ status });
  const items = board.data ?? [];
  return (
    <>
      <PageHeader title={t('escalation.board.title')} description={t('escalation.board.description')} />
      <Tabs value={status} onChange={(value) => value && setStatus(value as EscalationStatus)} mb="md" keepMounted={false}>
        <Tabs.List>
          {ESCALATION_STATUSES.map((value) => (
            <Tabs.Tab key={value} value={value} data-testid={`escalation-tab-${value}`}>
              {t(`escalation.status.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <ProblemAlert error={board.error} />
      <Stack gap="md" data-testid="escalation-board" data-status={status}>
        {items.map((item) => (
          <EscalationCard key={item.id} item={item} />
        ))}
      </Stack>
      <TableState loading={board.isPending} empty={board.isSuccess && items.length === 0} emptyText={t(`escalation.board.empty.${status}`)} />
    </>
  );
}

function EscalationCard({ item }: { item: Escalation }) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useEscalationText();
  const now = useSecond();
  const acknowledge = useAcknowledge();
  const [open, setOpen] = useState(false);
  const since = item.lastPagedAt ? (now - Date.parse(item.lastPagedAt)) / 1000 : null;

  const facts: [string, ReactNode, string][] = [
    [
      t('escalation.board.lastPaged'),
      item.lastPagedAt && since !== null ? (
        <Tooltip label={format.dateTime(item.lastPagedAt)}>
          <span>{item.status === 'open' ? t('escalation.ago', { span: text.span(since) }) : format.dateTime(item.lastPagedAt)}</span>
        </Tooltip>
      ) : (
        t('escalation.board.notPaged')
      ),
      'last-paged',
    ],
    [
      t('escalation.board.raised'),
      t('escalation.atBy', { at: format.dateTime(item.raisedAt), by: item.raisedBy?.displayName ?? t('escalation.system') }),
      'raised',
    ],
    [
      t('escalation.board.acknowledged'),
      item.acknowledgedAt
        ? t('escalation.atBy', { at: format.dateTime(item.acknowledgedAt), by: item.acknowledgedBy?.displayName ?? t('escalation.system') })
        : '—',
      'acknowledged',
    ],
  ];

  return (
    <Paper withBorder p="md" data-testid="escalation-row" data-case={item.case.number} data-status={item.status} data-level={item.level}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <div style={{ minWidth: 0, flex: '1 1 18rem' }}>
            <Group gap="xs" wrap="nowrap" align="baseline">
              <Anchor
                component={Link}
                to={`/cases/${item.case.number}`}
                ff="monospace"
                fw={700}
                style={{ whiteSpace: 'nowrap', flexShrink: 0 }}
                data-testid="escalation-case"
              >
                {item.case.number}
              </Anchor>
              <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                {item.case.title}
              </Text>
            </Group>
            <Text size="sm" c="dimmed" data-testid="escalation-authority">
              {[item.authority.name, text.riskType(item.authority.riskType), text.region(item.authority.region)].join(' · ')}
            </Text>
          </div>
          <Group gap="xs" wrap="nowrap">
            <Badge color={STATUS_COLOR[item.status]} variant={item.status === 'open' ? 'filled' : 'light'} data-testid="escalation-status">
              {t(`escalation.status.${item.status}`)}
            </Badge>
            <Badge color="dark" variant="outline" data-testid="escalation-level">
              {text.level(item)}
            </Badge>
          </Group>
        </Group>

        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="escalation-reason">
          {item.reason}
        </Text>

        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" verticalSpacing="xs">
          {facts.map(([label, value, key]) => (
            <div key={key}>
              <Text size="xs" c="dimmed">
                {label}
              </Text>
              <Text size="sm" fw={500} data-testid={`escalation-${key}`} style={{ overflowWrap: 'anywhere' }}>
                {value}
              </Text>
            </div>
          ))}
        </SimpleGrid>
        {item.endedAt && (
          <Text size="xs" c="dimmed" data-testid="escalation-ended">
            {t('escalation.board.endedAt', { at: format.dateTime(item.endedAt) })}
          </Text>
        )}

        {acknowledge.error != null && <AcknowledgeProblem error={acknowledge.error} />}

        <Group gap="sm" wrap="wrap">
          {item.status === 'open' && (
            <Button color="red" size="sm" loading={acknowledge.isPending} onClick={() => acknowledge.mutate(item.id)} data-testid="escalation-acknowledge">
              {t('escalation.board.acknowledge')}
            </Button>
          )}
          <Button variant="subtle" size="compact-sm" onClick={() => setOpen((value) => !value)} aria-expanded={open} data-testid="escalation-history-toggle">
            {open ? t('escalation.board.hideHistory') : t('escalation.board.showHistory', { n: item.pages.length })}
          </Button>
        </Group>
        <Collapse expanded={open}>{open && <PageHistory item={item} />}</Collapse>
      </Stack>
    </Paper>
  );
}

/** 403 and 409 are expected answers here (not paged; someone was quicker): say so in words. */
function AcknowledgeProblem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && (error.status === 403 || error.status === 409)) {
    return (
      <Alert color={error.status === 409 ? 'orange' : 'red'} variant="light" role="alert" data-testid="escalation-acknowledge-error">
        {error.status === 409 ? t('escalation.board.ackConflict') : t('escalation.board.ackForbidden')}
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" role="alert" data-testid="escalation-acknowledge-error">
      {problemMessage(error, t)}
    </Alert>
  );
}

/** Every page sent: which level, when, and to whom. */
export function PageHistory({ item }: { item: Escalation }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (item.pages.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('escalation.board.noPages')}
      </Text>
    );
  }
  return (
    <Stack gap={6} data-testid="escalation-history">
      {item.pages.map((page) => (
        <Group key={page.seq} gap="xs" wrap="nowrap" align="flex-start" data-testid="escalation-page" data-level={page.level}>
          <Badge size="sm" variant="light" color="red" styles={{ root: { flexShrink: 0 } }}>
            {t('escalation.levelShort', { level: page.level })}
          </Badge>
          <div style={{ minWidth: 0 }}>
            <Text size="sm">{format.dateTime(page.pagedAt)}</Text>
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {page.recipients.length > 0
                ? format.list(page.recipients.map((person) => person.displayName))
                : t('escalation.board.nobodyPaged')}
            </Text>
          </div>
        </Group>
      ))}
    </Stack>
  );
}
