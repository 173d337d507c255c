import { ActionIcon, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useFormat } from '../../i18n/format';
import { useStrategyLabel } from '../assignment/labels';
import type { AppNotification } from '../cases/types';
import { useMarkNotificationRead, useNotifications } from './queries';

/** The header bell: unread count, the latest notifications, and reading them. */
export function NotificationBell() {
  const { t } = useTranslation();
  const notifications = useNotifications();
  const markRead = useMarkNotificationRead();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const unread = notifications.data?.unread ?? 0;
  const items = notifications.data?.items ?? [];

  function open(item: AppNotification) {
    if (!item.readAt) markRead.mutate(item.id);
    setOpened(false);
    if (item.case) void navigate(`/cases/${item.case.number}`);
  }

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} withinPortal shadow="md">
      <Popover.Target>
        <Indicator
          label={unread > 99 ? '99+' : unread}
          size={16}
          offset={4}
          color="red"
          disabled={unread === 0}
          data-testid="notification-count"
          data-unread={unread}
        >
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={unread ? t('notifications.openUnread', { n: unread }) : t('notifications.open')}
            onClick={() => setOpened((value) => !value)}
            data-testid="notification-bell"
          >
            <BellIcon />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} data-testid="notification-list">
        <Group justify="space-between" px="md" py="xs">
          <Text fw={600} size="sm">
            {t('notifications.title')}
          </Text>
        </Group>
        <ScrollArea.Autosize mah={420}>
          {items.length === 0 && (
            <Text size="sm" c="dimmed" px="md" pb="md">
              {notifications.isError ? t('notifications.unavailable') : t('notifications.empty')}
            </Text>
          )}
          <Stack gap={0}>
            {items.map((item) => (
              <NotificationRow
                key={item.id}
                item={item}
                onOpen={() => open(item)}
                onRead={() => markRead.mutate(item.id)}
                reading={markRead.isPending && markRead.variables === item.id}
              />
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}

function NotificationRow({
  item,
  onOpen,
  onRead,
  reading,
}: {
  item: AppNotification;
  onOpen: () => void;
  onRead: () => void;
  reading: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const strategyLabel = useStrategyLabel();
  const number = item.case?.number ?? '';
  const team = typeof (item.data?.team as { name?: unknown })?.name === 'string' ? (item.data.team as { name: string }).name : '';
  const text = item.kind.startsWith('sla_')
    ? slaText(t, item, number)
    : item.kind === 'csat_low'
      ? t('csat.notification', { number, score: Number(item.data?.score) || '' })
      : t(`notifications.kind.${item.kind}`, {
        number,
        team,
        // critical_page: the level paged and why the escalation was raised.
        level: Number(item.data?.level) || 1,
        reason: typeof item.data?.reason === 'string' ? item.data.reason : '',
        // case_assigned / case_waiting: how the team hands out cases.
        strategy: strategyLabel(item.data?.strategy),
        defaultValue: t('notifications.kind.other', { number }),
      });
  return (
    <Group
      gap="xs"
      px="md"
      py="sm"
      wrap="nowrap"
      align="flex-start"
      bg={item.readAt ? undefined : 'var(--mantine-primary-color-light)'}
      style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
      data-testid="notification-item"
      data-kind={item.kind}
      data-read={item.readAt ? 'true' : 'false'}
    >
      <UnstyledButton onClick={onOpen} style={{ flex: 1, minWidth: 0 }} data-testid="notification-open">
        <Text size="sm" fw={item.readAt ? 400 : 600}>
          {text}
        </Text>
        {item.case && (
          <Text size="xs" c="dimmed" lineClamp={1}>
            {item.case.title}
          </Text>
        )}
        <Text size="xs" c="dimmed" title={format.dateTime(item.createdAt)}>
          {format.relative(item.createdAt)}
        </Text>
      </UnstyledButton>
      {!item.readAt && (
        <Button size="compact-xs" variant="subtle" loading={reading} onClick={onRead} data-testid="notification-mark-read">
          {t('notifications.markRead')}
        </Button>
      )}
    </Group>
  );
}

function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden>
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 8 3 8H3s3-1 3-8" strokeLinejoin="round" />
      <path d="M10.3 20a1.9 1.9 0 0 0 3.4 0" strokeLinecap="round" />
    </svg>
  );
}

/** SLA warnings and breaches name the clock and how far it has run. */
function slaText(t: ReturnType<typeof useTranslation>['t'], item: AppNotification, number: string): string {
  const clock = typeof item.data?.clock === 'string' ? t(`sla.kind.${item.data.clock}`, { defaultValue: item.data.clock }) : '';
  return t(`sla.notification.${item.kind}`, {
    number,
    clock,
    percent: Number(item.data?.percent) || 0,
    defaultValue: t('notifications.kind.other', { number }),
  });
}
