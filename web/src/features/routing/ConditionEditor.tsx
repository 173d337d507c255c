import { ActionIcon, Button, Group, MultiSelect, NumberInput, Paper, SegmentedControl, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRegionOptions } from '../admin/regions';
import { useCategoryOptions } from '../cases/categories';
import { useRoutingWords } from './labels';
import { newGroup, newLeaf, newNot, opsFor, withField, withOp, type ConditionNode } from './ruleDraft';
import { FIELD_SPECS, FIELDS, type Field } from './types';

type Leaf = Extract<ConditionNode, { kind: 'leaf' }>;

interface NodeProps {
  node: ConditionNode;
  /** The node's path as the server names it, dots for brackets: `when.all.1`. */
  path: string;
  onChange: (next: ConditionNode) => void;
  onRemove?: () => void;
  errorOf: (key: string) => string | undefined;
  /** Forget the complaints under a path once the person changed it. */
  forget: (path: string) => void;
  readOnly: boolean;
}

/** One node of `when`: a group (all / any), a negation, or a test. */
export function ConditionEditor(props: NodeProps) {
  const { node } = props;
  if (node.kind === 'leaf') return <LeafEditor {...props} node={node} />;
  if (node.kind === 'not') return <NotEditor {...props} node={node} />;
  return <GroupEditor {...props} node={node} />;
}

function GroupEditor({ node, path, onChange, onRemove, errorOf, forget, readOnly }: NodeProps & { node: Extract<ConditionNode, { kind: 'all' | 'any' }> }) {
  const { t } = useTranslation();
  const childPath = (i: number) => `${path}.${node.kind}.${i}`;
  const setChildren = (children: ConditionNode[]) => onChange({ ...node, children });
  const ownError = errorOf(`${path}.${node.kind}`) && !errorOf(`${path}.${node.kind}.0`) ? errorOf(`${path}.${node.kind}`) : undefined;
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="routing-group" data-kind={node.kind}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <SegmentedControl
            size="xs"
            value={node.kind}
            disabled={readOnly}
            onChange={(kind) => {
              forget(path);
              onChange({ ...node, kind: kind as 'all' | 'any' });
            }}
            data={[
              { value: 'all', label: t('routing.editor.all') },
              { value: 'any', label: t('routing.editor.any') },
            ]}
            data-testid="routing-group-kind"
          />
          {!readOnly && onRemove && <NodeTools onNegate={() => onChange(newNot(node))} onRemove={onRemove} />}
        </Group>
        {node.children.length === 0 && (
          <Text size="sm" c="dimmed">
            {node.kind === 'all' ? t('routing.editor.emptyAll') : t('routing.editor.emptyAny')}
          </Text>
        )}
        {node.children.map((child, i) => (
          <ConditionEditor
            key={child.key}
            node={child}
            path={childPath(i)}
            onChange={(next) => setChildren(node.children.map((c) => (c.key === child.key ? next : c)))}
            onRemove={() => {
              forget(path);
              setChildren(node.children.filter((c) => c.key !== child.key));
            }}
            errorOf={errorOf}
            forget={forget}
            readOnly={readOnly}
          />
        ))}
        {ownError && (
          <Text size="xs" c="red" role="alert">
            {ownError}
          </Text>
        )}
        {!readOnly && (
          <Group gap="xs">
            <Button size="xs" variant="light" onClick={() => setChildren([...node.children, newLeaf('text')])} data-testid="routing-add-condition">
              {t('routing.editor.addCondition')}
            </Button>
            <Button size="xs" variant="subtle" onClick={() => setChildren([...node.children, newGroup(node.kind === 'all' ? 'any' : 'all', [newLeaf()])])} data-testid="routing-add-group">
              {t('routing.editor.addGroup')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function NotEditor({ node, path, onChange, onRemove, errorOf, forget, readOnly }: NodeProps & { node: Extract<ConditionNode, { kind: 'not' }> }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" radius="sm" bg="var(--mantine-color-gray-light)" data-testid="routing-not">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Text size="sm" fw={600}>
            {t('routing.editor.not')}
          </Text>
          {!readOnly && (
            <Group gap={4}>
              <Button size="compact-xs" variant="subtle" onClick={() => onChange(node.child)} data-testid="routing-unnegate">
                {t('routing.editor.unnegate')}
              </Button>
              {onRemove && (
                <ActionIcon variant="subtle" color="red" onClick={onRemove} aria-label={t('routing.editor.remove')}>
                  ×
                </ActionIcon>
              )}
            </Group>
          )}
        </Group>
        <ConditionEditor
          node={node.child}
          path={`${path}.not`}
          onChange={(child) => onChange({ ...node, child })}
          errorOf={errorOf}
          forget={forget}
          readOnly={readOnly}
        />
      </Stack>
    </Paper>
  );
}

function NodeTools({ onNegate, onRemove }: { onNegate: () => void; onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Button size="compact-xs" variant="subtle" onClick={onNegate} data-testid="routing-negate">
        {t('routing.editor.negate')}
      </Button>
      <ActionIcon variant="subtle" color="red" onClick={onRemove} aria-label={t('routing.editor.remove')} data-testid="routing-remove">
        ×
      </ActionIcon>
    </Group>
  );
}

function LeafEditor({ node, path, onChange, onRemove, errorOf, forget, readOnly }: NodeProps & { node: Leaf }) {
  const { t } = useTranslation();
  const { fieldName, opName } = useRoutingWords();
  const change = (next: ConditionNode) => {
    forget(path);
    onChange(next);
  };
  return (
    <Group align="flex-start" gap="xs" wrap="wrap" data-testid="routing-leaf" data-path={path}>
      <Select
        aria-label={t('routing.editor.field')}
        w={180}
        allowDeselect={false}
        disabled={readOnly}
        value={node.field}
        data={FIELDS.map((field) => ({ value: field, label: fieldName(field) }))}
        onChange={(field) => field && change(withField(node, field as Field))}
        error={errorOf(`${path}.field`)}
        data-testid="routing-leaf-field"
      />
      <Select
        aria-label={t('routing.editor.op')}
        w={190}
        allowDeselect={false}
        disabled={readOnly}
        value={node.op}
        data={opsFor(node.field).map((op) => ({ value: op, label: opName(node.field, op) }))}
        onChange={(op) => op && change(withOp(node, op as Leaf['op']))}
        error={errorOf(`${path}.op`)}
        data-testid="routing-leaf-op"
      />
      <ValueInput node={node} onChange={(value) => change({ ...node, value })} error={errorOf(`${path}.value`)} readOnly={readOnly} />
      {!readOnly && onRemove && <NodeTools onNegate={() => onChange(newNot(node))} onRemove={onRemove} />}
    </Group>
  );
}

/** The input that fits the field and op: a select, a multi-select, keywords, a glob or a number. */
function ValueInput({ node, onChange, error, readOnly }: { node: Leaf; onChange: (value: Leaf['value']) => void; error: string | undefined; readOnly: boolean }) {
  const { t } = useTranslation();
  const { valueName } = useRoutingWords();
  const categoryOptions = useCategoryOptions();
  const regionOptions = useRegionOptions();
  const spec = FIELD_SPECS[node.field];
  const common = { 'aria-label': t('routing.editor.value'), style: { flex: '1 1 14rem' }, miw: 200, disabled: readOnly, error, 'data-testid': 'routing-leaf-value' };
  const list = Array.isArray(node.value) ? node.value.map(String) : [];

  if (node.op === 'matches') {
    return <TextInput {...common} value={String(node.value)} placeholder={t('routing.editor.globPlaceholder')} description={t('routing.editor.globHelp')} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
  if (spec.kind === 'text') {
    return (
      <TagsInput
        {...common}
        value={list}
        onChange={onChange}
        placeholder={t('routing.editor.keywordsPlaceholder')}
        description={t('routing.editor.keywordsHelp')}
        splitChars={[',']}
        clearable
      />
    );
  }
  if (spec.kind === 'count') {
    if (node.op === 'in')
      return <TagsInput {...common} value={list} onChange={(values) => onChange(values.map(Number).filter((n) => Number.isInteger(n) && n >= 0))} placeholder="1, 2" />;
    return <NumberInput {...common} min={0} allowDecimal={false} value={typeof node.value === 'number' ? node.value : 0} onChange={(v) => onChange(typeof v === 'number' ? v : 0)} />;
  }
  const options =
    spec.kind === 'category'
      ? categoryOptions
      : spec.kind === 'region'
        ? regionOptions
        : (spec.values ?? []).map((value) => ({ value, label: valueName(node.field, value) }));
  const known = new Set(options.flatMap((o) => ('items' in o ? o.items.map((i) => i.value) : [o.value])));
  // A value the lists do not know (a retired category) still shows.
  const current = Array.isArray(node.value) ? list : [String(node.value)];
  const extra = current.filter((v) => v !== '' && !known.has(v)).map((v) => ({ value: v, label: v }));
  const data = [...options, ...extra];
  if (node.op === 'in' || node.op === 'contains_any') return <MultiSelect {...common} searchable value={list} data={data} onChange={onChange} />;
  return <Select {...common} searchable allowDeselect={false} value={String(node.value) || null} data={data} onChange={(v) => onChange(v ?? '')} />;
}
