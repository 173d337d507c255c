-- SLA policies and clocks (issue 5, capability C6).

-- The first enabled policy (by position) that matches a case and has a target of a clock's
-- kind sets that clock. Empty match lists mean "any".
CREATE TABLE sla_policies (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name             text NOT NULL,
  position         integer NOT NULL,
  enabled          boolean NOT NULL DEFAULT true,
  priorities       text[] NOT NULL DEFAULT '{}',
  -- A glob over category codes: `payments/*`, `*`, `order/refund-dispute`.
  category_pattern text NOT NULL DEFAULT '*',
  account_tiers    text[] NOT NULL DEFAULT '{}',
  regions          text[] NOT NULL DEFAULT '{}',
  -- Partner teams whose handoff answers this policy's handoffAnswer target (an OLA) covers.
  partner_teams    uuid[] NOT NULL DEFAULT '{}',
  calendar_id      uuid NOT NULL REFERENCES calendars (id),
  -- { "firstResponse": "PT4H", "nextResponse": "PT8H", "resolution": "P3D", "handoffAnswer": "PT24H" }, any subset.
  targets          jsonb NOT NULL,
  -- Percentages of the target at which a warning fires, ascending, each below 100.
  warn_at          integer[] NOT NULL DEFAULT '{75,90}',
  -- [{ "action": "notify" } | { "action": "raise_priority" } | { "action": "move_to_team", "team": "<id>" }]
  breach_actions   jsonb NOT NULL DEFAULT '[{"action":"notify"}]',
  -- Case statuses in which the resolution and response clocks stand still.
  pause_statuses   text[] NOT NULL DEFAULT '{waiting_requester}',
  -- What a reopened case's resolution clock does: go on from where it stopped, or start anew.
  on_reopen        text NOT NULL DEFAULT 'continue' CHECK (on_reopen IN ('continue', 'restart')),
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL
);
CREATE UNIQUE INDEX sla_policies_name_key ON sla_policies (lower(name));

-- One clock per case and target (a handoff clock per handoff). Working time is counted in
-- closed segments (elapsed_seconds) plus the open running segment since running_since.
CREATE TABLE sla_clocks (
  id               bigserial PRIMARY KEY,
  case_id          uuid NOT NULL REFERENCES cases (id),
  kind             text NOT NULL CHECK (kind IN ('first_response', 'next_response', 'resolution', 'handoff_answer')),
  handoff_id       uuid REFERENCES handoffs (id),
  policy_id        uuid REFERENCES sla_policies (id) ON DELETE SET NULL,
  policy_name      text NOT NULL,
  calendar_id      uuid NOT NULL REFERENCES calendars (id),
  target_seconds   integer NOT NULL CHECK (target_seconds > 0),
  warn_at          integer[] NOT NULL,
  -- The policy's pause statuses and reopen rule, copied so a clock keeps its rules if the policy goes.
  pause_statuses   text[] NOT NULL,
  on_reopen        text NOT NULL CHECK (on_reopen IN ('continue', 'restart')),
  state            text NOT NULL CHECK (state IN ('running', 'paused', 'stopped')),
  -- Restarts (a reopen under a "restart" policy, a new requester message) start a new cycle.
  cycle            integer NOT NULL DEFAULT 1,
  started_at       timestamptz NOT NULL,
  elapsed_seconds  double precision NOT NULL DEFAULT 0,
  running_since    timestamptz,
  due_at           timestamptz,
  -- The next warning or the breach still to fire; null when nothing is left to fire.
  next_check_at    timestamptz,
  warned_percent   integer NOT NULL DEFAULT 0,
  -- Why the policy matched: [{ field, value, rule }].
  why              jsonb NOT NULL DEFAULT '[]',
  breached_at      timestamptz,
  stopped_at       timestamptz,
  stop_reason      text,
  CHECK ((state = 'running') = (running_since IS NOT NULL))
);
CREATE INDEX sla_clocks_case_idx ON sla_clocks (case_id, kind);
-- The sweep reads only the clocks coming due: work proportional to what is due, not to all open.
CREATE INDEX sla_clocks_next_check_idx ON sla_clocks (next_check_at) WHERE next_check_at IS NOT NULL;
CREATE UNIQUE INDEX sla_clocks_handoff_key ON sla_clocks (handoff_id) WHERE handoff_id IS NOT NULL;

-- Every segment of a clock's life: running or paused, from → to, and why it began.
CREATE TABLE sla_clock_segments (
  id         bigserial PRIMARY KEY,
  clock_id   bigint NOT NULL REFERENCES sla_clocks (id),
  cycle      integer NOT NULL,
  state      text NOT NULL CHECK (state IN ('running', 'paused', 'stopped')),
  from_at    timestamptz NOT NULL,
  to_at      timestamptz,
  reason     text NOT NULL,
  detail     jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX sla_clock_segments_clock_idx ON sla_clock_segments (clock_id, id);

-- Warnings and breaches that fired. The unique key is what makes each fire exactly once,
-- however many workers sweep.
CREATE TABLE sla_events (
  id         bigserial PRIMARY KEY,
  clock_id   bigint NOT NULL REFERENCES sla_clocks (id),
  cycle      integer NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('warning', 'breach')),
  percent    integer NOT NULL,
  due_at     timestamptz NOT NULL,
  fired_at   timestamptz NOT NULL,
  UNIQUE (clock_id, cycle, kind, percent)
);

-- The case's soonest running due and its worst SLA state, kept with its clocks, for queues
-- sorted by due and filtered by state.
ALTER TABLE cases ADD COLUMN sla_due_at timestamptz;
ALTER TABLE cases ADD COLUMN sla_state text CHECK (sla_state IN ('on_track', 'at_risk', 'breached', 'paused'));
CREATE INDEX cases_sla_due_idx ON cases (sla_due_at, id) WHERE sla_due_at IS NOT NULL;
CREATE INDEX cases_team_sla_due_idx ON cases (team_id, sla_due_at, id) WHERE sla_due_at IS NOT NULL;

-- Default policies in the default calendars, office hours per region, strictest first.
-- Targets are in working hours (a duration's day is 24 working hours, not one business day):
-- PT16H is two 8-hour working days.
-- The Malaysia policies come last in each priority band and match any region, so a case from
-- an account without a region still gets clocks.
INSERT INTO sla_policies (name, position, priorities, category_pattern, regions, calendar_id, targets, created_at, updated_at)
SELECT CASE c.region WHEN 'MY' THEN p.name || ' office hours' ELSE c.region || ' ' || p.name || ' office hours' END,
       p.position + CASE c.region WHEN 'SG' THEN 1 WHEN 'CN' THEN 2 ELSE 5 END,
       p.priorities, '*', CASE c.region WHEN 'MY' THEN '{}'::text[] ELSE ARRAY[c.region] END,
       c.id, p.targets::jsonb, now(), now()
  FROM (VALUES
    ('P1', 10, ARRAY['P1'], '{"firstResponse":"PT30M","nextResponse":"PT1H","resolution":"PT8H","handoffAnswer":"PT2H"}'),
    ('P2', 20, ARRAY['P2'], '{"firstResponse":"PT2H","nextResponse":"PT4H","resolution":"PT16H","handoffAnswer":"PT8H"}'),
    ('P3/P4', 30, ARRAY['P3','P4'], '{"firstResponse":"PT8H","nextResponse":"PT8H","resolution":"PT40H","handoffAnswer":"PT16H"}')
  ) AS p(name, position, priorities, targets)
  CROSS JOIN (SELECT id, region FROM calendars WHERE region IN ('MY', 'SG', 'CN')) c;
