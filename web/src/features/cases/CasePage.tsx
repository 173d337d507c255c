import { Alert, Anchor, Badge, Breadcrumbs, Button, Center, Grid, Group, Loader, Paper, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../app/api';
import { useSession } from '../../app/session';
import { caseWorkspace } from '../../app/workspace';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormat } from '../../i18n/format';
import { useLabels } from '../../i18n/labels';
import { CaseArticlesPanel } from '../knowledge/case/CaseArticlesPanel';
import { SuggestionsPanel } from '../knowledge/case/SuggestionsPanel';
import { NotFoundPage } from '../shell/MessagePage';
import { FlagBadges, PriorityBadge, SlaBadge, StatusBadge } from './badges';
import { AccountCard } from './page/AccountCard';
import { AttachmentsPanel } from './page/AttachmentsPanel';
import { CaseActions } from './page/CaseActions';
import { CaseTimeline } from './page/CaseTimeline';
import { CriticalPanel } from './page/CriticalPanel';
import { Composer } from './page/Composer';
import { EditPanel } from './page/EditPanel';
import { HandoffsPanel } from './page/HandoffsPanel';
import { LinksPanel } from './page/LinksPanel';
import { MergeDialog } from './page/MergeDialog';
import { SlaPanel } from './page/SlaPanel';
import { findCategory } from './categories';
import { useCase, useCategories } from './queries';
import type { Case } from './types';

/** One case: what it is about, everything that happened, and what can be done next. */
export function CasePage() {
  const { number = '' } = useParams();
  const query = useCase(number);
  if (query.isPending) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  if (query.error instanceof ApiError && query.error.status === 404) return <NotFoundPage />;
  if (!query.data) return <ProblemAlert error={query.error} />;
  return <CaseView item={query.data} />;
}

function CaseView({ item }: { item: Case }) {
  const { t } = useTranslation();
  const session = useSession();
  const workspace = caseWorkspace(session);
  const [merging, setMerging] = useState(false);
  const knowledge = workspace.worker && session.abilities.areas.knowledge;
  const open = item.status !== 'resolved' && item.status !== 'closed' && !item.mergedInto;

  return (
    <Stack gap="lg" data-testid="case-page" data-number={item.number} data-status={item.status}>
      <Breadcrumbs>
        <Anchor component={Link} to={workspace.caseList ? '/cases' : '/handoffs'} size="sm">
          {workspace.caseList ? t('nav.cases') : t('nav.handoffs')}
        </Anchor>
        <Text size="sm">{item.number}</Text>
      </Breadcrumbs>

      <CaseHeader
        item={item}
        showSla={workspace.caseList}
        onMerge={item.abilities.merge && item.status !== 'closed' ? () => setMerging(true) : undefined}
      />

      {item.mergedInto && (
        <Alert color="gray" variant="light" data-testid="case-merged">
          {t('caseView.mergedInto')}{' '}
          <Anchor component={Link} to={`/cases/${item.mergedInto.number}`}>
            {item.mergedInto.number}
          </Anchor>
        </Alert>
      )}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="lg">
            <CaseDetails item={item} />
            {/* While the case is worked, what solved cases like it sits right under what it is about. */}
            {knowledge && open && <SuggestionsPanel item={item} canLink={session.abilities.knowledge.write} />}
            <Stack gap="sm">
              <Title order={4}>{t('timeline.title')}</Title>
              <CaseTimeline caseId={item.id} />
            </Stack>
            {item.abilities.comment && <Composer item={item} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="lg">
            <CaseActions item={item} />
            {/* Partner departments see their handoff's due date, not the case's SLA. */}
            {workspace.caseList && <SlaPanel item={item} />}
            {/* The escalation board's readers; raising is for those who work the case (not QA reviewers). */}
            {workspace.worker && <CriticalPanel item={item} canRaise={item.abilities.edit} />}
            {item.abilities.edit && <EditPanel key={item.updatedAt} item={item} />}
            <HandoffsPanel item={item} />
            {/* The knowledge used on the case, and whether it helped. */}
            {knowledge && <CaseArticlesPanel item={item} canWrite={session.abilities.knowledge.write} />}
            {/* Partner departments get no files (personal data); only people who work cases can open linked ones. */}
            {(workspace.caseList || item.abilities.attach) && <AttachmentsPanel item={item} />}
            {workspace.worker && <LinksPanel item={item} />}
            <AccountCard account={item.account} />
          </Stack>
        </Grid.Col>
      </Grid>

      {merging && <MergeDialog item={item} onClose={() => setMerging(false)} />}
    </Stack>
  );
}

function CaseHeader({ item, showSla, onMerge }: { item: Case; showSla: boolean; onMerge?: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const facts: [string, ReactNode, string][] = [
    [t('caseView.category'), labels.pick(item.category.labels, item.category.code), 'category'],
    [t('caseView.team'), item.team?.name ?? '—', 'team'],
    [t('caseView.assignee'), item.assignee?.displayName ?? t('cases.unassigned'), 'assignee'],
    [t('caseView.requester'), item.requester?.displayName ?? '—', 'requester'],
    [t('caseView.source'), labels.source(item.source), 'source'],
    [
      t('caseView.created'),
      <Tooltip label={format.dateTime(item.createdAt)} key="created">
        <span>{format.relative(item.createdAt)}</span>
      </Tooltip>,
      'created',
    ],
  ];
  return (
    <Paper withBorder p="md" data-testid="case-header">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Stack gap={6} style={{ flex: '1 1 24rem', minWidth: 0 }}>
            <Group gap="xs" wrap="wrap">
              <Text ff="monospace" fw={700} c="dimmed" data-testid="case-number">
                {item.number}
              </Text>
              <StatusBadge status={item.status} testId="case-status" />
              <PriorityBadge priority={item.priority} />
              {showSla && <SlaBadge sla={item.sla} testId="case-sla" />}
              <FlagBadges flags={item.flags} />
              {item.reopenCount > 0 && (
                <Badge color="red" variant="outline">
                  {t('caseView.reopened', { n: item.reopenCount })}
                </Badge>
              )}
            </Group>
            <Title order={2} style={{ overflowWrap: 'anywhere' }} data-testid="case-title">
              {item.title}
            </Title>
          </Stack>
          {onMerge && (
            <Button variant="default" size="sm" onClick={onMerge} data-testid="case-merge">
              {t('merge.open')}
            </Button>
          )}
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" verticalSpacing="xs">
          {facts.map(([label, value, key]) => (
            <div key={key}>
              <Text size="xs" c="dimmed">
                {label}
              </Text>
              <Text size="sm" fw={500} data-testid={`case-${key}`} style={{ overflowWrap: 'anywhere' }}>
                {value}
              </Text>
            </div>
          ))}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

function CaseDetails({ item }: { item: Case }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { data: categories } = useCategories();
  const intake = findCategory(categories, item.category.code)?.requiredFields ?? [];
  const fieldLabel = (key: string) => labels.pick(intake.find((field) => field.key === key)?.labels, key);
  const fields = Object.entries(item.fields ?? {});
  return (
    <Paper withBorder p="md" data-testid="case-details">
      <Stack gap="md">
        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="case-description">
          {item.description}
        </Text>
        {fields.length > 0 && (
          <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }} spacing="sm" data-testid="case-fields">
            {fields.map(([key, value]) => (
              <div key={key}>
                <Text size="xs" c="dimmed">
                  {fieldLabel(key)}
                </Text>
                <Text size="sm" fw={500} data-testid={`case-field-${key}`}>
                  {String(value)}
                </Text>
              </div>
            ))}
          </SimpleGrid>
        )}
        {(item.rootCause || item.resolution) && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" data-testid="case-outcome">
            {item.rootCause && (
              <div>
                <Text size="xs" c="dimmed">
                  {t('caseView.rootCause')}
                  {item.rootCause.code ? ` · ${item.rootCause.code}` : ''}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {item.rootCause.text}
                </Text>
              </div>
            )}
            {item.resolution && (
              <div>
                <Text size="xs" c="dimmed">
                  {t('caseView.resolution')}
                  {item.resolution.code ? ` · ${item.resolution.code}` : ''}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="case-resolution">
                  {item.resolution.summary}
                </Text>
              </div>
            )}
          </SimpleGrid>
        )}
      </Stack>
    </Paper>
  );
}
