-- Issue 10: fast at a million dialogues.
-- 1. pg_trgm and a trigram GIN index on messages.text: the text search (ILIKE '%…%', any
--    language, % and _ escaped) of the Dialog list, the Message list and the reports uses it.
-- 2. Indexes for the lists' filters and sorts that had none.
-- 3. The dashboard's maintained aggregates (models Dashboard* in chats.prisma), kept by the
--    triggers below and filled here from the data already stored.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateTable
CREATE TABLE "dashboard_dialogs" (
    "chat_id" INTEGER NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "channel" "Channel" NOT NULL,
    "active" INTEGER NOT NULL DEFAULT 0,
    "closed" INTEGER NOT NULL DEFAULT 0,
    "transfers" INTEGER NOT NULL DEFAULT 0,
    "no_operator_response" INTEGER NOT NULL DEFAULT 0,
    "slot" SMALLINT NOT NULL DEFAULT 0,

    CONSTRAINT "dashboard_dialogs_pkey" PRIMARY KEY ("chat_id","bucket","channel","slot")
);

-- CreateTable
CREATE TABLE "dashboard_messages" (
    "chat_id" INTEGER NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "channel" "Channel" NOT NULL,
    "client" INTEGER NOT NULL DEFAULT 0,
    "bot" INTEGER NOT NULL DEFAULT 0,
    "operator" INTEGER NOT NULL DEFAULT 0,
    "system" INTEGER NOT NULL DEFAULT 0,
    "slot" SMALLINT NOT NULL DEFAULT 0,

    CONSTRAINT "dashboard_messages_pkey" PRIMARY KEY ("chat_id","bucket","channel","slot")
);

-- CreateTable
CREATE TABLE "dashboard_markers" (
    "chat_id" INTEGER NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "channel" "Channel" NOT NULL,
    "marker_id" INTEGER NOT NULL,
    "dialogs" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "dashboard_markers_pkey" PRIMARY KEY ("chat_id","bucket","channel","marker_id")
);

-- CreateTable
CREATE TABLE "dashboard_phrases" (
    "chat_id" INTEGER NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "channel" "Channel" NOT NULL,
    "phrase" TEXT NOT NULL,
    "messages" INTEGER NOT NULL DEFAULT 0,
    "slot" SMALLINT NOT NULL DEFAULT 0,

    CONSTRAINT "dashboard_phrases_pkey" PRIMARY KEY ("chat_id","bucket","channel","phrase","slot")
);

-- CreateTable
CREATE TABLE "dashboard_phrases_daily" (
    "chat_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "channel" "Channel" NOT NULL,
    "phrase" TEXT NOT NULL,
    "messages" INTEGER NOT NULL DEFAULT 0,
    "slot" SMALLINT NOT NULL DEFAULT 0,

    CONSTRAINT "dashboard_phrases_daily_pkey" PRIMARY KEY ("chat_id","day","channel","phrase","slot")
);

-- CreateTable
CREATE TABLE "dashboard_first_responses" (
    "dialog_id" UUID NOT NULL,
    "chat_id" INTEGER NOT NULL,
    "channel" "Channel" NOT NULL,
    "transferred_at" TIMESTAMPTZ(3) NOT NULL,
    "response_seconds" DECIMAL NOT NULL,

    CONSTRAINT "dashboard_first_responses_pkey" PRIMARY KEY ("dialog_id")
);

-- CreateIndex
CREATE INDEX "dashboard_dialogs_bucket_active_closed_transfers_no_operato_idx" ON "dashboard_dialogs"("bucket", "active", "closed", "transfers", "no_operator_response");

-- CreateIndex
CREATE INDEX "dashboard_messages_bucket_client_bot_operator_system_idx" ON "dashboard_messages"("bucket", "client", "bot", "operator", "system");

-- CreateIndex
CREATE INDEX "dashboard_markers_bucket_marker_id_dialogs_idx" ON "dashboard_markers"("bucket", "marker_id", "dialogs");

-- CreateIndex
CREATE INDEX "dashboard_phrases_bucket_phrase_messages_idx" ON "dashboard_phrases"("bucket", "phrase", "messages");

-- CreateIndex
CREATE INDEX "dashboard_phrases_daily_day_phrase_messages_idx" ON "dashboard_phrases_daily"("day", "phrase", "messages");

-- CreateIndex
CREATE INDEX "dashboard_first_responses_transferred_at_idx" ON "dashboard_first_responses"("transferred_at");

-- CreateIndex
CREATE INDEX "dashboard_first_responses_chat_id_transferred_at_idx" ON "dashboard_first_responses"("chat_id", "transferred_at");

-- CreateIndex
CREATE INDEX "dialogs_waiting_first_idx" ON "dialogs"("status", "first_operator_reply_at" DESC, "transferred_at" ASC, "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "dialogs_no_response_created_at_idx" ON "dialogs"("first_operator_reply_at", "created_at", "transferred_at");

-- CreateIndex
CREATE INDEX "messages_delivery_status_sent_at_idx" ON "messages"("delivery_status", "sent_at");

-- CreateIndex
CREATE INDEX "messages_cost_idx" ON "messages"("cost");

-- CreateIndex
CREATE INDEX "messages_text_trgm_idx" ON "messages" USING GIN ("text" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "dashboard_dialogs" ADD CONSTRAINT "dashboard_dialogs_chat_id_fkey" FOREIGN KEY ("chat_id") REFERENCES "chats"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dashboard_messages" ADD CONSTRAINT "dashboard_messages_chat_id_fkey" FOREIGN KEY ("chat_id") REFERENCES "chats"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dashboard_markers" ADD CONSTRAINT "dashboard_markers_chat_id_fkey" FOREIGN KEY ("chat_id") REFERENCES "chats"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dashboard_markers" ADD CONSTRAINT "dashboard_markers_marker_id_fkey" FOREIGN KEY ("marker_id") REFERENCES "markers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dashboard_phrases" ADD CONSTRAINT "dashboard_phrases_chat_id_fkey" FOREIGN KEY ("chat_id") REFERENCES "chats"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dashboard_phrases_daily" ADD CONSTRAINT "dashboard_phrases_daily_chat_id_fkey" FOREIGN KEY ("chat_id") REFERENCES "chats"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dashboard_first_responses" ADD CONSTRAINT "dashboard_first_responses_chat_id_fkey" FOREIGN KEY ("chat_id") REFERENCES "chats"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The dialogues of the messages matching an ILIKE pattern, at most max_rows messages' worth, for
-- the lists' capped counts (src/db/capped-count.ts). Sequential scans are off inside: for a
-- common word the planner prices a LIMITed sequential scan by the share of matches and reads
-- 100k+ rows to find a few thousand, where the trigram index names them directly; the memory
-- keeps the bitmap of a common word's rows exact (not whole pages to recheck).
CREATE FUNCTION chats_text_match_dialogs(pattern text, max_rows int) RETURNS SETOF uuid
  LANGUAGE sql STABLE SET enable_seqscan = off SET work_mem = '32MB'
  AS $$ SELECT m.dialog_id FROM messages m WHERE m.text ILIKE pattern LIMIT max_rows $$;

-- ---------------------------------------------------------------------------------------------
-- Dashboard aggregates: what follows is beyond the models (functions and triggers). The counts
-- are per chat, channel and 15-minute UTC bucket: every IANA zone's offset is a multiple of 15
-- minutes (since 1972), so the days of any zone are sums of whole buckets.
-- Triggers rather than the message-store statement: every writer is covered (the store
-- statement, Prisma updates of a dialogue's status, transfer and markers, the demo's bulk inserts)
-- and the rules are in one place. Inserts are counted per statement (transition tables), so a
-- bulk insert costs one upsert per bucket; dialogue updates per row, only when a counted fact
-- changes (the WHEN clause keeps the function from running on every stored message).
-- Deleting a dialogue, a message or a dialogue's markers through a deletion of the dialogue
-- (a purge) changes nothing here: past periods keep their figures. Deleting a chat or a marker
-- removes its rows (foreign keys).

-- The row a writer adds to (models' comment on `slot`): one of 8 per chat, channel and bucket.
CREATE FUNCTION chats_dashboard_slot() RETURNS smallint
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT (pg_backend_pid() % 8)::smallint $$;

CREATE FUNCTION chats_dashboard_bucket(at timestamptz) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT date_bin('15 minutes', at, TIMESTAMPTZ '2000-01-01 00:00:00+00') $$;

-- normalizedPhraseSql (src/reports/sql/phrase.sql.ts) as generated on 2026-12-02; the dashboard
-- test holds the two to the same results.
CREATE FUNCTION chats_dashboard_phrase(phrase_text text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT ltrim(rtrim(lower(regexp_replace(phrase_text, E'[ \u0009\u000a\u000b\u000c\u000d\u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000]{2,}|[\u0009\u000a\u000b\u000c\u000d\u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000]', ' ', 'g')), E'.,!?;:\u2026\u203d\u3002\uff01\uff1f\uff0c\uff1b\uff1a '), ' ') $$;

-- dialogues: status as of now; "no operator response" = transferred and never answered
-- (src/domain/dialog-status.ts noOperatorResponseSql)
CREATE FUNCTION chats_dashboard_dialogs_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dashboard_dialogs AS t (chat_id, bucket, channel, slot, active, closed, transfers, no_operator_response)
  SELECT n.chat_id, chats_dashboard_bucket(n.created_at), n.channel, chats_dashboard_slot(),
         count(*) FILTER (WHERE n.status = 'active'), count(*) FILTER (WHERE n.status = 'closed'),
         count(*) FILTER (WHERE n.transferred_at IS NOT NULL),
         count(*) FILTER (WHERE n.transferred_at IS NOT NULL AND n.first_operator_reply_at IS NULL)
  FROM new_dialogs n GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (chat_id, bucket, channel, slot) DO UPDATE SET
    active = t.active + excluded.active, closed = t.closed + excluded.closed,
    transfers = t.transfers + excluded.transfers, no_operator_response = t.no_operator_response + excluded.no_operator_response;
  INSERT INTO dashboard_first_responses (dialog_id, chat_id, channel, transferred_at, response_seconds)
  SELECT n.id, n.chat_id, n.channel, n.transferred_at, extract(epoch FROM n.first_operator_reply_at - n.transferred_at)
  FROM new_dialogs n WHERE n.transferred_at IS NOT NULL AND n.first_operator_reply_at IS NOT NULL
  ON CONFLICT (dialog_id) DO NOTHING;
  RETURN NULL;
END $$;

CREATE FUNCTION chats_dashboard_dialog_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dashboard_dialogs AS t (chat_id, bucket, channel, slot, active, closed, transfers, no_operator_response)
  SELECT v.chat_id, chats_dashboard_bucket(v.created_at), v.channel, chats_dashboard_slot(),
         sum(v.sign * (v.status = 'active')::int), sum(v.sign * (v.status = 'closed')::int),
         sum(v.sign * (v.transferred_at IS NOT NULL)::int),
         sum(v.sign * (v.transferred_at IS NOT NULL AND v.first_operator_reply_at IS NULL)::int)
  FROM (VALUES (OLD.chat_id, OLD.created_at, OLD.channel, OLD.status, OLD.transferred_at, OLD.first_operator_reply_at, -1),
               (NEW.chat_id, NEW.created_at, NEW.channel, NEW.status, NEW.transferred_at, NEW.first_operator_reply_at, 1))
       AS v(chat_id, created_at, channel, status, transferred_at, first_operator_reply_at, sign)
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (chat_id, bucket, channel, slot) DO UPDATE SET
    active = t.active + excluded.active, closed = t.closed + excluded.closed,
    transfers = t.transfers + excluded.transfers, no_operator_response = t.no_operator_response + excluded.no_operator_response;
  IF (OLD.chat_id, OLD.channel, OLD.transferred_at, OLD.first_operator_reply_at)
     IS DISTINCT FROM (NEW.chat_id, NEW.channel, NEW.transferred_at, NEW.first_operator_reply_at) THEN
    DELETE FROM dashboard_first_responses WHERE dialog_id = OLD.id;
    IF NEW.transferred_at IS NOT NULL AND NEW.first_operator_reply_at IS NOT NULL THEN
      INSERT INTO dashboard_first_responses (dialog_id, chat_id, channel, transferred_at, response_seconds)
      VALUES (NEW.id, NEW.chat_id, NEW.channel, NEW.transferred_at, extract(epoch FROM NEW.first_operator_reply_at - NEW.transferred_at));
    END IF;
  END IF;
  RETURN NULL;
END $$;

-- messages by author type, and client messages by phrase (the dialogue gives chat and channel)
CREATE FUNCTION chats_dashboard_messages_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dashboard_messages AS t (chat_id, bucket, channel, slot, client, bot, operator, system)
  SELECT d.chat_id, chats_dashboard_bucket(m.sent_at), d.channel, chats_dashboard_slot(),
         count(*) FILTER (WHERE m.author_type = 'client'), count(*) FILTER (WHERE m.author_type = 'bot'),
         count(*) FILTER (WHERE m.author_type = 'operator'), count(*) FILTER (WHERE m.author_type = 'system')
  FROM new_messages m JOIN dialogs d ON d.id = m.dialog_id
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (chat_id, bucket, channel, slot) DO UPDATE SET
    client = t.client + excluded.client, bot = t.bot + excluded.bot,
    operator = t.operator + excluded.operator, system = t.system + excluded.system;
  IF NOT EXISTS (SELECT 1 FROM new_messages WHERE author_type = 'client') THEN
    RETURN NULL; -- bot, operator and system messages have no phrase: skip the work below
  END IF;
  WITH p AS MATERIALIZED (
    SELECT d.chat_id, chats_dashboard_bucket(m.sent_at) AS bucket, d.channel, chats_dashboard_phrase(m.text) AS phrase
    FROM new_messages m JOIN dialogs d ON d.id = m.dialog_id WHERE m.author_type = 'client'
  ), quarter AS (
    INSERT INTO dashboard_phrases AS t (chat_id, bucket, channel, phrase, slot, messages)
    SELECT p.chat_id, p.bucket, p.channel, p.phrase, chats_dashboard_slot(), count(*)
    FROM p WHERE p.phrase <> ''
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (chat_id, bucket, channel, phrase, slot) DO UPDATE SET messages = t.messages + excluded.messages
  )
  INSERT INTO dashboard_phrases_daily AS t (chat_id, day, channel, phrase, slot, messages)
  SELECT p.chat_id, (p.bucket AT TIME ZONE 'UTC')::date, p.channel, p.phrase, chats_dashboard_slot(), count(*)
  FROM p WHERE p.phrase <> ''
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (chat_id, day, channel, phrase, slot) DO UPDATE SET messages = t.messages + excluded.messages;
  RETURN NULL;
END $$;

-- markers set and unset; when the dialogue (or the marker) is gone, nothing is taken off
CREATE FUNCTION chats_dashboard_markers_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dashboard_markers AS t (chat_id, bucket, channel, marker_id, dialogs)
    SELECT d.chat_id, chats_dashboard_bucket(d.created_at), d.channel, n.marker_id, count(*)
    FROM new_markers n JOIN dialogs d ON d.id = n.dialog_id
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (chat_id, bucket, channel, marker_id) DO UPDATE SET dialogs = t.dialogs + excluded.dialogs;
  ELSE
    UPDATE dashboard_markers t SET dialogs = t.dialogs - o.n
    FROM (SELECT d.chat_id, chats_dashboard_bucket(d.created_at) AS bucket, d.channel, x.marker_id, count(*) AS n
          FROM old_markers x JOIN dialogs d ON d.id = x.dialog_id JOIN markers mk ON mk.id = x.marker_id
          GROUP BY 1, 2, 3, 4) o
    WHERE t.chat_id = o.chat_id AND t.bucket = o.bucket AND t.channel = o.channel AND t.marker_id = o.marker_id;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER dialogs_dashboard_insert AFTER INSERT ON dialogs
  REFERENCING NEW TABLE AS new_dialogs FOR EACH STATEMENT EXECUTE FUNCTION chats_dashboard_dialogs_inserted();
CREATE TRIGGER dialogs_dashboard_update AFTER UPDATE ON dialogs FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.transferred_at IS DISTINCT FROM NEW.transferred_at
        OR OLD.first_operator_reply_at IS DISTINCT FROM NEW.first_operator_reply_at OR OLD.created_at IS DISTINCT FROM NEW.created_at
        OR OLD.chat_id IS DISTINCT FROM NEW.chat_id OR OLD.channel IS DISTINCT FROM NEW.channel)
  EXECUTE FUNCTION chats_dashboard_dialog_changed();
CREATE TRIGGER messages_dashboard_insert AFTER INSERT ON messages
  REFERENCING NEW TABLE AS new_messages FOR EACH STATEMENT EXECUTE FUNCTION chats_dashboard_messages_inserted();
CREATE TRIGGER dialog_markers_dashboard_insert AFTER INSERT ON dialog_markers
  REFERENCING NEW TABLE AS new_markers FOR EACH STATEMENT EXECUTE FUNCTION chats_dashboard_markers_changed();
CREATE TRIGGER dialog_markers_dashboard_delete AFTER DELETE ON dialog_markers
  REFERENCING OLD TABLE AS old_markers FOR EACH STATEMENT EXECUTE FUNCTION chats_dashboard_markers_changed();

-- the data stored before this migration
INSERT INTO dashboard_dialogs (chat_id, bucket, channel, active, closed, transfers, no_operator_response)
SELECT chat_id, chats_dashboard_bucket(created_at), channel,
       count(*) FILTER (WHERE status = 'active'), count(*) FILTER (WHERE status = 'closed'),
       count(*) FILTER (WHERE transferred_at IS NOT NULL),
       count(*) FILTER (WHERE transferred_at IS NOT NULL AND first_operator_reply_at IS NULL)
FROM dialogs GROUP BY 1, 2, 3;
INSERT INTO dashboard_first_responses (dialog_id, chat_id, channel, transferred_at, response_seconds)
SELECT id, chat_id, channel, transferred_at, extract(epoch FROM first_operator_reply_at - transferred_at)
FROM dialogs WHERE transferred_at IS NOT NULL AND first_operator_reply_at IS NOT NULL;
INSERT INTO dashboard_messages (chat_id, bucket, channel, client, bot, operator, system)
SELECT d.chat_id, chats_dashboard_bucket(m.sent_at), d.channel,
       count(*) FILTER (WHERE m.author_type = 'client'), count(*) FILTER (WHERE m.author_type = 'bot'),
       count(*) FILTER (WHERE m.author_type = 'operator'), count(*) FILTER (WHERE m.author_type = 'system')
FROM messages m JOIN dialogs d ON d.id = m.dialog_id GROUP BY 1, 2, 3;
INSERT INTO dashboard_phrases (chat_id, bucket, channel, phrase, messages)
SELECT p.chat_id, p.bucket, p.channel, p.phrase, count(*)
FROM (SELECT d.chat_id, chats_dashboard_bucket(m.sent_at) AS bucket, d.channel, chats_dashboard_phrase(m.text) AS phrase
      FROM messages m JOIN dialogs d ON d.id = m.dialog_id WHERE m.author_type = 'client') p
WHERE p.phrase <> '' GROUP BY 1, 2, 3, 4;
INSERT INTO dashboard_phrases_daily (chat_id, day, channel, phrase, messages)
SELECT chat_id, (bucket AT TIME ZONE 'UTC')::date, channel, phrase, sum(messages)
FROM dashboard_phrases GROUP BY 1, 2, 3, 4;
INSERT INTO dashboard_markers (chat_id, bucket, channel, marker_id, dialogs)
SELECT d.chat_id, chats_dashboard_bucket(d.created_at), d.channel, dm.marker_id, count(*)
FROM dialog_markers dm JOIN dialogs d ON d.id = dm.dialog_id GROUP BY 1, 2, 3, 4;
