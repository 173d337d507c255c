// The ladder and authority forms' state, and how they become the API's bodies (or the problems that stop them).
import { timeoutIsoOf, secondsOfIso, type TimeoutDraft } from './time';
import type { AuthorityInput, LadderInput, LadderTarget } from './types';

export const TARGET_KINDS = ['user', 'team', 'role'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];
export const TEAM_ROLES = ['lead', 'specialist', 'manager'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export interface LevelDraft extends TimeoutDraft {
  kind: TargetKind;
  user: string | null;
  team: string | null;
  role: TeamRole;
}

export interface LadderDraft {
  name: string;
  levels: LevelDraft[];
}

/** Problems found before asking the server; each has its words in escalation.admin.problem.*. */
export const LADDER_PROBLEMS = ['required', 'timeout', 'riskType', 'noLevels'] as const;
export type LadderProblem = (typeof LADDER_PROBLEMS)[number];

/** The server's floor for a level's wait. */
const MIN_TIMEOUT_SECONDS = 10;

export const newLevel = (): LevelDraft => ({ kind: 'team', user: null, team: null, role: 'lead', minutes: 5, seconds: '' });
export const newLadder = (): LadderDraft => ({ name: '', levels: [newLevel()] });

function targetOf(level: LevelDraft): LadderTarget | null {
  if (level.kind === 'user') return level.user ? { user: level.user } : null;
  if (!level.team) return null;
  return level.kind === 'team' ? { team: level.team } : { team: level.team, role: level.role };
}

/**
 * The body for POST /escalation/ladders, or every problem at once, keyed the way the
 * server names its field errors (`levels.1.timeout`, `levels.0.notify`).
 */
export function ladderInputOf(draft: LadderDraft): { input: LadderInput } | { problems: Record<string, LadderProblem> } {
  const problems: Record<string, LadderProblem> = {};
  if (!draft.name.trim()) problems.name = 'required';
  if (draft.levels.length === 0) problems.levels = 'noLevels';
  const levels: LadderInput['levels'] = [];
  draft.levels.forEach((level, index) => {
    const notify = targetOf(level);
    if (!notify) problems[`levels.${index}.notify`] = 'required';
    const timeout = timeoutIsoOf(level);
    if (timeout === null || (secondsOfIso(timeout) ?? 0) < MIN_TIMEOUT_SECONDS) problems[`levels.${index}.timeout`] = 'timeout';
    if (notify && timeout) levels.push({ notify, timeout });
  });
  if (Object.keys(problems).length > 0) return { problems };
  return { input: { name: draft.name.trim(), levels } };
}

export interface AuthorityDraft {
  name: string;
  riskType: string;
  region: string | null;
  ladder: string | null;
}

const RISK_TYPE = /^[a-z][a-z0-9_]*$/;

/** The body for POST /escalation/authorities, or its problems. */
export function authorityInputOf(draft: AuthorityDraft): { input: AuthorityInput } | { problems: Record<string, LadderProblem> } {
  const problems: Record<string, LadderProblem> = {};
  const riskType = draft.riskType.trim();
  if (!draft.name.trim()) problems.name = 'required';
  if (!riskType) problems.riskType = 'required';
  else if (!RISK_TYPE.test(riskType) || riskType.length > 60) problems.riskType = 'riskType';
  if (!draft.ladder) problems.ladder = 'required';
  if (Object.keys(problems).length > 0 || !draft.ladder) return { problems };
  return { input: { name: draft.name.trim(), riskType, region: draft.region, ladder: draft.ladder } };
}
