-- The configuration every intake reads (categories, regions, teams, routing rules, SLA policies,
-- calendars) changes rarely; a process keeps it in memory against this generation, which every
-- change to those tables moves on in its own transaction. A transaction that reads generation N
-- may use what was loaded at N: it is what it would have read itself.
CREATE TABLE configuration_generation (
  only_row    boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  generation  bigint NOT NULL DEFAULT 0,
  -- The transaction that moved it last: while it is open, it must not fill the shared cache
  -- with what it has not committed.
  changed_by  xid8
);
INSERT INTO configuration_generation DEFAULT VALUES;

CREATE FUNCTION configuration_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE configuration_generation SET generation = generation + 1, changed_by = pg_current_xact_id();
  RETURN NULL;
END $$;

CREATE TRIGGER configuration_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON categories
  FOR EACH STATEMENT EXECUTE FUNCTION configuration_changed();
CREATE TRIGGER configuration_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON regions
  FOR EACH STATEMENT EXECUTE FUNCTION configuration_changed();
CREATE TRIGGER configuration_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON routing_rules
  FOR EACH STATEMENT EXECUTE FUNCTION configuration_changed();
CREATE TRIGGER configuration_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sla_policies
  FOR EACH STATEMENT EXECUTE FUNCTION configuration_changed();
CREATE TRIGGER configuration_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendars
  FOR EACH STATEMENT EXECUTE FUNCTION configuration_changed();
CREATE TRIGGER configuration_changed AFTER INSERT OR DELETE OR TRUNCATE ON teams
  FOR EACH STATEMENT EXECUTE FUNCTION configuration_changed();
-- The round-robin pointer moves with every automatic assignment and nothing cached reads it.
CREATE TRIGGER configuration_changed_update AFTER UPDATE ON teams FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'round_robin_last') IS DISTINCT FROM (to_jsonb(NEW) - 'round_robin_last'))
  EXECUTE FUNCTION configuration_changed();
