// The standalone application: `npm start`.
import path from 'node:path';
import { readConfig } from './config.js';
import { openDatabase } from './database.js';
import { migrate } from '../db/migrate.js';
import { ensureFirstAdmin } from '../accounts/authenticate.js';
import { resolveSecret } from './secret.js';
import { buildApp } from './build-app.js';
import { loadDemoDataIfEmpty } from './demo/load-demo.js';

async function main(): Promise<void> {
  const config = readConfig();
  const secret = resolveSecret(config);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const { applied } = await migrate(db.sql);
  if (applied.length) console.log(`Database migrated: ${applied.join(', ')}`);
  const login = await ensureFirstAdmin(db.prisma, config.adminEmail ?? 'admin@example.com', config.adminPassword ?? 'admin123');
  if (config.demoData) await loadDemoDataIfEmpty(db);
  const { app, admin, chats } = await buildApp({
    prisma: db.prisma,
    sql: db.sql,
    reports: { dir: path.join(config.dataDir, 'reports'), concurrency: config.reportConcurrency, fileTtlHours: config.reportTtlHours },
    secret,
    publicUrl: config.publicUrl,
    facebook: { graphBaseUrl: config.facebookGraphUrl },
    secureCookies: config.publicUrl?.startsWith('https://'),
  });
  await chats.start();
  const server = app.listen(config.port, () => {
    const where = db.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
    console.log(`adminjs-chats on http://localhost:${config.port}${admin.options.rootPath} (${where})`);
    if (login.created) console.log(`Log in as ${login.email} / ${login.password}`);
    else console.log(`Log in with an existing admin account (first admin: ${login.email})`);
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
