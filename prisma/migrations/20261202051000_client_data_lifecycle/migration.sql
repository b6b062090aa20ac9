-- Issue 11: retention and erasure of clients' data (src/privacy/, README "Personal data").
-- What goes: message texts, page visits, marker links, the client's identifiers (web client id,
-- Facebook PSID) and Facebook messages still queued for them. What stays: the dialogue rows and
-- the message rows without text (author type, time, paid flag, cost), which is what billing,
-- sources, productivity and operator metrics count, and the dashboard's aggregates other than
-- its phrases; so reports for past periods give the same numbers after a removal.
ALTER TABLE "chats" ADD COLUMN "retention_days" INTEGER;
ALTER TABLE "chats" ADD COLUMN "retention_last_run_at" TIMESTAMPTZ(3);
ALTER TABLE "chats" ADD COLUMN "retention_last_removed" INTEGER;
ALTER TABLE "dialogs" ADD COLUMN "content_removed_at" TIMESTAMPTZ(3);
-- 'retention' or 'erasure'
ALTER TABLE "dialogs" ADD COLUMN "content_removed_reason" VARCHAR(20);
-- a report file removed because a client in it was erased: the Reports page says so
ALTER TABLE "report_jobs" ADD COLUMN "removed_reason" VARCHAR(300);
-- retention's choice of dialogues: one chat's, oldest last message first
CREATE INDEX "dialogs_chat_id_last_message_at_idx" ON "dialogs" ("chat_id", "last_message_at");

-- Marker links removed with the content leave the dashboard's marker counts as they were
-- (like a deleted dialogue); a marker unset by an operator still counts out.
CREATE OR REPLACE FUNCTION chats_dashboard_markers_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dashboard_markers AS t (chat_id, bucket, channel, marker_id, dialogs)
    SELECT d.chat_id, chats_dashboard_bucket(d.created_at), d.channel, n.marker_id, count(*)
    FROM new_markers n JOIN dialogs d ON d.id = n.dialog_id
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (chat_id, bucket, channel, marker_id) DO UPDATE SET dialogs = t.dialogs + excluded.dialogs;
  ELSIF current_setting('chats.removing_content', true) IS DISTINCT FROM 'on' THEN
    UPDATE dashboard_markers t SET dialogs = t.dialogs - o.n
    FROM (SELECT d.chat_id, chats_dashboard_bucket(d.created_at) AS bucket, d.channel, x.marker_id, count(*) AS n
          FROM old_markers x JOIN dialogs d ON d.id = x.dialog_id JOIN markers mk ON mk.id = x.marker_id
          GROUP BY 1, 2, 3, 4) o
    WHERE t.chat_id = o.chat_id AND t.bucket = o.bucket AND t.channel = o.channel AND t.marker_id = o.marker_id;
  END IF;
  RETURN NULL;
END $$;

-- Removes the content of the given dialogues (those not removed yet), in the caller's
-- transaction, and says how much went. The dialogues are locked first, so a message being stored
-- in one of them either commits before (and is removed with it) or waits and is stored after.
-- The phrases of the removed client messages are counted out of the dashboard's phrase
-- aggregates (rows in slot -1, which writers never use), since the texts are gone.
CREATE FUNCTION chats_remove_dialog_content(target_ids uuid[], reason text)
RETURNS TABLE (dialogs integer, messages integer, page_visits integer, markers integer, clients integer)
LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
  n_messages integer := 0;
  n_visits integer := 0;
  n_markers integer := 0;
  n_clients integer := 0;
BEGIN
  SELECT coalesce(array_agg(l.id), '{}') INTO ids
  FROM (SELECT d.id FROM dialogs d WHERE d.id = ANY(target_ids) AND d.content_removed_at IS NULL ORDER BY d.id FOR UPDATE) l;
  IF cardinality(ids) = 0 THEN
    RETURN QUERY SELECT 0, 0, 0, 0, 0;
    RETURN;
  END IF;
  PERFORM set_config('chats.removing_content', 'on', true);

  WITH p AS MATERIALIZED (
    SELECT d.chat_id, chats_dashboard_bucket(m.sent_at) AS bucket, d.channel, chats_dashboard_phrase(m.text) AS phrase
    FROM messages m JOIN dialogs d ON d.id = m.dialog_id
    WHERE m.dialog_id = ANY(ids) AND m.author_type = 'client'
  ), quarter AS (
    INSERT INTO dashboard_phrases AS t (chat_id, bucket, channel, phrase, slot, messages)
    SELECT p.chat_id, p.bucket, p.channel, p.phrase, -1, -count(*) FROM p WHERE p.phrase <> ''
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (chat_id, bucket, channel, phrase, slot) DO UPDATE SET messages = t.messages + excluded.messages
  )
  INSERT INTO dashboard_phrases_daily AS t (chat_id, day, channel, phrase, slot, messages)
  SELECT p.chat_id, (p.bucket AT TIME ZONE 'UTC')::date, p.channel, p.phrase, -1, -count(*) FROM p WHERE p.phrase <> ''
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (chat_id, day, channel, phrase, slot) DO UPDATE SET messages = t.messages + excluded.messages;

  -- the cancellation's words: CANCELLED_BY_REMOVAL in src/domain/content-removal.ts
  UPDATE messages m SET
    text = '',
    author_name = CASE WHEN m.author_type = 'client' THEN NULL ELSE m.author_name END,
    external_id = NULL,
    delivery_error = CASE WHEN m.delivery_status = 'pending' THEN 'Cancelled: the client''s data was removed.' ELSE NULL END,
    delivery_status = CASE WHEN m.delivery_status = 'pending' THEN 'failed'::"DeliveryStatus" ELSE m.delivery_status END,
    next_delivery_at = NULL
  WHERE m.dialog_id = ANY(ids);
  GET DIAGNOSTICS n_messages = ROW_COUNT;
  DELETE FROM page_visits v WHERE v.dialog_id = ANY(ids);
  GET DIAGNOSTICS n_visits = ROW_COUNT;
  DELETE FROM dialog_markers x WHERE x.dialog_id = ANY(ids);
  GET DIAGNOSTICS n_markers = ROW_COUNT;
  UPDATE dialogs d SET content_removed_at = now(), content_removed_reason = reason WHERE d.id = ANY(ids);
  -- a client none of whose dialogues keeps content loses their identifier: if they come back,
  -- they are a new client (the widget starts fresh; a Facebook user gets a new client row).
  -- Under the per-client lock that opening a dialogue takes (src/conversations/conversation-service.ts
  -- resume): a dialogue opened at this moment either committed first (and keeps the identifier)
  -- or waits and opens for a new client row.
  PERFORM pg_advisory_xact_lock(hashtext('chats-client:' || c.chat_id || ':' || c.channel::text || ':' || c.external_id))
  FROM clients c
  WHERE c.id IN (SELECT d.client_id FROM dialogs d WHERE d.id = ANY(ids)) AND c.external_id NOT LIKE 'removed:%'
  ORDER BY c.id;
  UPDATE clients c SET external_id = 'removed:' || gen_random_uuid()
  WHERE c.id IN (SELECT d.client_id FROM dialogs d WHERE d.id = ANY(ids))
    AND c.external_id NOT LIKE 'removed:%'
    AND NOT EXISTS (SELECT 1 FROM dialogs o WHERE o.client_id = c.id AND o.content_removed_at IS NULL);
  GET DIAGNOSTICS n_clients = ROW_COUNT;
  RETURN QUERY SELECT cardinality(ids), n_messages, n_visits, n_markers, n_clients;
END $$;
