-- Each API process keeps who a token or session is in memory (identity-cache.ts) and forgets it
-- all when told that something it holds changed: a revoked token, an ended session, a person's
-- role, activity, name, email or language, a team membership or a team's name. Only the columns
-- an actor is made of notify: the touch of last_used_at / last_seen_at, a person's availability
-- or skills do not.
CREATE FUNCTION notify_identity_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('closeloop_identity', TG_TABLE_NAME);
  RETURN NULL;
END $$;

CREATE TRIGGER api_tokens_identity_changed AFTER UPDATE OF token_hash, user_id, revoked_at OR DELETE ON api_tokens
  FOR EACH STATEMENT EXECUTE FUNCTION notify_identity_changed();
CREATE TRIGGER api_tokens_identity_truncated AFTER TRUNCATE ON api_tokens
  FOR EACH STATEMENT EXECUTE FUNCTION notify_identity_changed();
CREATE TRIGGER sessions_identity_changed AFTER UPDATE OF id_hash, user_id, csrf_token, expires_at OR DELETE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_identity_changed();
CREATE TRIGGER sessions_identity_truncated AFTER TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_identity_changed();
CREATE TRIGGER users_identity_changed AFTER UPDATE OF email, display_name, role, locale, active OR DELETE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION notify_identity_changed();
CREATE TRIGGER users_identity_truncated AFTER TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION notify_identity_changed();
CREATE TRIGGER team_members_identity_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON team_members
  FOR EACH STATEMENT EXECUTE FUNCTION notify_identity_changed();
CREATE TRIGGER teams_identity_changed AFTER UPDATE OF name OR DELETE ON teams
  FOR EACH STATEMENT EXECUTE FUNCTION notify_identity_changed();
