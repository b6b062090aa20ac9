// The database the benches measure, and the app over it: the demo data in an in-memory PGlite (--pglite), or a
// PostgreSQL database (--url) seeded with `npm run seed` when it is empty (--dialogs, --days).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from '../src/app/database.js';
import { migrate } from '../src/db/migrate.js';
import { loadDemoDataIfEmpty } from '../src/app/demo/load-demo.js';
import { buildApp } from '../src/app/build-app.js';
import { DEFAULT_ADMIN, ensureConfiguredAdmin } from '../src/app/prepare-database.js';
import { readConfig } from '../src/app/config.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A command-line option's value: `--name value`. */
export const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
};

export async function openBenchDatabase(defaultUrl: string): Promise<{ db: Database; where: string }> {
  if (process.argv.includes('--pglite')) {
    const db = await openDatabase({});
    await migrate(db.sql);
    const started = Date.now();
    await loadDemoDataIfEmpty(db, { log: () => undefined });
    return { db, where: `PGlite in memory, demo data (loaded in ${((Date.now() - started) / 1000).toFixed(1)} s)` };
  }
  const url = arg('url', defaultUrl);
  let db = await openDatabase({ databaseUrl: url });
  await migrate(db.sql);
  const [{ n }] = await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM (SELECT 1 FROM dialogs LIMIT 1) x');
  if (n === 0) {
    await db.close();
    const dialogs = arg('dialogs', '1000000');
    console.log(`Seeding ${dialogs} dialogues into ${url} …`);
    const seeded = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/app/demo/seed-cli.ts', '--dialogs', dialogs, '--days', arg('days', '365')], {
      cwd: ROOT, stdio: 'inherit', env: { ...process.env, DATABASE_URL: url },
    });
    if (seeded.status !== 0) throw new Error('seeding failed');
    db = await openDatabase({ databaseUrl: url });
  }
  // as autovacuum leaves a table in use: statistics, and the visibility map for index-only scans
  await db.sql.exec('VACUUM ANALYZE');
  return { db, where: `PostgreSQL ${url.replace(/\/\/[^@]*@/, '//')}` };
}

/** The app on loopback over `db`, signed in as the configured admin: its base URL and session cookie. */
export async function serveSignedIn(db: Database, appOptions: Partial<Parameters<typeof buildApp>[0]> = {}): Promise<{ base: string; cookie: string; close(): void }> {
  const config = readConfig();
  await ensureConfiguredAdmin(db.prisma, config);
  const { app } = await buildApp({
    prisma: db.prisma, sql: db.sql, secret: 'bench-secret-0123456789abcdef', reports: { dir: fs.mkdtempSync('/tmp/chats-bench-') }, ...appOptions,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const login = await fetch(`${base}/admin/login`, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: config.adminEmail ?? DEFAULT_ADMIN.email, password: config.adminPassword ?? DEFAULT_ADMIN.password }),
  });
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { base, cookie, close: () => server.close() };
}
