-- Knowledge (issue 7, C8) and response templates (C3).

-- An article: one piece of knowledge in up to three languages (article_variants), moving
-- draft → in_review → published → archived. `version` counts saved edits (article_versions).
CREATE SEQUENCE article_number_seq;
CREATE TABLE articles (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number          text NOT NULL UNIQUE DEFAULT ('KB-' || lpad(nextval('article_number_seq')::text, 5, '0')),
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in_review', 'published', 'archived')),
  version         integer NOT NULL DEFAULT 1,
  category_code   text REFERENCES categories (code),
  tags            text[] NOT NULL DEFAULT '{}',
  team_id         uuid REFERENCES teams (id),
  -- The resolved case whose Q&A was logged into this article, if any.
  source_case_id  uuid REFERENCES cases (id),
  created_by      uuid REFERENCES users (id),
  updated_by      uuid REFERENCES users (id),
  submitted_by    uuid REFERENCES users (id),
  published_by    uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  submitted_at    timestamptz,
  published_at    timestamptz,
  archived_at     timestamptz,
  -- How often it was used on a case, and how often it helped (article_case_links), for ranking.
  use_count       integer NOT NULL DEFAULT 0,
  helped_count    integer NOT NULL DEFAULT 0,
  last_used_at    timestamptz
);
CREATE INDEX articles_status_idx ON articles (status, updated_at DESC);
CREATE INDEX articles_category_idx ON articles (category_code text_pattern_ops);

-- One language's text of an article. Search keys as on cases (CJK bigrams + folded words),
-- kept by the app, title and body apart so a title match ranks higher.
CREATE TABLE article_variants (
  article_id     uuid NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  language       text NOT NULL CHECK (language IN ('en', 'zh', 'ms')),
  title          text NOT NULL,
  -- Markdown; rendered and sanitised on the server when read.
  body           text NOT NULL,
  title_tokens   text[] NOT NULL DEFAULT '{}',
  body_tokens    text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (article_id, language)
);
CREATE INDEX article_variants_title_idx ON article_variants USING gin (title_tokens);
CREATE INDEX article_variants_body_idx ON article_variants USING gin (body_tokens);

-- Every saved state of an article (version 1 is the creation), for history and diffs.
CREATE TABLE article_versions (
  article_id     uuid NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  version        integer NOT NULL,
  -- { "en": { "title", "body" }, "zh": {…}, "ms": {…} } as saved.
  variants       jsonb NOT NULL,
  category_code  text,
  tags           text[] NOT NULL DEFAULT '{}',
  team_id        uuid,
  saved_by       uuid REFERENCES users (id),
  saved_at       timestamptz NOT NULL,
  PRIMARY KEY (article_id, version)
);

-- Which cases used an article, and whether it helped (null: not said yet).
CREATE TABLE article_case_links (
  article_id  uuid NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  case_id     uuid NOT NULL REFERENCES cases (id),
  linked_by   uuid REFERENCES users (id),
  linked_at   timestamptz NOT NULL,
  helped      boolean,
  PRIMARY KEY (article_id, case_id)
);
CREATE INDEX article_case_links_case_idx ON article_case_links (case_id);

-- Response templates (macros): a reply in one language, optionally for a category (and its
-- subcategories), with {{variables}} checked when saved.
CREATE TABLE response_templates (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name           text NOT NULL,
  language       text NOT NULL CHECK (language IN ('en', 'zh', 'ms')),
  category_code  text REFERENCES categories (code),
  body           text NOT NULL,
  -- The variables the body uses, as found when it was saved.
  variables      text[] NOT NULL DEFAULT '{}',
  active         boolean NOT NULL DEFAULT true,
  created_by     uuid REFERENCES users (id),
  updated_by     uuid REFERENCES users (id),
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL
);
CREATE UNIQUE INDEX response_templates_name_key ON response_templates (lower(name), language);
CREATE INDEX response_templates_category_idx ON response_templates (category_code text_pattern_ops);
