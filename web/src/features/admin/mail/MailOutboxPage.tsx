import { Alert, Anchor, Badge, Button, Code, Group, Modal, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/PageHeader';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { TableState } from '../../../components/TableState';
import { useFormat } from '../../../i18n/format';
import { MAIL_FILTERS, MAIL_STATUS_COLOR, isMailKind, isMailStatus, mailFilterFrom, mailFilterSearch, type MailItem } from './outbox';
import { useMailOutbox } from './queries';

/** Admin: the e-mail outbox — what went out, what waits (held without SMTP_URL), what failed. */
export function MailOutboxPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter = mailFilterFrom(params.get('status'));
  const outbox = useMailOutbox(filter);
  const [open, setOpen] = useState<MailItem | null>(null);
  const items = outbox.data ?? [];

  return (
    <div data-testid="mail-outbox">
      <PageHeader title={t('mailOutbox.title')} description={t('mailOutbox.description')} />
      <Alert variant="light" color="yellow" mb="md" data-testid="mail-held-explained">
        {t('mailOutbox.heldExplained')}
      </Alert>
      <Group mb="md">
        <SegmentedControl
          aria-label={t('mailOutbox.filter.label')}
          data={MAIL_FILTERS.map((value) => ({ value, label: t(`mailOutbox.filter.${value}`) }))}
          value={filter}
          onChange={(value) => setParams(mailFilterSearch(mailFilterFrom(value)), { replace: true })}
          data-testid="mail-filter"
        />
      </Group>
      <ProblemAlert error={outbox.error} testId="mail-error" />
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={980}>
          <Table verticalSpacing="sm" highlightOnHover data-testid="mail-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('mailOutbox.column.created')}</Table.Th>
                <Table.Th>{t('mailOutbox.column.to')}</Table.Th>
                <Table.Th>{t('mailOutbox.column.language')}</Table.Th>
                <Table.Th>{t('mailOutbox.column.kind')}</Table.Th>
                <Table.Th>{t('mailOutbox.column.case')}</Table.Th>
                <Table.Th>{t('mailOutbox.column.status')}</Table.Th>
                <Table.Th>{t('mailOutbox.column.attempts')}</Table.Th>
                <Table.Th>{t('mailOutbox.column.lastError')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((mail) => (
                <MailRow key={mail.id} mail={mail} onOpen={() => setOpen(mail)} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <TableState
        loading={outbox.isPending}
        empty={outbox.isSuccess && items.length === 0}
        emptyText={t(`mailOutbox.empty.${filter}`)}
      />
      <MailModal mail={open} onClose={() => setOpen(null)} />
    </div>
  );
}

function useMailText() {
  const { t } = useTranslation();
  return {
    kind: (kind: string) => (isMailKind(kind) ? t(`mailOutbox.kind.${kind}`) : kind.startsWith('csat_') ? t(`csat.mailKind.${kind}`, { defaultValue: kind }) : kind === 'weekly_report' ? t('exports.weeklyReportMail') : kind),
    language: (locale: string) => (locale === 'en' || locale === 'zh' || locale === 'ms' ? t(`workingLanguage.${locale}`) : locale),
    status: (status: string) => (isMailStatus(status) ? t(`mailOutbox.status.${status}`) : status),
  };
}

function StatusBadge({ status }: { status: string }) {
  const text = useMailText();
  return (
    <Badge color={isMailStatus(status) ? MAIL_STATUS_COLOR[status] : 'gray'} variant="light" data-testid="mail-status">
      {text.status(status)}
    </Badge>
  );
}

function MailRow({ mail, onOpen }: { mail: MailItem; onOpen: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useMailText();
  return (
    <Table.Tr data-testid="mail-row" data-status={mail.status} data-kind={mail.kind} data-case={mail.case?.number ?? ''} data-id={mail.id}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(mail.createdAt)}</Table.Td>
      <Table.Td>
        <Text size="sm" fw={500}>
          {mail.to.displayName}
        </Text>
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {mail.to.address}
        </Text>
      </Table.Td>
      <Table.Td>{text.language(mail.locale)}</Table.Td>
      <Table.Td data-testid="mail-kind">{text.kind(mail.kind)}</Table.Td>
      <Table.Td>
        {mail.case ? (
          <Anchor component={Link} to={`/cases/${mail.case.number}`} ff="monospace" style={{ whiteSpace: 'nowrap' }} data-testid="mail-case">
            {mail.case.number}
          </Anchor>
        ) : (
          '—'
        )}
      </Table.Td>
      <Table.Td>
        <StatusBadge status={mail.status} />
      </Table.Td>
      <Table.Td>{mail.attempts}</Table.Td>
      <Table.Td maw={260}>
        <Text size="xs" c={mail.lastError ? 'red' : 'dimmed'} lineClamp={2} style={{ overflowWrap: 'anywhere' }} title={mail.lastError ?? undefined}>
          {mail.lastError ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Button variant="subtle" size="compact-sm" onClick={onOpen} data-testid="mail-open">
          {t('mailOutbox.open')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

/** The e-mail as it went (or would go) out: subject and the plain-text body. */
function MailModal({ mail, onClose }: { mail: MailItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useMailText();
  return (
    <Modal opened={mail !== null} onClose={onClose} size="xl" title={t('mailOutbox.preview.title')} closeButtonProps={{ 'aria-label': t('mailOutbox.preview.close') }}>
      {mail && (
        <Stack gap="sm" data-testid="mail-preview">
          <Group gap="xs" wrap="wrap">
            <StatusBadge status={mail.status} />
            <Text size="sm" c="dimmed">
              {text.kind(mail.kind)} · {text.language(mail.locale)}
            </Text>
          </Group>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {t('mailOutbox.preview.to', { name: mail.to.displayName, address: mail.to.address })}
          </Text>
          <Text size="sm" c="dimmed">
            {mail.sentAt
              ? t('mailOutbox.preview.sentAt', { at: format.dateTime(mail.sentAt) })
              : t('mailOutbox.preview.createdAt', { at: format.dateTime(mail.createdAt) })}
          </Text>
          <div>
            <Text size="xs" c="dimmed">
              {t('mailOutbox.preview.subject')}
            </Text>
            <Text fw={600} style={{ overflowWrap: 'anywhere' }} data-testid="mail-subject">
              {mail.subject}
            </Text>
          </div>
          <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="mail-body">
            {mail.text}
          </Code>
          {mail.lastError && (
            <Alert color="red" variant="light" title={t('mailOutbox.column.lastError')} data-testid="mail-last-error">
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {mail.lastError}
              </Text>
            </Alert>
          )}
        </Stack>
      )}
    </Modal>
  );
}
