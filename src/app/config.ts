// Configuration read from the environment, in one place.
import path from 'node:path';

export interface AppConfig {
  /** PostgreSQL server URL; undefined means the embedded PGlite database. */
  databaseUrl?: string;
  /** Where the embedded database, the generated secret and report files live. */
  dataDir: string;
  port: number;
  /** Absolute base URL used in links shown to users (frame code, webhook URL, dialogue links). */
  publicUrl?: string;
  production: boolean;
  adminEmail?: string;
  adminPassword?: string;
  secret?: string;
  /** Load demo data into an empty database on start. */
  demoData: boolean;
  reportConcurrency: number;
  reportTtlHours: number;
  /** REPORT_DIR: a folder all instances share for report files; unset: in PostgreSQL (or DATA_DIR/reports on PGlite). */
  reportDir?: string;
  /** REPORT_MAINTENANCE_SECONDS: how often expired report files are removed. */
  reportMaintenanceMs: number;
  /** Express' `trust proxy` (TRUST_PROXY): hops, addresses/subnets, `true`; loopback by default. */
  trustProxy: boolean | number | string;
  /** Redis for the shared rate limits (REDIS_URL); PostgreSQL (or memory on PGlite) without. */
  redisUrl?: string;
  /** How long a stop (SIGTERM) may take before the process exits anyway. */
  shutdownTimeoutMs: number;
  /** A login session unused this long ends (SESSION_IDLE_MINUTES, default 60). */
  sessionIdleMinutes: number;
  /** A login session ends this long after login (SESSION_MAX_HOURS, default 12). */
  sessionMaxHours: number;
  /** Graph API base URL for the Facebook Send API (FACEBOOK_GRAPH_URL); https://graph.facebook.com when unset. */
  facebookGraphUrl?: string;
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

/** TRUST_PROXY as Express takes it: true/false, a hop count, or addresses, subnets and names (loopback, uniquelocal). */
export function parseTrustProxy(raw: string | undefined): boolean | number | string {
  const value = raw?.trim();
  if (!value) return 'loopback';
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  }
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR || 'data'),
    port,
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, '') || undefined,
    production: env.NODE_ENV === 'production',
    adminEmail: env.ADMIN_EMAIL || undefined,
    adminPassword: env.ADMIN_PASSWORD || undefined,
    secret: env.SECRET || undefined,
    // demo data by default for local use, never silently into a production database
    demoData: env.DEMO_DATA ? env.DEMO_DATA !== 'off' : env.NODE_ENV !== 'production',
    reportConcurrency: Math.floor(positiveNumber(env, 'REPORT_CONCURRENCY', 2)),
    reportTtlHours: positiveNumber(env, 'REPORT_TTL_HOURS', 24),
    reportDir: env.REPORT_DIR ? path.resolve(env.REPORT_DIR) : undefined,
    reportMaintenanceMs: positiveNumber(env, 'REPORT_MAINTENANCE_SECONDS', 60) * 1000,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    redisUrl: env.REDIS_URL || undefined,
    shutdownTimeoutMs: positiveNumber(env, 'SHUTDOWN_TIMEOUT_SECONDS', 10) * 1000,
    sessionIdleMinutes: positiveNumber(env, 'SESSION_IDLE_MINUTES', 60),
    sessionMaxHours: positiveNumber(env, 'SESSION_MAX_HOURS', 12),
    facebookGraphUrl: env.FACEBOOK_GRAPH_URL?.replace(/\/+$/, '') || undefined,
  };
}
