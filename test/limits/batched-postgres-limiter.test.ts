// The PostgreSQL rate limits send the consumes of one moment as one upsert, with exactly the
// counts one statement per consume gives (rate-limiter-flexible's own limiter, compared here).
// PostgreSQL only: on PGlite the limits are in memory.
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/databases.js';
import { BatchedPostgresLimiter } from '../../src/limits/batched-postgres-limiter.js';
import { RATE_LIMIT_TABLE } from '../../src/limits/create-limiter.js';
import type { PgPoolLike } from '../../src/db/sql-runner.js';

const onPostgres = databaseKinds.includes('postgresql') ? describe : describe.skip;

onPostgres('batched PostgreSQL rate limits [postgresql]', () => {
  let db: TestDatabase;
  let pool: PgPoolLike;
  let statements = 0;
  let prefix = 0;
  const options = (points: number, duration: number) => ({
    keyPrefix: `test_${(prefix += 1)}`, points, duration, storeClient: pool, storeType: 'pool', tableName: RATE_LIMIT_TABLE, tableCreated: true, clearExpiredByTimeout: false,
  });
  const outcome = (promise: Promise<RateLimiterRes>) => promise.then(
    (res) => ({ allowed: true, consumed: res.consumedPoints, remaining: res.remainingPoints }),
    (res: RateLimiterRes) => ({ allowed: false, consumed: res.consumedPoints, remaining: res.remainingPoints }));

  beforeAll(async () => {
    db = await createTestDatabase('postgresql');
    const real = db.sql.pool as PgPoolLike;
    // counts the statements sent to the counters' table
    pool = new Proxy(real, {
      get(target, property, receiver) {
        if (property !== 'query') return Reflect.get(target, property, receiver) as unknown;
        return (query: { text: string }, values?: unknown[]) => {
          if (typeof query === 'object' && query.text?.includes(RATE_LIMIT_TABLE)) statements += 1;
          return target.query(query, values);
        };
      },
    });
  });
  afterAll(() => db?.drop());

  it('allows exactly the limit out of 30 consumes at once, in one statement, with the counts in call order', async () => {
    const limiter = new BatchedPostgresLimiter(options(20, 60));
    statements = 0;
    const results = await Promise.all(Array.from({ length: 30 }, () => outcome(limiter.consume('visitor'))));
    expect(statements).toBe(1);
    expect(results.filter((r) => r.allowed)).toHaveLength(20);
    expect(results.map((r) => r.consumed)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(results.slice(20).every((r) => !r.allowed && r.remaining === 0)).toBe(true);
  });

  it('sends the consumes of two limiters made in the same moment together', async () => {
    const byAddress = new BatchedPostgresLimiter(options(300, 6));
    const byClient = new BatchedPostgresLimiter(options(20, 10));
    statements = 0;
    const [address, client] = await Promise.all([outcome(byAddress.consume('127.0.0.1')), outcome(byClient.consume('7:visitor'))]);
    expect(statements).toBe(1);
    expect(address).toEqual({ allowed: true, consumed: 1, remaining: 299 });
    expect(client).toEqual({ allowed: true, consumed: 1, remaining: 19 });
  });

  it('gives what the library\'s own limiter gives, consume after consume and after the window ends', async () => {
    const ours = new BatchedPostgresLimiter(options(3, 1));
    const theirs = new RateLimiterPostgres(options(3, 1));
    const run = async (limiter: RateLimiterPostgres) => {
      const seen = [];
      for (let i = 0; i < 5; i += 1) seen.push(await outcome(limiter.consume('k')));
      await new Promise((resolve) => setTimeout(resolve, 1_100)); // the window is over: the count starts again
      seen.push(await outcome(limiter.consume('k', 2)));
      return seen;
    };
    const [a, b] = await Promise.all([run(ours), run(theirs)]);
    expect(a).toEqual(b);
    expect(a.map((r) => r.allowed)).toEqual([true, true, true, false, false, true]);
  });

  it('keeps a key the table cannot hold out of the batch: it fails alone, the others are counted', async () => {
    const limiter = new BatchedPostgresLimiter(options(5, 60));
    const [bad, long, good] = await Promise.allSettled([limiter.consume('7:bad\u0000id'), limiter.consume('x'.repeat(300)), limiter.consume('7:good')]);
    expect(bad.status).toBe('rejected');
    expect(long.status).toBe('rejected');
    expect(good).toEqual({ status: 'fulfilled', value: expect.objectContaining({ consumedPoints: 1, remainingPoints: 4 }) });
  });

  it('fails every consume of the batch with the store\'s error (not as a refusal) when the statement fails', async () => {
    const broken = { query: () => Promise.reject(new Error('connection terminated')) } as unknown as PgPoolLike;
    const limiter = new BatchedPostgresLimiter({ ...options(5, 60), storeClient: broken });
    const results = await Promise.allSettled([limiter.consume('a'), limiter.consume('b')]);
    expect(results.map((r) => r.status === 'rejected' && r.reason instanceof Error && r.reason.message)).toEqual(['connection terminated', 'connection terminated']);
  });
});
