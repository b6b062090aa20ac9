// Rate limiters shared by every app instance (rate-limiter-flexible): counters in Redis when one
// is given, else in PostgreSQL (the chats_rate_limits table, unlogged: counters need no crash
// safety, and skipping the WAL keeps a consume cheap; the consumes of one moment are sent as one
// upsert: batched-postgres-limiter.ts), else in memory on PGlite,
// which serves one process only. The widget's limits and the login throttle are built here.
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { BatchedPostgresLimiter } from './batched-postgres-limiter.js';
import type { PgPoolLike, SqlRunner } from '../db/sql-runner.js';

export type { RateLimiterAbstract } from 'rate-limiter-flexible';

export interface LimiterRule {
  /** Names the counters; limiters with the same prefix and key share them. */
  keyPrefix: string;
  /** Points a key may consume within `duration`. */
  points: number;
  /** Seconds of the window. */
  duration: number;
  /** Seconds a key stays refused once over the limit (default: until the window ends). */
  blockDuration?: number;
}

/** A Redis client the limiters can use: ioredis, or node-redis with `useRedisPackage`. */
export type RedisClientLike = object;

export interface LimiterStore {
  redis?: RedisClientLike;
  /** node-redis (the `redis` package) rather than ioredis. */
  useRedisPackage?: boolean;
  /** PostgreSQL; ignored with redis. */
  pool?: PgPoolLike;
}

export type CreateLimiter = (rule: LimiterRule) => RateLimiterAbstract;

export const RATE_LIMIT_TABLE = 'chats_rate_limits';

/** Where the plugin's limiters keep their counters: Redis if given, PostgreSQL on a pool, memory on PGlite. */
export function limiterStoreFor(sql: SqlRunner, redis?: RedisClientLike, useRedisPackage?: boolean): LimiterStore {
  return { redis, useRedisPackage, pool: sql.kind === 'postgresql' ? sql.pool : undefined };
}

export function createLimiter(rule: LimiterRule, store: LimiterStore = {}): RateLimiterAbstract {
  const base = { keyPrefix: rule.keyPrefix, points: rule.points, duration: rule.duration, blockDuration: rule.blockDuration ?? 0 };
  if (store.redis) return new RateLimiterRedis({ ...base, storeClient: store.redis, useRedisPackage: store.useRedisPackage });
  if (store.pool) {
    // the table comes with our migrations, or ensureRateLimitTable (chats.start()) on a host's own;
    // the library's own creation would refuse every consume until it has run. Expired counters
    // are deleted every few minutes.
    return new BatchedPostgresLimiter({ ...base, storeClient: store.pool, storeType: 'pool', tableName: RATE_LIMIT_TABLE, tableCreated: true, clearExpiredByTimeout: true });
  }
  return new RateLimiterMemory(base);
}

/**
 * Creates the counters' table when missing: for hosts that create the chats' tables with their own
 * migrations (it is no Prisma model: UNLOGGED). The same definition as our migration 20261202030000.
 */
export async function ensureRateLimitTable(sql: SqlRunner): Promise<void> {
  if (sql.kind !== 'postgresql') return;
  await sql.exec(`CREATE UNLOGGED TABLE IF NOT EXISTS "${RATE_LIMIT_TABLE}" (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`);
}

/** A refusal of consume() (over the limit), as opposed to a store failure (an Error). */
export function refusalSeconds(outcome: unknown): number | null {
  if (outcome instanceof Error || !outcome || typeof outcome !== 'object' || !('msBeforeNext' in outcome)) return null;
  return Math.max(1, Math.ceil(Number((outcome as { msBeforeNext: number }).msBeforeNext) / 1000));
}
