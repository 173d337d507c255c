import { Badge, Button, Group, Select, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session';
import { ROLES, type Role, type User } from '../../../app/types';
import { PageHeader } from '../../../components/PageHeader';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { TableState } from '../../../components/TableState';
import { useFormat } from '../../../i18n/format';
import { useLabels } from '../../../i18n/labels';
import { AvailabilitySwitch } from '../../assignment/AvailabilitySwitch';
import { canSetAvailability, takesAssignments } from '../../assignment/availability';
import { useRegions } from '../regions';
import { UserFormModal } from './UserFormModal';
import { useUsers } from './queries';

/** Admin: find people by name or e-mail and role, add them, change their access. */
export function UsersPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const { abilities, user: me } = useSession();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [role, setRole] = useState<Role | null>(null);
  // undefined: no modal; null: creating; a user: editing them.
  const [editing, setEditing] = useState<User | null | undefined>(undefined);
  const users = useUsers({ q, role });
  const { data: regions = [] } = useRegions();

  const rows = users.data?.pages.flatMap((page) => page.items) ?? [];
  const regionName = (code: string) => labels.region(code, regions.find((region) => region.code === code)?.name);

  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        actions={
          abilities.users.manage && (
            <Button onClick={() => setEditing(null)} data-testid="user-create">
              {t('users.create')}
            </Button>
          )
        }
      />

      <Group mb="md" gap="sm" wrap="wrap">
        <TextInput
          aria-label={t('users.search')}
          placeholder={t('users.search')}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={{ base: '100%', xs: 320 }}
          data-testid="user-search"
        />
        <Select
          aria-label={t('users.filterRole')}
          placeholder={t('users.allRoles')}
          clearable
          data={ROLES.map((value) => ({ value, label: labels.role(value) }))}
          value={role}
          onChange={(value) => setRole(value as Role | null)}
          w={{ base: '100%', xs: 220 }}
          data-testid="user-role-filter"
        />
      </Group>

      <ProblemAlert error={users.error} />

      <Table.ScrollContainer minWidth={980}>
        <Table verticalSpacing="sm" highlightOnHover data-testid="users-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('users.column.person')}</Table.Th>
              <Table.Th>{t('users.column.role')}</Table.Th>
              <Table.Th>{t('users.column.teams')}</Table.Th>
              <Table.Th>{t('users.column.region')}</Table.Th>
              <Table.Th>{t('users.column.languages')}</Table.Th>
              <Table.Th>{t('users.column.status')}</Table.Th>
              <Table.Th>{t('assignment.column.available')}</Table.Th>
              {abilities.users.manage && <Table.Th aria-label={t('common.actions')} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((user) => (
              <Table.Tr key={user.id} data-testid="user-row" data-email={user.email}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {user.displayName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {user.email}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={user.role === 'admin' ? 'grape' : 'blue'}>
                    {labels.role(user.role)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{format.list(user.teams.map((team) => team.name)) || '—'}</Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{user.region ? regionName(user.region) : '—'}</Text>
                </Table.Td>
                <Table.Td>
                  {/* keep-all: wrap "英语、马来语" at the list commas, never inside a name */}
                  <Text size="sm" style={{ wordBreak: 'keep-all' }}>
                    {format.list(user.languages.map(labels.workingLanguage)) || '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="dot" color={user.active ? 'teal' : 'gray'}>
                    {user.active ? t('users.active') : t('users.inactive')}
                  </Badge>
                </Table.Td>
                <Table.Td data-testid="user-available" data-available={takesAssignments(user.role) ? String(user.available) : ''}>
                  {!takesAssignments(user.role) ? (
                    <Text size="sm">—</Text>
                  ) : canSetAvailability(me, user) ? (
                    <AvailabilitySwitch
                      user={user}
                      label={
                        <>
                          {user.available ? t('assignment.available') : t('assignment.away')}
                          <VisuallyHidden>{t('assignment.availableOf', { name: user.displayName })}</VisuallyHidden>
                        </>
                      }
                      testId="user-available-switch"
                    />
                  ) : (
                    <Badge variant="light" color={user.available ? 'teal' : 'gray'}>
                      {user.available ? t('assignment.available') : t('assignment.away')}
                    </Badge>
                  )}
                </Table.Td>
                {abilities.users.manage && (
                  <Table.Td ta="right">
                    <Button variant="subtle" size="compact-sm" onClick={() => setEditing(user)} data-testid="user-edit">
                      {t('common.edit')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <TableState loading={users.isPending} empty={users.isSuccess && rows.length === 0} emptyText={t('users.empty')} />

      {users.hasNextPage && (
        <Group justify="center" mt="md">
          <Button variant="default" loading={users.isFetchingNextPage} onClick={() => void users.fetchNextPage()}>
            {t('common.loadMore')}
          </Button>
        </Group>
      )}

      {editing !== undefined && (
        <UserFormModal key={editing?.id ?? 'new'} user={editing} onClose={() => setEditing(undefined)} />
      )}
    </>
  );
}
