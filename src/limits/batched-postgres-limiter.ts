// rate-limiter-flexible's PostgreSQL limiter with its counter updates batched: every consume in
// the same turn of the event loop, of all the limiters on one pool (a widget request charges two:
// its address and its client id), goes to PostgreSQL as ONE upsert of all their keys. The library
// sends one statement per consume; on the ingest bench the counters then cost about a fifth of
// the messages/s (two round trips and upserts per message, README "Performance").
// The rule is the library's own (its `_upsert`, rate-limiter-flexible 11.4.0, pinned exactly as
// this file overrides that method): a counter whose window has ended starts again at the points
// consumed; else they add up. Several consumes of one key in a batch are summed into one row and
// each caller gets the count as it stood after its own points, in call order, exactly as one
// statement per consume would have given it.
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import type { PgPoolLike } from '../db/sql-runner.js';
import { isStorableText } from '../domain/storable-text.js';

interface Upsert { key: string; points: number; newExpire: number | null; resolve(result: unknown): void; reject(error: unknown): void }
interface CounterRow { key: string; points: number; expire: string | number | null }

/** The key column's length (varchar(255), migration 20261202030000). */
const MAX_KEY_LENGTH = 255;

/** Most keys per statement; a bigger turn is sent as several. */
const MAX_BATCH = 500;

const upsertSql = (table: string) => `
  INSERT INTO "${table}" AS t (key, points, expire)
  SELECT * FROM unnest($1::varchar[], $2::int[], $3::bigint[])
  ON CONFLICT (key) DO UPDATE SET
    points = CASE WHEN t.expire <= $4 THEN excluded.points ELSE t.points + excluded.points END,
    expire = CASE WHEN t.expire <= $4 THEN excluded.expire ELSE t.expire END
  RETURNING key, points, expire`;

/** Collects the upserts of one turn of the event loop for one pool and table. */
class UpsertBatcher {
  private queue: Upsert[] = [];

  constructor(private readonly pool: PgPoolLike, private readonly table: string) {}

  add(upsert: Upsert): void {
    if (this.queue.length === 0) setImmediate(() => this.flush());
    this.queue.push(upsert);
  }

  private flush(): void {
    const all = this.queue;
    this.queue = [];
    // one row per key (ON CONFLICT may touch a row once per statement), in call order
    const byKey = new Map<string, Upsert[]>();
    for (const upsert of all) {
      const group = byKey.get(upsert.key);
      if (group) group.push(upsert);
      else byKey.set(upsert.key, [upsert]);
    }
    const keys = [...byKey.keys()];
    for (let start = 0; start < keys.length; start += MAX_BATCH) void this.send(keys.slice(start, start + MAX_BATCH), byKey);
  }

  private async send(keys: string[], byKey: Map<string, Upsert[]>): Promise<void> {
    const groups = keys.map((key) => byKey.get(key) as Upsert[]);
    const sums = groups.map((group) => group.reduce((sum, upsert) => sum + upsert.points, 0));
    try {
      const result = await this.pool.query({
        name: `${this.table}:batched-upsert`,
        text: upsertSql(this.table),
        values: [keys, sums, groups.map((group) => group[0].newExpire), Date.now()],
      });
      const rows = new Map((result.rows as CounterRow[]).map((row) => [row.key, row]));
      for (const [index, group] of groups.entries()) {
        const row = rows.get(group[0].key);
        if (!row) throw new Error(`rate limit counter ${group[0].key} was not returned`);
        // the count after each caller's own points: the total less what this batch added, then each caller's in turn
        let after = Number(row.points) - sums[index];
        for (const upsert of group) {
          after += upsert.points;
          upsert.resolve({ rows: [{ points: after, expire: row.expire }] });
        }
      }
    } catch (error) {
      for (const group of groups) for (const upsert of group) upsert.reject(error);
    }
  }
}

const batchers = new WeakMap<PgPoolLike, Map<string, UpsertBatcher>>();

function batcherFor(pool: PgPoolLike, table: string): UpsertBatcher {
  const tables = batchers.get(pool) ?? new Map<string, UpsertBatcher>();
  batchers.set(pool, tables);
  const batcher = tables.get(table) ?? new UpsertBatcher(pool, table);
  tables.set(table, batcher);
  return batcher;
}

/** The library's method, which its type declarations leave out. */
interface LibraryUpsert { _upsert(key: string, points: number, msDuration: number, forceExpire: boolean): Promise<unknown> }

type PostgresOptions = ConstructorParameters<typeof RateLimiterPostgres>[0] & { storeClient: PgPoolLike; tableName: string };

export class BatchedPostgresLimiter extends RateLimiterPostgres {
  private readonly batcher: UpsertBatcher;

  constructor(options: PostgresOptions) {
    super(options);
    this.batcher = batcherFor(options.storeClient, options.tableName);
  }

  // the library's method (see the file's comment). A forced expiry (set, block) goes the library's
  // way, and so does a key the table cannot hold (too long, a NUL: limits are charged before the
  // input is checked), which then fails alone instead of failing everyone's batch.
  _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<unknown> {
    if (forceExpire || key.length > MAX_KEY_LENGTH || !isStorableText(key)) return (RateLimiterPostgres.prototype as unknown as LibraryUpsert)._upsert.call(this, key, points, msDuration, forceExpire);
    return new Promise((resolve, reject) => {
      this.batcher.add({ key, points, newExpire: msDuration > 0 ? Date.now() + msDuration : null, resolve, reject });
    });
  }
}
