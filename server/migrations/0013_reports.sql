-- Weekly team reports (issue 6): files attached to an outbox e-mail, kept with it (a report is
-- tens of kB; the outbox is where admins read what went out, attachments included).
CREATE TABLE mail_attachments (
  id            bigserial PRIMARY KEY,
  mail_id       bigint NOT NULL REFERENCES mail_outbox (id) ON DELETE CASCADE,
  file_name     text NOT NULL,
  content_type  text NOT NULL,
  content       bytea NOT NULL
);
CREATE INDEX mail_attachments_mail_idx ON mail_attachments (mail_id);
