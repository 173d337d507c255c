import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Block, type Calendar, type Holiday, type Weekday, isWorkingOrBlockEnd, workingSecondsBetween } from './calendar.js';
import { T0, calendarArb } from './calendar.arbitraries.js';
import {
  type Clock,
  type ClockState,
  caseSlaState,
  dueOf,
  elapsedAt,
  firing,
  nextCheckOf,
  pause,
  pendingThresholds,
  restart,
  resume,
  retarget,
  statusOf,
  stop,
} from './clock.js';

const H = 3600;
const M = 60;
const LUNCH: Block[] = [['09:00', '12:00'], ['13:00', '18:00']];
const weekdays = (blocks: Block[], weekend: Block[] = []): Record<Weekday, Block[]> => ({
  mon: blocks, tue: blocks, wed: blocks, thu: blocks, fri: blocks, sat: weekend, sun: weekend,
});
const office = (timeZone: string, holidays: Holiday[] = [], week = weekdays(LUNCH)): Calendar => ({ timeZone, week, holidays });
/** Mon–Fri 09:00–12:00 and 13:00–18:00: 8 working hours a day. 2026-03-06 is a Friday, 2026-03-09 a Monday. */
const MY = office('Asia/Kuala_Lumpur');
const ALWAYS: Calendar = { ...office('Asia/Kuala_Lumpur', [], weekdays([])), alwaysOpen: true };
const d = (instant: string) => new Date(instant);
const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

/** A clock as the case code starts one: a blank clock restarted at `at`. */
const started = (at: string | Date, targetSeconds: number, warnAt: number[] = []): Clock =>
  restart({ state: 'stopped', targetSeconds, warnAt, elapsedSeconds: 0, runningSince: null, warnedPercent: 0, breachedAt: null }, typeof at === 'string' ? d(at) : at);

type Step = ['start' | 'pause' | 'resume' | 'stop' | 'restart', string];
/** Plays steps on a clock in one calendar; the first step must be a start. */
function play(calendar: Calendar, targetSeconds: number, steps: Step[], warnAt: number[] = []): Clock {
  let clock: Clock | null = null;
  for (const [op, at] of steps) {
    if (op === 'start') clock = started(at, targetSeconds, warnAt);
    else if (!clock) throw new Error('start first');
    else if (op === 'pause') clock = pause(calendar, clock, d(at));
    else if (op === 'resume') clock = resume(clock, d(at));
    else if (op === 'stop') clock = stop(calendar, clock, d(at));
    else clock = restart(clock, d(at));
  }
  return clock!;
}

// ---- hand-computed ---------------------------------------------------------------------------

describe('elapsed working time and due instant: hand-computed (Asia/Kuala_Lumpur, Mon–Fri 09–12 and 13–18)', () => {
  it.each<[string, number, Step[], string, number, string | null]>([
    // name, target, steps, looked at, elapsed then, due
    ['running since Monday 09:00, looked at in the lunch break', 8 * H, [['start', '2026-03-09T09:00+08:00']], '2026-03-09T12:30+08:00', 3 * H, '2026-03-09T18:00+08:00'],
    ['4h from Monday 09:00: the lunch hour does not count', 4 * H, [['start', '2026-03-09T09:00+08:00']], '2026-03-09T13:30+08:00', 3.5 * H, '2026-03-09T14:00+08:00'],
    ['looked at before it started: nothing counted', 4 * H, [['start', '2026-03-09T09:00+08:00']], '2026-03-09T08:00+08:00', 0, '2026-03-09T14:00+08:00'],
    ['Friday 17:00 + 2h: the weekend does not count', 2 * H, [['start', '2026-03-06T17:00+08:00']], '2026-03-07T12:00+08:00', H, '2026-03-09T10:00+08:00'],
    ['started on a Saturday: counts from Monday 09:00', 2 * H, [['start', '2026-03-07T15:00+08:00']], '2026-03-09T09:30+08:00', 0.5 * H, '2026-03-09T11:00+08:00'],
    [
      'paused 11:30–15:00: only the running time counts',
      2 * H,
      [['start', '2026-03-09T11:00+08:00'], ['pause', '2026-03-09T11:30+08:00'], ['resume', '2026-03-09T15:00+08:00']],
      '2026-03-09T16:00+08:00',
      1.5 * H,
      '2026-03-09T16:30+08:00',
    ],
    [
      'paused overnight, resumed in the lunch break',
      8 * H,
      [['start', '2026-03-09T17:00+08:00'], ['pause', '2026-03-10T10:00+08:00'], ['resume', '2026-03-10T12:30+08:00']],
      '2026-03-10T13:30+08:00',
      2.5 * H,
      '2026-03-11T10:00+08:00', // 2h counted; 6h more from 12:30 = 13–18 and Wednesday 09–10
    ],
    [
      'paused over a weekend: no due while paused',
      8 * H,
      [['start', '2026-03-06T09:00+08:00'], ['pause', '2026-03-06T11:00+08:00']],
      '2026-03-09T17:00+08:00',
      2 * H,
      null,
    ],
    [
      'paused and resumed on the weekend: the weekend counts nothing either way',
      8 * H,
      [['start', '2026-03-06T17:00+08:00'], ['pause', '2026-03-07T10:00+08:00'], ['resume', '2026-03-08T20:00+08:00']],
      '2026-03-09T10:00+08:00',
      2 * H,
      '2026-03-09T17:00+08:00',
    ],
    [
      'a pause that repeats is a no-op; so is a resume of a running clock',
      2 * H,
      [['start', '2026-03-09T09:00+08:00'], ['resume', '2026-03-09T09:30+08:00'], ['pause', '2026-03-09T10:00+08:00'], ['pause', '2026-03-09T11:00+08:00'], ['resume', '2026-03-09T11:30+08:00']],
      '2026-03-09T12:00+08:00',
      1.5 * H,
      '2026-03-09T13:30+08:00',
    ],
    ['stopped at 10:30 and looked at two days later', 8 * H, [['start', '2026-03-09T09:00+08:00'], ['stop', '2026-03-09T10:30+08:00']], '2026-03-11T12:00+08:00', 1.5 * H, null],
    ['milliseconds are kept', 10, [['start', '2026-03-09T09:00:00.250+08:00']], '2026-03-09T09:00:01.500+08:00', 1.25, '2026-03-09T09:00:10.250+08:00'],
  ])('%s', (_name, target, steps, at, elapsed, due) => {
    const clock = play(MY, target, steps);
    expect(elapsedAt(MY, clock, d(at))).toBe(elapsed);
    expect(iso(dueOf(MY, clock))).toBe(due && iso(d(due)));
  });
});

describe('America/New_York, 09:00–17:00, across the spring-forward weekend (2026-03-08)', () => {
  const NY = office('America/New_York', [], weekdays([['09:00', '17:00']]));
  // Friday 15:00 EST; 8h: 2h on Friday, 6h on Monday (now EDT, UTC−4).
  const clock = started('2026-03-06T15:00-05:00', 8 * H, [75]);
  it.each([
    ['Friday 17:00 EST', '2026-03-06T17:00-05:00', 2 * H],
    ['Sunday after the change', '2026-03-08T12:00-04:00', 2 * H],
    ['Monday 09:00 EDT', '2026-03-09T09:00-04:00', 2 * H],
    ['Monday 10:00 EDT', '2026-03-09T10:00-04:00', 3 * H],
  ])('elapsed at %s', (_name, at, elapsed) => {
    expect(elapsedAt(NY, clock, d(at))).toBe(elapsed);
  });
  it('is due Monday 15:00 EDT with the 75 % warning at 13:00 EDT', () => {
    expect(iso(dueOf(NY, clock))).toBe(iso(d('2026-03-09T15:00-04:00')));
    expect(pendingThresholds(NY, clock).map((t) => [t.kind, t.percent, iso(t.at)])).toEqual([
      ['warning', 75, iso(d('2026-03-09T13:00-04:00'))],
      ['breach', 100, iso(d('2026-03-09T15:00-04:00'))],
    ]);
  });
  it('round the clock, the change night is 23 real hours', () => {
    const allDay = office('America/New_York', [], weekdays([['00:00', '24:00']], [['00:00', '24:00']]));
    const k = started('2026-03-07T12:00-05:00', 24 * H);
    expect(elapsedAt(allDay, k, d('2026-03-08T12:00-04:00'))).toBe(23 * H);
    expect(iso(dueOf(allDay, k))).toBe(iso(d('2026-03-08T13:00-04:00')));
  });
});

describe('thresholds and firing: hand-computed (8h target, warnings at 75 % and 90 %, from Monday 09:00)', () => {
  const clock = started('2026-03-09T09:00+08:00', 8 * H, [75, 90]);
  const fired = (k: Clock, now: string) => firing(MY, k, d(now)).fire.map((t) => [t.kind, t.percent, iso(t.at)]);
  // 75 % = 6h → 16:00; 90 % = 7h12m → 17:12; 100 % → 18:00.
  const W75 = ['warning', 75, iso(d('2026-03-09T16:00+08:00'))];
  const W90 = ['warning', 90, iso(d('2026-03-09T17:12+08:00'))];
  const BREACH = ['breach', 100, iso(d('2026-03-09T18:00+08:00'))];

  it('lists what is left to fire, soonest first', () => {
    expect(pendingThresholds(MY, clock).map((t) => [t.kind, t.percent, iso(t.at)])).toEqual([W75, W90, BREACH]);
    expect(iso(nextCheckOf(MY, clock))).toBe(W75[2]);
  });
  it.each([
    ['before the first warning: nothing', '2026-03-09T15:59:59.999+08:00', []],
    ['at the 75 % instant exactly: the 75 % warning', '2026-03-09T16:00+08:00', [W75]],
    ['past 75 % and 90 % at once: only the 90 % warning', '2026-03-09T17:30+08:00', [W90]],
    ['past the breach: only the breach, at the instant it was reached', '2026-03-10T09:00+08:00', [BREACH]],
    ['in the evening after the breach: the breach', '2026-03-09T20:00+08:00', [BREACH]],
  ])('%s', (_name, now, expected) => {
    expect(fired(clock, now)).toEqual(expected);
  });
  it('fires each threshold once as the sweep comes by, then nothing', () => {
    let k = clock;
    const sweep = (now: string) => {
      const { fire, after } = firing(MY, k, d(now));
      k = after;
      return fire.map((t) => [t.kind, t.percent, iso(t.at)]);
    };
    expect(sweep('2026-03-09T16:00:30+08:00')).toEqual([W75]);
    expect(k.warnedPercent).toBe(75);
    expect(statusOf(k)).toBe('at_risk');
    expect(sweep('2026-03-09T16:01+08:00')).toEqual([]);
    expect(iso(nextCheckOf(MY, k))).toBe(W90[2]);
    expect(sweep('2026-03-09T17:12+08:00')).toEqual([W90]);
    expect(iso(nextCheckOf(MY, k))).toBe(BREACH[2]);
    expect(sweep('2026-03-09T18:00:01+08:00')).toEqual([BREACH]);
    expect(iso(k.breachedAt)).toBe(BREACH[2]);
    expect(statusOf(k)).toBe('breached');
    expect(nextCheckOf(MY, k)).toBeNull();
    expect(sweep('2026-03-10T18:00+08:00')).toEqual([]);
    expect(sweep('2026-04-10T18:00+08:00')).toEqual([]);
  });
  it('a breach swept late records the warnings as passed, not as owed', () => {
    const { fire, after } = firing(MY, clock, d('2026-03-10T09:00+08:00'));
    expect(fire).toHaveLength(1);
    expect(after.warnedPercent).toBe(90);
    expect(firing(MY, after, d('2026-03-11T09:00+08:00')).fire).toEqual([]);
  });
  it('a stopped clock never fires (regression: clock keeps running after resolve)', () => {
    const resolved = stop(MY, clock, d('2026-03-09T11:00+08:00'));
    expect(pendingThresholds(MY, resolved)).toEqual([]);
    expect(nextCheckOf(MY, resolved)).toBeNull();
    expect(dueOf(MY, resolved)).toBeNull();
    for (const now of ['2026-03-09T16:00+08:00', '2026-03-09T18:00+08:00', '2026-03-20T12:00+08:00']) {
      expect(fired(resolved, now)).toEqual([]);
      expect(elapsedAt(MY, resolved, d(now))).toBe(2 * H);
    }
    expect(statusOf(resolved)).toBe('met');
  });
  it('a paused clock never fires, and fires on resume what it owes', () => {
    const paused = pause(MY, clock, d('2026-03-09T15:00+08:00')); // 5h counted
    expect(nextCheckOf(MY, paused)).toBeNull();
    expect(fired(paused, '2026-03-12T12:00+08:00')).toEqual([]);
    const resumed = resume(paused, d('2026-03-10T09:00+08:00'));
    // 1h more → 75 % at Tuesday 10:00.
    expect(iso(nextCheckOf(MY, resumed))).toBe(iso(d('2026-03-10T10:00+08:00')));
    expect(fired(resumed, '2026-03-10T10:00+08:00')).toEqual([['warning', 75, iso(d('2026-03-10T10:00+08:00'))]]);
  });
});

describe('retarget, stop, resume, restart: regressions', () => {
  it('changing priority keeps the elapsed working time (regression: "changing priority resets elapsed time")', () => {
    const clock = started('2026-03-09T09:00+08:00', 8 * H, [75]);
    const at = d('2026-03-09T11:00+08:00');
    const k = retarget(MY, clock, at, { targetSeconds: 4 * H, warnAt: [50] });
    expect(k.targetSeconds).toBe(4 * H);
    expect(k.warnAt).toEqual([50]);
    expect(elapsedAt(MY, k, at)).toBe(2 * H);
    expect(elapsedAt(MY, k, d('2026-03-09T13:30+08:00'))).toBe(3.5 * H);
    // 2h left from 11:00: 11–12 and 13–14. Reset, it would be 16:00.
    expect(iso(dueOf(MY, k))).toBe(iso(d('2026-03-09T14:00+08:00')));
    // The 50 % warning (2h) is already reached.
    expect(firing(MY, k, at).fire.map((t) => [t.kind, t.percent])).toEqual([['warning', 50]]);
  });
  it('a retarget to a target already exceeded makes the breach due at once', () => {
    const clock = started('2026-03-09T09:00+08:00', 8 * H, [75, 90]);
    const now = d('2026-03-09T15:00+08:00'); // 5h counted
    const k = retarget(MY, clock, now, { targetSeconds: 4 * H, warnAt: [75, 90] });
    expect(elapsedAt(MY, k, now)).toBe(5 * H);
    expect(nextCheckOf(MY, k)!.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(iso(dueOf(MY, k))).toBe(iso(now));
    const { fire, after } = firing(MY, k, now);
    expect(fire.map((t) => [t.kind, t.percent, iso(t.at)])).toEqual([['breach', 100, iso(now)]]);
    expect(statusOf(after)).toBe('breached');
  });
  it('a retarget counts the past in the old calendar and the future in the new one', () => {
    const clock = started('2026-03-09T09:00+08:00', 8 * H);
    const at = d('2026-03-09T12:30+08:00'); // 3h in office hours
    const k = retarget(MY, clock, at, { targetSeconds: 5 * H, warnAt: [] });
    expect(elapsedAt(ALWAYS, k, d('2026-03-09T13:00+08:00'))).toBe(3.5 * H); // the lunch half hour counts 24×7
    expect(iso(dueOf(ALWAYS, k))).toBe(iso(d('2026-03-09T14:30+08:00')));
  });
  it('a retarget of a paused clock keeps it paused with its time', () => {
    const paused = pause(MY, started('2026-03-09T09:00+08:00', 8 * H), d('2026-03-09T10:00+08:00'));
    const k = retarget(MY, paused, d('2026-03-09T15:00+08:00'), { targetSeconds: 2 * H, warnAt: [] });
    expect(k.state).toBe('paused');
    expect(k.runningSince).toBeNull();
    expect(elapsedAt(MY, k, d('2026-03-10T15:00+08:00'))).toBe(H);
    expect(dueOf(MY, k)).toBeNull();
    expect(iso(dueOf(MY, resume(k, d('2026-03-10T09:00+08:00'))))).toBe(iso(d('2026-03-10T10:00+08:00')));
  });
  it('a retarget keeps what already fired', () => {
    const { after } = firing(MY, started('2026-03-09T09:00+08:00', 2 * H, [75]), d('2026-03-09T12:00+08:00'));
    expect(after.breachedAt).not.toBeNull();
    const k = retarget(MY, after, d('2026-03-09T12:00+08:00'), { targetSeconds: 8 * H, warnAt: [75] });
    expect(statusOf(k)).toBe('breached');
    expect(firing(MY, k, d('2026-03-10T12:00+08:00')).fire).toEqual([]);
  });
  it('a reopen that continues counts only the time after the reopen (regression: "a reopen counting from the original creation")', () => {
    // Created Monday 09:00, resolved 11:00 (2h), reopened Tuesday 09:00.
    const resolved = play(MY, 8 * H, [['start', '2026-03-09T09:00+08:00'], ['stop', '2026-03-09T11:00+08:00']]);
    const reopened = resume(resolved, d('2026-03-10T09:00+08:00'));
    expect(reopened.state).toBe('running');
    // Counting from creation (or through the time it was resolved) it would be 9h.
    expect(elapsedAt(MY, reopened, d('2026-03-10T10:00+08:00'))).toBe(3 * H);
    // 6h left from Tuesday 09:00: 09–12 and 13–16.
    expect(iso(dueOf(MY, reopened))).toBe(iso(d('2026-03-10T16:00+08:00')));
  });
  it('a restart counts from zero with nothing fired', () => {
    const { after: breached } = firing(MY, started('2026-03-09T09:00+08:00', 2 * H, [75]), d('2026-03-09T12:00+08:00'));
    const resolved = stop(MY, breached, d('2026-03-09T12:00+08:00'));
    expect(statusOf(resolved)).toBe('missed');
    const k = restart(resolved, d('2026-03-10T09:00+08:00'));
    expect(k).toMatchObject({ state: 'running', elapsedSeconds: 0, warnedPercent: 0, breachedAt: null, targetSeconds: 2 * H });
    expect(elapsedAt(MY, k, d('2026-03-10T10:00+08:00'))).toBe(H);
    expect(iso(dueOf(MY, k))).toBe(iso(d('2026-03-10T11:00+08:00')));
    expect(statusOf(k)).toBe('on_track');
  });
  // Regression: a clock resolved after its target ran out but before the sweep came by (the
  // worker was down, or just the sweep interval) once stopped with breachedAt null and showed "met".
  it('a clock stopped after its target ran out, before any sweep, is missed', () => {
    const clock = started('2026-03-09T09:00+08:00', 4 * H); // due 14:00
    const resolved = stop(MY, clock, d('2026-03-09T15:00+08:00'));
    expect(elapsedAt(MY, resolved, d('2026-03-09T15:00+08:00'))).toBe(5 * H);
    expect(statusOf(resolved)).toBe('missed');
    expect(resolved.breachedAt).toEqual(d('2026-03-09T14:00+08:00'));
  });
});

describe('statusOf and caseSlaState', () => {
  const base: Clock = { state: 'running', targetSeconds: H, warnAt: [75], elapsedSeconds: 0, runningSince: d('2026-03-09T09:00+08:00'), warnedPercent: 0, breachedAt: null };
  const k = (state: ClockState, warnedPercent = 0, breached = false): Clock => ({
    ...base,
    state,
    runningSince: state === 'running' ? base.runningSince : null,
    warnedPercent,
    breachedAt: breached ? d('2026-03-09T10:00+08:00') : null,
  });
  it.each<[string, Clock, string]>([
    ['running, nothing fired', k('running'), 'on_track'],
    ['running, warned', k('running', 75), 'at_risk'],
    ['running, breached', k('running', 75, true), 'breached'],
    ['paused', k('paused'), 'paused'],
    ['paused after a warning', k('paused', 75), 'paused'],
    ['paused after the breach', k('paused', 75, true), 'breached'],
    ['stopped in time', k('stopped'), 'met'],
    ['stopped after a warning, in time', k('stopped', 75), 'met'],
    ['stopped after the breach', k('stopped', 75, true), 'missed'],
  ])('statusOf: %s → %s', (_name, clock, status) => {
    expect(statusOf(clock)).toBe(status);
  });
  it.each<[string, Clock[], string | null]>([
    ['no clocks', [], null],
    ['all stopped, even a missed one', [k('stopped'), k('stopped', 75, true)], null],
    ['one on track', [k('running')], 'on_track'],
    ['one paused', [k('paused')], 'paused'],
    ['on track beats paused', [k('paused'), k('running')], 'on_track'],
    ['a warned paused clock is still paused', [k('paused', 75)], 'paused'],
    ['at risk beats on track', [k('running'), k('running', 75), k('paused')], 'at_risk'],
    ['breached beats at risk', [k('running', 75), k('running', 75, true), k('running')], 'breached'],
    ['a breached paused clock breaches the case', [k('running'), k('paused', 90, true)], 'breached'],
    ['stopped clocks are left out', [k('stopped', 75, true), k('running')], 'on_track'],
    ['stopped clocks are left out (paused)', [k('stopped', 75, true), k('paused', 75)], 'paused'],
  ])('caseSlaState: %s → %s', (_name, clocks, state) => {
    expect(caseSlaState(clocks)).toBe(state);
  });
});

// ---- properties ------------------------------------------------------------------------------

/** Whole seconds, or now and then any millisecond. */
const instantArb = fc.oneof(
  fc.integer({ min: 0, max: 2 * 365 * 86_400 }).map((s) => new Date(T0 + s * 1000)),
  fc.integer({ min: 0, max: 2 * 365 * 86_400_000 }).map((t) => new Date(T0 + t)),
);
/** A gap between two events: on the 30-minute grid (block edges) or any millisecond, up to 4 days. */
const gapArb = fc.oneof(fc.integer({ min: 1, max: 192 }).map((n) => n * 30 * M * 1000), fc.integer({ min: 1, max: 4 * 86_400_000 }));
const targetArb = fc.integer({ min: 1, max: 60 * H });
const warnAtArb = fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { maxLength: 4 }).map((ps) => [...ps].sort((a, b) => a - b));
const after = (t: Date, gapMs: number) => new Date(t.getTime() + gapMs);

/** Working time in milliseconds, which is what the clock keeps exact. */
const wsbMs = (c: Calendar, from: Date, to: Date) => Math.round(workingSecondsBetween(c, from, to) * 1000);
const elapsedMs = (c: Calendar, clock: Clock, at: Date) => {
  const e = elapsedAt(c, clock, at);
  // The clock keeps whole milliseconds.
  expect(Math.round(e * 1000) / 1000).toBe(e);
  return Math.round(e * 1000);
};

/** A running clock somewhere in its life: some time already counted in closed segments. */
const runningClockArb = fc
  .record({ since: instantArb, counted: fc.integer({ min: 0, max: 70 * H * 1000 }), target: targetArb, warnAt: warnAtArb, warnedIndex: fc.nat() })
  .map(({ since, counted, target, warnAt, warnedIndex }): Clock => {
    // Whatever was warned is one of its thresholds, or none; a clock that is counted past a
    // threshold may not have had the sweep come by yet.
    const warned = [0, ...warnAt][warnedIndex % (warnAt.length + 1)]!;
    return { state: 'running', targetSeconds: target, warnAt, elapsedSeconds: counted / 1000, runningSince: since, warnedPercent: warned, breachedAt: null };
  });

describe('clock arithmetic: properties', () => {
  it('pause then resume loses no time and adds none: elapsed is the working time of the running intervals', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, fc.array(fc.record({ op: fc.constantFrom('pause', 'resume'), gap: gapArb }), { maxLength: 12 }), gapArb, (c, t0, events, lastGap) => {
        let clock = started(t0, 8 * H);
        let runningFrom: Date | null = t0;
        let closedMs = 0;
        let t = t0;
        for (const { op, gap } of events) {
          t = after(t, gap);
          if (op === 'pause') {
            clock = pause(c, clock, t);
            if (runningFrom) closedMs += wsbMs(c, runningFrom, t);
            runningFrom = null;
          } else {
            clock = resume(clock, t);
            runningFrom ??= t;
          }
          expect(clock.state).toBe(runningFrom ? 'running' : 'paused');
          expect(elapsedMs(c, clock, t)).toBe(closedMs + (runningFrom ? wsbMs(c, runningFrom, t) : 0));
        }
        const end = after(t, lastGap);
        expect(elapsedMs(c, clock, end)).toBe(closedMs + (runningFrom ? wsbMs(c, runningFrom, end) : 0));
      }),
      { numRuns: 150 },
    );
  });

  it('any life of a clock counts exactly the working time of its running intervals since its last restart, each in its calendar', () => {
    const opArb = fc.oneof(
      fc.constantFrom({ op: 'pause' as const }, { op: 'resume' as const }, { op: 'stop' as const }, { op: 'restart' as const }),
      fc.record({ op: fc.constant('retarget' as const), calendar: fc.option(calendarArb, { nil: undefined }), target: targetArb }),
    );
    fc.assert(
      fc.property(calendarArb, instantArb, fc.array(fc.record({ e: opArb, gap: gapArb }), { maxLength: 10 }), gapArb, (c0, t0, events, lastGap) => {
        let cal = c0;
        let clock = started(t0, 8 * H);
        let state: ClockState = 'running';
        let runningFrom: Date | null = t0;
        let closedMs = 0;
        let t = t0;
        /** Closes the running interval at `t`, counting it in the calendar in force. */
        const close = () => {
          if (runningFrom) closedMs += wsbMs(cal, runningFrom, t);
          runningFrom = null;
        };
        for (const { e, gap } of events) {
          t = after(t, gap);
          if (e.op === 'pause') {
            clock = pause(cal, clock, t);
            if (state === 'running') {
              close();
              state = 'paused';
            }
          } else if (e.op === 'resume') {
            clock = resume(clock, t);
            if (state !== 'running') {
              state = 'running';
              runningFrom = t;
            }
          } else if (e.op === 'stop') {
            clock = stop(cal, clock, t);
            close();
            state = 'stopped';
          } else if (e.op === 'restart') {
            clock = restart(clock, t);
            state = 'running';
            runningFrom = t;
            closedMs = 0;
          } else {
            clock = retarget(cal, clock, t, { targetSeconds: e.target, warnAt: [] });
            if (state === 'running') {
              close();
              runningFrom = t;
            }
            cal = e.calendar ?? cal;
            expect(clock.targetSeconds).toBe(e.target);
          }
          expect(clock.state).toBe(state);
          expect(clock.runningSince?.getTime() ?? null).toBe(runningFrom?.getTime() ?? null);
          expect(elapsedMs(cal, clock, t)).toBe(closedMs + (runningFrom ? wsbMs(cal, runningFrom, t) : 0));
        }
        const end = after(t, lastGap);
        expect(elapsedMs(cal, clock, end)).toBe(closedMs + (runningFrom ? wsbMs(cal, runningFrom, end) : 0));
      }),
      { numRuns: 150 },
    );
  });

  it('dueOf a running clock: the working time from runningSince to due is what is left, and due is in working time unless nothing is left', () => {
    fc.assert(
      fc.property(calendarArb, runningClockArb, (c, clock) => {
        const due = dueOf(c, clock)!;
        const since = clock.runningSince!;
        const leftMs = clock.targetSeconds * 1000 - Math.round(clock.elapsedSeconds * 1000);
        if (leftMs > 0) {
          expect(wsbMs(c, since, due)).toBe(leftMs);
          expect(elapsedAt(c, clock, due)).toBe(clock.targetSeconds);
          // The first such instant: a millisecond earlier the target is not yet reached.
          expect(elapsedAt(c, clock, new Date(due.getTime() - 1))).toBeLessThan(clock.targetSeconds);
          expect(isWorkingOrBlockEnd(c, due)).toBe(true);
        } else {
          expect(due.getTime()).toBe(since.getTime());
        }
        expect(dueOf(c, { ...clock, state: 'paused', runningSince: null })).toBeNull();
        expect(dueOf(c, { ...clock, state: 'stopped', runningSince: null })).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it('retarget keeps the elapsed working time; a target already exceeded is breached at once', () => {
    fc.assert(
      fc.property(calendarArb, calendarArb, runningClockArb, fc.boolean(), gapArb, gapArb, targetArb, warnAtArb, (oldCal, newCal, running, paused, gap, later, target, warnAt) => {
        const pauseAt = running.runningSince!;
        const clock = paused ? pause(oldCal, running, pauseAt) : running;
        const at = after(clock.runningSince ?? pauseAt, gap);
        const before = elapsedMs(oldCal, clock, at);
        const k = retarget(oldCal, clock, at, { targetSeconds: target, warnAt });
        expect(k).toMatchObject({ targetSeconds: target, warnAt, state: clock.state, warnedPercent: clock.warnedPercent, breachedAt: clock.breachedAt });
        expect(elapsedMs(newCal, k, at)).toBe(before);
        const u = after(at, later);
        expect(elapsedMs(newCal, k, u)).toBe(before + (paused ? 0 : wsbMs(newCal, at, u)));
        if (paused) {
          expect(nextCheckOf(newCal, k)).toBeNull();
        } else if (target * 1000 <= before) {
          expect(nextCheckOf(newCal, k)!.getTime()).toBeLessThanOrEqual(at.getTime());
          const { fire, after: fired } = firing(newCal, k, at);
          expect(fire.map((t) => [t.kind, t.at.getTime()])).toEqual([['breach', at.getTime()]]);
          expect(statusOf(fired)).toBe('breached');
        } else {
          expect(wsbMs(newCal, at, dueOf(newCal, k)!)).toBe(target * 1000 - before);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('firing: the breach once reached, else the highest warning reached that is not yet fired, else nothing', () => {
    fc.assert(
      fc.property(calendarArb, runningClockArb, gapArb, (c, clock, gap) => {
        const now = after(clock.runningSince!, gap);
        const e = elapsedMs(c, clock, now);
        const { fire, after: next } = firing(c, clock, now);
        const reached = clock.warnAt.filter((p) => p > clock.warnedPercent && clock.targetSeconds * p * 10 <= e);
        if (e >= clock.targetSeconds * 1000) {
          expect(fire.map((t) => [t.kind, t.percent])).toEqual([['breach', 100]]);
          // Reached when the clock counted its target, or at once if it had already.
          const at = fire[0]!.at;
          expect(at.getTime()).toBeLessThanOrEqual(now.getTime());
          if (clock.elapsedSeconds < clock.targetSeconds) expect(elapsedAt(c, clock, at)).toBe(clock.targetSeconds);
          else expect(at.getTime()).toBe(clock.runningSince!.getTime());
          expect(next.breachedAt?.getTime()).toBe(at.getTime());
          expect(next.warnedPercent).toBe(Math.max(clock.warnedPercent, ...clock.warnAt));
          expect(statusOf(next)).toBe('breached');
        } else if (reached.length) {
          const top = reached[reached.length - 1]!;
          expect(fire.map((t) => [t.kind, t.percent])).toEqual([['warning', top]]);
          expect(next.warnedPercent).toBe(top);
          expect(next.breachedAt).toBeNull();
          expect(statusOf(next)).toBe('at_risk');
        } else {
          expect(fire).toEqual([]);
          expect(next).toEqual(clock);
        }
        // Firing what it returned again fires nothing.
        expect(firing(c, next, now).fire).toEqual([]);
        // Nor does a paused or stopped clock fire, however late.
        const late = after(now, 400 * 86_400_000);
        expect(firing(c, pause(c, clock, now), late).fire).toEqual([]);
        expect(firing(c, stop(c, clock, now), late).fire).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('a sweep coming by at any instants fires warnings in ascending order, each once, then the breach once', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, targetArb, warnAtArb, fc.array(gapArb, { minLength: 1, maxLength: 12 }), (c, t0, target, warnAt, gaps) => {
        let clock = started(t0, target, warnAt);
        let t = t0;
        const fired: number[] = [];
        for (const gap of gaps) {
          t = after(t, gap);
          const { fire, after: next } = firing(c, clock, t);
          expect(fire.length).toBeLessThanOrEqual(1);
          fired.push(...fire.map((x) => x.percent));
          // Never fires before its time.
          for (const x of fire) expect(x.at.getTime()).toBeLessThanOrEqual(t.getTime());
          clock = next;
          expect(nextCheckOf(c, clock) === null || nextCheckOf(c, clock)!.getTime() > t.getTime()).toBe(true);
        }
        expect(fired).toEqual([...fired].sort((a, b) => a - b));
        expect(new Set(fired).size).toBe(fired.length);
        expect(fired.includes(100)).toBe(elapsedMs(c, clock, t) >= target * 1000);
        expect(fired.every((p) => p === 100 || warnAt.includes(p))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('after stop, elapsed stays what it was at the stop, at any later instant', () => {
    fc.assert(
      fc.property(calendarArb, runningClockArb, fc.boolean(), gapArb, fc.array(gapArb, { minLength: 1, maxLength: 5 }), (c, running, pausedFirst, gap, laters) => {
        const clock = pausedFirst ? pause(c, running, after(running.runningSince!, gap)) : running;
        const at = after(running.runningSince!, 2 * gap);
        const counted = elapsedMs(c, clock, at);
        const stopped = stop(c, clock, at);
        expect(stopped.state).toBe('stopped');
        expect(stopped.runningSince).toBeNull();
        expect(stop(c, stopped, after(at, gap))).toEqual(stopped);
        let u = at;
        for (const g of laters) {
          u = after(u, g);
          expect(elapsedMs(c, stopped, u)).toBe(counted);
          expect(dueOf(c, stopped)).toBeNull();
          expect(nextCheckOf(c, stopped)).toBeNull();
          expect(firing(c, stopped, u).fire).toEqual([]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('resume after stop counts only time after the resume; restart counts from zero', () => {
    fc.assert(
      fc.property(calendarArb, runningClockArb, gapArb, gapArb, gapArb, (c, running, g1, g2, g3) => {
        const stopAt = after(running.runningSince!, g1);
        const stopped = stop(c, running, stopAt);
        const counted = elapsedMs(c, running, stopAt);
        const reopenAt = after(stopAt, g2);
        const u = after(reopenAt, g3);
        const continued = resume(stopped, reopenAt);
        expect(elapsedMs(c, continued, u)).toBe(counted + wsbMs(c, reopenAt, u));
        const fresh = restart(stopped, reopenAt);
        expect(fresh).toMatchObject({ state: 'running', elapsedSeconds: 0, warnedPercent: 0, breachedAt: null, runningSince: reopenAt });
        expect(elapsedMs(c, fresh, u)).toBe(wsbMs(c, reopenAt, u));
        expect(elapsedMs(c, restart(running, reopenAt), u)).toBe(wsbMs(c, reopenAt, u));
      }),
      { numRuns: 150 },
    );
  });
});
