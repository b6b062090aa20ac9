// Plain SQL beside Prisma, on the same database: the hot paths (message store, job and delivery
// claiming) and streaming (report cursors). A host hands in its own `pg` pool or PGlite instance;
// the types below are structural, so the library needs neither driver as a dependency.
import { randomBytes } from 'node:crypto';

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

interface QueryResultLike { rows: unknown[] }
interface PgQueryable {
  query(text: string | { name?: string; text: string; values?: unknown[] }, values?: unknown[]): Promise<QueryResultLike>;
}
/** What the library uses of a `pg.Pool`. */
export interface PgPoolLike extends PgQueryable {
  connect(): Promise<PgQueryable & { release(error?: Error | boolean): void }>;
}
/** What the library uses of a PGlite instance. */
export interface PGliteLike {
  exec(sql: string): Promise<unknown>;
  query(sql: string, params?: unknown[]): Promise<QueryResultLike>;
}

const cursorName = () => `chats_cursor_${randomBytes(6).toString('hex')}`;

/** SQL access over a `pg` pool (the one your Prisma adapter uses, or another on the same database). */
export function sqlRunnerForPool(pool: PgPoolLike): SqlRunner {
  return {
    exec: async (sql) => { await pool.query(sql); },
    query: async <T>(sql: string, params?: unknown[], name?: string) =>
      (await (name ? pool.query({ name, text: sql, values: params }) : pool.query(sql, params))).rows as T[],
    cursor: (sql, params, batchSize) => postgresCursor(pool, sql, params, batchSize),
  };
}

/** SQL access over a PGlite instance (the embedded database). */
export function sqlRunnerForPGlite(pglite: PGliteLike): SqlRunner {
  return {
    exec: async (sql) => { await pglite.exec(sql); },
    query: async <T>(sql: string, params?: unknown[]) => (await pglite.query(sql, params)).rows as T[],
    cursor: (sql, params, batchSize) => pgliteCursor(pglite, sql, params, batchSize),
  };
}

// A dedicated pooled connection holds the cursor's read-only transaction (one consistent snapshot).
async function* postgresCursor<T>(pool: PgPoolLike, sql: string, params: unknown[] = [], batchSize = 1000): AsyncIterable<T[]> {
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
async function* pgliteCursor<T>(pglite: PGliteLike, sql: string, params: unknown[] = [], batchSize = 1000): AsyncIterable<T[]> {
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
