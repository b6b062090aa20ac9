-- Issue 11, retention (src/privacy/retention-worker.ts, README "Personal data" › "Retention").
-- The choice of a chat's old dialogues walks this index from the oldest last message, among the
-- closed dialogues still holding content only: with (chat_id, last_message_at) alone (or the
-- planner's other choice, (status, last_message_at)) every batch would step again over all the
-- dialogues earlier batches emptied, quadratic over a large purge. It replaces that index, which
-- nothing else used, so a stored message updates no more indexes than before.
CREATE INDEX "dialogs_chat_id_status_content_removed_at_last_message_at_idx" ON "dialogs" ("chat_id", "status", "content_removed_at", "last_message_at");
DROP INDEX "dialogs_chat_id_last_message_at_idx";

-- One batch of a chat's retention: up to batch_size closed dialogues whose last message (or
-- creation, when they have none) is before the cutoff, content removed, counts returned. One
-- statement, so one short transaction. SKIP LOCKED: dialogues another instance's batch holds (or
-- a message being stored holds) are left to that batch (or to the next run), so instances running
-- at once share the work and never wait for one another; a dialogue another batch emptied
-- meanwhile fails the content_removed_at re-check on its newest version and is not taken twice.
-- Active dialogues are left until the inactivity closer has closed them.
CREATE FUNCTION chats_retention_batch(target_chat integer, cutoff timestamptz, batch_size integer)
RETURNS TABLE (dialogs integer, messages integer, page_visits integer, markers integer, clients integer)
LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
  more uuid[];
BEGIN
  SELECT coalesce(array_agg(p.id), '{}') INTO ids FROM (
    SELECT d.id FROM dialogs d
    WHERE d.chat_id = target_chat AND d.content_removed_at IS NULL AND d.last_message_at < cutoff AND d.status = 'closed'
    -- = by last_message_at (the others are fixed), spelled as the index's order: the planner
    -- does not see that order through "content_removed_at IS NULL" and would sort all due rows
    ORDER BY d.chat_id, d.status, d.content_removed_at, d.last_message_at LIMIT batch_size FOR UPDATE SKIP LOCKED) p;
  IF cardinality(ids) < batch_size THEN
    -- dialogues without a message: by when they were opened (few; the same index finds them)
    SELECT coalesce(array_agg(p.id), '{}') INTO more FROM (
      SELECT d.id FROM dialogs d
      WHERE d.chat_id = target_chat AND d.content_removed_at IS NULL AND d.last_message_at IS NULL AND d.created_at < cutoff AND d.status = 'closed'
      LIMIT batch_size - cardinality(ids) FOR UPDATE SKIP LOCKED) p;
    ids := ids || more;
  END IF;
  RETURN QUERY SELECT r.dialogs, r.messages, r.page_visits, r.markers, r.clients FROM chats_remove_dialog_content(ids, 'retention') r;
END $$;
