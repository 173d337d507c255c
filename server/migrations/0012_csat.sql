-- CSAT surveys (issue 6): after a case is resolved, one survey per resolution goes to the
-- requester (or the account contact) as a signed, single-use, expiring link.
CREATE TABLE csat_surveys (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id            uuid NOT NULL REFERENCES cases (id),
  -- The resolution asked about: a case reopened and resolved again gets a new survey.
  resolved_at        timestamptz NOT NULL,
  language           text NOT NULL CHECK (language IN ('en', 'zh', 'ms')),
  -- The requester user, or NULL when the survey went to the account's contact address.
  recipient_user_id  uuid REFERENCES users (id) ON DELETE SET NULL,
  recipient_address  text NOT NULL,
  -- Random, never leaves the database; mixed into the link's MAC (see domains/csat/token.ts).
  nonce              text NOT NULL,
  sent_at            timestamptz NOT NULL,
  expires_at         timestamptz NOT NULL,
  answered_at        timestamptz,
  score              smallint CHECK (score BETWEEN 1 AND 5),
  comment            text,
  created_at         timestamptz NOT NULL,
  UNIQUE (case_id, resolved_at),
  CHECK ((answered_at IS NULL) = (score IS NULL))
);
CREATE INDEX csat_surveys_case_idx ON csat_surveys (case_id, sent_at DESC);
CREATE INDEX csat_surveys_sent_idx ON csat_surveys (sent_at);

-- Surveys to an account's contact address have no user behind them.
ALTER TABLE mail_outbox ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE mail_outbox ADD COLUMN to_name text;
