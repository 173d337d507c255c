// Keeps a case's SLA clocks in step with what happens to the case. Called inside the
// transaction of the change, so a clock moves if and only if the change commits.
import type { Insertable, QueryCreator } from 'kysely';
import type { Db } from '../../db/pool.js';
import { type Recordset, recordset, recordsetSelect } from '../../db/bulk.js';
import type { CaseRow, ClockKind, Database, PolicyWhy, SlaClockRow, SlaPolicyRow } from '../../db/schema.js';
import { insertEvent } from '../cases/queries.js';
import type { CaseStatus } from '../cases/status-machine.js';
import type { Calendar } from './calendar.js';
import { calendarOf } from './calendars.js';
import * as c from './clock.js';
import { parseDuration } from './duration.js';
import { type CaseFacts, type PolicyRule, TARGET_OF, choosePolicy } from './policy-match.js';

/** What happened to a case that may move its clocks (a new case's are worked out before it is written: clocksOfNewCase). */
export type SlaChange =
  | { type: 'status'; from: CaseStatus; to: CaseStatus }
  /** A worker replied to the requester or the account. */
  | { type: 'responded' }
  /** The requester (or the account) wrote: a next response is owed. */
  | { type: 'requester_message' }
  /** Priority, category or account changed: targets are matched again. */
  | { type: 'retarget'; detail: Record<string, unknown> }
  | { type: 'handoff_created'; handoffId: string; teamId: string }
  | { type: 'handoff_closed'; handoffId: string; reason: 'handoff_answered' | 'handoff_cancelled' };

export type PolicyWithRule = SlaPolicyRow & { rule: PolicyRule };
type Chosen = { policy: PolicyWithRule; why: PolicyWhy };

export function ruleOf(row: SlaPolicyRow): PolicyRule {
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled,
    priorities: row.priorities,
    categoryPattern: row.category_pattern,
    accountTiers: row.account_tiers,
    regions: row.regions,
    partnerTeams: row.partner_teams,
    targets: row.targets,
  };
}

export function targetSeconds(policy: PolicyRule, kind: ClockKind): number {
  const parsed = parseDuration(policy.targets[TARGET_OF[kind]]!);
  // Policies are validated when saved; a broken one must not silently give no SLA.
  if ('error' in parsed) throw new Error(`SLA policy ${policy.name}: ${TARGET_OF[kind]} ${parsed.error}`);
  return parsed.seconds;
}

export async function enabledPolicies(db: Db): Promise<PolicyWithRule[]> {
  const rows = await db.selectFrom('sla_policies').selectAll().where('enabled', '=', true).orderBy('position').orderBy('name').execute();
  return rows.map((row) => ({ ...row, rule: ruleOf(row) }));
}

/** Calendars by id, read once per transaction (or given, from the configuration cache). */
export class CalendarCache {
  readonly #byId = new Map<string, Calendar>();
  constructor(
    private readonly db: Db,
    private readonly known?: ReadonlyMap<string, Calendar>,
  ) {}
  async get(id: string): Promise<Calendar> {
    let calendar = this.known?.get(id) ?? this.#byId.get(id);
    if (!calendar) {
      const row = await this.db.selectFrom('calendars').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      calendar = calendarOf(row);
      this.#byId.set(id, calendar);
    }
    return calendar;
  }
}

/** The columns a clock's arithmetic reads: a stored clock, or one about to be inserted. */
type ClockColumns = Pick<SlaClockRow, 'state' | 'target_seconds' | 'warn_at' | 'elapsed_seconds' | 'running_since' | 'warned_percent' | 'breached_at' | 'due_at'>;

export const clockOf = (r: ClockColumns): c.Clock => ({
  state: r.state,
  targetSeconds: r.target_seconds,
  warnAt: r.warn_at,
  elapsedSeconds: r.elapsed_seconds,
  runningSince: r.running_since,
  warnedPercent: r.warned_percent,
  breachedAt: r.breached_at,
});

/** The columns that follow from a clock's state in its calendar. */
export function clockColumns(calendar: Calendar, clock: c.Clock) {
  return {
    state: clock.state,
    elapsed_seconds: clock.elapsedSeconds,
    running_since: clock.runningSince,
    warned_percent: clock.warnedPercent,
    breached_at: clock.breachedAt,
    due_at: c.dueOf(calendar, clock),
    next_check_at: c.nextCheckOf(calendar, clock),
  };
}

export interface CaseSlaFacts extends CaseFacts {
  status: CaseStatus;
  firstResponseAt: Date | null;
  teamId: string | null;
  assigneeId: string | null;
}

async function caseFacts(db: Db, caseId: string): Promise<CaseSlaFacts> {
  // Lock order everywhere: the case row, then its clocks (the sweep does the same).
  const row = await db
    .selectFrom('cases as c')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .select(['c.priority', 'c.category_code', 'c.status', 'c.first_response_at', 'c.team_id', 'c.assignee_id', 'a.tier', 'a.region'])
    .where('c.id', '=', caseId)
    .forUpdate('c')
    .executeTakeFirstOrThrow();
  return {
    priority: row.priority,
    category: row.category_code,
    accountTier: row.tier,
    region: row.region,
    status: row.status,
    firstResponseAt: row.first_response_at,
    teamId: row.team_id,
    assigneeId: row.assignee_id,
  };
}

const isOpenStatus = (s: CaseStatus) => s !== 'resolved' && s !== 'closed';

/** What choosing and moving clocks reads of the configuration, when the caller holds it already. */
export interface SlaConfiguration {
  policies: PolicyWithRule[];
  calendars: ReadonlyMap<string, Calendar>;
}

/** One transaction's work on one case's clocks. */
class CaseClocks {
  readonly calendars: CalendarCache;
  #policies: PolicyWithRule[] | undefined;

  constructor(
    readonly db: Db,
    readonly now: Date,
    readonly caseId: string,
    readonly facts: CaseSlaFacts,
    readonly clocks: SlaClockRow[],
    configuration?: SlaConfiguration,
  ) {
    this.calendars = new CalendarCache(db, configuration?.calendars);
    this.#policies = configuration?.policies;
  }

  async policies(): Promise<PolicyWithRule[]> {
    this.#policies ??= await enabledPolicies(this.db);
    return this.#policies;
  }

  open(kind: ClockKind): SlaClockRow | undefined {
    return this.clocks.find((k) => k.kind === kind && k.state !== 'stopped');
  }
  latest(kind: ClockKind): SlaClockRow | undefined {
    return this.clocks.filter((k) => k.kind === kind).at(-1);
  }

  async choose(kind: ClockKind, partnerTeam?: string) {
    return choosePolicy(await this.policies(), { ...this.facts, partnerTeam }, kind);
  }

  /** Starts a clock of `kind` under the chosen policy, or a new cycle of an existing one. */
  async start(kind: ClockKind, chosen: Chosen, reason: string, opts: { handoffId?: string; reuse?: SlaClockRow } = {}) {
    if (!opts.reuse) return this.openClocks([{ kind, chosen, handoffId: opts.handoffId }], reason);
    const started = await this.startedColumns(chosen, kind);
    const row = await this.db
      .updateTable('sla_clocks')
      .set({ ...started, why: JSON.stringify(started.why), cycle: opts.reuse.cycle + 1, started_at: this.now, stopped_at: null, stop_reason: null })
      .where('id', '=', opts.reuse.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    this.clocks.splice(this.clocks.indexOf(opts.reuse), 1, row);
    await this.segment(row, 'running', reason, {});
  }

  /** Opens new clocks, each running from now: the clocks and their first segments in one statement. */
  async openClocks(starts: { kind: ClockKind; chosen: Chosen; handoffId?: string }[], reason: string) {
    if (starts.length === 0) return;
    const values: NewClock[] = [];
    for (const { kind, chosen, handoffId } of starts) values.push(await this.newClock(kind, chosen, handoffId));
    const rows = await withNewClocks(this.db, recordset(values), reason).selectFrom('k').selectAll().orderBy('k.id').execute();
    this.clocks.push(...(rows as SlaClockRow[]));
  }

  /** A clock of `kind` started now under the chosen policy, as a row still to insert. */
  async newClock(kind: ClockKind, chosen: Chosen, handoffId?: string): Promise<NewClock> {
    return { case_id: this.caseId, kind, handoff_id: handoffId ?? null, ...(await this.startedColumns(chosen, kind)), started_at: this.now };
  }

  /** The columns of a clock (re)started now under the chosen policy. */
  async startedColumns({ policy, why }: Chosen, kind: ClockKind) {
    const calendar = await this.calendars.get(policy.calendar_id);
    const clock: c.Clock = c.restart({ state: 'running', targetSeconds: targetSeconds(policy.rule, kind), warnAt: policy.warn_at, elapsedSeconds: 0, runningSince: null, warnedPercent: 0, breachedAt: null }, this.now);
    return {
      policy_id: policy.id,
      policy_name: policy.name,
      calendar_id: policy.calendar_id,
      target_seconds: clock.targetSeconds,
      warn_at: policy.warn_at,
      pause_statuses: policy.pause_statuses,
      on_reopen: policy.on_reopen,
      // An object: a new clock's row goes out as JSON with the others' (recordsJson), which would parse JSON text back.
      why,
      ...clockColumns(calendar, clock),
    };
  }

  /** Applies a pure transition to a clock and records the segment it begins. */
  async move(row: SlaClockRow, next: c.Clock, reason: string, detail: Record<string, unknown>, extra: Partial<Record<string, unknown>> = {}) {
    const calendar = await this.calendars.get((extra.calendar_id as string | undefined) ?? row.calendar_id);
    const updated = await this.db
      .updateTable('sla_clocks')
      .set({
        ...extra,
        ...clockColumns(calendar, next),
        ...(next.state === 'stopped' ? { stopped_at: this.now, stop_reason: reason } : {}),
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    this.clocks.splice(this.clocks.indexOf(row), 1, updated);
    await this.segment(updated, next.state, reason, detail);
    if (!row.breached_at && next.breachedAt) await this.recordLateBreach(updated, next.breachedAt);
  }

  /**
   * A target that ran out before the sweep saw it, noticed as the clock stops or pauses: the
   * breach is recorded (once, like the sweep's) but its actions are not run — the case is
   * already being answered, resolved or waiting.
   */
  async recordLateBreach(row: SlaClockRow, at: Date) {
    const inserted = await this.db
      .insertInto('sla_events')
      .values({ clock_id: row.id, cycle: row.cycle, kind: 'breach', percent: 100, due_at: at, fired_at: this.now })
      .onConflict((oc) => oc.columns(['clock_id', 'cycle', 'kind', 'percent']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return;
    await insertEvent(this.db, {
      caseId: this.caseId,
      at: this.now,
      actorId: null,
      kind: 'sla_breached',
      data: { clock: row.kind, percent: 100, dueAt: at.toISOString(), policy: row.policy_name, noticed: row.state },
    });
  }

  /** Ends the clock's open segment and begins the next. */
  async segment(row: SlaClockRow, state: c.ClockState, reason: string, detail: Record<string, unknown>) {
    await this.db.updateTable('sla_clock_segments').set({ to_at: this.now }).where('clock_id', '=', row.id).where('to_at', 'is', null).execute();
    await this.db
      .insertInto('sla_clock_segments')
      .values({ clock_id: row.id, cycle: row.cycle, state, from_at: this.now, to_at: null, reason, detail: JSON.stringify(detail) })
      .execute();
  }

  async stop(row: SlaClockRow, reason: string, detail: Record<string, unknown> = {}) {
    await this.move(row, c.stop(await this.calendars.get(row.calendar_id), clockOf(row), this.now), reason, detail);
  }

  async onStatus(from: CaseStatus, to: CaseStatus) {
    if (!isOpenStatus(to)) {
      for (const row of this.clocks.filter((k) => k.state !== 'stopped' && k.kind !== 'handoff_answer')) await this.stop(row, to);
      return;
    }
    const resolution = this.latest('resolution');
    if (!resolution) return;
    if (to === 'reopened') {
      if (resolution.state !== 'stopped') return;
      if (resolution.on_reopen === 'restart') {
        const chosen = await this.choose('resolution');
        if (chosen) await this.start('resolution', chosen, 'reopened', { reuse: resolution });
      } else {
        await this.move(resolution, c.resume(clockOf(resolution), this.now), 'reopened', { mode: 'continue' });
      }
      return;
    }
    if (resolution.state === 'stopped') return;
    const pauses = resolution.pause_statuses.includes(to);
    if (pauses && resolution.state === 'running') {
      await this.move(resolution, c.pause(await this.calendars.get(resolution.calendar_id), clockOf(resolution), this.now), 'paused', { status: to, from });
    } else if (!pauses && resolution.state === 'paused') {
      await this.move(resolution, c.resume(clockOf(resolution), this.now), 'resumed', { status: to, from });
    }
  }

  async onRequesterMessage() {
    if (!isOpenStatus(this.facts.status) || this.open('first_response') || this.open('next_response')) return;
    const chosen = await this.choose('next_response');
    if (!chosen) return;
    await this.start('next_response', chosen, 'requester_message', { reuse: this.latest('next_response') });
  }

  /** Matches every open clock again; working time already counted is kept. */
  async onRetarget(detail: Record<string, unknown>) {
    const handoffTeams = new Map(
      (await this.db.selectFrom('handoffs').select(['id', 'team_id']).where('case_id', '=', this.caseId).execute()).map((h) => [h.id, h.team_id]),
    );
    for (const row of this.clocks.filter((k) => k.state !== 'stopped')) {
      const chosen = await this.choose(row.kind, row.handoff_id ? handoffTeams.get(row.handoff_id) : undefined);
      if (!chosen) {
        await this.stop(row, 'no_target', detail);
        continue;
      }
      const target = targetSeconds(chosen.policy.rule, row.kind);
      const same =
        chosen.policy.id === row.policy_id && target === row.target_seconds && chosen.policy.calendar_id === row.calendar_id && String(chosen.policy.warn_at) === String(row.warn_at);
      if (same) continue;
      const next = c.retarget(await this.calendars.get(row.calendar_id), clockOf(row), this.now, { targetSeconds: target, warnAt: chosen.policy.warn_at });
      await this.move(row, next, 'retargeted', { ...detail, target: { from: row.target_seconds, to: target }, policy: { from: row.policy_name, to: chosen.policy.name } }, {
        policy_id: chosen.policy.id,
        policy_name: chosen.policy.name,
        calendar_id: chosen.policy.calendar_id,
        target_seconds: target,
        warn_at: chosen.policy.warn_at,
        pause_statuses: chosen.policy.pause_statuses,
        on_reopen: chosen.policy.on_reopen,
        why: JSON.stringify(chosen.why),
      });
    }
    // A target the case had no clock for (the new policy has one) starts now.
    if (!isOpenStatus(this.facts.status)) return;
    if (!this.facts.firstResponseAt && !this.latest('first_response')) {
      const chosen = await this.choose('first_response');
      if (chosen) await this.start('first_response', chosen, 'retargeted');
    }
    if (!this.latest('resolution')) {
      const chosen = await this.choose('resolution');
      if (chosen) await this.start('resolution', chosen, 'retargeted');
    }
  }

  /** The case's soonest running due and worst state, for queues. */
  summary(): CaseSlaSummary {
    return summaryOf(this.clocks);
  }

  /** Writes the summary onto the case; returns it. */
  async summarise(): Promise<CaseSlaSummary> {
    const summary = this.summary();
    await this.db.updateTable('cases').set(summary).where('id', '=', this.caseId).execute();
    return summary;
  }
}

type NewClock = Omit<Insertable<Database['sla_clocks']>, 'why'> & { why: PolicyWhy } & ClockColumns;

/** The case's soonest running due and worst state, for queues. */
function summaryOf(clocks: ClockColumns[]): CaseSlaSummary {
  const running = clocks.filter((k) => k.state === 'running' && k.due_at);
  const due = running.length ? new Date(Math.min(...running.map((k) => k.due_at!.getTime()))) : null;
  return { sla_due_at: due, sla_state: c.caseSlaState(clocks.map(clockOf)) };
}

/**
 * The statement's `k` (new clocks, as inserted) and `s` (their first segments, running from when
 * each started): the clocks and their segments in one statement, with whatever the caller adds to it.
 */
export function withNewClocks(db: QueryCreator<Database>, clocks: Recordset<'sla_clocks'>, reason: string) {
  return db
    .with('k', (q) =>
      // One parameter for all the clocks, so intake's statement keeps one text (see recordsetSql).
      q.insertInto('sla_clocks').columns(clocks.columns).expression(recordsetSelect('sla_clocks', clocks)).returningAll(),
    )
    .with('s', (q) =>
      q
        .insertInto('sla_clock_segments')
        .columns(['clock_id', 'cycle', 'state', 'from_at', 'to_at', 'reason', 'detail'])
        .expression((eb) =>
          eb.selectFrom('k').select((e) => ['k.id', 'k.cycle', e.val('running').as('state'), 'k.started_at as from_at', e.val(null).as('to_at'), e.val(reason).as('reason'), e.val('{}').as('detail')]),
        ),
    );
}

/**
 * The clocks a case filed now starts (first response, resolution) and the summary they give it,
 * worked out before the case is written: intake inserts them with the case, in its statement.
 */
export async function clocksOfNewCase(
  db: Db,
  now: Date,
  caseId: string,
  facts: CaseSlaFacts,
  configuration: SlaConfiguration,
): Promise<{ clocks: NewClock[]; summary: CaseSlaSummary }> {
  const k = new CaseClocks(db, now, caseId, facts, [], configuration);
  const clocks: NewClock[] = [];
  for (const kind of ['first_response', 'resolution'] as const) {
    const chosen = await k.choose(kind);
    if (chosen) clocks.push(await k.newClock(kind, chosen));
  }
  return { clocks, summary: summaryOf(clocks) };
}

/** Loads a case's clocks under lock, for the sweep and for changes. */
export async function caseClocks(db: Db, now: Date, caseId: string): Promise<CaseClocks> {
  const facts = await caseFacts(db, caseId);
  const clocks = await db.selectFrom('sla_clocks').selectAll().where('case_id', '=', caseId).orderBy('id').forUpdate().execute();
  return new CaseClocks(db, now, caseId, facts, clocks);
}
export type { CaseClocks };

/** The columns of a case that sum up its clocks. */
export type CaseSlaSummary = Pick<CaseRow, 'sla_due_at' | 'sla_state'>;

/** Moves the case's clocks for a change to the case and writes its summary; the caller's transaction holds it all. */
export async function applySla(db: Db, now: Date, caseId: string, change: SlaChange): Promise<CaseSlaSummary> {
  const k = await caseClocks(db, now, caseId);
  switch (change.type) {
    case 'status':
      await k.onStatus(change.from, change.to);
      break;
    case 'responded':
      for (const kind of ['first_response', 'next_response'] as const) {
        const open = k.open(kind);
        if (open) await k.stop(open, 'responded');
      }
      break;
    case 'requester_message':
      await k.onRequesterMessage();
      break;
    case 'retarget':
      await k.onRetarget(change.detail);
      break;
    case 'handoff_created': {
      const chosen = await k.choose('handoff_answer', change.teamId);
      if (chosen) await k.start('handoff_answer', chosen, 'started', { handoffId: change.handoffId });
      break;
    }
    case 'handoff_closed': {
      const clock = k.clocks.find((x) => x.handoff_id === change.handoffId && x.state !== 'stopped');
      if (clock) await k.stop(clock, change.reason);
      break;
    }
  }
  return k.summarise();
}
