// Counts stored messages into the dashboard's message and phrase aggregates. Storing a message
// only queues its id (the trigger of migration 20261202070000): counting it there, three upserts
// per message, took a quarter of the database's time on the ingestion path. Counting a queue of
// hundreds at once costs a few upserts in all.
// - countQueuedMessages: one batch, in one statement (chats_dashboard_count_queued). When it
//   returns, every message committed before it began is counted: rows another counter holds are
//   waited for, not skipped. The dashboard calls it before reading, so its figures never lag.
// - DashboardCounter: a worker on every instance that keeps the queue short (every second by
//   default), so that a dashboard load finds little to count.
import type { SqlRunner } from '../db/sql-runner.js';
import type { Logger } from '../logger.js';
import { Worker } from '../workers/worker.js';

type QueryRunner = Pick<SqlRunner, 'query'>;

/** Messages counted per statement by the worker: small enough to keep each transaction short. */
export const COUNT_BATCH = 5_000;

/** Counts up to `maxRows` queued messages (null: all of them); returns how many it counted. */
export async function countQueuedMessages(sql: QueryRunner, maxRows: number | null): Promise<number> {
  const [row] = await sql.query<{ counted: number }>('SELECT chats_dashboard_count_queued($1::int) AS counted', [maxRows], 'chats_dashboard_count_queued');
  return Number(row?.counted ?? 0);
}

/** Counts the whole queue, a batch per statement (after a bulk load, say). */
export async function countAllQueuedMessages(sql: QueryRunner, batch = COUNT_BATCH): Promise<number> {
  let total = 0;
  for (let counted = batch; counted === batch;) {
    counted = await countQueuedMessages(sql, batch);
    total += counted;
  }
  return total;
}

export interface DashboardCounterOptions {
  /** How often the queue is counted; one second by default. */
  intervalMs?: number;
  logger?: Logger;
}

export class DashboardCounter extends Worker {
  constructor(private readonly sql: QueryRunner, options: DashboardCounterOptions = {}) {
    super({ intervalMs: options.intervalMs ?? 1_000, logger: options.logger, failureMessage: 'counting messages into the dashboard failed' });
  }

  protected async round(): Promise<void> {
    await countAllQueuedMessages(this.sql);
  }
}
