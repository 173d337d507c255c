import { Avatar, Box, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSession, useSignOut } from '../../app/session';
import { useLabels } from '../../i18n/labels';
import { AvailabilitySwitch } from '../assignment/AvailabilitySwitch';
import { takesAssignments } from '../assignment/availability';

function initials(name: string): string {
  const words = name.trim().split(/\s+/);
  // Chinese names have no spaces; their first character is what people expect to see.
  return words.length > 1 ? `${words[0]?.[0] ?? ''}${words.at(-1)?.[0] ?? ''}` : [...name].slice(0, 2).join('');
}

export function UserMenu() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { user } = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();

  return (
    <Menu position="bottom-end" width={260} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('userMenu.open')} data-testid="user-menu">
          <Group gap="xs" wrap="nowrap">
            <Avatar size="sm" radius="xl" color="blue">
              {initials(user.displayName).toUpperCase()}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="sm" maw={180} truncate="end">
              {user.displayName}
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate="end" data-testid="user-menu-name">
            {user.displayName}
          </Text>
          <Text size="xs" c="dimmed" data-testid="user-menu-role">
            {labels.role(user.role)}
          </Text>
        </Menu.Label>
        {takesAssignments(user.role) && (
          // Not a Menu.Item: switching should leave the menu open, showing the new state.
          <Box px="sm" py={6}>
            <AvailabilitySwitch user={user} label={t('assignment.availableForNew')} testId="user-menu-available" />
          </Box>
        )}
        <Menu.Divider />
        <Menu.Item component={Link} to="/tokens" data-testid="user-menu-tokens">
          {t('userMenu.tokens')}
        </Menu.Item>
        <Menu.Item
          color="red"
          data-testid="user-menu-sign-out"
          onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in', { replace: true }) })}
        >
          {t('userMenu.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
