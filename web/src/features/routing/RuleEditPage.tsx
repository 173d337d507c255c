import { Anchor, Button, Center, Fieldset, Group, Loader, NumberInput, Paper, Stack, Switch, Tabs, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../app/api';
import { useSession } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { showFirstProblem, useDraftErrors } from '../sla-admin/formErrors';
import { FormProblems } from '../sla-admin/FormProblems';
import { canEditRouting } from './access';
import { ActionsEditor } from './ActionsEditor';
import { ConditionEditor } from './ConditionEditor';
import { DryRunPanel } from './DryRunPanel';
import { useRoutingWords } from './labels';
import { useRule, useRules, useSaveRule } from './queries';
import { ReplayPanel } from './ReplayPanel';
import { emptyDraft, newGroup, newLeaf, problemsOfRule, rulesetWithDraft, summarizeRule, toDraft, toInput, type RuleDraft } from './ruleDraft';
import type { Rule } from './types';
import { VersionsPanel } from './VersionsPanel';

/** /routing/new and /routing/:id — loads the rule and the live ruleset, then edits. */
export function RuleEditPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const rule = useRule(id);
  const rules = useRules();
  if ((id !== undefined && rule.isPending) || rules.isPending) {
    return (
      <Center py="xl">
        <Loader size="sm" />
      </Center>
    );
  }
  const error = (id !== undefined && rule.error) || rules.error;
  if (error) return <ProblemAlert error={error} />;
  return (
    <>
      <Anchor component={Link} to="/routing" size="sm" data-testid="routing-back">
        {t('routing.editor.back')}
      </Anchor>
      <RuleEditor key={rule.data?.id ?? 'new'} rule={rule.data} live={rules.data ?? []} />
    </>
  );
}

type Problem = 'required';
const SHOWN = ['name', 'order', 'enabled', 'when', 'then'];
const isShown = (field: string) => SHOWN.some((shown) => field === shown || field.startsWith(`${shown}.`));

function RuleEditor({ rule, live }: { rule: Rule | undefined; live: Rule[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const readOnly = !canEditRouting(session);
  const { words } = useRoutingWords();
  const save = useSaveRule(rule?.id);
  const nextOrder = live.reduce((max, r) => Math.max(max, r.order), 0) + 10;
  const [draft, setDraft] = useState<RuleDraft>(() => (rule ? toDraft(rule) : emptyDraft(nextOrder)));
  // A dry run or replay that the draft failed marks its inputs as a failed save does.
  const [checkError, setCheckError] = useState<unknown>(null);
  const shownError = checkError ?? save.error;
  const { errorOf, hasProblems, setProblems, forget } = useDraftErrors<Problem>(shownError, () => t('fieldError.required'));
  const [tab, setTab] = useState<string | null>('rule');

  /** After a dry run or replay: the draft's complaints (it was rules[index]) go to its inputs; true if any. */
  function checked(error: unknown, index: number): boolean {
    const problems = error instanceof ApiError ? problemsOfRule(error.problem.errors ?? [], index) : [];
    // The draft was checked since the last save: that save's complaints are stale now.
    save.reset();
    setCheckError(error instanceof ApiError && problems.length ? new ApiError(error.status, { ...error.problem, errors: problems }, null) : null);
    return problems.length > 0;
  }
  const draftChecks = { onChecked: checked, showRule: () => setTab('rule') };
  const input = toInput(draft);
  const ruleset = () => rulesetWithDraft(live, rule?.id, input);
  const update = (patch: Partial<RuleDraft>, ...touched: string[]) => {
    forget(...touched);
    setDraft((d) => ({ ...d, ...patch }));
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const problems: Record<string, Problem> = {};
    if (draft.name.trim() === '') problems['name'] = 'required';
    if (draft.order === '') problems['order'] = 'required';
    setProblems(problems);
    if (Object.keys(problems).length) return showFirstProblem(form);
    setCheckError(null);
    save.mutate(input, {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', message: t('routing.editor.saved', { name: saved.name, version: saved.version }) });
        if (!rule) void navigate(`/routing/${saved.id}`, { replace: true });
      },
      onError: () => showFirstProblem(form),
    });
  }

  const root = draft.when;
  return (
    <>
      <PageHeader
        title={rule ? rule.name : t('routing.editor.newTitle')}
        description={rule ? t('routing.editor.versionOf', { version: rule.version }) : t('routing.editor.newDescription')}
      />
      <Tabs value={tab} onChange={setTab} keepMounted>
        <Tabs.List mb="md">
          <Tabs.Tab value="rule" data-testid="routing-tab-rule">
            {t('routing.tabs.rule')}
          </Tabs.Tab>
          <Tabs.Tab value="dry-run" data-testid="routing-tab-dry-run">
            {t('routing.tabs.dryRun')}
          </Tabs.Tab>
          <Tabs.Tab value="replay" data-testid="routing-tab-replay">
            {t('routing.tabs.replay')}
          </Tabs.Tab>
          {rule && (
            <Tabs.Tab value="versions" data-testid="routing-tab-versions">
              {t('routing.tabs.versions')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Paper withBorder p="sm" mb="md" bg="var(--mantine-color-gray-light)">
          <Text size="sm" data-testid="routing-draft-summary">
            {summarizeRule(input, words)}
          </Text>
        </Paper>

        <Tabs.Panel value="rule">
          <form onSubmit={submit} noValidate data-testid="routing-form">
            <Fieldset variant="unstyled" disabled={readOnly}>
              <Stack gap="md">
                <Group align="flex-start" wrap="wrap">
                  <TextInput
                    label={t('routing.editor.name')}
                    required
                    style={{ flex: '1 1 18rem' }}
                    value={draft.name}
                    onChange={(e) => update({ name: e.currentTarget.value }, 'name')}
                    error={errorOf('name')}
                    data-testid="routing-name"
                  />
                  <NumberInput
                    label={t('routing.editor.order')}
                    description={t('routing.editor.orderHelp')}
                    required
                    w={160}
                    min={0}
                    allowDecimal={false}
                    value={draft.order}
                    onChange={(v) => update({ order: typeof v === 'number' ? v : '' }, 'order')}
                    error={errorOf('order')}
                    data-testid="routing-order"
                  />
                  <Switch
                    mt={30}
                    label={t('routing.editor.enabled')}
                    checked={draft.enabled}
                    onChange={(e) => update({ enabled: e.currentTarget.checked }, 'enabled')}
                    error={errorOf('enabled')}
                    data-testid="routing-enabled"
                  />
                </Group>
                <div>
                  <Title order={4} mb="xs">
                    {t('routing.editor.when')}
                  </Title>
                  <ConditionEditor
                    node={root}
                    path="when"
                    onChange={(when) => setDraft((d) => ({ ...d, when }))}
                    errorOf={errorOf}
                    forget={(path) => forget(path)}
                    readOnly={readOnly}
                  />
                  {!readOnly && root.kind !== 'all' && root.kind !== 'any' && (
                    <Button mt="xs" size="xs" variant="light" onClick={() => update({ when: newGroup('all', [root, newLeaf('text')]) }, 'when')}>
                      {t('routing.editor.addCondition')}
                    </Button>
                  )}
                </div>
                <div>
                  <Title order={4} mb="xs">
                    {t('routing.editor.then')}
                  </Title>
                  <ActionsEditor actions={draft.then} onChange={(then) => setDraft((d) => ({ ...d, then }))} errorOf={errorOf} forget={(path) => forget(path)} readOnly={readOnly} />
                </div>
                <FormProblems hasProblems={hasProblems} saveError={shownError} isShown={isShown} testId="routing-form" />
                {!readOnly && (
                  <Group>
                    <Button type="submit" loading={save.isPending} data-testid="routing-save">
                      {rule ? t('routing.editor.saveVersion') : t('routing.editor.create')}
                    </Button>
                  </Group>
                )}
              </Stack>
            </Fieldset>
          </form>
        </Tabs.Panel>
        <Tabs.Panel value="dry-run">
          <DryRunPanel draft={input} ruleset={ruleset} {...draftChecks} />
        </Tabs.Panel>
        <Tabs.Panel value="replay">
          <ReplayPanel draft={input} ruleset={ruleset} {...draftChecks} />
        </Tabs.Panel>
        {rule && (
          <Tabs.Panel value="versions">
            <VersionsPanel id={rule.id} />
          </Tabs.Panel>
        )}
      </Tabs>
    </>
  );
}
