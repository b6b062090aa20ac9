-- The audit trail (src/audit/): one row per recorded action, append-only. No foreign keys: an
-- entry outlives the user, chat or report it names (a foreign key's ON DELETE would change it).
CREATE TABLE "audit_log" (
  "id" SERIAL PRIMARY KEY,
  "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "action" VARCHAR(40) NOT NULL,
  -- who: the host's user id and their e-mail or name at the time (a failed login: the e-mail typed)
  "actor_key" VARCHAR(128),
  "actor" VARCHAR(254),
  "address" VARCHAR(64),
  -- what it was done to, in words ("Chat 12 · Shop"), and the facts (fields changed, the filter)
  "subject" VARCHAR(300),
  "details" JSONB NOT NULL DEFAULT '{}'
);
CREATE INDEX "audit_log_at_idx" ON "audit_log" ("at");
CREATE INDEX "audit_log_action_at_idx" ON "audit_log" ("action", "at");
CREATE INDEX "audit_log_actor_at_idx" ON "audit_log" ("actor", "at");

-- Append-only in the database itself: an UPDATE, DELETE or TRUNCATE is refused unless the
-- transaction says it is the audit log's own retention (src/audit/audit-pruner.ts sets
-- chats.audit_pruning locally), so neither the admin nor a bug in it can rewrite the trail.
CREATE FUNCTION chats_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('chats.audit_pruning', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION chats_audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION chats_audit_log_append_only();
