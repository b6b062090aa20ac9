// The standalone application: `npm start`.
import path from 'node:path';
import type { Server } from 'node:http';
import { Redis } from 'ioredis';
import { readConfig } from './config.js';
import { openDatabase } from './database.js';
import { resolveSecret } from './secret.js';
import { buildApp } from './build-app.js';
import { adminLoginMessage, prepareDatabase } from './prepare-database.js';
import type { Logger } from '../logger.js';

const logger: Logger = {
  error: (fields, message) => console.error(message, fields.err instanceof Error ? fields.err.message : ''),
  warn: (fields, message) => console.warn(message),
  info: (fields, message) => console.log(message),
  debug: () => undefined,
};

async function main(): Promise<void> {
  const config = readConfig();
  const secret = resolveSecret(config);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger });
  const { admin: firstAdmin } = await prepareDatabase(db, config, { log: (line) => console.log(line) });
  // a Redis that goes away must not end the process: the limiters answer 503 meanwhile
  const redis = config.redisUrl ? new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : undefined;
  redis?.on('error', (error: Error) => logger.warn({ err: error }, `Redis: ${error.message}`));
  const { app, admin, chats } = await buildApp({
    prisma: db.prisma,
    sql: db.sql,
    logger,
    reports: {
      // in PostgreSQL unless REPORT_DIR names a shared folder; the embedded database keeps them beside it
      storage: config.reportDir || db.kind === 'pglite' ? 'folder' : 'database',
      dir: config.reportDir ?? path.join(config.dataDir, 'reports'),
      concurrency: config.reportConcurrency,
      fileTtlHours: config.reportTtlHours,
      maintenanceIntervalMs: config.reportMaintenanceMs,
    },
    secret,
    publicUrl: config.publicUrl,
    facebook: { graphBaseUrl: config.facebookGraphUrl },
    secureCookies: config.publicUrl?.startsWith('https://'),
    trustProxy: config.trustProxy,
    redis,
    sessions: { idleMs: config.sessionIdleMinutes * 60_000, absoluteMs: config.sessionMaxHours * 3_600_000 },
  });
  await chats.start();
  const server = app.listen(config.port, () => {
    const where = db.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
    console.log(`adminjs-chats on http://localhost:${config.port}${admin.options.rootPath} (${where})`);
    const login = adminLoginMessage(firstAdmin, config);
    if (login.warning) console.warn(`Warning: ${login.text}`);
    else console.log(login.text);
  });

  // SIGTERM: readiness off and event streams told to reconnect elsewhere, in-flight requests
  // finish, workers stop (a report in progress goes back to the queue at once), the database
  // closes; whatever is still open when the bound is reached is cut.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping (at most ${config.shutdownTimeoutMs / 1000} s)`);
    setTimeout(() => {
      console.warn('stop took too long; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    chats.drain();
    await Promise.allSettled([closeServer(server), chats.stop()]);
    redis?.disconnect();
    await db.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** Stops accepting connections and resolves when the requests in flight have been answered. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

main().catch((error: Error) => {
  console.error(`adminjs-chats could not start: ${error.message}`);
  process.exit(1);
});
