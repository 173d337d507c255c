-- Critical escalation: authorities, ladders, and the escalations paged up them (issue 4, C5).

-- Levels: [{ "notify": { "user": id } | { "team": id } | { "team": id, "role": "lead" }, "timeout": "PT5M", "timeoutSeconds": 300 }]
CREATE TABLE escalation_ladders (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  levels      jsonb NOT NULL,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX escalation_ladders_name_key ON escalation_ladders (lower(name));

-- Who answers for a kind of risk (legal, PR/media, regulator, trust & safety, payments risk …),
-- in a region or everywhere (region NULL).
CREATE TABLE escalation_authorities (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  risk_type   text NOT NULL CHECK (risk_type ~ '^[a-z][a-z0-9_]*$'),
  region      text REFERENCES regions (code),
  ladder_id   uuid NOT NULL REFERENCES escalation_ladders (id),
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX escalation_authorities_name_key ON escalation_authorities (lower(name));

CREATE TABLE critical_escalations (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id          uuid NOT NULL REFERENCES cases (id),
  authority_id     uuid NOT NULL REFERENCES escalation_authorities (id),
  -- The ladder as it was when raised: editing a ladder does not change escalations under way.
  levels           jsonb NOT NULL,
  reason           text NOT NULL,
  status           text NOT NULL CHECK (status IN ('open', 'acknowledged', 'ended')),
  -- The level paged last (0-based) and how many pages went out in all.
  level            integer NOT NULL DEFAULT 0,
  pages_sent       integer NOT NULL DEFAULT 0,
  raised_by        uuid REFERENCES users (id),
  raised_at        timestamptz NOT NULL,
  last_paged_at    timestamptz,
  acknowledged_by  uuid REFERENCES users (id),
  acknowledged_at  timestamptz,
  ended_at         timestamptz,
  end_reason       text
);
CREATE INDEX critical_escalations_case_idx ON critical_escalations (case_id);
CREATE INDEX critical_escalations_open_idx ON critical_escalations (raised_at) WHERE status <> 'ended';

-- Every page, timed and kept. (escalation, seq) is unique: each page goes out once.
CREATE TABLE critical_pages (
  id             bigserial PRIMARY KEY,
  escalation_id  uuid NOT NULL REFERENCES critical_escalations (id),
  seq            integer NOT NULL,
  level          integer NOT NULL,
  recipients     uuid[] NOT NULL,
  paged_at       timestamptz NOT NULL,
  UNIQUE (escalation_id, seq)
);
