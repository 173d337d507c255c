-- Cases: accounts, the category taxonomy, cases, their timeline, handoffs, links,
-- attachments, idempotent intake and in-app notifications.

CREATE TABLE accounts (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  type         text NOT NULL CHECK (type IN ('seller', 'creator', 'customer')),
  external_id  text NOT NULL,
  name         text NOT NULL,
  -- Personal data: masked for partner departments, erased on request.
  email        text,
  phone        text,
  region       text REFERENCES regions (code),
  language     text CHECK (language IN ('en', 'zh', 'ms')),
  tier         text NOT NULL DEFAULT 'standard' CHECK (tier IN ('standard', 'key', 'vip')),
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  UNIQUE (type, external_id)
);

-- Two levels: a root (`payments`) and its children (`payments/withdrawal-delayed`).
CREATE TABLE categories (
  code             text PRIMARY KEY CHECK (code ~ '^[a-z0-9-]+(/[a-z0-9-]+)?$'),
  parent_code      text REFERENCES categories (code),
  labels           jsonb NOT NULL,
  -- Intake fields the category's SOP requires: [{ key, type, labels: {en, zh, ms} }].
  required_fields  jsonb NOT NULL DEFAULT '[]',
  active           boolean NOT NULL DEFAULT true,
  position         integer NOT NULL DEFAULT 0,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((parent_code IS NULL) = (position('/' in code) = 0))
);

-- The default marketplace taxonomy every install starts with.
INSERT INTO categories (code, parent_code, labels, required_fields, position) VALUES
  ('payments', NULL, '{"en":"Payments","zh":"支付","ms":"Pembayaran"}', '[]', 10),
  ('payments/withdrawal-delayed', 'payments', '{"en":"Withdrawal delayed","zh":"提现延迟","ms":"Pengeluaran tertangguh"}',
   '[{"key":"withdrawalId","type":"text","labels":{"en":"Withdrawal ID","zh":"提现单号","ms":"ID pengeluaran"}},{"key":"amount","type":"number","labels":{"en":"Amount","zh":"金额","ms":"Jumlah"}}]', 11),
  ('payments/payout-hold', 'payments', '{"en":"Payout on hold","zh":"结算冻结","ms":"Pembayaran ditahan"}', '[]', 12),
  ('listing', NULL, '{"en":"Listings","zh":"商品","ms":"Penyenaraian"}', '[]', 20),
  ('listing/removed', 'listing', '{"en":"Listing removed","zh":"商品被下架","ms":"Penyenaraian dipadam"}',
   '[{"key":"listingId","type":"text","labels":{"en":"Listing ID","zh":"商品编号","ms":"ID penyenaraian"}}]', 21),
  ('listing/counterfeit-claim', 'listing', '{"en":"Counterfeit claim","zh":"假冒投诉","ms":"Tuntutan barang tiruan"}',
   '[{"key":"listingId","type":"text","labels":{"en":"Listing ID","zh":"商品编号","ms":"ID penyenaraian"}}]', 22),
  ('account', NULL, '{"en":"Account","zh":"账户","ms":"Akaun"}', '[]', 30),
  ('account/suspension-appeal', 'account', '{"en":"Suspension appeal","zh":"封号申诉","ms":"Rayuan penggantungan"}', '[]', 31),
  ('account/verification', 'account', '{"en":"Verification","zh":"账户认证","ms":"Pengesahan akaun"}', '[]', 32),
  ('order', NULL, '{"en":"Orders","zh":"订单","ms":"Pesanan"}', '[]', 40),
  ('order/logistics', 'order', '{"en":"Logistics failure","zh":"物流异常","ms":"Masalah logistik"}',
   '[{"key":"orderId","type":"text","labels":{"en":"Order ID","zh":"订单号","ms":"ID pesanan"}}]', 41),
  ('order/refund-dispute', 'order', '{"en":"Refund dispute","zh":"退款纠纷","ms":"Pertikaian bayaran balik"}',
   '[{"key":"orderId","type":"text","labels":{"en":"Order ID","zh":"订单号","ms":"ID pesanan"}}]', 42),
  ('creator', NULL, '{"en":"Creators","zh":"达人","ms":"Pencipta kandungan"}', '[]', 50),
  ('creator/commission', 'creator', '{"en":"Commission dispute","zh":"佣金争议","ms":"Pertikaian komisen"}', '[]', 51),
  ('creator/live-violation', 'creator', '{"en":"Live stream violation","zh":"直播违规","ms":"Pelanggaran siaran langsung"}', '[]', 52);

-- Gap-tolerant numbering: a sequence never hands the same value out twice, even under
-- concurrent intake; a rolled-back intake just leaves a gap.
CREATE SEQUENCE case_number_seq;

CREATE TABLE cases (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number                  text NOT NULL UNIQUE,
  title                   text NOT NULL,
  description             text NOT NULL,
  category_code           text NOT NULL REFERENCES categories (code),
  account_id              uuid NOT NULL REFERENCES accounts (id),
  requester_id            uuid REFERENCES users (id),
  source                  text NOT NULL CHECK (source IN ('crm', 'oncall', 'email', 'api', 'import')),
  language                text NOT NULL CHECK (language IN ('en', 'zh', 'ms')),
  priority                text NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
  flags                   text[] NOT NULL DEFAULT '{}',
  status                  text NOT NULL CHECK (status IN ('new', 'triaged', 'in_progress', 'waiting_requester',
                                                          'waiting_partner', 'resolved', 'closed', 'reopened')),
  team_id                 uuid REFERENCES teams (id),
  assignee_id             uuid REFERENCES users (id),
  fields                  jsonb NOT NULL DEFAULT '{}',
  root_cause_code         text,
  root_cause_text         text,
  resolution_code         text,
  resolution_summary      text,
  external_id             text UNIQUE,
  merged_into_id          uuid REFERENCES cases (id),
  reopen_count            integer NOT NULL DEFAULT 0,
  requester_notified_at   timestamptz,
  requester_confirmed_at  timestamptz,
  -- Search keys (CJK bigrams + folded words) of title and description, kept by the app.
  search_tokens           text[] NOT NULL DEFAULT '{}',
  created_at              timestamptz NOT NULL,
  updated_at              timestamptz NOT NULL,
  first_response_at       timestamptz,
  resolved_at             timestamptz,
  closed_at               timestamptz
);
CREATE INDEX cases_status_team_idx ON cases (team_id, status, created_at DESC);
CREATE INDEX cases_assignee_idx ON cases (assignee_id, status) WHERE assignee_id IS NOT NULL;
CREATE INDEX cases_requester_idx ON cases (requester_id, created_at DESC);
CREATE INDEX cases_account_idx ON cases (account_id, category_code, created_at DESC);
CREATE INDEX cases_category_idx ON cases (category_code text_pattern_ops);
CREATE INDEX cases_created_idx ON cases (created_at DESC, id DESC);
CREATE INDEX cases_search_idx ON cases USING gin (search_tokens);

CREATE TABLE case_comments (
  id          bigserial PRIMARY KEY,
  case_id     uuid NOT NULL REFERENCES cases (id),
  author_id   uuid REFERENCES users (id),
  visibility  text NOT NULL CHECK (visibility IN ('internal', 'requester', 'account')),
  body        text NOT NULL,
  created_at  timestamptz NOT NULL
);
CREATE INDEX case_comments_case_idx ON case_comments (case_id, created_at);

-- Everything else that happens to a case, for its timeline: transitions, assignments,
-- field changes, handoffs, notifications sent, merges, links.
CREATE TABLE case_events (
  id          bigserial PRIMARY KEY,
  case_id     uuid NOT NULL REFERENCES cases (id),
  at          timestamptz NOT NULL,
  actor_id    uuid REFERENCES users (id),
  kind        text NOT NULL,
  data        jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX case_events_case_idx ON case_events (case_id, at);

CREATE TABLE handoffs (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id           uuid NOT NULL REFERENCES cases (id),
  team_id           uuid NOT NULL REFERENCES teams (id),
  question          text NOT NULL,
  due_at            timestamptz NOT NULL,
  status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'cancelled')),
  answer            text,
  answered_by       uuid REFERENCES users (id),
  answered_at       timestamptz,
  reminders_sent    integer NOT NULL DEFAULT 0,
  created_by        uuid REFERENCES users (id),
  created_at        timestamptz NOT NULL
);
CREATE INDEX handoffs_team_open_idx ON handoffs (team_id, due_at) WHERE status = 'open';
CREATE INDEX handoffs_case_idx ON handoffs (case_id);

CREATE TABLE case_links (
  case_id    uuid NOT NULL REFERENCES cases (id),
  other_id   uuid NOT NULL REFERENCES cases (id),
  kind       text NOT NULL CHECK (kind IN ('related', 'duplicate_of', 'parent_of', 'child_of')),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (case_id, other_id, kind),
  CHECK (case_id <> other_id)
);

CREATE TABLE attachments (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id       uuid NOT NULL REFERENCES cases (id),
  file_name     text NOT NULL,
  content_type  text NOT NULL,
  size_bytes    integer NOT NULL,
  sha256        text NOT NULL,
  storage_key   text NOT NULL,
  uploaded_by   uuid REFERENCES users (id),
  created_at    timestamptz NOT NULL
);
CREATE INDEX attachments_case_idx ON attachments (case_id);

-- Retried creates with the same Idempotency-Key return the first result.
CREATE TABLE idempotency_keys (
  actor_key     text NOT NULL,
  key           text NOT NULL,
  request_hash  text NOT NULL,
  case_id       uuid NOT NULL REFERENCES cases (id),
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (actor_key, key)
);

CREATE TABLE notifications (
  id          bigserial PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind        text NOT NULL,
  case_id     uuid REFERENCES cases (id),
  data        jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL,
  read_at     timestamptz
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
