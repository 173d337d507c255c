-- The planner's row estimate of a query, for totals past what is worth counting exactly (the case
-- list counts to 1,000): asked in the same statement as the count, not as a second round trip.
-- Takes one statement's text with its values written in (EXPLAIN takes no bind parameters).
CREATE FUNCTION planner_row_estimate(query text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  plan jsonb;
BEGIN
  EXECUTE 'EXPLAIN (FORMAT JSON) ' || query INTO plan;
  RETURN round((plan -> 0 -> 'Plan' ->> 'Plan Rows')::numeric);
END $$;
