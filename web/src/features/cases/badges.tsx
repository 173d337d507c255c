import { Badge, type MantineColor, type MantineSize } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../i18n/labels';
import type { CaseStatus, HandoffStatus, Priority } from './types';

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
