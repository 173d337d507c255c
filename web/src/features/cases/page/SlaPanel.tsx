import { Badge, Button, Collapse, Divider, Group, List, Paper, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { Fragment, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api';
import { useSession } from '../../../app/session';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useFormat } from '../../../i18n/format';
import { useLabels } from '../../../i18n/labels';
import { INTL_LOCALE, toLocale } from '../../../i18n/locales';
import { useTeams } from '../../admin/teams/queries';
import { findCategory } from '../categories';
import { useCaseHandoffs, useCaseSla, useCategories } from '../queries';
import { formatDuration, formatTimeLeft, minutesLeft, slaColor, useMinute } from '../sla';
import type { AccountTier, Case, SlaClock } from '../types';

/**
 * The case's SLA clocks: where each stands, when it is due, which policy set it and why,
 * and how it ran (segments, warnings, breaches). Refreshed each minute and after every
 * change to the case (see queries.ts).
 */
export function SlaPanel({ item }: { item: Case }) {
  const { t } = useTranslation();
  const sla = useCaseSla(item.id);
  // The handoffs panel has them already: they name the department a handoff-answer clock waits on.
  const handoffs = useCaseHandoffs(item.id);
  // A server without SLA answers 404 for the route; show nothing rather than an error.
  if (sla.error instanceof ApiError && (sla.error.status === 404 || sla.error.status === 403)) return null;
  const clocks = sla.data?.clocks ?? [];
  return (
    <Paper withBorder p="md" data-testid="sla-panel">
      <Stack gap="sm">
        <Title order={5}>{t('sla.panel.title')}</Title>
        <ProblemAlert error={sla.error} />
        {sla.isSuccess && clocks.length === 0 && (
          <Text size="sm" c="dimmed" data-testid="sla-none">
            {t('sla.panel.empty')}
          </Text>
        )}
        {clocks.map((clock, index) => (
          <Fragment key={clock.id}>
            {index > 0 && <Divider />}
            <ClockCard clock={clock} department={handoffs.data?.find((handoff) => handoff.id === clock.handoff?.id)?.team.name} />
          </Fragment>
        ))}
      </Stack>
    </Paper>
  );
}

/** Formats instants in the reader's language: in their own zone, or in the calendar's. */
function useInstants() {
  const { i18n } = useTranslation();
  const intl = INTL_LOCALE[toLocale(i18n.language)];
  return useMemo(() => {
    // dateStyle/timeStyle refuse timeZoneName, so the fields are spelled out.
    const fields = { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' } as const;
    const reader = new Intl.DateTimeFormat(intl, { ...fields, timeZoneName: 'short' });
    return {
      withZone: (iso: string) => reader.format(new Date(iso)),
      inZone: (iso: string, timeZone: string) =>
        new Intl.DateTimeFormat(intl, { ...fields, timeZone }).format(new Date(iso)),
    };
  }, [intl]);
}

function ClockCard({ clock, department }: { clock: SlaClock; department?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const instants = useInstants();
  const now = useMinute();
  const [open, setOpen] = useState(false);
  const counting = clock.state === 'running';
  const left = minutesLeft(clock.remainingSeconds);

  const facts: [string, ReactNode, string][] = [
    [
      t('sla.panel.due'),
      clock.dueAt ? (
        <Tooltip
          label={t('sla.panel.dueInCalendar', {
            time: instants.inZone(clock.dueAt, clock.calendar.timeZone),
            zone: clock.calendar.timeZone,
            calendar: clock.calendar.name,
          })}
          multiline
          maw={320}
        >
          <span>{instants.withZone(clock.dueAt)}</span>
        </Tooltip>
      ) : (
        t('sla.panel.notCounting')
      ),
      'due',
    ],
    [t('sla.panel.target'), formatDuration(t, clock.targetSeconds), 'target'],
    [t('sla.panel.elapsed'), formatDuration(t, clock.elapsedSeconds), 'elapsed'],
    [
      left.overdue ? t('sla.panel.overdueBy') : t('sla.panel.remaining'),
      // Rounded as the badges round: up while time is left, at least a minute once overdue.
      formatDuration(t, left.minutes * 60),
      'remaining',
    ],
  ];

  return (
    <Stack gap="xs" data-testid="sla-clock" data-kind={clock.kind} data-status={clock.status} data-state={clock.state}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Text fw={600} size="sm">
            {t(`sla.kind.${clock.kind}`, { defaultValue: clock.kind })}
            {department ? ` · ${department}` : ''}
          </Text>
          {clock.cycle > 1 && (
            <Text size="xs" c="dimmed">
              {t('sla.panel.cycle', { n: clock.cycle })}
            </Text>
          )}
        </div>
        <Badge
          color={slaColor(clock.status)}
          variant={clock.status === 'breached' || clock.status === 'missed' ? 'filled' : 'light'}
          styles={{ root: { flexShrink: 0 } }}
          data-testid="sla-clock-status"
        >
          {t(`sla.state.${clock.status}`, { defaultValue: clock.status })}
        </Badge>
      </Group>

      {/* Like the list badges: wall-clock time to the due instant. Remaining below is working time. */}
      {counting && clock.dueAt && (
        <Text size="sm" fw={500} c={slaColor(clock.status)} data-testid="sla-clock-left">
          {formatTimeLeft(t, (Date.parse(clock.dueAt) - now) / 1000)}
        </Text>
      )}
      {clock.stoppedAt && (
        <Text size="xs" c="dimmed" data-testid="sla-clock-stopped">
          {clock.stopReason
            ? t('sla.panel.stoppedBecause', { time: format.dateTime(clock.stoppedAt), reason: reasonText(t, clock.stopReason) })
            : t('sla.panel.stopped', { time: format.dateTime(clock.stoppedAt) })}
        </Text>
      )}
      {clock.breachedAt && (
        <Text size="xs" c="red">
          {t('sla.panel.breachedAt', { time: format.dateTime(clock.breachedAt) })}
        </Text>
      )}

      <SimpleGrid cols={2} spacing="xs" verticalSpacing={4}>
        {facts.map(([label, value, key]) => (
          <div key={key}>
            <Text size="xs" c="dimmed">
              {label}
            </Text>
            <Text size="sm" data-testid={`sla-clock-${key}`} style={{ overflowWrap: 'anywhere' }}>
              {value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('sla.panel.workingTime', { calendar: clock.calendar.name })}
      </Text>

      <div>
        <Text size="xs" c="dimmed">
          {t('sla.panel.policy')}
        </Text>
        <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }} data-testid="sla-clock-policy-name">
          {clock.policy.name}
        </Text>
      </div>

      <Button
        variant="subtle"
        size="compact-sm"
        onClick={() => setOpen((value) => !value)}
        aria-expanded={open}
        styles={{ root: { alignSelf: 'flex-start' } }}
        data-testid="sla-clock-details"
      >
        {open ? t('sla.panel.hideDetails') : t('sla.panel.details')}
      </Button>
      <Collapse expanded={open}>
        {open && (
          <Stack gap="sm">
            <PolicyWhy clock={clock} />
            <ClockHistory clock={clock} />
          </Stack>
        )}
      </Collapse>
    </Stack>
  );
}

type Translate = ReturnType<typeof useTranslation>['t'];

function reasonText(t: Translate, reason: string): string {
  return t(`sla.reason.${reason}`, { defaultValue: reason });
}

/** Why the policy applies: per criterion, the case's value against the policy's rule. */
function PolicyWhy({ clock }: { clock: SlaClock }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const session = useSession();
  const { data: categories } = useCategories();
  const needsTeams = clock.why.some((entry) => entry.field === 'partnerTeam');
  const teams = useTeams(needsTeams && session.abilities.teams.read);

  function valueName(field: string, value: string): string {
    switch (field) {
      case 'category':
        return labels.pick(findCategory(categories, value)?.labels, value);
      case 'accountTier':
        return labels.tier(value as AccountTier);
      case 'region':
        return labels.region(value);
      case 'partnerTeam':
        return teams.data?.find((team) => team.id === value)?.name ?? value;
      default:
        return value;
    }
  }

  if (clock.why.length === 0) return null;
  return (
    <div data-testid="sla-clock-policy">
      <Text size="xs" fw={600} c="dimmed" tt="uppercase">
        {t('sla.panel.why')}
      </Text>
      <List size="sm" spacing={2} data-testid="sla-clock-why">
        {clock.why.map((entry) => (
          <List.Item key={entry.field}>
            <Text span size="sm">
              {t(`sla.field.${entry.field}`, { defaultValue: entry.field })}:{' '}
              <Text span fw={500} size="sm">
                {entry.value === null ? t('sla.panel.noValue') : valueName(entry.field, entry.value)}
              </Text>
            </Text>{' '}
            <Text span size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {t('sla.panel.rule', {
                rule: entry.rule.length === 0 ? t('sla.panel.any') : format.list(entry.rule.map((rule) => valueName(entry.field, rule))),
              })}
            </Text>
          </List.Item>
        ))}
      </List>
    </div>
  );
}

/** How the clock ran: its segments (running, paused, stopped) and the warnings and breaches it fired. */
function ClockHistory({ clock }: { clock: SlaClock }) {
  const { t } = useTranslation();
  const format = useFormat();
  const stateColor = { running: 'blue', paused: 'gray', stopped: 'dark' } as const;
  return (
    <Stack gap="xs" pt={4} data-testid="sla-clock-history">
      <Text size="xs" fw={600} c="dimmed" tt="uppercase">
        {t('sla.panel.history')}
      </Text>
      <Stack gap={6}>
        {clock.history.map((segment, index) => (
          <Group key={`${segment.cycle}-${segment.from}-${index}`} gap="xs" wrap="nowrap" align="flex-start" data-testid="sla-segment">
            <Badge size="sm" variant="light" color={stateColor[segment.state] ?? 'gray'} styles={{ root: { flexShrink: 0 } }}>
              {t(`sla.clockState.${segment.state}`, { defaultValue: segment.state })}
            </Badge>
            <div style={{ minWidth: 0 }}>
              <Text size="sm">{reasonText(t, segment.reason)}</Text>
              <Text size="xs" c="dimmed">
                {/* A stop is a moment; running and paused spans end at the next segment or now. */}
                {segment.state === 'stopped' && !segment.to
                  ? format.dateTime(segment.from)
                  : `${format.dateTime(segment.from)} → ${segment.to ? format.dateTime(segment.to) : t('sla.panel.now')}`}
                {clock.history.some((other) => other.cycle !== segment.cycle) ? ` · ${t('sla.panel.cycle', { n: segment.cycle })}` : ''}
              </Text>
            </div>
          </Group>
        ))}
      </Stack>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" mt={4}>
        {t('sla.panel.events')}
      </Text>
      {clock.events.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('sla.panel.noEvents')}
        </Text>
      ) : (
        <Stack gap={6}>
          {clock.events.map((event, index) => (
            <div key={`${event.kind}-${event.firedAt}-${index}`} data-testid="sla-event" data-kind={event.kind}>
              <Text size="sm" c={event.kind === 'breach' ? 'red' : 'orange'} fw={500}>
                {event.kind === 'breach' ? t('sla.panel.breach') : t('sla.panel.warning', { percent: event.percent })}
              </Text>
              <Text size="xs" c="dimmed">
                {t('sla.panel.eventTimes', { fired: format.dateTime(event.firedAt), due: format.dateTime(event.dueAt) })}
              </Text>
            </div>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
