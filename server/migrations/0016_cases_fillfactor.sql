-- Room on each page for a case's next version: an update that changes no indexed column (the
-- SLA sweep setting a breached case's sla_state, a comment touching updated_at) can then be a
-- heap-only tuple, written beside the old one without touching the case's 14 indexes (one of
-- them a GIN over its search tokens). Applies to pages written from now on; a table rewrite
-- (VACUUM FULL cases) gives existing pages the room too.
ALTER TABLE cases SET (fillfactor = 90);
