// The incoming messages of one moment share one store statement: every storeIncoming call of the
// same turn of the event loop on one SqlRunner (all dialogues, all channels) goes to the database
// as ONE statement (message-store-sql.ts), each caller getting exactly what a statement of its
// own would have given it. A statement costs PostgreSQL about as much as the rows it stores, and
// the app one round trip, so under load (many clients writing at once) this halves both.
// - Only messages with an external id are batched: it tells a stored row from another request's
//   row of the same dialogue. Without one, a request goes alone.
// - If the batch's statement fails (a message the database cannot take, a deadlock with another
//   writer of several dialogues, the database gone), each request is tried alone, so an error
//   reaches only the requests it belongs to. A failed statement stored nothing.
import type { PrismaClient } from '@prisma/client';
import type { SqlRunner } from '../db/sql-runner.js';
import { runStoreStatement, type SqlStoreOptions, type SqlStoreRequest, type SqlStoreResult } from './message-store-sql.js';

/** How incoming messages are stored: a known external id is skipped, a closed dialogue takes none. */
export const INCOMING: SqlStoreOptions = { skipDuplicates: true, activeOnly: true };

/** Most requests per statement; a bigger turn is sent as several. */
const MAX_BATCH = 100;

interface Waiting { request: SqlStoreRequest; resolve(result: SqlStoreResult): void; reject(error: unknown): void }

export class IncomingBatch {
  private queue: Waiting[] = [];

  constructor(private readonly prisma: PrismaClient, private readonly sql: SqlRunner) {}

  store(request: SqlStoreRequest): Promise<SqlStoreResult> {
    if (request.messages.some((message) => message.externalId === null)) return this.alone(request);
    return new Promise((resolve, reject) => {
      if (this.queue.length === 0) setImmediate(() => this.flush());
      this.queue.push({ request, resolve, reject });
    });
  }

  private flush(): void {
    const all = this.queue;
    this.queue = [];
    for (let start = 0; start < all.length; start += MAX_BATCH) void this.send(all.slice(start, start + MAX_BATCH));
  }

  private async send(batch: Waiting[]): Promise<void> {
    let results: SqlStoreResult[];
    try {
      results = await runStoreStatement(this.prisma, this.sql, batch.map((waiting) => waiting.request), INCOMING);
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      for (const waiting of batch) this.alone(waiting.request).then(waiting.resolve, waiting.reject);
      return;
    }
    batch.forEach((waiting, index) => waiting.resolve(results[index]));
  }

  private async alone(request: SqlStoreRequest): Promise<SqlStoreResult> {
    return (await runStoreStatement(this.prisma, this.sql, [request], INCOMING))[0];
  }
}

const batches = new WeakMap<SqlRunner, IncomingBatch>();

/** The batch of this SqlRunner: every caller on one database connection pool shares it. */
export function incomingBatch(prisma: PrismaClient, sql: SqlRunner): IncomingBatch {
  let batch = batches.get(sql);
  if (!batch) {
    batch = new IncomingBatch(prisma, sql);
    batches.set(sql, batch);
  }
  return batch;
}
