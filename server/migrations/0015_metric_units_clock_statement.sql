-- The SLA sweep updates up to 500 clocks in one statement. A row trigger refreshed each clock's
-- case on its own, so every breach paid a refresh of its own and one worker fired about 600
-- breaches a second at 100,000 cases; one refresh for all the statement's cases instead.
DROP TRIGGER metric_units_clock_update ON sla_clocks;
DROP FUNCTION metric_units_clock_changed();

CREATE FUNCTION metric_units_clocks_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_units_refresh(ARRAY(
    SELECT DISTINCT n.case_id
      FROM new_clocks n
      JOIN old_clocks o ON o.id = n.id
     WHERE n.handoff_id IS NULL
       AND (o.state IS DISTINCT FROM n.state OR o.breached_at IS DISTINCT FROM n.breached_at
            OR o.stopped_at IS DISTINCT FROM n.stopped_at OR o.elapsed_seconds IS DISTINCT FROM n.elapsed_seconds AND n.state = 'stopped')));
  RETURN NULL;
END $$;
CREATE TRIGGER metric_units_clocks_update AFTER UPDATE ON sla_clocks
  REFERENCING OLD TABLE AS old_clocks NEW TABLE AS new_clocks FOR EACH STATEMENT EXECUTE FUNCTION metric_units_clocks_updated();
