-- Counters of the rate limits shared by all app instances (src/limits/create-limiter.ts, the
-- layout rate-limiter-flexible's RateLimiterPostgres uses). UNLOGGED: losing them in a crash only
-- forgives a few requests, and without WAL a consume costs no flush at commit.
CREATE UNLOGGED TABLE IF NOT EXISTS "chats_rate_limits" (
  key varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);
