-- Assignment (issue 4): per team a strategy and a capacity, per agent availability and skills.
ALTER TABLE teams ADD COLUMN assignment_strategy text NOT NULL DEFAULT 'manual'
  CHECK (assignment_strategy IN ('round_robin', 'least_loaded', 'skills', 'manual'));
-- Open cases an agent of the team may hold at most (NULL: no limit).
ALTER TABLE teams ADD COLUMN assignment_capacity integer CHECK (assignment_capacity > 0);
-- Round robin's place: the agent who got the team's last case.
ALTER TABLE teams ADD COLUMN round_robin_last uuid REFERENCES users (id) ON DELETE SET NULL;

-- The availability toggle (shifts replace it later); only available agents get cases.
ALTER TABLE users ADD COLUMN available boolean NOT NULL DEFAULT false;
-- Category prefixes an agent handles under the skills strategy (empty: any); languages are in `languages`.
ALTER TABLE users ADD COLUMN skill_categories text[] NOT NULL DEFAULT '{}';
