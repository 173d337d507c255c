-- Routing rules (issue 4, C2): data, ordered, versioned. A case records which rule and version
-- decided what.
CREATE TABLE routing_rules (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version     integer NOT NULL DEFAULT 1,
  name        text NOT NULL,
  enabled     boolean NOT NULL DEFAULT true,
  position    integer NOT NULL,
  -- { "when": {…}, "then": [ … ] } as in the rule format.
  definition  jsonb NOT NULL,
  deleted_at  timestamptz,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX routing_rules_name_key ON routing_rules (lower(name)) WHERE deleted_at IS NULL;

-- Every save of a rule, kept: what a case's decision names can always be read back.
CREATE TABLE routing_rule_versions (
  rule_id     uuid NOT NULL REFERENCES routing_rules (id),
  version     integer NOT NULL,
  name        text NOT NULL,
  enabled     boolean NOT NULL,
  position    integer NOT NULL,
  definition  jsonb NOT NULL,
  deleted     boolean NOT NULL DEFAULT false,
  saved_by    uuid REFERENCES users (id),
  saved_at    timestamptz NOT NULL,
  PRIMARY KEY (rule_id, version)
);

-- What routing decided for the case: { team?, priority?, flags?, assignment?, critical?, checklist?, evaluatedAt },
-- each naming the rule (id, version, name) that decided it.
ALTER TABLE cases ADD COLUMN routing jsonb NOT NULL DEFAULT '{}';
