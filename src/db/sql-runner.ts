// Plain SQL beside Prisma, on the same database: the hot paths (message store, job and delivery
// claiming) and streaming (report cursors). A host hands in its own `pg` pool or PGlite instance;
// the types below are structural, so the library needs neither driver as a dependency.
import { randomBytes } from 'node:crypto';
import { listenOnDedicatedClient, type ListenHandlers, type PgClientFactory } from './pg-listener.js';

export type { ListenHandlers } from './pg-listener.js';

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
  /**
   * LISTEN to a channel (NOTIFY / pg_notify): on a dedicated connection that reconnects by itself
   * (PostgreSQL), or PGlite's own listen. Returns the function that stops listening. On PostgreSQL,
   * notifications sent through the pool's own connections are not passed on: this process
   * published what it stored itself (and a replay for each would double the work of a store).
   */
  listen(channel: string, handlers: ListenHandlers): Promise<() => Promise<void>>;
  /** 'postgresql': a server several processes may share; 'pglite': one process only. */
  readonly kind: 'postgresql' | 'pglite';
  /** The pool, on PostgreSQL (limiters keep their counters through it). */
  readonly pool?: PgPoolLike;
}

interface QueryResultLike { rows: unknown[] }
interface PgQueryable {
  query(text: string | { name?: string; text: string; values?: unknown[] }, values?: unknown[]): Promise<QueryResultLike>;
}
interface PooledClientLike { on(event: 'error', listener: (error: Error) => void): unknown; processID?: number | null }
/** What the library uses of a `pg.Pool`. */
export interface PgPoolLike extends PgQueryable {
  connect(): Promise<PgQueryable & { release(error?: Error | boolean): void }>;
  /** pg.Pool's: the listener opens its dedicated connection with these. */
  Client?: PgClientFactory['Client'];
  options?: PgClientFactory['options'];
  on?(event: 'acquire' | 'connect' | 'remove', listener: (client: PooledClientLike) => void): unknown;
}
/** What the library uses of a PGlite instance. */
export interface PGliteLike {
  exec(sql: string): Promise<unknown>;
  query(sql: string, params?: unknown[]): Promise<QueryResultLike>;
  listen?(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
}

const cursorName = () => `chats_cursor_${randomBytes(6).toString('hex')}`;

/** SQL access over a `pg` pool (the one your Prisma adapter uses, or another on the same database). */
export function sqlRunnerForPool(pool: PgPoolLike): SqlRunner {
  guardBorrowedConnections(pool);
  const ownBackends = trackBackends(pool);
  return {
    kind: 'postgresql',
    pool,
    exec: async (sql) => { await pool.query(sql); },
    query: async <T>(sql: string, params?: unknown[], name?: string) =>
      (await (name ? pool.query({ name, text: sql, values: params }) : pool.query(sql, params))).rows as T[],
    cursor: (sql, params, batchSize) => postgresCursor(pool, sql, params, batchSize),
    listen: async (channel, handlers) => {
      if (!pool.Client || !pool.options) throw new Error('listen needs a pg.Pool (its Client and options)');
      return listenOnDedicatedClient({ Client: pool.Client, options: pool.options }, channel, handlers, (pid) => ownBackends.has(pid));
    },
  };
}

// The server process ids of the pool's connections: a notification names the one that sent it.
function trackBackends(pool: PgPoolLike): Set<number> {
  const pids = new Set<number>();
  pool.on?.('connect', (client) => { if (client.processID) pids.add(client.processID); });
  pool.on?.('remove', (client) => { if (client.processID) pids.delete(client.processID); });
  return pids;
}

// pg's pool listens for errors of idle connections only: a connection lent out (a cursor's, a
// Prisma transaction's) that the server drops emits 'error' with no listener, which ends the
// process. The query in flight fails on its own, so this listener only has to exist.
const guarded = new WeakSet<object>();
function guardBorrowedConnections(pool: PgPoolLike): void {
  if (guarded.has(pool)) return;
  guarded.add(pool);
  pool.on?.('acquire', (client) => {
    if (guarded.has(client)) return;
    guarded.add(client);
    client.on('error', () => undefined);
  });
}

/** SQL access over a PGlite instance (the embedded database). */
export function sqlRunnerForPGlite(pglite: PGliteLike): SqlRunner {
  return {
    kind: 'pglite',
    exec: async (sql) => { await pglite.exec(sql); },
    query: async <T>(sql: string, params?: unknown[]) => (await pglite.query(sql, params)).rows as T[],
    cursor: (sql, params, batchSize) => pgliteCursor(pglite, sql, params, batchSize),
    listen: async (channel, handlers) => {
      if (!pglite.listen) throw new Error('this PGlite has no listen()');
      const unlisten = await pglite.listen(channel, handlers.onNotify);
      handlers.onConnected(true);
      return async () => { await unlisten().catch(() => undefined); };
    },
  };
}

// A dedicated pooled connection holds the cursor's read-only transaction (one consistent snapshot).
async function* postgresCursor<T>(pool: PgPoolLike, sql: string, params: unknown[] = [], batchSize = 1000): AsyncIterable<T[]> {
  const client = await pool.connect();
  const name = cursorName();
  let open = false;
  let broken: Error | undefined;
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
  } catch (error) {
    broken = error as Error;
    throw error;
  } finally {
    // after a failed query (a dropped connection above all) the connection is discarded, not
    // handed to the next borrower as if it were fine
    if (open && !broken) await client.query('ROLLBACK').catch((error: Error) => { broken = error; });
    client.release(broken);
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
