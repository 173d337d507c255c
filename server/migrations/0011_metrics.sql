-- Metrics (issue 6, capability C11): Tier 1 contact volumes, and indexes that let a metric read
-- only the period it covers.

-- How many contacts Tier 1 handled, per local day × category × region: the denominator of the
-- escalation rate. Imported from the Tier 1 tool by CSV or API; a day re-imported replaces its count.
CREATE TABLE tier1_contacts (
  day            date NOT NULL,
  category_code  text NOT NULL REFERENCES categories (code),
  region         text NOT NULL REFERENCES regions (code),
  contacts       integer NOT NULL CHECK (contacts >= 0),
  updated_at     timestamptz NOT NULL,
  PRIMARY KEY (day, category_code, region)
);

CREATE INDEX cases_resolved_idx ON cases (resolved_at) WHERE resolved_at IS NOT NULL;
-- A clock's outcome is known when it breached or stopped: sla_attainment reads clocks by that instant.
CREATE INDEX sla_clocks_outcome_idx ON sla_clocks (kind, (coalesce(breached_at, stopped_at))) WHERE handoff_id IS NULL;
CREATE INDEX handoffs_answered_idx ON handoffs (answered_at) WHERE status = 'answered';
CREATE INDEX critical_escalations_raised_idx ON critical_escalations (raised_at);
