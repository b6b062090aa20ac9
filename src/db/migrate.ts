// Applies the committed Prisma migrations (prisma/migrations/*/migration.sql) in order, each in
// its own transaction, and records them. Prisma's own `migrate deploy` cannot run against a
// PostgreSQL server here (WASM schema engine bug), so both databases use this one runner.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlRunner } from './sql-runner.js';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../prisma/migrations');
const LOCK_KEY = 7_231_905_114; // advisory lock: two instances starting together migrate once

export interface MigrationResult { applied: string[] }

export function listMigrations(dir = MIGRATIONS_DIR): string[] {
  return fs.readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort();
}

export async function migrate(sql: SqlRunner, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  await sql.exec(`CREATE TABLE IF NOT EXISTS "_chats_migrations" (
    name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
  await sql.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
  try {
    const done = new Set((await sql.query<{ name: string }>('SELECT name FROM "_chats_migrations"')).map((r) => r.name));
    const applied: string[] = [];
    for (const name of listMigrations(dir)) {
      if (done.has(name)) continue;
      const script = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      const quotedName = name.replace(/'/g, "''");
      await sql.exec(`BEGIN;\n${script}\nINSERT INTO "_chats_migrations"(name) VALUES ('${quotedName}');\nCOMMIT;`)
        .catch(async (error: Error) => {
          await sql.exec('ROLLBACK').catch(() => undefined);
          throw new Error(`Migration ${name} failed: ${error.message}`);
        });
      applied.push(name);
    }
    return { applied };
  } finally {
    await sql.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
  }
}
