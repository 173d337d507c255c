import { Badge, type MantineColor, type MantineSize } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { useLabels } from '../../i18n/labels';
import { effectiveSlaState, formatTimeLeft, slaColor, useMinute } from './sla';
import type { CaseSlaSummary, CaseStatus, HandoffStatus, Priority } from './types';

const STATUS_COLOR: Record<CaseStatus, MantineColor> = {
  new: 'blue',
  triaged: 'cyan',
  in_progress: 'indigo',
  waiting_requester: 'yellow',
  waiting_partner: 'orange',
  resolved: 'teal',
  closed: 'gray',
  reopened: 'red',
};

const PRIORITY_COLOR: Record<Priority, MantineColor> = { P1: 'red', P2: 'orange', P3: 'blue', P4: 'gray' };

/** Lets a long status ("Menunggu rakan kerjasama") take two short lines instead of one wide one. */
const WRAPPING = {
  root: { height: 'auto', width: 'max-content', maxWidth: 150, paddingBlock: 3 },
  label: { whiteSpace: 'normal', overflow: 'visible', textOverflow: 'clip', lineHeight: 1.35 },
} as const;

export function StatusBadge({ status, testId, wrap = false }: { status: CaseStatus; testId?: string; wrap?: boolean }) {
  const labels = useLabels();
  return (
    <Badge
      variant="light"
      color={STATUS_COLOR[status] ?? 'gray'}
      styles={wrap ? WRAPPING : undefined}
      data-testid={testId}
      data-status={status}
    >
      {labels.caseStatus(status)}
    </Badge>
  );
}

/** "P1" stays as the code people say aloud; the words explain it to newcomers. */
export function PriorityBadge({ priority, size }: { priority: Priority; size?: MantineSize }) {
  const labels = useLabels();
  return (
    <Badge variant="filled" size={size} color={PRIORITY_COLOR[priority] ?? 'gray'} title={labels.priority(priority)} data-priority={priority}>
      {priority}
    </Badge>
  );
}

export function HandoffStatusBadge({ status, overdue }: { status: HandoffStatus; overdue: boolean }) {
  const { t } = useTranslation();
  const labels = useLabels();
  if (status === 'open' && overdue) {
    return (
      <Badge color="red" variant="filled" data-testid="handoff-overdue">
        {t('handoffs.overdue')}
      </Badge>
    );
  }
  const color: Record<HandoffStatus, MantineColor> = { open: 'orange', answered: 'teal', cancelled: 'gray' };
  return (
    <Badge color={color[status] ?? 'gray'} variant="light" data-status={status}>
      {labels.handoffStatus(status)}
    </Badge>
  );
}

export function FlagBadges({ flags }: { flags: string[] }) {
  const { t } = useTranslation();
  return flags.map((flag) => (
    <Badge key={flag} color="grape" variant="outline" data-testid="case-flag">
      {t(`caseFlag.${flag}`, { defaultValue: flag })}
    </Badge>
  ));
}

/**
 * The case's SLA at a glance: time left (or overdue by) to the soonest running due, in the
 * colour of the worst clock, counting down each minute. Nothing when no SLA applies.
 */
export function SlaBadge({ sla, size, testId = 'sla-badge' }: { sla: CaseSlaSummary | undefined; size?: MantineSize; testId?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useMinute();
  if (!sla?.state) return null;
  const state = effectiveSlaState(sla.state, sla.dueAt, now);
  const label =
    state !== 'paused' && sla.dueAt ? formatTimeLeft(t, (Date.parse(sla.dueAt) - now) / 1000) : t(`sla.state.${state}`);
  const title = sla.dueAt
    ? t('sla.badgeTitle', { state: t(`sla.state.${state}`), due: format.dateTime(sla.dueAt) })
    : t(`sla.state.${state}`);
  return (
    <Badge
      variant={state === 'breached' ? 'filled' : 'light'}
      color={slaColor(state)}
      size={size}
      title={title}
      data-testid={testId}
      data-sla-state={state}
    >
      {label}
    </Badge>
  );
}
