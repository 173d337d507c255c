import { Type } from 'typebox';

const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$', description: 'local wall-clock time HH:MM (24:00 only as an end)' });
const Block = Type.Array(Time, { minItems: 2, maxItems: 2, description: '[start, end] in local time' });
const Blocks = Type.Array(Block, { maxItems: 12 });
const Week = Type.Object(
  { mon: Blocks, tue: Blocks, wed: Blocks, thu: Blocks, fri: Blocks, sat: Blocks, sun: Blocks },
  { additionalProperties: false, description: 'working blocks per weekday, in order and not overlapping' },
);
const Holiday = Type.Object(
  {
    date: Type.String({ format: 'date', description: 'YYYY-MM-DD, local' }),
    name: Type.Optional(Type.String({ maxLength: 120 })),
    blocks: Type.Optional(Type.Array(Block, { maxItems: 12, description: 'absent or empty: closed all day; otherwise work only these blocks' })),
  },
  { additionalProperties: false },
);
const Holidays = Type.Array(Holiday, { maxItems: 1000 });
const Name = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });
const TimeZone = Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Asia/Kuala_Lumpur' });
const Region = Type.Union([Type.String({ pattern: '^[A-Z]{2}$' }), Type.Null()]);

export const CalendarCreate = Type.Object(
  {
    name: Name,
    timeZone: TimeZone,
    week: Week,
    holidays: Holidays,
    alwaysOpen: Type.Optional(Type.Boolean({ description: '24×7: every instant is working time' })),
    region: Type.Optional(Region),
  },
  { additionalProperties: false },
);
export const CalendarPatch = Type.Object(
  {
    name: Type.Optional(Name),
    timeZone: Type.Optional(TimeZone),
    week: Type.Optional(Week),
    holidays: Type.Optional(Holidays),
    alwaysOpen: Type.Optional(Type.Boolean()),
    region: Type.Optional(Region),
  },
  { additionalProperties: false, minProperties: 1 },
);

const OutBlock = Type.Array(Type.String());
export const Calendar = Type.Object({
  id: Type.String(),
  name: Type.String(),
  timeZone: Type.String(),
  week: Type.Record(Type.String(), Type.Array(OutBlock)),
  holidays: Type.Array(Type.Object({ date: Type.String(), name: Type.Optional(Type.String()), blocks: Type.Optional(Type.Array(OutBlock)) })),
  alwaysOpen: Type.Boolean(),
  region: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

const Instant = Type.String({ format: 'date-time', description: 'ISO 8601 instant with offset, e.g. 2026-03-06T17:00:00+08:00' });
export const AddBody = Type.Object(
  {
    start: Instant,
    duration: Type.String({ maxLength: 64, description: 'ISO 8601 duration of working time: PnDTnHnMnS or PnW (P1D = 24 working hours)' }),
  },
  { additionalProperties: false },
);
export const AddResult = Type.Object({ due: Type.String({ format: 'date-time' }) });
export const BetweenBody = Type.Object({ from: Instant, to: Instant }, { additionalProperties: false });
export const BetweenResult = Type.Object({ seconds: Type.Number({ description: 'working time in [from, to); 0 when to ≤ from' }) });

// ---- policies ------------------------------------------------------------------------------

export const CLOCK_KINDS = ['first_response', 'next_response', 'resolution', 'handoff_answer'] as const;
export const TARGET_KEYS = ['firstResponse', 'nextResponse', 'resolution', 'handoffAnswer'] as const;
const Duration = Type.String({ maxLength: 64, description: 'ISO 8601 duration of working time, e.g. PT4H' });
const Targets = Type.Object(
  {
    firstResponse: Type.Optional(Duration),
    nextResponse: Type.Optional(Duration),
    resolution: Type.Optional(Duration),
    handoffAnswer: Type.Optional(Duration),
  },
  { additionalProperties: false, minProperties: 1, description: 'working time allowed per clock; any subset' },
);
const BreachAction = Type.Union([
  Type.Object({ action: Type.Literal('notify') }, { additionalProperties: false, description: 'notify the assignee and the team leads' }),
  Type.Object({ action: Type.Literal('raise_priority') }, { additionalProperties: false, description: 'raise the priority one step (P4 → P3 …)' }),
  Type.Object({ action: Type.Literal('move_to_team'), team: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
  Type.Object({ action: Type.Literal('raise_critical'), authority: Type.String({ format: 'uuid' }) }, { additionalProperties: false, description: "page the authority's ladder" }),
]);
const PriorityName = Type.Enum(['P1', 'P2', 'P3', 'P4']);
const Match = Type.Object(
  {
    priorities: Type.Optional(Type.Array(PriorityName, { maxItems: 4, uniqueItems: true })),
    categoryPattern: Type.Optional(Type.String({ minLength: 1, maxLength: 120, pattern: '^[a-z0-9*/-]+$', description: 'glob over category codes: payments/*, *' })),
    accountTiers: Type.Optional(Type.Array(Type.Enum(['standard', 'key', 'vip']), { maxItems: 3, uniqueItems: true })),
    regions: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), { maxItems: 50, uniqueItems: true })),
    partnerTeams: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 50, uniqueItems: true })),
  },
  { additionalProperties: false, description: 'empty or absent lists match anything' },
);
const PauseStatus = Type.Enum(['triaged', 'waiting_requester', 'waiting_partner']);
const policyFields = {
  name: Name,
  position: Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'lower is tried first' }),
  enabled: Type.Boolean(),
  match: Match,
  calendar: Type.String({ format: 'uuid', description: 'the calendar the clocks count in' }),
  targets: Targets,
  warnAt: Type.Array(Type.Integer({ minimum: 1, maximum: 99 }), { maxItems: 5, description: 'percent of the target at which to warn, ascending' }),
  breachActions: Type.Array(BreachAction, { maxItems: 5 }),
  pauseStatuses: Type.Array(PauseStatus, { maxItems: 3, uniqueItems: true }),
  onReopen: Type.Enum(['continue', 'restart']),
};
export const PolicyCreate = Type.Object(
  {
    name: policyFields.name,
    position: policyFields.position,
    enabled: Type.Optional(policyFields.enabled),
    match: Type.Optional(policyFields.match),
    calendar: policyFields.calendar,
    targets: policyFields.targets,
    warnAt: Type.Optional(policyFields.warnAt),
    breachActions: Type.Optional(policyFields.breachActions),
    pauseStatuses: Type.Optional(policyFields.pauseStatuses),
    onReopen: Type.Optional(policyFields.onReopen),
  },
  { additionalProperties: false },
);
export const PolicyPatch = Type.Partial(Type.Object(policyFields), { additionalProperties: false, minProperties: 1 });

const MatchOut = Type.Object({
  priorities: Type.Array(Type.String()),
  categoryPattern: Type.String(),
  accountTiers: Type.Array(Type.String()),
  regions: Type.Array(Type.String()),
  partnerTeams: Type.Array(Type.String()),
});
const CalendarRef = Type.Object({ id: Type.String(), name: Type.String(), timeZone: Type.String() });
export const Policy = Type.Object({
  id: Type.String(),
  name: Type.String(),
  position: Type.Integer(),
  enabled: Type.Boolean(),
  match: MatchOut,
  calendar: CalendarRef,
  targets: Type.Record(Type.String(), Type.String()),
  warnAt: Type.Array(Type.Integer()),
  breachActions: Type.Array(Type.Object({ action: Type.String(), team: Type.Optional(Type.String()), authority: Type.Optional(Type.String()) })),
  pauseStatuses: Type.Array(Type.String()),
  onReopen: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

/** Why a policy matched: per criterion, the case's value and the policy's rule (empty = any). */
const Why = Type.Array(
  Type.Object({ field: Type.String(), value: Type.Union([Type.String(), Type.Null()]), rule: Type.Array(Type.String()) }),
);

export const PreviewBody = Type.Object(
  {
    case: Type.Object(
      {
        priority: PriorityName,
        category: Type.String({ minLength: 1, maxLength: 120 }),
        accountTier: Type.Optional(Type.Enum(['standard', 'key', 'vip'])),
        region: Type.Optional(Type.Union([Type.String({ pattern: '^[A-Z]{2}$' }), Type.Null()])),
        partnerTeam: Type.Optional(Type.String({ format: 'uuid', description: 'for the handoff-answer clock' })),
      },
      { additionalProperties: false },
    ),
    at: Type.String({ format: 'date-time', description: 'when the case is filed' }),
    policy: Type.Optional(Type.Omit(PolicyCreate, ['name', 'position'], { additionalProperties: false, description: 'an unsaved policy to preview instead of the live ones' })),
  },
  { additionalProperties: false },
);
export const PreviewResult = Type.Object({
  clocks: Type.Array(
    Type.Object({
      kind: Type.String(),
      policy: Type.Object({ id: Type.Union([Type.String(), Type.Null()]), name: Type.String() }),
      calendar: CalendarRef,
      why: Why,
      target: Type.String(),
      targetSeconds: Type.Number(),
      due: Type.String({ format: 'date-time' }),
    }),
  ),
});

// ---- clocks --------------------------------------------------------------------------------

export const ClockView = Type.Object({
  id: Type.Integer(),
  kind: Type.Enum([...CLOCK_KINDS]),
  handoff: Type.Union([Type.Object({ id: Type.String() }), Type.Null()]),
  policy: Type.Object({ id: Type.Union([Type.String(), Type.Null()]), name: Type.String() }),
  why: Why,
  calendar: CalendarRef,
  state: Type.Enum(['running', 'paused', 'stopped']),
  status: Type.Enum(['on_track', 'at_risk', 'breached', 'paused', 'met', 'missed'], { description: 'met / missed once stopped' }),
  target: Type.String(),
  targetSeconds: Type.Number(),
  cycle: Type.Integer(),
  startedAt: Type.String({ format: 'date-time' }),
  elapsedSeconds: Type.Number({ description: 'working time counted so far' }),
  remainingSeconds: Type.Number({ description: 'working time left; negative once breached' }),
  dueAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'null while paused or stopped' }),
  breachedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  stoppedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  stopReason: Type.Union([Type.String(), Type.Null()]),
  warnedPercent: Type.Integer(),
  history: Type.Array(
    Type.Object({
      cycle: Type.Integer(),
      state: Type.String(),
      from: Type.String({ format: 'date-time' }),
      to: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      reason: Type.String({ description: 'started, paused, resumed, responded, requester_message, resolved, closed, reopened, retargeted, handoff_answered, handoff_cancelled, no_target' }),
      detail: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
  events: Type.Array(Type.Object({ kind: Type.String(), percent: Type.Integer(), dueAt: Type.String({ format: 'date-time' }), firedAt: Type.String({ format: 'date-time' }) })),
});
export const CaseSla = Type.Object({
  state: Type.Union([Type.Enum(['on_track', 'at_risk', 'breached', 'paused']), Type.Null()]),
  dueAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  clocks: Type.Array(ClockView),
});
