// Databases with nothing in them (no migrations): for tests that create the tables themselves, or
// hand the database to another process. PGlite in memory, or a fresh database on the server named
// by TEST_DATABASE_URL, dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sqlRunnerForPGlite, sqlRunnerForPool, type SqlRunner } from '../../src/db/sql-runner.js';
import type { DatabaseKind } from './databases.js';

/** A new database on the TEST_DATABASE_URL server: its URL, and drop() (which ends its connections). */
export async function createServerDatabase(prefix = 'chats_test'): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const cleaner = new pg.Client({ connectionString: serverUrl });
      await cleaner.connect();
      await cleaner.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleaner.end();
    },
  };
}

export interface EmptyDatabase { sql: SqlRunner; close(): Promise<void> }

/** An empty database of the kind, with plain SQL access. */
export async function openEmptyDatabase(kind: DatabaseKind): Promise<EmptyDatabase> {
  if (kind === 'pglite') {
    const pglite = new PGlite({ extensions: { pg_trgm } });
    await pglite.waitReady;
    return { sql: sqlRunnerForPGlite(pglite), close: () => pglite.close() };
  }
  const database = await createServerDatabase('chats_empty');
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  return {
    sql: sqlRunnerForPool(pool),
    close: async () => {
      await pool.end();
      await database.drop();
    },
  };
}
