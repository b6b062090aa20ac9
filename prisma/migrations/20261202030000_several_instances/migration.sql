-- Counters of the rate limits shared by all app instances (src/limits/create-limiter.ts, the
-- layout rate-limiter-flexible's RateLimiterPostgres uses). UNLOGGED: losing them in a crash only
-- forgives a few requests, and without WAL a consume costs no flush at commit.
CREATE UNLOGGED TABLE IF NOT EXISTS "chats_rate_limits" (
  key varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);

-- Report files any instance can serve (src/reports/storage/database-report-files.ts): the file of
-- a job in chunks, under the worker that wrote it.
CREATE TABLE IF NOT EXISTS "report_file_chunks" (
  job_id uuid NOT NULL REFERENCES "report_jobs"(id) ON DELETE CASCADE,
  writer text NOT NULL,
  seq integer NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (job_id, writer, seq)
);
