import { Button, Group, Modal, NumberInput, SegmentedControl, Select, Stack, TextInput, Input } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ASSIGNMENT_STRATEGIES, TEAM_KINDS, type Team, type TeamKind } from '../../../app/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { isFieldOnly, useFieldErrors } from '../../../components/problems';
import { useLabels } from '../../../i18n/labels';
import { parseCapacity } from '../../assignment/availability';
import { useStrategyLabel } from '../../assignment/labels';
import { useRegionOptions } from '../regions';
import { useSaveTeam } from './queries';

const FIELDS = ['name', 'kind', 'region', 'assignment'];

/** Create or edit a team. Mount it fresh per team so the form starts from its data. */
export function TeamFormModal({ team, onClose }: { team: Team | null; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const regionOptions = useRegionOptions();
  const save = useSaveTeam(team);

  const [name, setName] = useState(team?.name ?? '');
  const [kind, setKind] = useState<TeamKind>(team?.kind ?? 'service');
  const [region, setRegion] = useState<string | null>(team?.region ?? null);
  const strategyLabel = useStrategyLabel();
  const [strategy, setStrategy] = useState<string>(team?.assignment.strategy ?? 'manual');
  const [capacity, setCapacity] = useState<string | number>(team?.assignment.capacity ?? '');
  const [capacityError, setCapacityError] = useState<string | null>(null);
  const { errors, edited } = useFieldErrors(save.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const limit = parseCapacity(capacity);
    if (kind === 'service' && limit === undefined) {
      setCapacityError(t('assignment.capacityInvalid'));
      return;
    }
    save.mutate(
      { name: name.trim(), kind, region, ...(kind === 'service' && { assignment: { strategy, capacity: limit ?? null } }) },
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
          {kind === 'service' && (
            <>
              <Select
                label={t('assignment.field.strategy')}
                description={t('assignment.field.strategyHint')}
                data={ASSIGNMENT_STRATEGIES.map((value) => ({ value, label: strategyLabel(value) }))}
                value={strategy}
                allowDeselect={false}
                onChange={(value) => {
                  if (value) setStrategy(value);
                  edited('assignment');
                }}
                error={errors.assignment}
                data-testid="team-form-strategy"
              />
              <NumberInput
                label={t('assignment.field.capacity')}
                description={t('assignment.field.capacityHint')}
                placeholder={t('assignment.noLimit')}
                min={1}
                max={1000}
                allowDecimal={false}
                allowNegative={false}
                value={capacity}
                onChange={(value) => {
                  setCapacity(value);
                  setCapacityError(null);
                  edited('assignment');
                }}
                error={capacityError}
                data-testid="team-form-capacity"
              />
            </>
          )}
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
