// The rule editor's form model: a condition tree with stable keys (React lists), converted to
// and from the API's `when`; the actions; a one-line summary; a line diff of two versions.
import {
  ACTION_KINDS,
  FIELD_SPECS,
  type ActionKind,
  type Condition,
  type Field,
  type LeafValue,
  type Op,
  type RuleAction,
  type RuleInput,
} from './types';

export type ConditionNode =
  | { key: string; kind: 'all' | 'any'; children: ConditionNode[] }
  | { key: string; kind: 'not'; child: ConditionNode }
  | { key: string; kind: 'leaf'; field: Field; op: Op; value: LeafValue };

export interface ActionDraft {
  key: string;
  action: ActionKind;
  /** team, authority, priority, flag or strategy: what the action names. */
  target: string;
  items: string[];
}

export interface RuleDraft {
  name: string;
  order: number | '';
  enabled: boolean;
  when: ConditionNode;
  then: ActionDraft[];
}

let counter = 0;
const newKey = () => `n${++counter}`;

const isList = (value: LeafValue): value is readonly string[] | readonly number[] => Array.isArray(value);

/** The API's `when` as a tree the form edits. */
export function toNode(condition: Condition): ConditionNode {
  if ('all' in condition) return { key: newKey(), kind: 'all', children: condition.all.map(toNode) };
  if ('any' in condition) return { key: newKey(), kind: 'any', children: condition.any.map(toNode) };
  if ('not' in condition) return { key: newKey(), kind: 'not', child: toNode(condition.not) };
  return { key: newKey(), kind: 'leaf', field: condition.field, op: condition.op, value: condition.value };
}

/** The form's tree as the API's `when`. */
export function toCondition(node: ConditionNode): Condition {
  switch (node.kind) {
    case 'all':
      return { all: node.children.map(toCondition) };
    case 'any':
      return { any: node.children.map(toCondition) };
    case 'not':
      return { not: toCondition(node.child) };
    case 'leaf':
      return { field: node.field, op: node.op, value: node.value };
  }
}

/** The ops that apply to a field, in the engine's order. */
export function opsFor(field: Field): readonly Op[] {
  return FIELD_SPECS[field].ops;
}

const takesList = (op: Op) => op === 'in' || op === 'contains_any';

/** A value of the right shape for the field and op, keeping what it can of the old one. */
export function fitValue(field: Field, op: Op, value: LeafValue): LeafValue {
  const count = FIELD_SPECS[field].kind === 'count';
  const values = FIELD_SPECS[field].values;
  const keep = (v: string | number) => (values && op !== 'matches' ? values.includes(String(v)) : true);
  const parts = (isList(value) ? [...value] : value === '' ? [] : [value]).filter(keep);
  if (takesList(op)) return count ? parts.map(Number).filter((n) => Number.isFinite(n)) : parts.map(String);
  const first = parts[0];
  if (count) return typeof first === 'number' ? first : first !== undefined && first !== '' && Number.isFinite(Number(first)) ? Number(first) : 0;
  return first === undefined ? '' : String(first);
}

/** A leaf after its field changed: the op stays if it still applies, the value is refitted. */
export function withField(node: Extract<ConditionNode, { kind: 'leaf' }>, field: Field): ConditionNode {
  const ops = opsFor(field);
  const op = ops.includes(node.op) ? node.op : ops[0]!;
  const value = FIELD_SPECS[field].kind === FIELD_SPECS[node.field].kind ? fitValue(field, op, node.value) : fitValue(field, op, '');
  return { ...node, field, op, value };
}

export function withOp(node: Extract<ConditionNode, { kind: 'leaf' }>, op: Op): ConditionNode {
  return { ...node, op, value: fitValue(node.field, op, node.value) };
}

export function newLeaf(field: Field = 'category'): ConditionNode {
  const op = opsFor(field)[0]!;
  return { key: newKey(), kind: 'leaf', field, op, value: fitValue(field, op, '') };
}

export function newGroup(kind: 'all' | 'any' = 'all', children: ConditionNode[] = []): ConditionNode {
  return { key: newKey(), kind, children };
}

export function newNot(child: ConditionNode = newLeaf()): ConditionNode {
  return { key: newKey(), kind: 'not', child };
}

const ACTION_TARGET: Record<ActionKind, string | null> = {
  set_team: 'team',
  set_priority: 'value',
  add_flag: 'value',
  set_assignment: 'strategy',
  raise_critical: 'authority',
  add_checklist: null,
};
/** The key of an action's input (`then.0.team`), for placing server complaints. */
export function actionInputKey(kind: ActionKind): string {
  return ACTION_TARGET[kind] ?? 'items';
}

export function toActionDraft(action: RuleAction): ActionDraft {
  const field = ACTION_TARGET[action.action];
  const record = action as unknown as Record<string, unknown>;
  return {
    key: newKey(),
    action: action.action,
    target: field ? String(record[field] ?? '') : '',
    items: action.action === 'add_checklist' ? [...action.items] : [],
  };
}

export function toAction(draft: ActionDraft): RuleAction {
  switch (draft.action) {
    case 'set_team':
      return { action: 'set_team', team: draft.target };
    case 'set_priority':
      return { action: 'set_priority', value: draft.target };
    case 'add_flag':
      return { action: 'add_flag', value: draft.target };
    case 'set_assignment':
      return { action: 'set_assignment', strategy: draft.target };
    case 'raise_critical':
      return { action: 'raise_critical', authority: draft.target };
    case 'add_checklist':
      return { action: 'add_checklist', items: draft.items.map((item) => item.trim()).filter((item) => item !== '') };
  }
}

export function newAction(kind: ActionKind = ACTION_KINDS[0]): ActionDraft {
  return { key: newKey(), action: kind, target: '', items: [] };
}

export function toDraft(rule: RuleInput): RuleDraft {
  return { name: rule.name, order: rule.order, enabled: rule.enabled, when: toNode(rule.when), then: rule.then.map(toActionDraft) };
}

export function emptyDraft(order: number): RuleDraft {
  return { name: '', order, enabled: true, when: newGroup('all', [newLeaf('text')]), then: [newAction('set_team')] };
}

/** The draft as the API takes it; an empty order is sent as is for the server to name. */
export function toInput(draft: RuleDraft): RuleInput {
  return { name: draft.name.trim(), order: draft.order === '' ? Number.NaN : draft.order, enabled: draft.enabled, when: toCondition(draft.when), then: draft.then.map(toAction) };
}

/** Replaces the node with `key` anywhere in the tree (`null` removes it from its group). */
export function replaceNode(root: ConditionNode, key: string, next: ConditionNode | null): ConditionNode {
  if (root.key === key) return next ?? newGroup('all');
  switch (root.kind) {
    case 'all':
    case 'any': {
      const children = root.children.flatMap((child) => {
        if (child.key === key) return next ? [next] : [];
        return [replaceNode(child, key, next)];
      });
      return { ...root, children };
    }
    case 'not':
      return root.child.key === key && !next ? { ...root, child: newLeaf() } : { ...root, child: replaceNode(root.child, key, next) };
    case 'leaf':
      return root;
  }
}

// ---------------------------------------------------------------------------- summary

/** How summaries name things, in the UI language. */
export interface SummaryWords {
  field: (field: Field) => string;
  op: (field: Field, op: Op) => string;
  value: (field: Field, value: string | number) => string;
  and: string;
  or: string;
  not: (inner: string) => string;
  always: string;
  /** Between actions: "; " ("；" in Chinese). */
  separator: string;
  action: (action: RuleAction) => string;
}

function describeValue(field: Field, op: Op, value: LeafValue, words: SummaryWords): string {
  if (op === 'matches') return String(value);
  const each = (isList(value) ? [...value] : [value]).map((v) => (FIELD_SPECS[field].kind === 'text' ? `“${String(v)}”` : words.value(field, v)));
  return each.join(', ');
}

/** The conditions in one line: `Text contains any of “saman” and Language is Malay`. */
export function summarizeCondition(node: Condition, words: SummaryWords, nested = false): string {
  if ('all' in node || 'any' in node) {
    const [children, joiner] = 'all' in node ? [node.all, words.and] : [node.any, words.or];
    if (children.length === 0) return words.always;
    const text = children.map((child) => summarizeCondition(child, words, true)).join(` ${joiner} `);
    return nested && children.length > 1 ? `(${text})` : text;
  }
  if ('not' in node) return words.not(summarizeCondition(node.not, words, true));
  return `${words.field(node.field)} ${words.op(node.field, node.op)} ${describeValue(node.field, node.op, node.value, words)}`;
}

/** A rule in one line: conditions → actions. */
export function summarizeRule(rule: Pick<RuleInput, 'when' | 'then'>, words: SummaryWords): string {
  return `${summarizeCondition(rule.when, words)} → ${rule.then.map(words.action).join(words.separator)}`;
}

// ---------------------------------------------------------------------------- diff

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

// The database keeps JSON keys in its own order; a diff reads better in the order people write.
const KEY_ORDER = ['name', 'order', 'enabled', 'when', 'then', 'all', 'any', 'not', 'action', 'field', 'op', 'value', 'team', 'authority', 'strategy', 'items'];
const rank = (key: string) => (KEY_ORDER.includes(key) ? KEY_ORDER.indexOf(key) : KEY_ORDER.length);

function ordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ordered);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
  return Object.fromEntries(entries.map(([key, inner]) => [key, ordered(inner)]));
}

/** A version as lines of JSON, the parts people change in a fixed order. */
export function versionLines(rule: RuleInput): string[] {
  const { name, order, enabled, when, then } = rule;
  return JSON.stringify(ordered({ name, order, enabled, when, then }), null, 2).split('\n');
}

/** A line diff by longest common subsequence: removed lines of `before`, added of `after`. */
export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  const n = before.length;
  const m = after.length;
  // lcs[i][j]: the longest common subsequence of before[i..] and after[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = before[i] === after[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      lines.push({ kind: 'same', text: before[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) lines.push({ kind: 'removed', text: before[i++]! });
    else lines.push({ kind: 'added', text: after[j++]! });
  }
  while (i < n) lines.push({ kind: 'removed', text: before[i++]! });
  while (j < m) lines.push({ kind: 'added', text: after[j++]! });
  return lines;
}

/** The live ruleset with the edited rule replaced by its draft (or the draft added, for a new rule). */
export function rulesetWithDraft(live: readonly (RuleInput & { id: string })[], id: string | undefined, draft: RuleInput): RuleInput[] {
  const inputOf = ({ name, enabled, order, when, then }: RuleInput): RuleInput => ({ name, enabled, order, when, then });
  const others = live.filter((rule) => rule.id !== id).map(inputOf);
  return [...others, draft].sort((a, b) => a.order - b.order);
}

/**
 * The field complaints about one rule of a ruleset sent for a dry run or replay, named as the
 * editor names them: `rules[2].when.all[0].op` → `when.all[0].op` for the rule at index 2.
 */
export function problemsOfRule<P extends { field: string }>(problems: readonly P[], index: number): P[] {
  const prefix = new RegExp(`^/?rules(?:\\[${index}\\]|[./]${index})[./]`);
  return problems.filter((p) => prefix.test(p.field)).map((p) => ({ ...p, field: p.field.replace(prefix, '') }));
}
