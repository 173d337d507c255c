/**
 * Routing rules (issue 4, DESIGN C2): the rule format, its validation and its evaluation
 * against a case's facts, with a trace of why each rule matched or not. Pure: no database,
 * no clock; team and authority ids are checked by the caller (`referencedIds`).
 *
 * Semantics, decided here once:
 * - Rules run in `order` (ascending; equal orders keep their array position). Disabled rules
 *   are skipped, rules that fail `ruleProblems` are reported as invalid and skipped.
 * - Every rule sees the same facts: an earlier rule's `set_priority` or `add_flag` does not
 *   change what a later rule's conditions read (one pass, no chaining).
 * - set_team, set_priority, set_assignment, raise_critical: the first matching rule (by
 *   order) that has the action wins; later ones are reported as shadowed. One critical
 *   escalation per evaluation, so raise_critical is first-wins too.
 * - add_flag and add_checklist accumulate over every matching rule; a flag or checklist item
 *   that an earlier rule already added is credited to that earlier rule only.
 * - Priorities compare by urgency, P1 most urgent: `priority gte P2` means "P2 or more
 *   urgent" (P1, P2); `priority lte P3` means "P3 or less urgent" (P3, P4).
 * - `matches` takes a glob (`*` only, case-sensitive; see platform/text/glob.ts), never a
 *   regular expression.
 * - `contains_any` on title / description / text (either of the two): keywords are folded
 *   like search (case, accents, full width). A keyword with a Han character matches anywhere
 *   in the text, without word boundaries ("律师" in "我要找律师起诉你们"). Other keywords match
 *   whole words only: "lawyer" matches "Lawyer," but not "lawyers", "saman" not "samannya";
 *   a keyword of several words matches them as a phrase (adjacent, in order), and a trailing
 *   `*` makes the last word a prefix ("saman*" matches "samannya", "lawyer*" "lawyers").
 * - `contains_any` and `in` on flags both mean "has any of".
 * - A fact that is null (a region not known) equals nothing: eq, in and matches are false,
 *   neq is true.
 *
 * Rules are compiled once (folded keywords, globs) and cached by object identity: treat a
 * rule object as immutable once evaluated; a saved change is a new object (a new version).
 */
import { ACCOUNT_TIERS, ACCOUNT_TYPES, ASSIGNMENT_STRATEGIES, type AssignmentStrategy, LOCALES, PRIORITIES, RISK_FLAGS, SOURCES } from '../../db/schema.js';
import type { FieldErrorCode } from '../../platform/errors.js';
import { compileGlob } from '../../platform/text/glob.js';
import { foldText, hasHan } from '../../platform/text/search-tokens.js';

// ---------------------------------------------------------------------------- the format

export const FIELDS = [
  'category', 'region', 'language', 'source', 'account.type', 'account.tier',
  'title', 'description', 'text', 'priority', 'flags', 'repeat_count_30d',
] as const;
export type Field = (typeof FIELDS)[number];

export const OPS = ['eq', 'neq', 'in', 'matches', 'contains_any', 'gte', 'lte'] as const;
export type Op = (typeof OPS)[number];

export const ACTION_KINDS = ['set_team', 'set_priority', 'add_flag', 'set_assignment', 'raise_critical', 'add_checklist'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

// The assignment strategies are the teams' (db/schema.ts); rules name the same ones.
export { ASSIGNMENT_STRATEGIES, type AssignmentStrategy };
export type RulePriority = (typeof PRIORITIES)[number];
export type RiskFlag = (typeof RISK_FLAGS)[number];

export const LIMITS = {
  /** Levels of conditions, `when` itself being level 1: all / any / not may open levels 1 to 9, tests sit at 10 at most. */
  depth: 10,
  /** Leaf conditions in one rule. */
  conditions: 200,
  /** Entries of one `in` or keyword list. */
  listLength: 500,
  /** Characters of one value, keyword or glob. */
  valueLength: 200,
  actions: 50,
  checklistItems: 50,
  checklistItemLength: 500,
  nameLength: 200,
} as const;

export type LeafValue = string | number | readonly string[] | readonly number[];
export interface LeafCondition {
  field: Field;
  op: Op;
  value: LeafValue;
}
export type Condition = { all: readonly Condition[] } | { any: readonly Condition[] } | { not: Condition } | LeafCondition;

export type RuleAction =
  | { action: 'set_team'; team: string }
  | { action: 'set_priority'; value: RulePriority }
  | { action: 'add_flag'; value: RiskFlag }
  | { action: 'set_assignment'; strategy: AssignmentStrategy }
  | { action: 'raise_critical'; authority: string }
  | { action: 'add_checklist'; items: readonly string[] };
export type ActionOf<K extends ActionKind> = Extract<RuleAction, { action: K }>;

export interface RoutingRule {
  /** Set once stored; a case records the id and version of the rule that decided. */
  id?: string;
  version?: number;
  name: string;
  enabled: boolean;
  order: number;
  when: Condition;
  then: readonly RuleAction[];
}

/** What rules look at: a case (or a draft of one) and its account. */
export interface RoutingFacts {
  category: string;
  region: string | null;
  language: string;
  source: string;
  account: { type: string; tier: string };
  title: string;
  description: string;
  priority: string;
  flags: readonly string[];
  /** The account's cases in the same category in the last 30 days. */
  repeat_count_30d: number;
}

/** A complaint about a rule, shaped like the API's field errors. */
export interface RuleProblem {
  field: string;
  message: string;
  code: FieldErrorCode;
  params?: Record<string, string | number>;
}

// ---------------------------------------------------------------------------- fields and ops

type FieldKind = 'code' | 'text' | 'priority' | 'flags' | 'count';
interface FieldSpec {
  kind: FieldKind;
  ops: readonly Op[];
  /** The values eq / in may name, when the field is an enumeration. */
  values?: readonly string[];
}
const CODE_OPS: readonly Op[] = ['eq', 'neq', 'in', 'matches'];
const TEXT_OPS: readonly Op[] = ['contains_any'];
export const FIELD_SPECS: Readonly<Record<Field, FieldSpec>> = {
  category: { kind: 'code', ops: CODE_OPS },
  region: { kind: 'code', ops: CODE_OPS },
  language: { kind: 'code', ops: CODE_OPS, values: LOCALES },
  source: { kind: 'code', ops: CODE_OPS, values: SOURCES },
  'account.type': { kind: 'code', ops: CODE_OPS, values: ACCOUNT_TYPES },
  'account.tier': { kind: 'code', ops: CODE_OPS, values: ACCOUNT_TIERS },
  title: { kind: 'text', ops: TEXT_OPS },
  description: { kind: 'text', ops: TEXT_OPS },
  text: { kind: 'text', ops: TEXT_OPS },
  priority: { kind: 'priority', ops: ['eq', 'neq', 'in', 'gte', 'lte'], values: PRIORITIES },
  flags: { kind: 'flags', ops: ['contains_any', 'in'], values: RISK_FLAGS },
  repeat_count_30d: { kind: 'count', ops: ['eq', 'neq', 'in', 'gte', 'lte'] },
};

const ACTION_KEYS: Readonly<Record<ActionKind, string>> = {
  set_team: 'team',
  set_priority: 'value',
  add_flag: 'value',
  set_assignment: 'strategy',
  raise_critical: 'authority',
  add_checklist: 'items',
};
/** Action kinds where the first rule wins; the others accumulate. */
const SINGLE_KINDS: ReadonlySet<ActionKind> = new Set(['set_team', 'set_priority', 'set_assignment', 'raise_critical']);

// ---------------------------------------------------------------------------- validation

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const at = (path: string, key: string) => (path ? `${path}.${key}` : key);
const list = (values: readonly string[]) => values.join(', ');
const has = (values: readonly string[], v: unknown): boolean => typeof v === 'string' && values.includes(v);

/**
 * Every problem of a rule (or of anything claiming to be one), each naming the path of the
 * offending part below `path` (e.g. `when.all[1].op`). Empty when the rule can be saved and
 * evaluated. Does not check that team or authority ids exist: see `referencedIds`.
 */
export function ruleProblems(rule: unknown, path = ''): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const add = (field: string, code: FieldErrorCode, message: string, params?: RuleProblem['params']) =>
    problems.push({ field, message, code, ...(params ? { params } : {}) });
  if (!isObject(rule)) {
    add(path, 'wrong_type', 'must be an object');
    return problems;
  }
  const name = rule['name'];
  if (name === undefined) add(at(path, 'name'), 'required', 'is required');
  else if (typeof name !== 'string') add(at(path, 'name'), 'wrong_type', 'must be a string');
  else if (name.trim() === '') add(at(path, 'name'), 'empty', 'must not be empty');
  else if (name.length > LIMITS.nameLength) add(at(path, 'name'), 'too_long', `must be at most ${LIMITS.nameLength} characters`, { max: LIMITS.nameLength });
  if (rule['enabled'] === undefined) add(at(path, 'enabled'), 'required', 'is required');
  else if (typeof rule['enabled'] !== 'boolean') add(at(path, 'enabled'), 'wrong_type', 'must be true or false');
  const order = rule['order'];
  if (order === undefined) add(at(path, 'order'), 'required', 'is required');
  else if (typeof order !== 'number' || !Number.isSafeInteger(order)) add(at(path, 'order'), 'wrong_type', 'must be an integer');
  if (rule['when'] === undefined) add(at(path, 'when'), 'required', 'is required');
  else {
    const counter = { leaves: 0 };
    conditionProblems(rule['when'], at(path, 'when'), 1, counter, add);
    if (counter.leaves > LIMITS.conditions)
      add(at(path, 'when'), 'out_of_range', `has ${counter.leaves} conditions; at most ${LIMITS.conditions} are allowed`, { max: LIMITS.conditions });
  }
  actionsProblems(rule['then'], at(path, 'then'), add);
  return problems;
}

type Add = (field: string, code: FieldErrorCode, message: string, params?: RuleProblem['params']) => void;

function conditionProblems(node: unknown, path: string, depth: number, counter: { leaves: number }, add: Add): void {
  if (!isObject(node)) {
    add(path, 'wrong_type', 'must be a condition: { all: [...] }, { any: [...] }, { not: ... } or { field, op, value }');
    return;
  }
  const keys = Object.keys(node);
  const groupKeys = keys.filter((k) => k === 'all' || k === 'any' || k === 'not');
  if (groupKeys.length > 0) {
    if (groupKeys.length > 1 || keys.length > 1 || 'field' in node) {
      add(path, 'invalid', 'must have exactly one of all, any, not — or be a { field, op, value } test');
      return;
    }
    if (depth >= LIMITS.depth) {
      add(path, 'out_of_range', `nests deeper than ${LIMITS.depth} levels`, { max: LIMITS.depth });
      return;
    }
    const key = groupKeys[0]!;
    const inner = node[key];
    if (key === 'not') {
      conditionProblems(inner, at(path, 'not'), depth + 1, counter, add);
      return;
    }
    if (!Array.isArray(inner)) {
      add(at(path, key), 'wrong_type', 'must be a list of conditions');
      return;
    }
    if (key === 'any' && inner.length === 0) add(at(path, key), 'empty', 'any of no conditions never matches');
    inner.forEach((child, i) => conditionProblems(child, `${at(path, key)}[${i}]`, depth + 1, counter, add));
    return;
  }
  counter.leaves++;
  leafProblems(node, path, add);
}

function leafProblems(node: Record<string, unknown>, path: string, add: Add): void {
  for (const key of Object.keys(node))
    if (key !== 'field' && key !== 'op' && key !== 'value') add(at(path, key), 'unknown_field', `unknown key "${key}"; a test has field, op and value`);
  const { field, op, value } = node;
  if (field === undefined) add(at(path, 'field'), 'required', 'is required');
  else if (!has(FIELDS, field)) add(at(path, 'field'), 'unknown_field', `unknown field ${JSON.stringify(field)}; one of ${list(FIELDS)}`, { allowed: list(FIELDS) });
  if (op === undefined) add(at(path, 'op'), 'required', 'is required');
  else if (!has(OPS, op)) add(at(path, 'op'), 'one_of', `unknown op ${JSON.stringify(op)}; one of ${list(OPS)}`, { allowed: list(OPS) });
  if (!has(FIELDS, field) || !has(OPS, op)) {
    if (value === undefined) add(at(path, 'value'), 'required', 'is required');
    return;
  }
  const spec = FIELD_SPECS[field as Field];
  if (!spec.ops.includes(op as Op)) {
    add(at(path, 'op'), 'one_of', `${op as string} does not apply to ${field as string}; use ${list(spec.ops)}`, { allowed: list(spec.ops) });
    return;
  }
  valueProblems(field as Field, op as Op, value, at(path, 'value'), add);
}

function valueProblems(field: Field, op: Op, value: unknown, path: string, add: Add): void {
  const spec = FIELD_SPECS[field];
  if (value === undefined) {
    add(path, 'required', 'is required');
    return;
  }
  const oneValue = (v: unknown, p: string): void => {
    if (spec.kind === 'count') {
      if (typeof v !== 'number') add(p, 'wrong_type', 'must be a number');
      else if (!Number.isSafeInteger(v) || v < 0) add(p, 'out_of_range', 'must be a whole number, 0 or more', { min: 0 });
      return;
    }
    if (typeof v !== 'string') add(p, 'wrong_type', 'must be a string');
    else if (v === '') add(p, 'empty', 'must not be empty');
    else if (v.length > LIMITS.valueLength) add(p, 'too_long', `must be at most ${LIMITS.valueLength} characters`, { max: LIMITS.valueLength });
    else if (spec.values && !spec.values.includes(v)) add(p, 'one_of', `${JSON.stringify(v)} is not a ${field}; one of ${list(spec.values)}`, { allowed: list(spec.values) });
  };
  const aList = (check: (v: unknown, p: string) => void): void => {
    if (!Array.isArray(value)) add(path, 'wrong_type', 'must be a list');
    else if (value.length === 0) add(path, 'empty', 'must not be empty');
    else if (value.length > LIMITS.listLength) add(path, 'too_long', `must have at most ${LIMITS.listLength} entries`, { max: LIMITS.listLength });
    else value.forEach((v, i) => check(v, `${path}[${i}]`));
  };
  switch (op) {
    case 'eq':
    case 'neq':
    case 'gte':
    case 'lte':
      return oneValue(value, path);
    case 'in':
      return aList(oneValue);
    case 'contains_any':
      return aList(spec.kind === 'flags' ? oneValue : keywordProblems(add));
    case 'matches':
      if (typeof value !== 'string') add(path, 'wrong_type', 'must be a glob (a string where * stands for any text)');
      else if (value === '') add(path, 'empty', 'must not be empty; * matches everything');
      else if (value.length > LIMITS.valueLength) add(path, 'too_long', `must be at most ${LIMITS.valueLength} characters`, { max: LIMITS.valueLength });
      else if (spec.values && !spec.values.some(compileGlob(value)))
        add(path, 'one_of', `${JSON.stringify(value)} matches no ${field}; ${field} is one of ${list(spec.values)}`, { allowed: list(spec.values) });
      return;
  }
}

const keywordProblems = (add: Add) => (v: unknown, p: string): void => {
  if (typeof v !== 'string') return add(p, 'wrong_type', 'must be a string');
  if (v.trim() === '') return add(p, 'empty', 'must not be empty');
  if (v.length > LIMITS.valueLength) return add(p, 'too_long', `must be at most ${LIMITS.valueLength} characters`, { max: LIMITS.valueLength });
  const trimmed = v.trim();
  const star = trimmed.indexOf('*');
  if (star >= 0 && (hasHan(trimmed) || star !== trimmed.length - 1))
    return add(p, 'format', 'may use * only at the very end of a Malay/English keyword (a word prefix); Chinese keywords match anywhere already');
  if (!hasHan(v) && wordsOf(foldText(trimmed.replace(/\*$/, ''))).length === 0) add(p, 'format', 'has no letters or digits');
};

function actionsProblems(then: unknown, path: string, add: Add): void {
  if (then === undefined) return add(path, 'required', 'is required');
  if (!Array.isArray(then)) return add(path, 'wrong_type', 'must be a list of actions');
  if (then.length === 0) return add(path, 'empty', 'a rule must do something: add at least one action');
  if (then.length > LIMITS.actions) return add(path, 'too_long', `must have at most ${LIMITS.actions} actions`, { max: LIMITS.actions });
  const seen = new Map<string, number>();
  then.forEach((action, i) => {
    const p = `${path}[${i}]`;
    if (!isObject(action)) return add(p, 'wrong_type', 'must be an action object');
    const kind = action['action'];
    if (kind === undefined) return add(at(p, 'action'), 'required', 'is required');
    if (!has(ACTION_KINDS, kind)) return add(at(p, 'action'), 'one_of', `unknown action ${JSON.stringify(kind)}; one of ${list(ACTION_KINDS)}`, { allowed: list(ACTION_KINDS) });
    const k = kind as ActionKind;
    const key = ACTION_KEYS[k];
    for (const other of Object.keys(action))
      if (other !== 'action' && other !== key) add(at(p, other), 'unknown_field', `unknown key "${other}"; ${k} takes ${key}`);
    if (SINGLE_KINDS.has(k)) {
      const first = seen.get(k);
      if (first !== undefined) add(at(p, 'action'), 'invalid', `${k} appears twice in this rule (first at ${path}[${first}])`);
      else seen.set(k, i);
    }
    const value = action[key];
    const vp = at(p, key);
    if (value === undefined) return add(vp, 'required', 'is required');
    switch (k) {
      case 'set_team':
      case 'raise_critical':
        if (typeof value !== 'string') add(vp, 'wrong_type', `must be a ${k === 'set_team' ? 'team' : 'authority'} id`);
        else if (value.trim() === '') add(vp, 'empty', 'must not be empty');
        else if (value.length > LIMITS.valueLength) add(vp, 'too_long', `must be at most ${LIMITS.valueLength} characters`, { max: LIMITS.valueLength });
        return;
      case 'set_priority':
        if (!has(PRIORITIES, value)) add(vp, 'one_of', `must be one of ${list(PRIORITIES)}`, { allowed: list(PRIORITIES) });
        return;
      case 'add_flag':
        if (!has(RISK_FLAGS, value)) add(vp, 'one_of', `must be one of ${list(RISK_FLAGS)}`, { allowed: list(RISK_FLAGS) });
        return;
      case 'set_assignment':
        if (!has(ASSIGNMENT_STRATEGIES, value)) add(vp, 'one_of', `must be one of ${list(ASSIGNMENT_STRATEGIES)}`, { allowed: list(ASSIGNMENT_STRATEGIES) });
        return;
      case 'add_checklist':
        if (!Array.isArray(value)) return add(vp, 'wrong_type', 'must be a list of checklist items');
        if (value.length === 0) return add(vp, 'empty', 'must not be empty');
        if (value.length > LIMITS.checklistItems) return add(vp, 'too_long', `must have at most ${LIMITS.checklistItems} items`, { max: LIMITS.checklistItems });
        value.forEach((item: unknown, j) => {
          if (typeof item !== 'string') add(`${vp}[${j}]`, 'wrong_type', 'must be a string');
          else if (item.trim() === '') add(`${vp}[${j}]`, 'empty', 'must not be empty');
          else if (item.length > LIMITS.checklistItemLength)
            add(`${vp}[${j}]`, 'too_long', `must be at most ${LIMITS.checklistItemLength} characters`, { max: LIMITS.checklistItemLength });
        });
        return;
    }
  });
}

export interface RuleReference {
  kind: 'team' | 'authority';
  id: string;
  /** Where the rule names it, e.g. `then[0].team`. */
  field: string;
}

/**
 * The team and authority ids a rule names (distinct, in order), and where, so the caller can
 * check them against the database and name the offending path. Tolerates malformed input.
 */
export function referencedIds(rule: unknown, path = ''): { teams: string[]; authorities: string[]; references: RuleReference[] } {
  const references: RuleReference[] = [];
  const then = isObject(rule) ? rule['then'] : undefined;
  if (Array.isArray(then))
    then.forEach((action: unknown, i) => {
      if (!isObject(action)) return;
      const p = `${at(path, 'then')}[${i}]`;
      if (action['action'] === 'set_team' && typeof action['team'] === 'string') references.push({ kind: 'team', id: action['team'], field: at(p, 'team') });
      if (action['action'] === 'raise_critical' && typeof action['authority'] === 'string')
        references.push({ kind: 'authority', id: action['authority'], field: at(p, 'authority') });
    });
  const ids = (kind: RuleReference['kind']) => [...new Set(references.filter((r) => r.kind === kind).map((r) => r.id))];
  return { teams: ids('team'), authorities: ids('authority'), references };
}

// ---------------------------------------------------------------------------- text

const HAN_RUN = /\p{Script=Han}+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

/** The Latin-script (and other spaced-script) words of folded text; Han runs separate words. */
function wordsOf(folded: string): string[] {
  return folded.replace(HAN_RUN, ' ').match(WORD) ?? [];
}
const collapse = (folded: string) => folded.replace(/\s+/gu, ' ');

interface TextView {
  folded: string;
  words: string[];
  wordSet: Set<string>;
}
function textView(text: string): TextView {
  const folded = collapse(foldText(text));
  const words = wordsOf(folded);
  return { folded, words, wordSet: new Set(words) };
}

type Keyword = { source: string; han: true; needle: string } | { source: string; han: false; words: string[]; prefix: boolean };

function compileKeyword(source: string): Keyword {
  if (hasHan(source)) return { source, han: true, needle: collapse(foldText(source.trim())) };
  const trimmed = source.trim();
  const prefix = trimmed.endsWith('*');
  return { source, han: false, words: wordsOf(foldText(prefix ? trimmed.slice(0, -1) : trimmed)), prefix };
}

function keywordIn(keyword: Keyword, text: TextView): boolean {
  if (keyword.han) return text.folded.includes(keyword.needle);
  const { words, prefix } = keyword;
  const n = words.length;
  const last = words[n - 1]!;
  if (n === 1 && !prefix) return text.wordSet.has(last);
  if (!text.wordSet.has(words[0]!) && !(n === 1 && prefix)) return false;
  for (let i = 0; i + n <= text.words.length; i++) {
    let ok = true;
    for (let j = 0; j < n - 1 && ok; j++) ok = text.words[i + j] === words[j];
    const w = text.words[i + n - 1]!;
    if (ok && (prefix ? w.startsWith(last) : w === last)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------- evaluation

/** The rule that set something, as a case records it. */
export interface RuleRef {
  id?: string;
  version?: number;
  name: string;
  order: number;
}

/** Why a condition held or not. `decidedBy` is the path of the leaf whose result settled it. */
export type ConditionTrace =
  | { kind: 'all' | 'any'; path: string; result: boolean; decidedBy: string; children: ConditionTrace[]; notEvaluated: number }
  | { kind: 'not'; path: string; result: boolean; decidedBy: string; child: ConditionTrace }
  | {
      kind: 'leaf';
      path: string;
      result: boolean;
      decidedBy: string;
      field: Field;
      op: Op;
      value: LeafValue;
      /** The fact's value (texts cut to 200 characters). */
      actual: unknown;
      /** contains_any: the keywords or flags found. */
      found?: string[];
    };

export interface Decision<A extends RuleAction = RuleAction> {
  action: A;
  rule: RuleRef;
}

export interface RoutingOutcome {
  set_team?: Decision<ActionOf<'set_team'>>;
  set_priority?: Decision<ActionOf<'set_priority'>>;
  set_assignment?: Decision<ActionOf<'set_assignment'>>;
  raise_critical?: Decision<ActionOf<'raise_critical'>>;
  /** One entry per distinct flag, credited to the first rule that added it. */
  add_flag: Decision<ActionOf<'add_flag'>>[];
  /** One entry per matching rule that added new items; each holds only items not added before. */
  add_checklist: Decision<ActionOf<'add_checklist'>>[];
}

export interface ActionEffect {
  /** `then[i]` of the rule. */
  path: string;
  action: RuleAction;
  applied: boolean;
  /** When not applied: the earlier rule that had already decided this. */
  shadowedBy?: RuleRef;
}

export interface RuleTrace {
  rule: RuleRef;
  status: 'matched' | 'not_matched' | 'skipped' | 'invalid';
  /** One line for people: which condition decided, or why the rule was skipped. */
  reason: string;
  condition?: ConditionTrace;
  /** Matched rules: what each action did. */
  effects?: ActionEffect[];
  problems?: RuleProblem[];
}

export interface RoutingEvaluation {
  outcome: RoutingOutcome;
  trace: RuleTrace[];
}

interface Context {
  facts: RoutingFacts;
  texts: Map<'title' | 'description', TextView>;
  /** Traces keep the facts' values (a dry run shows them); deciding alone does not need them. */
  explain: boolean;
}
type Test = (ctx: Context) => ConditionTrace;
type Compiled = { ok: true; test: Test } | { ok: false; problems: RuleProblem[] };

const compiledRules = new WeakMap<RoutingRule, Compiled>();

function compileRule(rule: RoutingRule): Compiled {
  let compiled = compiledRules.get(rule);
  if (!compiled) {
    const problems = ruleProblems(rule);
    compiled = problems.length > 0 ? { ok: false, problems } : { ok: true, test: compileCondition(rule.when, 'when') };
    compiledRules.set(rule, compiled);
  }
  return compiled;
}

function compileCondition(node: Condition, path: string): Test {
  if ('all' in node || 'any' in node) {
    const isAll = 'all' in node;
    const key = isAll ? 'all' : 'any';
    const children = (isAll ? node.all : (node as { any: readonly Condition[] }).any).map((c, i) => compileCondition(c, `${path}.${key}[${i}]`));
    return (ctx) => {
      const traces: ConditionTrace[] = [];
      // all stops at the first false, any at the first true.
      for (const child of children) {
        const trace = child(ctx);
        traces.push(trace);
        if (trace.result !== isAll) break;
      }
      const last = traces[traces.length - 1];
      const result = last ? last.result : isAll;
      return { kind: key, path, result, decidedBy: last ? last.decidedBy : path, children: traces, notEvaluated: children.length - traces.length };
    };
  }
  if ('not' in node) {
    const child = compileCondition(node.not, `${path}.not`);
    return (ctx) => {
      const trace = child(ctx);
      return { kind: 'not', path, result: !trace.result, decidedBy: trace.decidedBy, child: trace };
    };
  }
  return compileLeaf(node, path);
}

const RANK: Readonly<Record<string, number>> = Object.fromEntries(PRIORITIES.map((p, i) => [p, i + 1]));
// Code points, not UTF-16 units (an emoji stays whole); a text of 200 units or fewer has no more than 200.
const cut = (text: string) => (text.length <= 200 || [...text].length <= 200 ? text : `${[...text].slice(0, 200).join('')}…`);

function compileLeaf(leaf: LeafCondition, path: string): Test {
  const { field, op, value } = leaf;
  const spec = FIELD_SPECS[field];
  const base = { kind: 'leaf' as const, path, decidedBy: path, field, op, value };
  if (spec.kind === 'text') {
    const keywords = (value as readonly string[]).map(compileKeyword);
    const parts: ('title' | 'description')[] = field === 'text' ? ['title', 'description'] : [field as 'title' | 'description'];
    return (ctx) => {
      const views = parts.map((part) => {
        let view = ctx.texts.get(part);
        if (!view) ctx.texts.set(part, (view = textView(ctx.facts[part] ?? '')));
        return view;
      });
      const found = keywords.filter((k) => views.some((v) => keywordIn(k, v))).map((k) => k.source);
      if (!ctx.explain) return { ...base, actual: undefined, result: found.length > 0, found };
      const actual = field === 'text' ? { title: cut(ctx.facts.title ?? ''), description: cut(ctx.facts.description ?? '') } : cut(ctx.facts[field as 'title' | 'description'] ?? '');
      return { ...base, actual, result: found.length > 0, found };
    };
  }
  if (spec.kind === 'flags') {
    const wanted = new Set(value as readonly string[]);
    return (ctx) => {
      const actual = [...(ctx.facts.flags ?? [])];
      const found = actual.filter((f) => wanted.has(f));
      return { ...base, actual, result: found.length > 0, found };
    };
  }
  const read = (facts: RoutingFacts): string | number | null => {
    switch (field) {
      case 'account.type':
        return facts.account?.type ?? null;
      case 'account.tier':
        return facts.account?.tier ?? null;
      default:
        return (facts[field as 'category' | 'region' | 'language' | 'source' | 'priority' | 'repeat_count_30d'] as string | number | null | undefined) ?? null;
    }
  };
  let check: (actual: string | number | null) => boolean;
  switch (op) {
    case 'eq':
      check = (a) => a !== null && a === value;
      break;
    case 'neq':
      check = (a) => a === null || a !== value;
      break;
    case 'in': {
      const set = new Set<string | number>(value as readonly (string | number)[]);
      check = (a) => a !== null && set.has(a);
      break;
    }
    case 'matches': {
      const glob = compileGlob(value as string);
      check = (a) => typeof a === 'string' && glob(a);
      break;
    }
    case 'gte':
    case 'lte': {
      const sign = op === 'gte' ? 1 : -1;
      if (spec.kind === 'priority') {
        // Urgency: P1 is the most urgent, so "gte P2" is a rank of 2 or less.
        const bound = RANK[value as string]!;
        check = (a) => typeof a === 'string' && RANK[a] !== undefined && sign * (bound - RANK[a]!) >= 0;
      } else {
        const bound = value as number;
        check = (a) => typeof a === 'number' && sign * (a - bound) >= 0;
      }
      break;
    }
    default:
      check = () => false;
  }
  return (ctx) => {
    const actual = read(ctx.facts);
    return { ...base, actual, result: check(actual) };
  };
}

const refOf = (rule: RoutingRule): RuleRef => ({
  ...(rule.id !== undefined ? { id: rule.id } : {}),
  ...(rule.version !== undefined ? { version: rule.version } : {}),
  name: rule.name,
  order: rule.order,
});

function leafAt(trace: ConditionTrace, path: string): ConditionTrace | undefined {
  if (trace.path === path) return trace;
  if (trace.kind === 'leaf') return undefined;
  for (const child of trace.kind === 'not' ? [trace.child] : trace.children) {
    const found = leafAt(child, path);
    if (found) return found;
  }
  return undefined;
}

/** One line: the leaf that decided, what it asked and what the fact was. */
function reasonOf(trace: ConditionTrace, matched: boolean): string {
  const leaf = leafAt(trace, trace.decidedBy);
  const verdict = matched ? 'matched' : 'did not match';
  if (!leaf || leaf.kind !== 'leaf') return `${verdict}: ${trace.kind} of no conditions is ${String(trace.result)}`;
  const found = leaf.found && leaf.found.length > 0 ? ` (found ${leaf.found.map((f) => JSON.stringify(f)).join(', ')})` : '';
  return `${verdict}: ${leaf.path} ${leaf.field} ${leaf.op} ${JSON.stringify(leaf.value)} is ${String(leaf.result)} for ${JSON.stringify(leaf.actual)}${found}`;
}

/** Rules sorted by `order`, ties kept in array order. */
export function sortRules<R extends { order: number }>(rules: readonly R[]): R[] {
  return rules
    .map((rule, i) => ({ rule, i }))
    .sort((a, b) => a.rule.order - b.rule.order || a.i - b.i)
    .map(({ rule }) => rule);
}

/** Runs the rules against the facts: what they decide, and for every rule whether and why it matched. */
export function evaluate(rules: readonly RoutingRule[], facts: RoutingFacts): RoutingEvaluation {
  return run(rules, facts, true);
}

/** What the rules decide for the facts, without the trace: intake and replay run this for every case. */
export function decideOutcome(rules: readonly RoutingRule[], facts: RoutingFacts): RoutingOutcome {
  return run(rules, facts, false).outcome;
}

function run(rules: readonly RoutingRule[], facts: RoutingFacts, explain: boolean): RoutingEvaluation {
  const ctx: Context = { facts, texts: new Map(), explain };
  const outcome: RoutingOutcome = { add_flag: [], add_checklist: [] };
  const flagBy = new Map<string, RuleRef>();
  const itemBy = new Map<string, RuleRef>();
  const trace: RuleTrace[] = [];
  for (const rule of sortRules(rules)) {
    const ref = refOf(rule);
    const compiled = compileRule(rule);
    if (!compiled.ok) {
      if (explain) trace.push({ rule: ref, status: 'invalid', reason: `invalid: ${compiled.problems[0]!.field}: ${compiled.problems[0]!.message}`, problems: compiled.problems });
      continue;
    }
    if (!rule.enabled) {
      if (explain) trace.push({ rule: ref, status: 'skipped', reason: 'disabled' });
      continue;
    }
    const condition = compiled.test(ctx);
    if (!condition.result) {
      if (explain) trace.push({ rule: ref, status: 'not_matched', reason: reasonOf(condition, false), condition });
      continue;
    }
    const effects = rule.then.map((action, i): ActionEffect => {
      const path = `then[${i}]`;
      switch (action.action) {
        case 'add_flag': {
          const earlier = flagBy.get(action.value);
          if (earlier) return { path, action, applied: false, shadowedBy: earlier };
          flagBy.set(action.value, ref);
          outcome.add_flag.push({ action, rule: ref });
          return { path, action, applied: true };
        }
        case 'add_checklist': {
          const fresh = action.items.filter((item) => !itemBy.has(item));
          for (const item of fresh) itemBy.set(item, ref);
          if (fresh.length === 0) return { path, action, applied: false, shadowedBy: itemBy.get(action.items[0]!)! };
          outcome.add_checklist.push({ action: { action: 'add_checklist', items: [...new Set(fresh)] }, rule: ref });
          return { path, action, applied: true };
        }
        default: {
          const earlier = outcome[action.action];
          if (earlier) return { path, action, applied: false, shadowedBy: earlier.rule };
          (outcome as unknown as Record<string, Decision>)[action.action] = { action, rule: ref };
          return { path, action, applied: true };
        }
      }
    });
    if (explain) trace.push({ rule: ref, status: 'matched', reason: reasonOf(condition, true), condition, effects });
  }
  return { outcome, trace };
}

/** Evaluates one condition on its own (e.g. for a rule editor's live check). Validate it first. */
export function evaluateCondition(when: Condition, facts: RoutingFacts): ConditionTrace {
  return compileCondition(when, 'when')({ facts, texts: new Map(), explain: true });
}
