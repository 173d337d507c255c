import { Alert, Button, Group, Modal, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { isFieldOnly, useFieldErrors } from '../../../components/problems';
import { useLabels } from '../../../i18n/labels';
import { useTransition } from '../queries';
import { offeredTransitions } from '../transitions';
import type { Case, CaseStatus } from '../types';

type FormKind = 'resolve' | 'reopen' | null;

/** The moves the case may make now; resolving and reopening ask for what they need first. */
export function CaseActions({ item }: { item: Case }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const transition = useTransition(item.id);
  const [form, setForm] = useState<FormKind>(null);
  const offered = offeredTransitions(item);
  // The requester closes the loop: they confirm the outcome or reopen; nobody else "confirms".
  const closingTheLoop = !item.abilities.edit && item.status === 'resolved';

  if (offered.length === 0) return null;

  const label = (to: CaseStatus): string => {
    switch (to) {
      case 'triaged':
        return t('transition.triage');
      case 'in_progress':
        return item.status === 'new' || item.status === 'triaged' ? t('transition.start') : t('transition.resume');
      case 'waiting_requester':
        return t('transition.waitRequester');
      case 'waiting_partner':
        return t('transition.waitPartner');
      case 'resolved':
        return t('transition.resolve');
      case 'closed':
        return closingTheLoop ? t('transition.confirm') : t('transition.close');
      case 'reopened':
        return t('transition.reopen');
      default:
        return labels.caseStatus(to);
    }
  };

  function move(to: CaseStatus) {
    if (to === 'resolved') return setForm('resolve');
    if (to === 'reopened') return setForm('reopen');
    transition.mutate(
      { to },
      { onSuccess: (saved) => notifications.show({ color: 'teal', message: t('transition.done', { status: labels.caseStatus(saved.status) }) }) },
    );
  }

  const primary: CaseStatus[] = ['resolved', 'closed'];
  return (
    <Paper withBorder p="md" data-testid="case-actions">
      <Stack gap="sm">
        {closingTheLoop ? (
          <Alert color="teal" variant="light" title={t('transition.resolvedTitle')} data-testid="case-confirm-prompt">
            <Stack gap={4}>
              {item.resolution && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {item.resolution.summary}
                </Text>
              )}
              <Text size="sm">{t('transition.resolvedPrompt')}</Text>
            </Stack>
          </Alert>
        ) : (
          <Title order={5}>{t('transition.title')}</Title>
        )}
        <Group gap="xs" wrap="wrap">
          {offered.map((to) => (
            <Button
              key={to}
              size="sm"
              variant={primary.includes(to) ? 'filled' : to === 'reopened' ? 'outline' : 'light'}
              color={to === 'reopened' ? 'red' : undefined}
              loading={transition.isPending && transition.variables?.to === to}
              disabled={transition.isPending}
              onClick={() => move(to)}
              data-testid={`transition-${to}`}
            >
              {label(to)}
            </Button>
          ))}
        </Group>
        {form === null && <ProblemAlert error={transition.error} testId="transition-error" />}
      </Stack>
      {form === 'resolve' && <ResolveModal item={item} onClose={() => setForm(null)} />}
      {form === 'reopen' && <ReopenModal item={item} onClose={() => setForm(null)} />}
    </Paper>
  );
}

function ResolveModal({ item, onClose }: { item: Case; onClose: () => void }) {
  const { t } = useTranslation();
  const transition = useTransition(item.id);
  const { errors, edited } = useFieldErrors(transition.error);
  const [rootCauseText, setRootCauseText] = useState(item.rootCause?.text ?? '');
  const [rootCauseCode, setRootCauseCode] = useState(item.rootCause?.code ?? '');
  const [summary, setSummary] = useState(item.resolution?.summary ?? '');
  const [resolutionCode, setResolutionCode] = useState(item.resolution?.code ?? '');

  function submit(event: FormEvent) {
    event.preventDefault();
    transition.mutate(
      {
        to: 'resolved',
        rootCause: { text: rootCauseText.trim(), ...(rootCauseCode.trim() ? { code: rootCauseCode.trim() } : {}) },
        resolution: { summary: summary.trim(), ...(resolutionCode.trim() ? { code: resolutionCode.trim() } : {}) },
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('transition.resolvedNotice', { number: item.number }) });
          onClose();
        },
      },
    );
  }

  return (
    <Modal opened onClose={onClose} title={t('transition.resolveTitle', { number: item.number })} size="lg">
      <form onSubmit={submit} noValidate data-testid="resolve-form">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('transition.resolveHint')}
          </Text>
          <Textarea
            label={t('transition.rootCause')}
            description={t('transition.rootCauseHint')}
            withAsterisk
            autosize
            minRows={2}
            data-autofocus
            value={rootCauseText}
            onChange={(event) => {
              setRootCauseText(event.currentTarget.value);
              edited('rootCause');
            }}
            error={errors.rootCause}
            data-testid="resolve-root-cause"
          />
          <TextInput
            label={t('transition.rootCauseCode')}
            placeholder={t('transition.codePlaceholder')}
            value={rootCauseCode}
            onChange={(event) => setRootCauseCode(event.currentTarget.value)}
            data-testid="resolve-root-cause-code"
          />
          <Textarea
            label={t('transition.resolution')}
            description={t('transition.resolutionHint')}
            withAsterisk
            autosize
            minRows={3}
            value={summary}
            onChange={(event) => {
              setSummary(event.currentTarget.value);
              edited('resolution');
            }}
            error={errors.resolution}
            data-testid="resolve-resolution"
          />
          <TextInput
            label={t('transition.resolutionCode')}
            placeholder={t('transition.codePlaceholder')}
            value={resolutionCode}
            onChange={(event) => setResolutionCode(event.currentTarget.value)}
            data-testid="resolve-resolution-code"
          />
          {transition.error && !isFieldOnly(transition.error, ['rootCause', 'resolution']) ? (
            <ProblemAlert error={transition.error} testId="resolve-error" />
          ) : null}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={transition.isPending} data-testid="resolve-submit">
              {t('transition.resolve')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ReopenModal({ item, onClose }: { item: Case; onClose: () => void }) {
  const { t } = useTranslation();
  const transition = useTransition(item.id);
  const { errors, edited } = useFieldErrors(transition.error);
  const [reason, setReason] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    transition.mutate({ to: 'reopened', reason: reason.trim() }, { onSuccess: onClose });
  }

  return (
    <Modal opened onClose={onClose} title={t('transition.reopenTitle', { number: item.number })}>
      <form onSubmit={submit} noValidate data-testid="reopen-form">
        <Stack gap="sm">
          <Textarea
            label={t('transition.reason')}
            description={t('transition.reopenHint')}
            withAsterisk
            autosize
            minRows={3}
            data-autofocus
            value={reason}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              edited('reason');
            }}
            error={errors.reason}
            data-testid="reopen-reason"
          />
          {transition.error && !isFieldOnly(transition.error, ['reason']) ? <ProblemAlert error={transition.error} /> : null}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" disabled={!reason.trim()} loading={transition.isPending} data-testid="reopen-submit">
              {t('transition.reopen')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
