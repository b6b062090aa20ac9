// Opens the database: the embedded PGlite in a data directory, or a PostgreSQL server.
// Both go through Prisma driver adapters (Prisma's Rust engines are not used).
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { PrismaClient } from '@prisma/client';
import { PrismaPg } from '@prisma/adapter-pg';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import pg from 'pg';
import { lockDataDir } from '../app/data-dir-lock.js';

/** Plain SQL access beside Prisma, for migrations and the few statements Prisma cannot express. */
export interface SqlRunner {
  /** Runs a script of one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  /**
   * `name`: a hot statement run as a named prepared statement where the driver supports it (each
   * connection parses and plans it once, and only the name travels afterwards). One name, one text.
   */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], name?: string): Promise<T[]>;
  /**
   * Streams a query's rows in batches through a server-side cursor, so a large result never sits
   * in memory. Breaking out of the loop closes the cursor.
   */
  cursor<T = Record<string, unknown>>(sql: string, params?: unknown[], batchSize?: number): AsyncIterable<T[]>;
}

const cursorName = () => `chats_cursor_${randomBytes(6).toString('hex')}`;

export interface Database {
  prisma: PrismaClient;
  sql: SqlRunner;
  kind: 'pglite' | 'postgresql';
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** Embedded database folder; ignored with databaseUrl. Undefined = in memory (tests). */
  dataDir?: string;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPGlite(options.dataDir);
}

/** SQL access over a host's own `pg` pool. */
export function sqlRunnerForPool(pool: pg.Pool): SqlRunner {
  return {
    exec: async (sql) => { await pool.query(sql); },
    query: async (sql, params, name) => (await (name ? pool.query({ name, text: sql, values: params as unknown[] }) : pool.query(sql, params as unknown[]))).rows,
    cursor: (sql, params, batchSize) => postgresCursor(pool, sql, params, batchSize),
  };
}

/** SQL access over a host's own PGlite instance. */
export function sqlRunnerForPGlite(pglite: PGlite): SqlRunner {
  return {
    exec: async (sql) => { await pglite.exec(sql); },
    query: async (sql, params) => (await pglite.query(sql, params as unknown[])).rows as never,
    cursor: (sql, params, batchSize) => pgliteCursor(pglite, sql, params, batchSize),
  };
}

const CLOSE_TIMEOUT_MS = 5_000;

async function settleWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work.catch(() => undefined),
    new Promise<void>((resolve) => { timer = setTimeout(resolve, ms); timer.unref(); }),
  ]);
  clearTimeout(timer);
}

async function openPostgres(connectionString: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle connection dropped by the server (restart, failover) must not crash the process; the
  // pool replaces it and the next query reports any lasting problem.
  pool.on('error', (error) => console.warn(`PostgreSQL connection lost: ${error.message}`));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    kind: 'postgresql',
    sql: sqlRunnerForPool(pool),
    close: async () => {
      await prisma.$disconnect();
      // pool.end() waits for every borrowed connection; a request still streaming must not keep
      // shutdown waiting forever (the server ends those connections itself when the process exits)
      await settleWithin(pool.end(), CLOSE_TIMEOUT_MS);
    },
  };
}

/** pglite-prisma-adapter 0.6 is typed against an older @prisma/driver-adapter-utils; the
 * runtime contract is the same, only the declared types differ. */
export function pgliteAdapter(pglite: PGlite): ConstructorParameters<typeof PrismaClient>[0] extends infer O
  ? O extends { adapter?: infer A } ? NonNullable<A> : never : never {
  return new PrismaPGlite(pglite) as never;
}

async function openPGlite(dataDir?: string): Promise<Database> {
  const release = dataDir ? lockDataDir(dataDir) : () => undefined;
  try {
    const pglite = dataDir ? new PGlite(path.join(dataDir, 'pglite')) : new PGlite();
    await pglite.waitReady;
    const prisma = new PrismaClient({ adapter: pgliteAdapter(pglite) });
    return {
      prisma,
      kind: 'pglite',
      sql: sqlRunnerForPGlite(pglite),
      close: async () => {
        await prisma.$disconnect();
        await pglite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

// A dedicated pooled connection holds the cursor's read-only transaction (one consistent snapshot).
async function* postgresCursor<T>(pool: pg.Pool, sql: string, params: unknown[] = [], batchSize = 1000): AsyncIterable<T[]> {
  const client = await pool.connect();
  const name = cursorName();
  let open = false;
  try {
    await client.query('BEGIN READ ONLY');
    open = true;
    // JIT compiling a report query costs up to a second before the first row, for no gain here.
    await client.query('SET LOCAL jit = off');
    await client.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, params);
    for (;;) {
      const { rows } = await client.query(`FETCH ${batchSize} FROM ${name}`);
      if (rows.length) yield rows as T[];
      if (rows.length < batchSize) break;
    }
    await client.query('COMMIT');
    open = false;
  } finally {
    if (open) await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}

// PGlite has one connection: a transaction would block every other query for the whole export,
// so the cursor is WITH HOLD (materialised once, then fetched between other queries).
async function* pgliteCursor<T>(pglite: PGlite, sql: string, params: unknown[] = [], batchSize = 1000): AsyncIterable<T[]> {
  const name = cursorName();
  await pglite.query(`DECLARE ${name} NO SCROLL CURSOR WITH HOLD FOR ${sql}`, params);
  try {
    for (;;) {
      const { rows } = await pglite.query(`FETCH ${batchSize} FROM ${name}`);
      if (rows.length) yield rows as T[];
      if (rows.length < batchSize) break;
    }
  } finally {
    await pglite.query(`CLOSE ${name}`).catch(() => undefined);
  }
}
