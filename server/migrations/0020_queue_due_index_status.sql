-- A queue sorted by due (`sort=due`) walks the team's dated cases in due order and keeps those in
-- the statuses asked for. With the status in the index that walk is an index-only scan: the cases
-- it passes over (waiting, or in a status the view leaves out) cost no visit to the table.
DROP INDEX cases_team_sla_due_idx;
CREATE INDEX cases_team_sla_due_idx ON cases (team_id, sla_due_at, id) INCLUDE (status) WHERE sla_due_at IS NOT NULL;
