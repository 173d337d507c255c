import { Anchor, Badge, Blockquote, Group, Paper, Text, Timeline, Tooltip, type MantineColor } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TableState } from '../../../components/TableState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useFormat } from '../../../i18n/format';
import { useLabels } from '../../../i18n/labels';
import { useSession } from '../../../app/session';
import { useTeams } from '../../admin/teams/queries';
import { useStrategyLabel } from '../../assignment/labels';
import { useEscalationText } from '../../escalation/labels';
import { attachmentUrl, useTimeline } from '../queries';
import { CASE_STATUSES, type CaseStatus, type Priority, type TimelineEntry, type Visibility } from '../types';
import { fileKind } from './AttachmentsPanel';
import { describeValue, refName } from './describe';
import { useLinkRole } from './LinksPanel';

const VISIBILITY_COLOR: Record<Visibility, MantineColor> = { internal: 'gray', requester: 'blue', account: 'grape' };

export function VisibilityBadge({ visibility }: { visibility: Visibility }) {
  const labels = useLabels();
  return (
    <Badge size="sm" variant="light" color={VISIBILITY_COLOR[visibility] ?? 'gray'} data-testid="comment-visibility" data-visibility={visibility}>
      {labels.visibility(visibility)}
    </Badge>
  );
}

/** Everything that happened to the case, oldest first, in one stream. */
export function CaseTimeline({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const timeline = useTimeline(caseId);
  const items = timeline.data ?? [];
  return (
    <>
      <ProblemAlert error={timeline.error} />
      <Timeline bulletSize={14} lineWidth={2} active={items.length - 1} data-testid="case-timeline">
        {items.map((entry) => (
          <TimelineItem key={entry.id} entry={entry} />
        ))}
      </Timeline>
      <TableState loading={timeline.isPending} empty={timeline.isSuccess && items.length === 0} emptyText={t('timeline.empty')} />
    </>
  );
}

function TimelineItem({ entry, ...rest }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { title, body, color } = useEntryText(entry);
  return (
    <Timeline.Item
      {...rest}
      color={color}
      data-testid="timeline-entry"
      data-kind={entry.kind}
      title={
        <Group gap="xs" wrap="wrap" justify="space-between">
          <Text size="sm" fw={500} style={{ flex: '1 1 16rem' }}>
            {title}
          </Text>
          <Tooltip label={format.dateTime(entry.at)}>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {format.relative(entry.at)}
            </Text>
          </Tooltip>
        </Group>
      }
    >
      {body}
      {entry.kind === 'comment' && !entry.comment && <Text size="sm">{t('timeline.commentHidden')}</Text>}
    </Timeline.Item>
  );
}

function useEntryText(entry: TimelineEntry): { title: ReactNode; body?: ReactNode; color?: MantineColor } {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const linkRole = useLinkRole();
  const escalation = useEscalationText();
  const strategyLabel = useStrategyLabel();
  // Routing records the team it chose by id; the directory has its name.
  const teams = useTeams(useSession().abilities.teams.read);
  const actor = entry.actor?.displayName ?? t('timeline.system');
  const data = entry.data ?? {};
  const status = (value: unknown) =>
    (CASE_STATUSES as readonly string[]).includes(value as string) ? labels.caseStatus(value as CaseStatus) : describeValue(value);
  const quote = (text: unknown) =>
    typeof text === 'string' && text ? (
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} mt={4}>
        {text}
      </Text>
    ) : undefined;

  switch (entry.kind) {
    case 'comment':
      return {
        color: entry.comment?.visibility === 'internal' ? 'gray' : 'blue',
        title: (
          <Group gap="xs" component="span">
            <span>{t('timeline.commented', { actor })}</span>
            {entry.comment && <VisibilityBadge visibility={entry.comment.visibility} />}
          </Group>
        ),
        body: entry.comment && (
          <Paper withBorder p="sm" mt={4} bg="var(--mantine-color-gray-0)">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="comment-body">
              {entry.comment.body}
            </Text>
          </Paper>
        ),
      };
    case 'created':
      return { color: 'blue', title: t('timeline.created', { actor }) };
    case 'status_changed':
      return {
        color: data.to === 'resolved' || data.to === 'closed' ? 'teal' : undefined,
        title: t('timeline.statusChanged', { actor, from: status(data.from), to: status(data.to) }),
        body: typeof data.reason === 'string' && data.reason ? quote(t('timeline.reason', { reason: data.reason })) : undefined,
      };
    case 'assigned': {
      const assignee = refName(data.assignee);
      const team = refName(data.team);
      // Automatic assignment carries the strategy that picked the assignee.
      if (assignee && data.strategy) {
        const strategy = strategyLabel(data.strategy);
        return {
          color: 'teal',
          title: team
            ? t('assignment.timeline.autoAssignedInTeam', { assignee, team, strategy })
            : t('assignment.timeline.autoAssigned', { assignee, strategy }),
        };
      }
      const title = assignee
        ? team
          ? t('timeline.assignedInTeam', { actor, assignee, team })
          : t('timeline.assigned', { actor, assignee })
        : team
          ? t('timeline.movedToTeam', { actor, team })
          : t('timeline.unassigned', { actor });
      return { title };
    }
    case 'routed': {
      // What routing rules changed at intake or on an edit, and which rule decided it.
      const changes = (data.changes ?? {}) as { team_id?: unknown; priority?: unknown; flags?: unknown };
      const decisions = (data.decisions ?? {}) as Record<string, { rule?: { name?: unknown } } | undefined>;
      const rule = (kind: string) => {
        const name = decisions[kind]?.rule?.name;
        return typeof name === 'string' ? t('assignment.timeline.byRule', { rule: name }) : '';
      };
      const teamName = teams.data?.find((team) => team.id === changes.team_id)?.name ?? '—';
      const lines = [
        typeof changes.team_id === 'string' && t('assignment.timeline.routedTeam', { team: teamName, rule: rule('team') }),
        typeof changes.priority === 'string' &&
          t('assignment.timeline.routedPriority', { priority: labels.priority(changes.priority as Priority), rule: rule('priority') }),
        Array.isArray(changes.flags) &&
          t('assignment.timeline.routedFlags', {
            flags: format.list(changes.flags.map((flag) => t(`caseFlag.${String(flag)}`, { defaultValue: String(flag) }))),
          }),
      ].filter((line): line is string => typeof line === 'string');
      return {
        color: 'grape',
        title: t('assignment.timeline.routed'),
        body: lines.length ? (
          <Text component="ul" size="sm" m={0} pl="md" mt={4} data-testid="timeline-routed">
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </Text>
        ) : undefined,
      };
    }
    case 'assignment_waiting':
      return {
        color: 'orange',
        title: t('assignment.timeline.waiting', {
          team: refName(data.team) ?? '—',
          strategy: strategyLabel(data.strategy),
          count: Number(data.available) || 0,
        }),
      };
    case 'field_changed': {
      const changes = (data.changes ?? {}) as Record<string, { from?: unknown; to?: unknown }>;
      return {
        title: t('timeline.fieldsChanged', { actor }),
        body: (
          <Text component="ul" size="sm" m={0} pl="md" mt={4}>
            {Object.entries(changes).map(([field, change]) => (
              <li key={field}>
                {t('timeline.fieldChange', {
                  field: t(`caseField.${field}`, { defaultValue: field }),
                  from: field === 'status' ? status(change?.from) : describeValue(change?.from),
                  to: field === 'status' ? status(change?.to) : describeValue(change?.to),
                })}
              </li>
            ))}
          </Text>
        ),
      };
    }
    case 'handoff_created':
      return {
        color: 'orange',
        title: t('timeline.handoffCreated', { actor, team: refName(data.team) ?? '—' }),
        body: quote(data.question),
      };
    case 'handoff_answered':
      return {
        color: 'teal',
        title: t('timeline.handoffAnswered', { actor, team: refName(data.team) ?? '—' }),
        body:
          typeof data.answer === 'string' ? (
            <Blockquote p="xs" mt={4} color="teal">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {data.answer}
              </Text>
            </Blockquote>
          ) : undefined,
      };
    case 'sla_warning':
    case 'sla_breached': {
      const clock = typeof data.clock === 'string' ? t(`sla.kind.${data.clock}`, { defaultValue: data.clock }) : '—';
      const policy = typeof data.policy === 'string' ? data.policy : '—';
      return entry.kind === 'sla_warning'
        ? { color: 'orange', title: t('sla.timeline.warning', { clock, percent: Number(data.percent) || 0, policy }) }
        : { color: 'red', title: t('sla.timeline.breached', { clock, policy }) };
    }
    case 'handoff_reminded':
      return { color: 'red', title: t('timeline.handoffReminded', { team: refName(data.team) ?? '—' }) };
    case 'notification_sent': {
      const reason = typeof data.reason === 'string' ? data.reason : '';
      return {
        title: t('timeline.notificationSent', {
          to: refName(data.to) ?? '—',
          reason: t(`notificationReason.${reason}`, { defaultValue: reason }),
        }),
      };
    }
    case 'merged': {
      const into = data.into as { number?: string } | undefined;
      const from = data.from as { number?: string } | undefined;
      const number = into?.number ?? from?.number ?? '';
      const link = (
        <Anchor component={Link} to={`/cases/${number}`} size="sm" ff="monospace" data-testid="timeline-merged-link">
          {number}
        </Anchor>
      );
      return {
        color: 'gray',
        title: into ? t('timeline.mergedInto', { actor, number }) : t('timeline.mergedFrom', { actor, number }),
        body: number ? <Text size="sm">{link}</Text> : undefined,
      };
    }
    case 'attachment_added': {
      const name = typeof data.fileName === 'string' ? data.fileName : '—';
      const details = [
        typeof data.sizeBytes === 'number' ? format.fileSize(data.sizeBytes) : null,
        typeof data.contentType === 'string' ? fileKind(data.contentType, t) : null,
      ].filter(Boolean);
      const id = typeof data.attachmentId === 'string' ? data.attachmentId : null;
      return {
        title: t('timeline.attachmentAdded', { actor, name }),
        body: (
          <Text size="sm" mt={4} data-testid="timeline-attachment">
            {id ? (
              <Anchor href={attachmentUrl(id)} download={name} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {name}
              </Anchor>
            ) : (
              <span style={{ overflowWrap: 'anywhere' }}>{name}</span>
            )}
            {details.length > 0 && (
              <Text span size="xs" c="dimmed">
                {' · '}
                {details.join(' · ')}
              </Text>
            )}
          </Text>
        ),
      };
    }
    case 'linked': {
      const other = data.case as { number?: string } | undefined;
      const number = other?.number ?? '';
      return {
        title: t('timeline.linked', { actor, role: linkRole(typeof data.kind === 'string' ? data.kind : 'related'), number }),
        body: number ? (
          <Text size="sm">
            <Anchor component={Link} to={`/cases/${number}`} size="sm" ff="monospace" data-testid="timeline-linked-link">
              {number}
            </Anchor>
          </Text>
        ) : undefined,
      };
    }
    case 'critical_raised':
      return {
        color: 'red',
        title: t('escalation.timeline.raised', { actor, authority: refName(data.authority) ?? '—' }),
        body: quote(data.reason),
      };
    case 'critical_paged':
      return {
        color: 'red',
        title: t('escalation.timeline.paged', { level: Number(data.level) || 1, n: Number(data.recipients) || 0 }),
      };
    case 'critical_acknowledged':
      return {
        color: 'teal',
        title: t('escalation.timeline.acknowledged', {
          actor,
          level: Number(data.level) || 1,
          span: escalation.span(Number(data.afterSeconds) || 0),
        }),
      };
    case 'csat_sent':
      return { title: t('csat.timeline.sent', { recipient: t(`csat.timeline.recipient.${data.recipient === 'requester' ? 'requester' : 'account_contact'}`) }) };
    case 'csat_answered': {
      const score = Number(data.score) || 0;
      return {
        color: score <= 2 ? 'red' : score === 3 ? 'yellow' : 'teal',
        title: t('csat.timeline.answered', { score, label: t(`csat.score.${score}`, { defaultValue: '' }) }),
        body: (
          <>
            {quote(data.comment)}
            {data.followUp ? quote(t('csat.timeline.followUp')) : undefined}
          </>
        ),
      };
    }
    case 'qa_logged': {
      // The draft article made from this case ("Log Q&A").
      const article = (data.article ?? {}) as { number?: string };
      const number = article.number ?? (typeof data.articleNumber === 'string' ? data.articleNumber : '');
      return {
        color: 'indigo',
        title: t('knowledge.timeline.qaLogged', { actor, number }),
        body: number ? (
          <Text size="sm">
            <Anchor component={Link} to={`/knowledge/${number}`} size="sm" ff="monospace" data-testid="timeline-article-link">
              {number}
            </Anchor>
          </Text>
        ) : undefined,
      };
    }
    default:
      return { title: t('timeline.other', { actor, kind: entry.kind }) };
  }
}
