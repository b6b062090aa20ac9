// Applies the chats' retention periods now and then (src/privacy/retention-run.ts): a Worker
// (src/workers/worker.ts), started and stopped by the plugin. Several instances may run it at
// once: their batches skip each other's dialogues (SKIP LOCKED), so the work is shared and no
// dialogue is done twice. stop() ends a long run after the batch in flight.
import type { SqlRunner } from '../db/sql-runner.js';
import type { Logger } from '../logger.js';
import { Worker } from '../workers/worker.js';
import { applyRetention, type ChatRetentionResult } from './retention-run.js';

export interface RetentionOptions {
  /** How often the periods are applied, in ms; false: never (e.g. only some instances run it). Default one hour. */
  intervalMs?: number | false;
  /** Dialogues per batch, each batch its own transaction. Default 10 on PGlite, 25 on PostgreSQL (README "Retention": well under 100 ms a batch). */
  batchSize?: number;
  /** Pause between batches in ms, so that other queries go first on PGlite's one connection. Default 10. */
  pauseMs?: number;
}

// PGlite runs a batch in this thread on its one connection: everything else waits for it, so its
// batches are smaller (bench/retention.ts measured both; README "Retention")
export const RETENTION_DEFAULTS = { intervalMs: 60 * 60 * 1000, batchSize: { pglite: 10, postgresql: 25 }, pauseMs: 10 } as const;

export interface RetentionWorkerOptions extends RetentionOptions {
  logger?: Logger;
  /** The clock (tests). */
  now?: () => Date;
}

export class RetentionWorker extends Worker {
  private halting = false;
  private readonly batchSize: number;
  private readonly pauseMs: number;

  constructor(private readonly sql: SqlRunner, private readonly options: RetentionWorkerOptions = {}) {
    super({ intervalMs: options.intervalMs || RETENTION_DEFAULTS.intervalMs, logger: options.logger, failureMessage: 'applying the chats\' retention periods failed' });
    this.batchSize = options.batchSize ?? RETENTION_DEFAULTS.batchSize[sql.kind === 'pglite' ? 'pglite' : 'postgresql'];
    this.pauseMs = options.pauseMs ?? RETENTION_DEFAULTS.pauseMs;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new Error('retention.batchSize must be a whole number of at least 1');
  }

  /** What the last round did (tests, diagnostics). */
  lastResults: ChatRetentionResult[] = [];

  protected async round(): Promise<void> {
    this.lastResults = await applyRetention(this.sql, {
      batchSize: this.batchSize, pauseMs: this.pauseMs, now: this.options.now, shouldStop: () => this.halting,
    }, (error) => {
      this.logger.error({ err: error.cause, chatId: error.chat.chatId, removed: error.removed }, error.message);
    });
    for (const result of this.lastResults) {
      if (result.removed.dialogs > 0) this.logger.info({ chatId: result.chatId, removed: result.removed }, 'retention period applied');
    }
  }

  async stop(): Promise<void> {
    this.halting = true;
    try {
      await super.stop();
    } finally {
      this.halting = false;
    }
  }
}
