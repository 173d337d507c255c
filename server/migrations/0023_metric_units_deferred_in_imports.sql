-- An import writes a chunk of cases, then replaces their clocks, and each write's trigger
-- recomputed the same cases' units again: two or three full refreshes of every imported case.
-- Inside its own transaction an import now says `closeloop.metric_units = deferred` (a
-- transaction-local setting) and refreshes the chunk's cases once, after both writes. Only the
-- statement triggers of those writes heed it (cases inserted; clocks inserted, deleted or
-- changed); the row triggers (a case or handoff changed, an account's region) and every other
-- transaction are as before.
CREATE FUNCTION metric_units_deferred() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('closeloop.metric_units', true), '') = 'deferred'
$$;

DROP TRIGGER metric_units_cases_insert ON cases;
CREATE TRIGGER metric_units_cases_insert AFTER INSERT ON cases
  REFERENCING NEW TABLE AS new_cases FOR EACH STATEMENT
  WHEN (NOT metric_units_deferred()) EXECUTE FUNCTION metric_units_cases_inserted();

DROP TRIGGER metric_units_clocks_insert ON sla_clocks;
CREATE TRIGGER metric_units_clocks_insert AFTER INSERT ON sla_clocks
  REFERENCING NEW TABLE AS new_clocks FOR EACH STATEMENT
  WHEN (NOT metric_units_deferred()) EXECUTE FUNCTION metric_units_clocks_inserted();

DROP TRIGGER metric_units_clocks_delete ON sla_clocks;
CREATE TRIGGER metric_units_clocks_delete AFTER DELETE ON sla_clocks
  REFERENCING OLD TABLE AS old_clocks FOR EACH STATEMENT
  WHEN (NOT metric_units_deferred()) EXECUTE FUNCTION metric_units_clocks_deleted();

DROP TRIGGER metric_units_clocks_update ON sla_clocks;
CREATE TRIGGER metric_units_clocks_update AFTER UPDATE ON sla_clocks
  REFERENCING OLD TABLE AS old_clocks NEW TABLE AS new_clocks FOR EACH STATEMENT
  WHEN (NOT metric_units_deferred()) EXECUTE FUNCTION metric_units_clocks_updated();
