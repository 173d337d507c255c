import { Button, Group, Modal, MultiSelect, PasswordInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session';
import { ROLES, WORKING_LANGUAGES, type Role, type User } from '../../../app/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { isFieldOnly, useFieldErrors } from '../../../components/problems';
import { useLabels } from '../../../i18n/labels';
import { useRegionOptions } from '../regions';
import { useTeams } from '../teams/queries';
import { useSaveUser } from './queries';

const FIELDS = ['email', 'displayName', 'role', 'teamIds', 'region', 'languages', 'password', 'active'];

interface Props {
  /** The user being edited, or null to create one. */
  user: User | null;
  onClose: () => void;
}

/** Create or edit a person. Mount it fresh per user so the form starts from their data. */
export function UserFormModal({ user, onClose }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { abilities } = useSession();
  const teams = useTeams(abilities.teams.read);
  const regionOptions = useRegionOptions();
  const save = useSaveUser(user);

  const [email, setEmail] = useState(user?.email ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'specialist');
  const [teamIds, setTeamIds] = useState<string[]>(user?.teams.map((team) => team.id) ?? []);
  const [region, setRegion] = useState<string | null>(user?.region ?? null);
  const [languages, setLanguages] = useState<string[]>(user?.languages ?? []);
  const [password, setPassword] = useState('');
  const [active, setActive] = useState(user?.active ?? true);

  const { errors, edited } = useFieldErrors(save.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(
      {
        email: email.trim(),
        displayName: displayName.trim(),
        role,
        teamIds,
        region,
        languages,
        // An empty password on edit means "keep the current one".
        ...(password ? { password } : {}),
        ...(user ? { active } : {}),
      },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'teal',
            message: user ? t('users.saved', { name: saved.displayName }) : t('users.created', { name: saved.displayName }),
          });
          onClose();
        },
      },
    );
  }

  return (
    <Modal opened onClose={onClose} title={user ? t('users.editTitle') : t('users.createTitle')} size="lg">
      <form onSubmit={submit} noValidate data-testid="user-form">
        <Stack gap="sm">
          <TextInput
            label={t('users.field.email')}
            type="email"
            autoComplete="off"
            withAsterisk
            data-autofocus
            value={email}
            onChange={(event) => {
              setEmail(event.currentTarget.value);
              edited('email');
            }}
            error={errors.email}
            data-testid="user-form-email"
          />
          <TextInput
            label={t('users.field.displayName')}
            withAsterisk
            value={displayName}
            onChange={(event) => {
              setDisplayName(event.currentTarget.value);
              edited('displayName');
            }}
            error={errors.displayName}
            data-testid="user-form-display-name"
          />
          <Select
            label={t('users.field.role')}
            withAsterisk
            allowDeselect={false}
            data={ROLES.map((value) => ({ value, label: labels.role(value) }))}
            value={role}
            onChange={(value) => {
              if (value) setRole(value as Role);
              edited('role');
            }}
            error={errors.role}
            data-testid="user-form-role"
          />
          {abilities.teams.read && (
            <MultiSelect
              label={t('users.field.teams')}
              placeholder={teamIds.length ? undefined : t('users.field.teamsPlaceholder')}
              data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
              value={teamIds}
              onChange={(value) => {
                setTeamIds(value);
                edited('teamIds');
              }}
              searchable
              nothingFoundMessage={t('common.nothingFound')}
              error={errors.teamIds}
              data-testid="user-form-teams"
            />
          )}
          <Group grow align="flex-start">
            <Select
              label={t('users.field.region')}
              placeholder={t('common.noRegion')}
              clearable
              data={regionOptions}
              value={region}
              onChange={(value) => {
                setRegion(value);
                edited('region');
              }}
              error={errors.region}
              data-testid="user-form-region"
            />
            <MultiSelect
              label={t('users.field.languages')}
              data={WORKING_LANGUAGES.map((value) => ({ value, label: labels.workingLanguage(value) }))}
              value={languages}
              onChange={(value) => {
                setLanguages(value);
                edited('languages');
              }}
              error={errors.languages}
              data-testid="user-form-languages"
            />
          </Group>
          <PasswordInput
            label={user ? t('users.field.newPassword') : t('users.field.password')}
            description={user ? t('users.field.newPasswordHint') : t('users.field.passwordHint')}
            autoComplete="new-password"
            value={password}
            onChange={(event) => {
              setPassword(event.currentTarget.value);
              edited('password');
            }}
            error={errors.password}
            data-testid="user-form-password"
          />
          {user && (
            <Switch
              label={t('users.field.active')}
              description={t('users.field.activeHint')}
              checked={active}
              onChange={(event) => {
                setActive(event.currentTarget.checked);
                edited('active');
              }}
              error={errors.active}
              data-testid="user-form-active"
            />
          )}
          {save.error && !isFieldOnly(save.error, FIELDS) && <ProblemAlert error={save.error} testId="user-form-error" />}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="user-form-submit">
              {user ? t('common.save') : t('users.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
