import { Anchor, Badge, Button, Divider, Group, Modal, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Fragment, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { isFieldOnly, useFieldErrors } from '../../../components/problems';
import { useFormat } from '../../../i18n/format';
import { STATUS_COLOR } from '../../escalation/EscalationBoardPage';
import { useEscalationText } from '../../escalation/labels';
import { useAuthorities, useEscalations, useRaiseCritical } from '../../escalation/queries';
import type { Case } from '../types';

/**
 * The case's critical escalations (status and level) and, for people who work the case,
 * raising one: the authority's ladder is paged at once.
 */
export function CriticalPanel({ item, canRaise }: { item: Case; canRaise: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useEscalationText();
  const escalations = useEscalations({ status: 'all', caseId: item.id });
  const [raising, setRaising] = useState(false);
  const items = escalations.data ?? [];
  const finished = item.status === 'resolved' || item.status === 'closed';
  return (
    <Paper withBorder p="md" data-testid="critical-panel">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Title order={5}>{t('escalation.panel.title')}</Title>
          <Anchor component={Link} to="/escalations" size="xs">
            {t('escalation.panel.board')}
          </Anchor>
        </Group>
        <ProblemAlert error={escalations.error} />
        {escalations.isSuccess && items.length === 0 && (
          <Text size="sm" c="dimmed" data-testid="critical-none">
            {t('escalation.panel.empty')}
          </Text>
        )}
        {items.map((escalation, index) => (
          <Fragment key={escalation.id}>
            {index > 0 && <Divider />}
            <Stack gap={4} data-testid="critical-item" data-status={escalation.status} data-level={escalation.level}>
              <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                <Text size="sm" fw={600} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                  {escalation.authority.name}
                </Text>
                <Badge color={STATUS_COLOR[escalation.status]} variant={escalation.status === 'open' ? 'filled' : 'light'} styles={{ root: { flexShrink: 0 } }}>
                  {t(`escalation.status.${escalation.status}`)}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed" data-testid="critical-level">
                {text.level(escalation)} · {text.riskType(escalation.authority.riskType)} · {format.relative(escalation.raisedAt)}
              </Text>
              {escalation.acknowledgedBy && (
                <Text size="xs" c="dimmed">
                  {t('escalation.board.acknowledged')}: {escalation.acknowledgedBy.displayName}
                </Text>
              )}
            </Stack>
          </Fragment>
        ))}
        {canRaise &&
          (finished ? (
            <Text size="xs" c="dimmed">
              {t('escalation.panel.closedCase')}
            </Text>
          ) : (
            <Button variant="light" color="red" size="sm" onClick={() => setRaising(true)} data-testid="critical-raise">
              {t('escalation.panel.raise')}
            </Button>
          ))}
      </Stack>
      {raising && (
        <RaiseCriticalModal
          item={item}
          openIds={new Set(items.filter((escalation) => escalation.status === 'open').map((escalation) => escalation.id))}
          onClose={() => setRaising(false)}
        />
      )}
    </Paper>
  );
}

const FIELDS = ['authority', 'reason'];

function RaiseCriticalModal({ item, openIds, onClose }: { item: Case; openIds: ReadonlySet<string>; onClose: () => void }) {
  const { t } = useTranslation();
  const text = useEscalationText();
  const authorities = useAuthorities();
  const raise = useRaiseCritical(item.id);
  const { errors, edited } = useFieldErrors(raise.error);
  const [authority, setAuthority] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const options = (authorities.data ?? []).map((entry) => ({
    value: entry.id,
    label: `${entry.name} · ${text.riskType(entry.riskType)} · ${text.region(entry.region)}`,
  }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems = { authority: !authority, reason: !reason.trim() };
    setMissing(problems);
    if (!authority || problems.reason) return;
    raise.mutate(
      { authority, reason: reason.trim() },
      {
        onSuccess: (saved) => {
          // Raising while one is open for the authority answers that one (201 either way).
          const existing = openIds.has(saved.id);
          notifications.show({
            color: existing ? 'orange' : 'red',
            message: t(existing ? 'escalation.raise.existing' : 'escalation.raise.raised', { authority: saved.authority.name }),
          });
          onClose();
        },
      },
    );
  }

  return (
    <Modal opened onClose={onClose} title={t('escalation.raise.title')} size="lg">
      <form onSubmit={submit} noValidate data-testid="critical-form">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('escalation.raise.intro')}
          </Text>
          {authorities.isSuccess && options.length === 0 && (
            <Text size="sm" c="orange" data-testid="critical-no-authorities">
              {t('escalation.raise.noAuthorities')}
            </Text>
          )}
          <ProblemAlert error={authorities.error} />
          <Select
            label={t('escalation.raise.authority')}
            placeholder={t('escalation.raise.authorityPlaceholder')}
            withAsterisk
            searchable
            data={options}
            value={authority}
            onChange={(value) => {
              setAuthority(value);
              setMissing((current) => ({ ...current, authority: false }));
              edited('authority');
            }}
            error={errors.authority ?? (missing.authority ? t('escalation.admin.problem.required') : undefined)}
            comboboxProps={{ withinPortal: true }}
            data-testid="critical-form-authority"
          />
          <Textarea
            label={t('escalation.raise.reason')}
            description={t('escalation.raise.reasonHint')}
            withAsterisk
            autosize
            minRows={3}
            maxLength={2000}
            value={reason}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              setMissing((current) => ({ ...current, reason: false }));
              edited('reason');
            }}
            error={errors.reason ?? (missing.reason ? t('escalation.admin.problem.required') : undefined)}
            data-testid="critical-form-reason"
          />
          {raise.error != null && !isFieldOnly(raise.error, FIELDS) && <ProblemAlert error={raise.error} testId="critical-form-error" />}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={raise.isPending} data-testid="critical-form-submit">
              {t('escalation.raise.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
