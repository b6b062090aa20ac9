-- Issues 9 and 10: ingestion at 1,000+ messages/s with the dashboard's aggregates.
-- Counting each stored message into dashboard_messages, dashboard_phrases and
-- dashboard_phrases_daily inside the storing statement (three upserts, their indexes, the phrase's
-- normalization) took about a quarter of the database's time per message. Now the statement's
-- trigger only queues the message's id; the dashboard counter (src/dashboard/dashboard-counter.ts,
-- every second on every instance) counts queued messages in batches, many per upsert. Whoever
-- reads or changes those aggregates counts the queue first (chats_dashboard_count_queued): the
-- dashboard before it reads, a removal of content before it takes phrases out. So the figures stay
-- exactly those of the raw rows. The dialogues' and markers' triggers stay as they were: they
-- fire on status changes and markers, not per message.
CREATE TABLE "dashboard_message_queue" (
    "message_id" INTEGER NOT NULL,

    CONSTRAINT "dashboard_message_queue_pkey" PRIMARY KEY ("message_id")
);

CREATE OR REPLACE FUNCTION chats_dashboard_messages_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dashboard_message_queue (message_id) SELECT id FROM new_messages;
  RETURN NULL;
END $$;

-- Counts up to max_rows queued messages (oldest first; NULL: all) into the aggregates and takes
-- them off the queue, in one statement; returns how many it took. Rows another transaction is
-- counting are waited for (FOR UPDATE, in id order: no deadlock between counters), so when this
-- returns, every message committed before it started is in the aggregates. A message deleted
-- before it was counted is not counted (as the raw rows would not count it either).
CREATE FUNCTION chats_dashboard_count_queued(max_rows integer) RETURNS integer
LANGUAGE sql AS $$
  WITH taken AS (
    DELETE FROM dashboard_message_queue q
    WHERE q.message_id IN (SELECT message_id FROM dashboard_message_queue ORDER BY message_id LIMIT max_rows FOR UPDATE)
    RETURNING q.message_id
  ), m AS MATERIALIZED (
    SELECT d.chat_id, chats_dashboard_bucket(m.sent_at) AS bucket, d.channel, m.author_type, m.text
    FROM taken t JOIN messages m ON m.id = t.message_id JOIN dialogs d ON d.id = m.dialog_id
  ), counted AS (
    INSERT INTO dashboard_messages AS t (chat_id, bucket, channel, slot, client, bot, operator, system)
    SELECT m.chat_id, m.bucket, m.channel, chats_dashboard_slot(),
           count(*) FILTER (WHERE m.author_type = 'client'), count(*) FILTER (WHERE m.author_type = 'bot'),
           count(*) FILTER (WHERE m.author_type = 'operator'), count(*) FILTER (WHERE m.author_type = 'system')
    FROM m GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (chat_id, bucket, channel, slot) DO UPDATE SET
      client = t.client + excluded.client, bot = t.bot + excluded.bot,
      operator = t.operator + excluded.operator, system = t.system + excluded.system
  ), p AS MATERIALIZED (
    SELECT m.chat_id, m.bucket, m.channel, chats_dashboard_phrase(m.text) AS phrase
    FROM m WHERE m.author_type = 'client'
  ), quarter AS (
    INSERT INTO dashboard_phrases AS t (chat_id, bucket, channel, phrase, slot, messages)
    SELECT p.chat_id, p.bucket, p.channel, p.phrase, chats_dashboard_slot(), count(*)
    FROM p WHERE p.phrase <> ''
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (chat_id, bucket, channel, phrase, slot) DO UPDATE SET messages = t.messages + excluded.messages
  ), daily AS (
    INSERT INTO dashboard_phrases_daily AS t (chat_id, day, channel, phrase, slot, messages)
    SELECT p.chat_id, (p.bucket AT TIME ZONE 'UTC')::date, p.channel, p.phrase, chats_dashboard_slot(), count(*)
    FROM p WHERE p.phrase <> ''
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (chat_id, day, channel, phrase, slot) DO UPDATE SET messages = t.messages + excluded.messages
  )
  SELECT count(*)::integer FROM taken
$$;

-- A removal of content takes the removed texts' phrases out of the aggregates: the queued ones
-- must be in first. The function as in migration 20261202051000, with that one step added.
CREATE OR REPLACE FUNCTION chats_remove_dialog_content(target_ids uuid[], reason text)
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
  PERFORM chats_dashboard_count_queued(NULL); -- the queued phrases are counted before some are taken out

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
