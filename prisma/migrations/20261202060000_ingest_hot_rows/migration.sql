-- Issues 9 and 10: ingestion at 1,000+ messages/s with the dashboard aggregates.
-- A writer's `slot` (the row of a chat, channel and bucket it adds to) was its backend's number
-- modulo 8: with a pool of 10 connections two writers always shared a slot, and one waited for
-- the other's commit on the same aggregate row. Now a transaction takes the first slot no other
-- running transaction holds (a try-lock per slot, never a wait; held until its commit), so
-- concurrent writers never meet on a row, and a quiet chat still uses few rows per bucket. Past
-- 16 concurrent writers it falls back to the old rule (they may then wait, as before). The
-- dashboard sums all slots: its figures are the same whatever slot a count went to.
CREATE OR REPLACE FUNCTION chats_dashboard_slot() RETURNS smallint
  LANGUAGE plpgsql VOLATILE
  AS $$
DECLARE
  held text := current_setting('chats.dashboard_slot', true); -- '' or NULL: none yet in this transaction
  candidate int;
BEGIN
  IF held <> '' THEN
    RETURN held::smallint;
  END IF;
  candidate := 0;
  -- 1667785076: this plugin's advisory lock space ('chat'), slot as the second key
  WHILE candidate < 16 AND NOT pg_try_advisory_xact_lock(1667785076, candidate) LOOP
    candidate := candidate + 1;
  END LOOP;
  IF candidate = 16 THEN
    candidate := pg_backend_pid() % 16;
  END IF;
  PERFORM set_config('chats.dashboard_slot', candidate::text, true);
  RETURN candidate::smallint;
END $$;
