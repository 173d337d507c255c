import { Anchor, Badge, Button, Divider, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Fragment, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../../app/api';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { isFieldOnly, useFieldErrors } from '../../../components/problems';
import { StatusBadge } from '../badges';
import { useCaseLinks, useLinkCase } from '../queries';
import { LINK_KINDS, NEW_LINK_KINDS, type Case, type CaseLink, type LinkKind, type NewLinkKind } from '../types';

const KIND_COLOR: Record<LinkKind, string> = { related: 'gray', parent_of: 'indigo', child_of: 'violet', duplicate_of: 'orange' };

/**
 * The other case's role, read from this one: a `parent_of` link names a child case. The same
 * words label the list and the form, so what a person picks is what they then see.
 */
export function useLinkRole() {
  const { t } = useTranslation();
  return (kind: string) => t(`links.role.${(LINK_KINDS as readonly string[]).includes(kind) ? kind : 'related'}`);
}

/** Cases related to this one, as parent, child or duplicate; every link shows on both cases. */
export function LinksPanel({ item }: { item: Case }) {
  const { t } = useTranslation();
  const links = useCaseLinks(item.id);
  const [linking, setLinking] = useState(false);
  const items = links.data ?? [];
  // People who may not see links (e.g. partners on a masked case) simply get no panel.
  if (links.error instanceof ApiError && links.error.status === 403) return null;

  return (
    <Paper withBorder p="md" data-testid="case-links">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={5}>{t('links.title')}</Title>
          {item.abilities.edit && !linking && (
            <Button size="compact-sm" variant="light" onClick={() => setLinking(true)} data-testid="link-create">
              {t('links.create')}
            </Button>
          )}
        </Group>
        {linking && <LinkForm item={item} onClose={() => setLinking(false)} />}
        <ProblemAlert error={links.error} />
        {links.isSuccess && items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('links.none')}
          </Text>
        )}
        {items.map((link, index) => (
          <Fragment key={`${link.kind}-${link.case.id}`}>
            {index > 0 && <Divider />}
            <LinkRow link={link} />
          </Fragment>
        ))}
      </Stack>
    </Paper>
  );
}

function LinkRow({ link }: { link: CaseLink }) {
  const role = useLinkRole();
  return (
    <Stack gap={4} data-testid="case-link" data-kind={link.kind} data-number={link.case.number}>
      <Group gap="xs" wrap="wrap">
        <Badge size="sm" variant="light" color={KIND_COLOR[link.kind] ?? 'gray'}>
          {role(link.kind)}
        </Badge>
        <Anchor component={Link} to={`/cases/${link.case.number}`} size="sm" fw={600} ff="monospace" data-testid="case-link-number">
          {link.case.number}
        </Anchor>
        <StatusBadge status={link.case.status} />
      </Group>
      <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
        {link.case.title}
      </Text>
    </Stack>
  );
}

function LinkForm({ item, onClose }: { item: Case; onClose: () => void }) {
  const { t } = useTranslation();
  const role = useLinkRole();
  const link = useLinkCase(item.id);
  const { errors, edited } = useFieldErrors(link.error);
  const [other, setOther] = useState('');
  const [kind, setKind] = useState<NewLinkKind>('related');
  const [selfLink, setSelfLink] = useState(false);
  // The server names the field `other` when no such case exists (or it is this case); say
  // so in the UI language rather than showing its English wording.
  const otherError = selfLink ? t('links.self') : errors.other ? t('links.notFound') : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    const number = other.trim().toUpperCase();
    if (number === item.number || other.trim() === item.id) {
      setSelfLink(true);
      return;
    }
    link.mutate(
      { other: number, kind },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('links.done', { number }) });
          onClose();
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate data-testid="link-form">
      <Stack gap="xs">
        <TextInput
          label={t('links.other')}
          placeholder="ESC-000123"
          withAsterisk
          data-autofocus
          autoFocus
          value={other}
          onChange={(event) => {
            setOther(event.currentTarget.value);
            setSelfLink(false);
            edited('other');
          }}
          error={otherError}
          data-testid="link-other"
        />
        <Select
          label={t('links.kind')}
          data={NEW_LINK_KINDS.map((value) => ({ value, label: role(value) }))}
          value={kind}
          onChange={(value) => {
            if (value) setKind(value as NewLinkKind);
            edited('kind');
          }}
          allowDeselect={false}
          error={errors.kind}
          data-testid="link-kind"
        />
        <Text size="xs" c="dimmed">
          {t('links.hint')}
        </Text>
        {link.error && !isFieldOnly(link.error, ['other', 'kind']) ? <ProblemAlert error={link.error} /> : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" size="xs" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" size="xs" disabled={!other.trim()} loading={link.isPending} data-testid="link-submit">
            {t('links.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
