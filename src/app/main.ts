// The standalone application: `npm start`.
import path from 'node:path';
import { readConfig } from './config.js';
import { openDatabase } from './database.js';
import { resolveSecret } from './secret.js';
import { buildApp } from './build-app.js';
import { adminLoginMessage, prepareDatabase } from './prepare-database.js';

async function main(): Promise<void> {
  const config = readConfig();
  const secret = resolveSecret(config);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const { admin: firstAdmin } = await prepareDatabase(db, config, { log: (line) => console.log(line) });
  const { app, admin, chats } = await buildApp({
    prisma: db.prisma,
    sql: db.sql,
    reports: { dir: path.join(config.dataDir, 'reports'), concurrency: config.reportConcurrency, fileTtlHours: config.reportTtlHours },
    secret,
    publicUrl: config.publicUrl,
    facebook: { graphBaseUrl: config.facebookGraphUrl },
    secureCookies: config.publicUrl?.startsWith('https://'),
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
  const stop = () => {
    server.close();
    chats.stop().finally(() => db.close()).finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(`adminjs-chats could not start: ${error.message}`);
  process.exit(1);
});
