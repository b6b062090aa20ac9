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
  };
}
