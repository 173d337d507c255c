import { Button, Group, Modal, SegmentedControl, Select, Stack, TextInput, Input } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TEAM_KINDS, type Team, type TeamKind } from '../../../app/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { isFieldOnly, useFieldErrors } from '../../../components/problems';
import { useLabels } from '../../../i18n/labels';
import { useRegionOptions } from '../regions';
import { useSaveTeam } from './queries';

const FIELDS = ['name', 'kind', 'region'];

/** Create or edit a team. Mount it fresh per team so the form starts from its data. */
export function TeamFormModal({ team, onClose }: { team: Team | null; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const regionOptions = useRegionOptions();
  const save = useSaveTeam(team);

  const [name, setName] = useState(team?.name ?? '');
  const [kind, setKind] = useState<TeamKind>(team?.kind ?? 'service');
  const [region, setRegion] = useState<string | null>(team?.region ?? null);
  const { errors, edited } = useFieldErrors(save.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(
      { name: name.trim(), kind, region },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'teal',
            message: team ? t('teams.saved', { name: saved.name }) : t('teams.created', { name: saved.name }),
          });
          onClose();
        },
      },
    );
  }

  return (
    <Modal opened onClose={onClose} title={team ? t('teams.editTitle') : t('teams.createTitle')}>
      <form onSubmit={submit} noValidate data-testid="team-form">
        <Stack gap="sm">
          <TextInput
            label={t('teams.field.name')}
            withAsterisk
            data-autofocus
            value={name}
            onChange={(event) => {
              setName(event.currentTarget.value);
              edited('name');
            }}
            error={errors.name}
            data-testid="team-form-name"
          />
          <Input.Wrapper label={t('teams.field.kind')} description={t('teams.field.kindHint')} error={errors.kind}>
            <SegmentedControl
              fullWidth
              mt={4}
              data={TEAM_KINDS.map((value) => ({ value, label: labels.teamKind(value) }))}
              value={kind}
              onChange={(value) => {
                setKind(value as TeamKind);
                edited('kind');
              }}
              data-testid="team-form-kind"
            />
          </Input.Wrapper>
          <Select
            label={t('teams.field.region')}
            placeholder={t('common.noRegion')}
            clearable
            data={regionOptions}
            value={region}
            onChange={(value) => {
              setRegion(value);
              edited('region');
            }}
            error={errors.region}
            data-testid="team-form-region"
          />
          {save.error && !isFieldOnly(save.error, FIELDS) && <ProblemAlert error={save.error} testId="team-form-error" />}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="team-form-submit">
              {team ? t('common.save') : t('teams.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
