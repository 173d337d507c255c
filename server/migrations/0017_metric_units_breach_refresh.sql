-- The SLA sweep's breaches change one thing a metric depends on: the breached clock's
-- `sla:<kind>` unit. Refreshing all of a case's units for it (delete and re-insert its
-- created, resolved, left, open and sla rows) was the larger half of a sweep round's time;
-- clocks whose only change is breached_at now refresh their sla units alone. Anything else
-- (a stop, a restart, elapsed time on a stopped clock) still recomputes the case.
CREATE FUNCTION metric_units_refresh_sla(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(ids) = 0 THEN RETURN; END IF;
  DELETE FROM metric_units WHERE case_id = ANY (ids) AND family LIKE 'sla:%';
  -- As the sla branch of metric_units_refresh.
  INSERT INTO metric_units (case_id, family, at, v, seconds, work_seconds, loop_closed, score,
                            team_id, assignee_id, category_code, region, priority, source, language)
  SELECT c.id, 'sla:' || k.kind, coalesce(k.breached_at, k.stopped_at), (k.breached_at IS NULL)::int::float8, NULL, NULL, NULL, NULL,
         c.team_id, c.assignee_id, c.category_code, a.region, c.priority, c.source, c.language
    FROM cases c
    JOIN accounts a ON a.id = c.account_id
    JOIN sla_clocks k ON k.case_id = c.id AND k.handoff_id IS NULL AND (k.breached_at IS NOT NULL OR k.state = 'stopped')
   WHERE c.id = ANY (ids) AND c.merged_into_id IS NULL
  ON CONFLICT (case_id, family) DO NOTHING;
END $$;

CREATE OR REPLACE FUNCTION metric_units_clocks_updated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  whole uuid[];
  breached uuid[];
BEGIN
  -- Per case: did a clock change in a way the created/resolved units read (whole), or only breach?
  SELECT coalesce(array_agg(case_id) FILTER (WHERE w), '{}'), coalesce(array_agg(case_id) FILTER (WHERE b AND NOT w), '{}')
    INTO whole, breached
    FROM (SELECT n.case_id,
                 bool_or(o.state IS DISTINCT FROM n.state OR o.stopped_at IS DISTINCT FROM n.stopped_at
                         OR o.elapsed_seconds IS DISTINCT FROM n.elapsed_seconds AND n.state = 'stopped') AS w,
                 bool_or(o.breached_at IS DISTINCT FROM n.breached_at) AS b
            FROM new_clocks n
            JOIN old_clocks o ON o.id = n.id
           WHERE n.handoff_id IS NULL
           GROUP BY n.case_id) changed;
  PERFORM metric_units_refresh(whole);
  PERFORM metric_units_refresh_sla(breached);
  RETURN NULL;
END $$;
