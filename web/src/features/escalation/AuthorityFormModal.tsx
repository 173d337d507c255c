import { Autocomplete, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegionOptions } from '../admin/regions';
import { FormProblems } from '../sla-admin/FormProblems';
import { useDraftErrors } from '../sla-admin/formErrors';
import { useEscalationText } from './labels';
import { authorityInputOf, type AuthorityDraft, type LadderProblem } from './ladderDraft';
import { useCreateAuthority } from './queries';
import { RISK_TYPES, type Ladder } from './types';

const FIELDS = ['name', 'riskType', 'region', 'ladder'];

/** Add an authority: who must know about a kind of risk in a region, and the ladder that pages them. */
export function AuthorityFormModal({ ladders, onClose }: { ladders: Ladder[]; onClose: () => void }) {
  const { t } = useTranslation();
  const text = useEscalationText();
  const regionOptions = useRegionOptions();
  const save = useCreateAuthority();
  const [draft, setDraft] = useState<AuthorityDraft>({ name: '', riskType: '', region: null, ladder: ladders.length === 1 ? ladders[0]!.id : null });
  const { errorOf, hasProblems, setProblems, forget } = useDraftErrors<LadderProblem>(save.error, (problem) =>
    t(`escalation.admin.problem.${problem}`),
  );

  function change(next: Partial<AuthorityDraft>, field: keyof AuthorityDraft) {
    setDraft((current) => ({ ...current, ...next }));
    forget(field);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = authorityInputOf(draft);
    if ('problems' in result) {
      setProblems(result.problems);
      return;
    }
    setProblems({});
    save.mutate(result.input, {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', message: t('escalation.admin.authority.saved', { name: saved.name }) });
        onClose();
      },
    });
  }

  return (
    <Modal opened onClose={onClose} title={t('escalation.admin.authority.title')}>
      <form onSubmit={submit} noValidate data-testid="authority-form">
        <Stack gap="sm">
          <TextInput
            label={t('escalation.admin.authority.name')}
            withAsterisk
            data-autofocus
            value={draft.name}
            onChange={(event) => change({ name: event.currentTarget.value }, 'name')}
            error={errorOf('name')}
            data-testid="authority-form-name"
          />
          <Autocomplete
            label={t('escalation.admin.authority.riskType')}
            description={t('escalation.admin.authority.riskTypeHint')}
            withAsterisk
            data={[...RISK_TYPES]}
            renderOption={({ option }) => (
              <Group gap="xs" wrap="nowrap">
                <Text size="sm">{text.riskType(option.value)}</Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {option.value}
                </Text>
              </Group>
            )}
            value={draft.riskType}
            onChange={(value) => change({ riskType: value }, 'riskType')}
            error={errorOf('riskType')}
            data-testid="authority-form-risk-type"
          />
          <Select
            label={t('escalation.admin.authority.region')}
            placeholder={t('escalation.admin.authority.regionPlaceholder')}
            clearable
            data={regionOptions}
            value={draft.region}
            onChange={(value) => change({ region: value }, 'region')}
            error={errorOf('region')}
            data-testid="authority-form-region"
          />
          <Select
            label={t('escalation.admin.authority.ladder')}
            withAsterisk
            data={ladders.map((ladder) => ({ value: ladder.id, label: ladder.name }))}
            value={draft.ladder}
            onChange={(value) => change({ ladder: value }, 'ladder')}
            error={errorOf('ladder')}
            data-testid="authority-form-ladder"
          />
          <FormProblems hasProblems={hasProblems} saveError={save.error} isShown={(field) => FIELDS.includes(field)} testId="authority-form" />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="authority-form-submit">
              {t('escalation.admin.authority.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
