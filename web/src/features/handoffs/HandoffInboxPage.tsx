import { Anchor, Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../../app/session';
import { caseWorkspace } from '../../app/workspace';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TableState } from '../../components/TableState';
import { AnswerForm } from './AnswerForm';
import { HandoffDetails } from './HandoffDetails';
import { canAnswer } from './canAnswer';
import { useHandoffInbox, type InboxFilter } from './queries';

const FILTERS: InboxFilter[] = ['open', 'answered', 'all'];

/** Handoffs addressed to the person's departments (partners) or to every department (staff). */
export function HandoffInboxPage() {
  const { t } = useTranslation();
  const session = useSession();
  const workspace = caseWorkspace(session);
  const [params, setParams] = useSearchParams();
  const status = FILTERS.includes(params.get('status') as InboxFilter) ? (params.get('status') as InboxFilter) : 'open';
  const inbox = useHandoffInbox(status);
  const items = inbox.data ?? [];
  // Overdue first, then the soonest due: what needs an answer now is on top.
  const sorted = [...items].sort(
    (a, b) => Number(b.status === 'open' && b.overdue) - Number(a.status === 'open' && a.overdue) || a.dueAt.localeCompare(b.dueAt),
  );

  const filterLabel: Record<InboxFilter, string> = {
    open: t('handoffs.filter.open'),
    answered: t('handoffs.filter.answered'),
    all: t('handoffs.filter.all'),
  };

  return (
    <div data-testid="handoff-inbox">
      <PageHeader
        title={t('handoffs.title')}
        description={workspace.caseList ? t('handoffs.descriptionStaff') : t('handoffs.description')}
      />
      <Group mb="md">
        <SegmentedControl
          aria-label={t('handoffs.filter.label')}
          data={FILTERS.map((value) => ({ value, label: filterLabel[value] }))}
          value={status}
          onChange={(value) => setParams(value === 'open' ? {} : { status: value }, { replace: true })}
          data-testid="handoff-filter"
        />
      </Group>
      <ProblemAlert error={inbox.error} />
      <Stack gap="md">
        {sorted.map((handoff) => (
          <Paper
            key={handoff.id}
            withBorder
            p="md"
            data-testid="inbox-handoff"
            data-case={handoff.case.number}
            data-status={handoff.status}
            data-overdue={handoff.status === 'open' && handoff.overdue ? 'true' : undefined}
            style={
              handoff.status === 'open' && handoff.overdue
                ? { borderColor: 'var(--mantine-color-red-5)', borderLeftWidth: 4 }
                : undefined
            }
          >
            <Stack gap="sm">
              <Group gap="xs" wrap="nowrap" align="baseline">
                <Anchor component={Link} to={`/cases/${handoff.case.number}`} ff="monospace" fw={700} size="sm">
                  {handoff.case.number}
                </Anchor>
                <Text fw={600} lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                  {handoff.case.title}
                </Text>
              </Group>
              <HandoffDetails handoff={handoff} />
              {canAnswer(handoff) && <AnswerForm handoff={handoff} />}
            </Stack>
          </Paper>
        ))}
      </Stack>
      <TableState
        loading={inbox.isPending}
        empty={inbox.isSuccess && items.length === 0}
        emptyText={status === 'open' ? t('handoffs.emptyOpen') : t('handoffs.empty')}
      />
    </div>
  );
}
