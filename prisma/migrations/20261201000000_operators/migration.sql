-- Operators: the people dialogues, messages and report jobs refer to, keyed by the host's user id
-- (for the standalone app: the built-in account's id). They used to reference admin_users, which
-- is now the standalone app's login table only; each existing account becomes an operator with
-- the same id, so no reference changes.
CREATE TABLE "chat_operators" (
    "id" SERIAL NOT NULL,
    "user_key" VARCHAR(128) NOT NULL,
    "name" VARCHAR(200),
    "email" VARCHAR(254),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "chat_operators_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "chat_operators_user_key_key" ON "chat_operators"("user_key");

INSERT INTO "chat_operators" ("id", "user_key", "name", "email", "created_at", "updated_at")
SELECT "id", "id"::text, COALESCE("name", "email"), "email", "created_at", CURRENT_TIMESTAMP FROM "admin_users";

SELECT setval(pg_get_serial_sequence('"chat_operators"', 'id'), COALESCE((SELECT max("id") FROM "chat_operators"), 0) + 1, false);

ALTER TABLE "dialogs" DROP CONSTRAINT "dialogs_operator_id_fkey";
ALTER TABLE "dialogs" ADD CONSTRAINT "dialogs_operator_id_fkey" FOREIGN KEY ("operator_id") REFERENCES "chat_operators"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "messages" DROP CONSTRAINT "messages_operator_id_fkey";
ALTER TABLE "messages" ADD CONSTRAINT "messages_operator_id_fkey" FOREIGN KEY ("operator_id") REFERENCES "chat_operators"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "report_jobs" DROP CONSTRAINT "report_jobs_created_by_id_fkey";
ALTER TABLE "report_jobs" ADD CONSTRAINT "report_jobs_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "chat_operators"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The standalone app's built-in accounts are operators under the same id (so an account's id is
-- its operator id, whatever created the account); renaming an account renames its operator.
-- Deleting an account keeps its operator: dialogues still show who handled them.
CREATE FUNCTION "chats_account_operator"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "chat_operators" ("id", "user_key", "name", "email", "updated_at")
  VALUES (NEW."id", NEW."id"::text, COALESCE(NEW."name", NEW."email"), NEW."email", CURRENT_TIMESTAMP)
  ON CONFLICT DO NOTHING;
  -- ids taken here must not be handed out again by the sequence
  PERFORM setval(pg_get_serial_sequence('"chat_operators"', 'id'), GREATEST(NEW."id", (SELECT last_value FROM "chat_operators_id_seq")));
  RETURN NEW;
END $$;

CREATE TRIGGER "admin_users_operator_insert" AFTER INSERT ON "admin_users"
FOR EACH ROW EXECUTE FUNCTION "chats_account_operator"();

CREATE FUNCTION "chats_account_operator_rename"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "chat_operators" SET "name" = COALESCE(NEW."name", NEW."email"), "email" = NEW."email", "updated_at" = CURRENT_TIMESTAMP
  WHERE "user_key" = NEW."id"::text;
  RETURN NEW;
END $$;

CREATE TRIGGER "admin_users_operator_update" AFTER UPDATE OF "name", "email" ON "admin_users"
FOR EACH ROW EXECUTE FUNCTION "chats_account_operator_rename"();
