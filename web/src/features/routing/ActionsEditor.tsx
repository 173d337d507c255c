import { ActionIcon, Button, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useTeams } from '../admin/teams/queries';
import { useAuthorities } from '../escalation/queries';
import { useRoutingWords } from './labels';
import { actionInputKey, newAction, type ActionDraft } from './ruleDraft';
import { ACTION_KINDS, ASSIGNMENT_STRATEGIES, PRIORITIES, RISK_FLAGS, type ActionKind } from './types';

/** `then`: what a matching rule does, each action with the input its target needs. */
export function ActionsEditor({
  actions,
  onChange,
  errorOf,
  forget,
  readOnly,
}: {
  actions: ActionDraft[];
  onChange: (actions: ActionDraft[]) => void;
  errorOf: (key: string) => string | undefined;
  forget: (path: string) => void;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const { valueName } = useRoutingWords();
  const { data: teams = [] } = useTeams();
  const { data: authorities = [] } = useAuthorities();
  const update = (i: number, next: ActionDraft) => {
    forget(`then.${i}`);
    forget('then');
    onChange(actions.map((a, j) => (j === i ? next : a)));
  };

  function targetOptions(kind: ActionKind): { value: string; label: string }[] {
    switch (kind) {
      case 'set_team':
        return teams.filter((team) => team.kind === 'service').map((team) => ({ value: team.id, label: team.name }));
      case 'set_priority':
        return PRIORITIES.map((p) => ({ value: p, label: valueName('priority', p) }));
      case 'add_flag':
        return RISK_FLAGS.map((f) => ({ value: f, label: valueName('flags', f) }));
      case 'set_assignment':
        return ASSIGNMENT_STRATEGIES.map((s) => ({ value: s, label: t(`routing.strategy.${s}`) }));
      case 'raise_critical':
        return authorities.map((a) => ({ value: a.id, label: a.name }));
      case 'add_checklist':
        return [];
    }
  }

  const thenError = errorOf('then') && !actions.some((_, i) => errorOf(`then.${i}`)) ? errorOf('then') : undefined;
  return (
    <Stack gap="xs" data-testid="routing-actions">
      {actions.map((action, i) => {
        const path = `then.${i}`;
        const options = targetOptions(action.action);
        if (action.target && !options.some((o) => o.value === action.target)) options.push({ value: action.target, label: action.target });
        return (
          <Group key={action.key} align="flex-start" gap="xs" wrap="wrap" data-testid="routing-action" data-kind={action.action}>
            <Select
              aria-label={t('routing.editor.actionKind')}
              w={220}
              allowDeselect={false}
              disabled={readOnly}
              value={action.action}
              data={ACTION_KINDS.map((kind) => ({ value: kind, label: t(`routing.action.${kind}`) }))}
              onChange={(kind) => kind && update(i, { ...newAction(kind as ActionKind), key: action.key })}
              error={errorOf(`${path}.action`)}
              data-testid="routing-action-kind"
            />
            {action.action === 'add_checklist' ? (
              <Textarea
                aria-label={t('routing.editor.checklist')}
                style={{ flex: '1 1 16rem' }}
                autosize
                minRows={2}
                disabled={readOnly}
                placeholder={t('routing.editor.checklistPlaceholder')}
                description={t('routing.editor.checklistHelp')}
                value={action.items.join('\n')}
                onChange={(e) => update(i, { ...action, items: e.currentTarget.value.split('\n') })}
                error={errorOf(`${path}.items`)}
                data-testid="routing-action-items"
              />
            ) : (
              <Select
                aria-label={t(`routing.target.${action.action}`)}
                placeholder={t(`routing.target.${action.action}`)}
                style={{ flex: '1 1 14rem' }}
                searchable
                allowDeselect={false}
                disabled={readOnly}
                value={action.target || null}
                data={options}
                onChange={(target) => update(i, { ...action, target: target ?? '' })}
                error={errorOf(`${path}.${actionInputKey(action.action)}`)}
                data-testid="routing-action-target"
              />
            )}
            {!readOnly && (
              <ActionIcon
                variant="subtle"
                color="red"
                mt={6}
                onClick={() => {
                  forget('then');
                  onChange(actions.filter((a) => a.key !== action.key));
                }}
                aria-label={t('routing.editor.remove')}
                data-testid="routing-action-remove"
              >
                ×
              </ActionIcon>
            )}
          </Group>
        );
      })}
      {thenError && (
        <Text size="xs" c="red" role="alert" data-testid="routing-actions-error">
          {thenError}
        </Text>
      )}
      {!readOnly && (
        <Group>
          <Button size="xs" variant="light" onClick={() => onChange([...actions, newAction('add_flag')])} data-testid="routing-add-action">
            {t('routing.editor.addAction')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
