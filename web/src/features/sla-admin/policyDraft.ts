// The policy form's state, and how it becomes the API's body (or the problems that stop it).
import type { AccountTier, Priority } from '../cases/types';
import { durationOf, hoursMinutesOf, parsePercents } from './durations';
import { TARGET_KEYS, type BreachAction, type PauseStatus, type Policy, type PolicyInput, type ReopenRule, type TargetKey } from './types';

/** Hours and minutes as typed; '' is an empty input. */
export interface TargetDraft {
  hours: number | '';
  minutes: number | '';
}

export interface PolicyDraft {
  name: string;
  position: number | '';
  enabled: boolean;
  calendar: string | null;
  priorities: Priority[];
  categoryPattern: string;
  accountTiers: AccountTier[];
  regions: string[];
  partnerTeams: string[];
  targets: Record<TargetKey, TargetDraft>;
  /** "75, 90" */
  warnAt: string;
  notify: boolean;
  raisePriority: boolean;
  /** The service team a breached case moves to, or null for none. */
  moveToTeam: string | null;
  /** The escalation authority a breach raises a critical escalation to, or null for none. */
  raiseCritical: string | null;
  /**
   * Breach actions this form has no input for (added by a newer server or the API): kept
   * as they are, so saving the form never drops them.
   */
  otherActions: BreachAction[];
  pauseStatuses: PauseStatus[];
  onReopen: ReopenRule;
}

/** Problems found before asking the server; each has its words in slaAdmin.policyProblem.*. */
export const POLICY_PROBLEMS = ['required', 'noTarget', 'duration', 'percents', 'pattern', 'position'] as const;
export type PolicyProblem = (typeof POLICY_PROBLEMS)[number];

/** The policy without its name and position: what the preview takes as a draft. */
export type PolicyRule = Omit<PolicyInput, 'name' | 'position'>;

const EMPTY_TARGET: TargetDraft = { hours: '', minutes: '' };

/** The breach actions the form has inputs for; any other is carried through untouched. */
const EDITED_ACTIONS: ReadonlySet<string> = new Set(['notify', 'raise_priority', 'move_to_team', 'raise_critical']);

/** A policy as the form edits it; a new one starts with the server's defaults. */
export function policyDraftOf(policy: Policy | undefined, defaults: { position: number; calendar: string | null }): PolicyDraft {
  if (!policy) {
    return {
      name: '',
      position: defaults.position,
      enabled: true,
      calendar: defaults.calendar,
      priorities: [],
      categoryPattern: '*',
      accountTiers: [],
      regions: [],
      partnerTeams: [],
      targets: Object.fromEntries(TARGET_KEYS.map((key) => [key, EMPTY_TARGET])) as PolicyDraft['targets'],
      warnAt: '75, 90',
      notify: true,
      raisePriority: false,
      moveToTeam: null,
      raiseCritical: null,
      otherActions: [],
      pauseStatuses: ['waiting_requester'],
      onReopen: 'continue',
    };
  }
  const targets = Object.fromEntries(
    TARGET_KEYS.map((key) => {
      const iso = policy.targets[key];
      const parts = iso ? hoursMinutesOf(iso) : null;
      return [key, parts ?? EMPTY_TARGET];
    }),
  ) as PolicyDraft['targets'];
  const move = policy.breachActions.find((action) => action.action === 'move_to_team');
  const critical = policy.breachActions.find((action) => action.action === 'raise_critical');
  return {
    name: policy.name,
    position: policy.position,
    enabled: policy.enabled,
    calendar: policy.calendar.id,
    priorities: policy.match.priorities,
    categoryPattern: policy.match.categoryPattern,
    accountTiers: policy.match.accountTiers,
    regions: policy.match.regions,
    partnerTeams: policy.match.partnerTeams,
    targets,
    warnAt: policy.warnAt.join(', '),
    notify: policy.breachActions.some((action) => action.action === 'notify'),
    raisePriority: policy.breachActions.some((action) => action.action === 'raise_priority'),
    moveToTeam: move && 'team' in move ? move.team : null,
    raiseCritical: critical && 'authority' in critical ? critical.authority : null,
    otherActions: policy.breachActions.filter((action) => !EDITED_ACTIONS.has(action.action)),
    pauseStatuses: policy.pauseStatuses,
    onReopen: policy.onReopen,
  };
}

/** "8 h", "" → "PT8H" / null (no target); undefined when the numbers make no duration. */
function targetOf({ hours, minutes }: TargetDraft): string | null | undefined {
  if (hours === '' && minutes === '') return null;
  return durationOf({ hours: hours === '' ? 0 : hours, minutes: minutes === '' ? 0 : minutes }) ?? undefined;
}

/** Category codes and globs over them: payments/withdrawal-delayed, payments/*, *. */
const PATTERN = /^[a-z0-9*/-]+$/;

/**
 * Everything but the name and position — what the live preview needs — or the problems,
 * keyed the way the form names the server's field errors (`targets.resolution`, `warnAt`).
 */
export function policyRuleOf(draft: PolicyDraft): { rule: PolicyRule } | { problems: Record<string, PolicyProblem> } {
  const problems: Record<string, PolicyProblem> = {};
  if (!draft.calendar) problems.calendar = 'required';
  const pattern = draft.categoryPattern.trim();
  if (pattern !== '' && !PATTERN.test(pattern)) problems['match.categoryPattern'] = 'pattern';

  const targets: PolicyRule['targets'] = {};
  for (const key of TARGET_KEYS) {
    const target = targetOf(draft.targets[key]);
    if (target === undefined) problems[`targets.${key}`] = 'duration';
    else if (target !== null) targets[key] = target;
  }
  if (Object.keys(targets).length === 0 && !Object.keys(problems).some((key) => key.startsWith('targets.'))) {
    problems.targets = 'noTarget';
  }

  const warnAt = parsePercents(draft.warnAt);
  if (warnAt === null) problems.warnAt = 'percents';

  const breachActions: BreachAction[] = [];
  if (draft.notify) breachActions.push({ action: 'notify' });
  if (draft.raisePriority) breachActions.push({ action: 'raise_priority' });
  if (draft.moveToTeam) breachActions.push({ action: 'move_to_team', team: draft.moveToTeam });
  if (draft.raiseCritical) breachActions.push({ action: 'raise_critical', authority: draft.raiseCritical });
  breachActions.push(...draft.otherActions);

  if (Object.keys(problems).length > 0 || !draft.calendar || warnAt === null) return { problems };
  return {
    rule: {
      enabled: draft.enabled,
      match: {
        priorities: draft.priorities,
        categoryPattern: pattern || '*',
        accountTiers: draft.accountTiers,
        regions: draft.regions,
        partnerTeams: draft.partnerTeams,
      },
      calendar: draft.calendar,
      targets,
      warnAt,
      breachActions,
      pauseStatuses: draft.pauseStatuses,
      onReopen: draft.onReopen,
    },
  };
}

/** The body for POST/PATCH /sla/policies, or every problem at once. */
export function policyInputOf(draft: PolicyDraft): { input: PolicyInput } | { problems: Record<string, PolicyProblem> } {
  const problems: Record<string, PolicyProblem> = {};
  if (!draft.name.trim()) problems.name = 'required';
  if (draft.position === '' || !Number.isInteger(draft.position) || draft.position < 0) problems.position = 'position';
  const rule = policyRuleOf(draft);
  if ('problems' in rule) Object.assign(problems, rule.problems);
  if ('problems' in rule || Object.keys(problems).length > 0) return { problems };
  return { input: { name: draft.name.trim(), position: draft.position as number, ...rule.rule } };
}
