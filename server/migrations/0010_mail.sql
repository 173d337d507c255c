-- E-mail notifications (issue 4): an outbox, delivered by the job runner through SMTP_URL.
-- Without SMTP_URL mail is held here and admins read it in the UI.
CREATE TABLE mail_outbox (
  id           bigserial PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  to_address   text NOT NULL,
  locale       text NOT NULL CHECK (locale IN ('en', 'zh', 'ms')),
  kind         text NOT NULL,
  case_id      uuid REFERENCES cases (id),
  data         jsonb NOT NULL DEFAULT '{}',
  status       text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'held', 'failed')),
  -- Filled when sent or held: what went out (or would have).
  subject      text,
  body         text,
  attempts     integer NOT NULL DEFAULT 0,
  last_error   text,
  created_at   timestamptz NOT NULL,
  sent_at      timestamptz
);
CREATE INDEX mail_outbox_status_idx ON mail_outbox (status, created_at DESC);
