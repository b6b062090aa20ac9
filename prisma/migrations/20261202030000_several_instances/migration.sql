-- Counters of the rate limits shared by all app instances (src/limits/create-limiter.ts, the
-- layout rate-limiter-flexible's RateLimiterPostgres uses). UNLOGGED: losing them in a crash only
-- forgives a few requests, and without WAL a consume costs no flush at commit.
CREATE UNLOGGED TABLE IF NOT EXISTS "chats_rate_limits" (
  key varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);

-- Report files any instance can serve (src/reports/storage/database-report-files.ts): the file of
-- a job in chunks, under the worker that wrote it (model ReportFileChunk).
CREATE TABLE "report_file_chunks" (
    "job_id" UUID NOT NULL,
    "writer" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "report_file_chunks_pkey" PRIMARY KEY ("job_id","writer","seq")
);

ALTER TABLE "report_file_chunks" ADD CONSTRAINT "report_file_chunks_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "report_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The newest message of each dialogue (kept by src/conversations/message-store-sql.ts): read under
-- the dialogue's lock, it tells a live stream whether a message stored by another instance came
-- before the one it is about to send (src/conversations/event-stream.ts).
ALTER TABLE "dialogs" ADD COLUMN "last_message_id" INTEGER;
UPDATE "dialogs" d SET "last_message_id" = m.last_id
FROM (SELECT dialog_id, max(id) AS last_id FROM "messages" GROUP BY dialog_id) m
WHERE m.dialog_id = d.id;
