// One SLA clock's arithmetic: how much working time it has counted, when it is due, what
// fires next, and what pausing, resuming, stopping and retargeting do to it. Pure: the
// callers read and write the rows.
import { type Calendar, addWorkingTime, workingSecondsBetween } from './calendar.js';

export type ClockState = 'running' | 'paused' | 'stopped';

export interface Clock {
  state: ClockState;
  targetSeconds: number;
  /** Warning thresholds in percent of the target, ascending, each below 100. */
  warnAt: number[];
  /** Working time counted in closed segments. */
  elapsedSeconds: number;
  /** Start of the open running segment; set exactly when running. */
  runningSince: Date | null;
  /** The highest warning percent already fired (0: none). */
  warnedPercent: number;
  breachedAt: Date | null;
}

/** A warning at a percent of the target, or the breach (percent 100). */
export interface Threshold {
  kind: 'warning' | 'breach';
  percent: number;
  /** When the clock reaches it, counting on from now without pauses. */
  at: Date;
}

/** Working time rounded to the millisecond, so sums of segments stay exact. */
const ms = (seconds: number) => Math.round(seconds * 1000) / 1000;

/** Working time counted up to `at`. */
export function elapsedAt(calendar: Calendar, clock: Clock, at: Date): number {
  if (clock.state !== 'running' || !clock.runningSince) return clock.elapsedSeconds;
  return ms(clock.elapsedSeconds + workingSecondsBetween(calendar, clock.runningSince, at));
}

/** The instant the clock reaches `seconds` of working time, if it keeps running. */
function reaches(calendar: Calendar, clock: Clock, seconds: number): Date {
  return addWorkingTime(calendar, clock.runningSince!, Math.max(0, ms(seconds - clock.elapsedSeconds)));
}

/** When a running clock is due; null while paused or stopped. */
export function dueOf(calendar: Calendar, clock: Clock): Date | null {
  return clock.state === 'running' ? reaches(calendar, clock, clock.targetSeconds) : null;
}

/** The thresholds a running clock has still to fire, soonest first. */
export function pendingThresholds(calendar: Calendar, clock: Clock): Threshold[] {
  if (clock.state !== 'running' || clock.breachedAt) return [];
  const out: Threshold[] = clock.warnAt
    .filter((p) => p > clock.warnedPercent)
    .map((percent) => ({ kind: 'warning' as const, percent, at: reaches(calendar, clock, (clock.targetSeconds * percent) / 100) }));
  out.push({ kind: 'breach', percent: 100, at: reaches(calendar, clock, clock.targetSeconds) });
  return out;
}

/** When the sweep must look at the clock next; null when nothing is left to fire. */
export function nextCheckOf(calendar: Calendar, clock: Clock): Date | null {
  if (clock.state !== 'running' || clock.breachedAt) return null;
  // The lowest pending percent comes first: only that one instant is worked out (this runs on
  // every intake and every clock change).
  const pending = clock.warnAt.filter((p) => p > clock.warnedPercent);
  const next = pending.length ? Math.min(...pending) : 100;
  return reaches(calendar, clock, (clock.targetSeconds * next) / 100);
}

/**
 * What fires when the sweep looks at the clock at `now`: the breach if it is reached, else the
 * highest warning reached (lower ones passed over at the same time would only be noise).
 */
export function firing(calendar: Calendar, clock: Clock, now: Date): { fire: Threshold[]; after: Clock } {
  const reached = pendingThresholds(calendar, clock).filter((t) => t.at.getTime() <= now.getTime());
  if (reached.length === 0) return { fire: [], after: clock };
  const breach = reached.find((t) => t.kind === 'breach');
  const warnings = reached.filter((t) => t.kind === 'warning');
  const topWarning = warnings[warnings.length - 1];
  const fire = breach ? [breach] : [topWarning!];
  return {
    fire,
    after: {
      ...clock,
      warnedPercent: breach ? Math.max(clock.warnedPercent, ...clock.warnAt) : topWarning!.percent,
      breachedAt: breach ? breach.at : clock.breachedAt,
    },
  };
}

/** Closes the running segment at `at`, counting its working time. */
function closeSegment(calendar: Calendar, clock: Clock, at: Date): Clock {
  return { ...clock, elapsedSeconds: elapsedAt(calendar, clock, at), runningSince: null };
}

/**
 * Closes the segment for good or for a while (stop, pause). A target that ran out inside it is
 * a breach even if no sweep saw it (the case was resolved a moment late, or the workers were
 * down): it is dated when the target ran out. A retarget does not use this: the sweep fires
 * the breach of an exceeded new target, with its actions.
 */
function closeSegmentNoting(calendar: Calendar, clock: Clock, at: Date): Clock {
  const closed = closeSegment(calendar, clock, at);
  if (clock.breachedAt || clock.state !== 'running' || closed.elapsedSeconds <= clock.targetSeconds) return closed;
  return { ...closed, breachedAt: reaches(calendar, clock, clock.targetSeconds) };
}

export function pause(calendar: Calendar, clock: Clock, at: Date): Clock {
  if (clock.state !== 'running') return clock;
  return { ...closeSegmentNoting(calendar, clock, at), state: 'paused' };
}

export function resume(clock: Clock, at: Date): Clock {
  if (clock.state === 'running') return clock;
  return { ...clock, state: 'running', runningSince: at };
}

export function stop(calendar: Calendar, clock: Clock, at: Date): Clock {
  if (clock.state === 'stopped') return clock;
  return { ...closeSegmentNoting(calendar, clock, at), state: 'stopped' };
}

/** A new cycle from zero (a reopen under a "restart" policy, a new requester message). */
export function restart(clock: Clock, at: Date): Clock {
  return { ...clock, state: 'running', elapsedSeconds: 0, runningSince: at, warnedPercent: 0, breachedAt: null };
}

/**
 * A new target (priority or category changed): the working time already counted is kept, in the
 * calendar it was counted in; from `at` on the clock counts in `calendar`. A breach or warning
 * that already fired stays fired.
 */
export function retarget(oldCalendar: Calendar, clock: Clock, at: Date, target: { targetSeconds: number; warnAt: number[] }): Clock {
  const closed = closeSegment(oldCalendar, clock, at);
  return { ...closed, ...target, runningSince: clock.state === 'running' ? at : null };
}

/** What a clock shows: its state, and once stopped whether it was met or missed. */
export type ClockStatus = 'on_track' | 'at_risk' | 'breached' | 'paused' | 'met' | 'missed';
export function statusOf(clock: Clock): ClockStatus {
  if (clock.state === 'stopped') return clock.breachedAt ? 'missed' : 'met';
  if (clock.breachedAt) return 'breached';
  if (clock.state === 'paused') return 'paused';
  return clock.warnedPercent > 0 ? 'at_risk' : 'on_track';
}

/** The case's SLA state: the worst of its open clocks (null when none is open). */
export type CaseSlaState = 'on_track' | 'at_risk' | 'breached' | 'paused';
export function caseSlaState(clocks: Clock[]): CaseSlaState | null {
  const open = clocks.filter((c) => c.state !== 'stopped');
  if (open.length === 0) return null;
  if (open.some((c) => c.breachedAt)) return 'breached';
  const running = open.filter((c) => c.state === 'running');
  if (running.some((c) => c.warnedPercent > 0)) return 'at_risk';
  return running.length ? 'on_track' : 'paused';
}
