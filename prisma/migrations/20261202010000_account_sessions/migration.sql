-- A built-in account's sessions are valid for one "session version": changing the account's role
-- or password raises it (whatever makes the change: the admin screens, a seed, plain SQL), which
-- ends every session made before (src/accounts/account-sessions.ts compares on each request).
ALTER TABLE "admin_users" ADD COLUMN "session_version" INTEGER NOT NULL DEFAULT 1;

CREATE FUNCTION "chats_account_session_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."role" IS DISTINCT FROM OLD."role" OR NEW."password_hash" IS DISTINCT FROM OLD."password_hash" THEN
    NEW."session_version" := OLD."session_version" + 1;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "admin_users_session_version" BEFORE UPDATE ON "admin_users"
FOR EACH ROW EXECUTE FUNCTION "chats_account_session_version"();
