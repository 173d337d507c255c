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

-- The units the metrics count, one row per case and family, kept by triggers in the transaction
-- of every write (API, imports, demo, sweeps alike), so a dashboard reads one narrow index range
-- instead of joining cases, accounts, clocks and handoffs over a million rows. Families:
--   created           at = created_at; seconds / work_seconds = time to first response (wall / the
--                     stopped first-response clock's working time), when responded
--   resolved          at = resolved_at (the latest resolution); v = 1 if ever reopened; seconds /
--                     work_seconds = time to resolve; loop_closed = no handoff open and the requester
--                     told; score = CSAT
--   left              at = when a never-reopened case left the backlog (resolved or closed)
--   open              at = created_at, while the case is open
--   sla:<clock kind>  at = the clock's outcome (breach, or stop); v = 1 if it met its target
-- Duplicates merged into another case have no units. The case's dimensions are copied.
CREATE TABLE metric_units (
  case_id        uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  family         text NOT NULL,
  at             timestamptz NOT NULL,
  v              double precision NOT NULL,
  seconds        double precision,
  work_seconds   double precision,
  loop_closed    smallint,
  score          smallint,
  team_id        uuid,
  assignee_id    uuid,
  category_code  text NOT NULL,
  region         text,
  priority       text NOT NULL,
  source         text NOT NULL,
  language       text NOT NULL,
  PRIMARY KEY (case_id, family)
);
CREATE INDEX metric_units_family_at_idx ON metric_units (family, at)
  INCLUDE (v, seconds, work_seconds, loop_closed, score, case_id, team_id, assignee_id, category_code, region, priority, source, language);

-- Recomputes the units of some cases from their rows: simple, and exact whatever changed.
CREATE FUNCTION metric_units_refresh(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(ids) = 0 THEN RETURN; END IF;
  DELETE FROM metric_units WHERE case_id = ANY (ids);
  INSERT INTO metric_units (case_id, family, at, v, seconds, work_seconds, loop_closed, score,
                            team_id, assignee_id, category_code, region, priority, source, language)
  SELECT c.id, u.family, u.at, u.v, u.seconds, u.work_seconds, u.loop_closed, u.score,
         c.team_id, c.assignee_id, c.category_code, a.region, c.priority, c.source, c.language
    FROM cases c
    JOIN accounts a ON a.id = c.account_id
    CROSS JOIN LATERAL (
      SELECT 'created', c.created_at, 1::float8,
             extract(epoch FROM c.first_response_at - c.created_at)::float8,
             (SELECT k.elapsed_seconds FROM sla_clocks k
               WHERE k.case_id = c.id AND k.kind = 'first_response' AND k.handoff_id IS NULL AND k.state = 'stopped'
                 AND c.first_response_at IS NOT NULL ORDER BY k.id LIMIT 1),
             NULL::smallint, NULL::smallint
      UNION ALL
      SELECT 'resolved', c.resolved_at, (c.reopen_count > 0)::int::float8,
             extract(epoch FROM c.resolved_at - c.created_at)::float8,
             (SELECT k.elapsed_seconds FROM sla_clocks k
               WHERE k.case_id = c.id AND k.kind = 'resolution' AND k.handoff_id IS NULL AND k.state = 'stopped' ORDER BY k.id LIMIT 1),
             (NOT EXISTS (SELECT 1 FROM handoffs h WHERE h.case_id = c.id AND h.status = 'open')
              AND (c.requester_notified_at IS NOT NULL OR c.requester_id IS NULL))::int::smallint,
             c.csat
      UNION ALL
      SELECT 'left', CASE WHEN c.reopen_count = 0 THEN least(c.resolved_at, c.closed_at) END, 1, NULL, NULL, NULL, NULL
      UNION ALL
      SELECT 'open', CASE WHEN c.status NOT IN ('resolved', 'closed') THEN c.created_at END, 1, NULL, NULL, NULL, NULL
      UNION ALL
      SELECT 'sla:' || k.kind, coalesce(k.breached_at, k.stopped_at), (k.breached_at IS NULL)::int::float8, NULL, NULL, NULL, NULL
        FROM sla_clocks k
       WHERE k.case_id = c.id AND k.handoff_id IS NULL AND (k.breached_at IS NOT NULL OR k.state = 'stopped')
    ) AS u (family, at, v, seconds, work_seconds, loop_closed, score)
   WHERE c.id = ANY (ids) AND c.merged_into_id IS NULL AND u.at IS NOT NULL
  -- A second clock of one kind (not made today) would repeat a family: the first one counts.
  ON CONFLICT (case_id, family) DO NOTHING;
END $$;

CREATE FUNCTION metric_units_cases_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_units_refresh(ARRAY(SELECT id FROM new_cases));
  RETURN NULL;
END $$;
CREATE TRIGGER metric_units_cases_insert AFTER INSERT ON cases
  REFERENCING NEW TABLE AS new_cases FOR EACH STATEMENT EXECUTE FUNCTION metric_units_cases_inserted();

CREATE FUNCTION metric_units_case_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_units_refresh(ARRAY[NEW.id]);
  RETURN NULL;
END $$;
-- Only changes a unit depends on: a comment touching updated_at costs nothing.
CREATE TRIGGER metric_units_case_update AFTER UPDATE ON cases FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.created_at IS DISTINCT FROM NEW.created_at
     OR OLD.resolved_at IS DISTINCT FROM NEW.resolved_at OR OLD.closed_at IS DISTINCT FROM NEW.closed_at
     OR OLD.first_response_at IS DISTINCT FROM NEW.first_response_at OR OLD.reopen_count IS DISTINCT FROM NEW.reopen_count
     OR OLD.csat IS DISTINCT FROM NEW.csat OR OLD.merged_into_id IS DISTINCT FROM NEW.merged_into_id
     OR OLD.requester_notified_at IS DISTINCT FROM NEW.requester_notified_at OR OLD.requester_id IS DISTINCT FROM NEW.requester_id
     OR OLD.team_id IS DISTINCT FROM NEW.team_id OR OLD.assignee_id IS DISTINCT FROM NEW.assignee_id
     OR OLD.category_code IS DISTINCT FROM NEW.category_code OR OLD.priority IS DISTINCT FROM NEW.priority
     OR OLD.source IS DISTINCT FROM NEW.source OR OLD.language IS DISTINCT FROM NEW.language
     OR OLD.account_id IS DISTINCT FROM NEW.account_id)
  EXECUTE FUNCTION metric_units_case_changed();

CREATE FUNCTION metric_units_clocks_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_units_refresh(ARRAY(SELECT DISTINCT case_id FROM new_clocks
                                      WHERE handoff_id IS NULL AND (breached_at IS NOT NULL OR state = 'stopped')));
  RETURN NULL;
END $$;
CREATE TRIGGER metric_units_clocks_insert AFTER INSERT ON sla_clocks
  REFERENCING NEW TABLE AS new_clocks FOR EACH STATEMENT EXECUTE FUNCTION metric_units_clocks_inserted();

-- A re-import replaces a case's clocks: the units of a clock that is gone go with it.
CREATE FUNCTION metric_units_clocks_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_units_refresh(ARRAY(SELECT DISTINCT case_id FROM old_clocks));
  RETURN NULL;
END $$;
CREATE TRIGGER metric_units_clocks_delete AFTER DELETE ON sla_clocks
  REFERENCING OLD TABLE AS old_clocks FOR EACH STATEMENT EXECUTE FUNCTION metric_units_clocks_deleted();

CREATE FUNCTION metric_units_clock_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_units_refresh(ARRAY[NEW.case_id]);
  RETURN NULL;
END $$;
CREATE TRIGGER metric_units_clock_update AFTER UPDATE ON sla_clocks FOR EACH ROW
  WHEN (NEW.handoff_id IS NULL AND (OLD.state IS DISTINCT FROM NEW.state OR OLD.breached_at IS DISTINCT FROM NEW.breached_at
     OR OLD.stopped_at IS DISTINCT FROM NEW.stopped_at OR OLD.elapsed_seconds IS DISTINCT FROM NEW.elapsed_seconds AND NEW.state = 'stopped'))
  EXECUTE FUNCTION metric_units_clock_changed();

-- A handoff opened or answered opens or closes its case's loop.
CREATE FUNCTION metric_units_handoff_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_units_refresh(ARRAY[NEW.case_id]);
  RETURN NULL;
END $$;
CREATE FUNCTION metric_units_handoffs_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_units_refresh(ARRAY(SELECT DISTINCT case_id FROM new_handoffs));
  RETURN NULL;
END $$;
CREATE TRIGGER metric_units_handoff_insert AFTER INSERT ON handoffs
  REFERENCING NEW TABLE AS new_handoffs FOR EACH STATEMENT EXECUTE FUNCTION metric_units_handoffs_inserted();
CREATE TRIGGER metric_units_handoff_update AFTER UPDATE ON handoffs FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION metric_units_handoff_changed();

CREATE FUNCTION metric_units_account_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE metric_units SET region = NEW.region WHERE case_id IN (SELECT id FROM cases WHERE account_id = NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER metric_units_account_update AFTER UPDATE ON accounts FOR EACH ROW
  WHEN (OLD.region IS DISTINCT FROM NEW.region) EXECUTE FUNCTION metric_units_account_changed();
