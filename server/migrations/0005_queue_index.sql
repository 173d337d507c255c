-- A team's open queue in the order it is worked (P1 first, oldest first): the first page is
-- an ordered index walk that stops after one page, however long the backlog (npm run bench: queue).
CREATE INDEX cases_open_queue_idx ON cases (team_id, priority, created_at, id)
  WHERE status IN ('new', 'triaged', 'in_progress', 'waiting_requester', 'waiting_partner', 'reopened');
