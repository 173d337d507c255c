import { Blockquote, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { HandoffStatusBadge } from '../cases/badges';
import type { Handoff } from '../cases/types';

/** Question, due time and (once given) the answer of one handoff. */
export function HandoffDetails({ handoff }: { handoff: Handoff }) {
  const { t } = useTranslation();
  const format = useFormat();
  const late = handoff.status === 'open' && handoff.overdue;
  return (
    <Stack gap={6}>
      <Group gap="xs" justify="space-between" wrap="wrap">
        <Group gap="xs">
          <Text fw={600} size="sm">
            {handoff.team.name}
          </Text>
          <HandoffStatusBadge status={handoff.status} overdue={handoff.overdue} />
        </Group>
        {/* Once answered, the due time no longer matters; the answer shows when it came. */}
        {handoff.status === 'open' && (
          <Tooltip label={format.dateTime(handoff.dueAt)}>
            <Text size="xs" c={late ? 'red.7' : 'dimmed'} fw={late ? 600 : undefined} data-testid="handoff-due">
              {t('handoffs.due', { when: format.relative(handoff.dueAt) })}
            </Text>
          </Tooltip>
        )}
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="handoff-question">
        {handoff.question}
      </Text>
      <Text size="xs" c="dimmed">
        {t('handoffs.askedBy', {
          name: handoff.createdBy?.displayName ?? t('timeline.system'),
          when: format.dateTime(handoff.createdAt),
        })}
        {handoff.remindersSent > 0 ? ` · ${t('handoffs.reminders', { n: handoff.remindersSent })}` : ''}
      </Text>
      {handoff.answer && (
        <Blockquote color="teal" p="xs" data-testid="handoff-answer-text">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {handoff.answer}
          </Text>
          <Text size="xs" c="dimmed" mt={4}>
            {t('handoffs.answeredBy', {
              name: handoff.answeredBy?.displayName ?? '—',
              when: handoff.answeredAt ? format.dateTime(handoff.answeredAt) : '—',
            })}
          </Text>
        </Blockquote>
      )}
    </Stack>
  );
}
