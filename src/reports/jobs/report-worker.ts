// Generates queued report jobs in the background, at most `concurrency` at a time, with
// heartbeats so that a job cut off by a crash is noticed and retried (JobStore.recoverAbandoned).
// A round (src/workers/worker.ts) claims jobs up to the limit; the jobs run on after the round,
// and each one that ends wakes the worker to claim the next. Stopping waits for them: they go
// back to the queue for the next start.
import os from 'node:os';
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { ReportJob } from '@prisma/client';
import type { SqlRunner } from '../../db/sql-runner.js';
import { parseDialogFilter } from '../../domain/dialog-filter.js';
import { isReportType, type ReportDefinition, type ReportType } from '../report-definition.js';
import { exportReport, ExportCancelled } from '../export-report.js';
import type { JobStore } from './job-store.js';
import type { ReportFileStore } from '../storage/report-file-store.js';
import { isDatabaseUnavailable } from '../../db/connection-errors.js';
import type { Logger } from '../../logger.js';
import { Worker } from '../../workers/worker.js';

export interface ReportWorkerOptions {
  store: JobStore;
  files: ReportFileStore;
  sql: SqlRunner;
  definitionOf: (type: ReportType) => ReportDefinition;
  concurrency: number;
  /** How often the queue is looked at when nothing woke the worker. */
  pollMs: number;
  heartbeatMs: number;
  /** A heartbeat older than this is a dead worker's (its partial file may be removed). */
  staleAfterMs: number;
  /** How often maintenance (recovery, expiry, orphan removal) runs; default 60 s. */
  maintenanceIntervalMs?: number;
  /** How long a ready file is kept. */
  fileTtlMs: number;
  logger?: Logger;
}

export class ReportWorker extends Worker {
  readonly workerId = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly running = new Map<string, { stop: boolean; done: Promise<void> }>();
  private lastMaintenance = 0;

  constructor(private readonly options: ReportWorkerOptions) {
    super({ intervalMs: options.pollMs, logger: options.logger, failureMessage: 'report queue check failed' });
  }

  get activeJobs(): number {
    return this.running.size;
  }

  protected async starting(): Promise<void> {
    await this.maintain();
  }

  /** Jobs being generated are put back in the queue for the next start. */
  protected async stopping(): Promise<void> {
    for (const job of this.running.values()) job.stop = true;
    await Promise.all([...this.running.values()].map((job) => job.done));
  }

  /** Claims queued jobs up to the concurrency limit. */
  protected async round(): Promise<void> {
    if (Date.now() - this.lastMaintenance > (this.options.maintenanceIntervalMs ?? 60_000)) await this.maintain();
    while (this.isRunning && this.running.size < this.options.concurrency) {
      const job = await this.options.store.claim(this.workerId);
      if (!job) break;
      const state = { stop: false, done: Promise.resolve() };
      state.done = this.generate(job, state).finally(() => {
        this.running.delete(job.id);
        this.wake();
      });
      this.running.set(job.id, state);
    }
  }

  /** Recovers abandoned jobs, expires old files, removes files report_jobs does not account for (any instance's). */
  private async maintain(): Promise<void> {
    this.lastMaintenance = Date.now();
    const { store, files } = this.options;
    const { requeued, failed } = await store.recoverAbandoned();
    if (requeued || failed) this.logger.warn({ requeued, failed }, 'reports: interrupted jobs queued again or given up');
    for (const id of await store.expire()) await files.delete(id);
    await files.removeOrphans(new Date(Date.now() - this.options.staleAfterMs));
  }

  /** Waits until the database answers again (or the worker stops). */
  private async databaseBack(state: { stop: boolean }): Promise<boolean> {
    while (!state.stop) {
      await new Promise((resolve) => setTimeout(resolve, 1_000).unref());
      if (await this.options.sql.query('SELECT 1').then(() => true, () => false)) return true;
    }
    return false;
  }

  private async generate(job: ReportJob, state: { stop: boolean }): Promise<void> {
    const { store, files } = this.options;
    let rows = 0;
    let total: number | null = null;
    let owned = true;
    const beat = async () => {
      owned = owned && await store.heartbeat(job.id, this.workerId, rows, total).catch(() => true);
    };
    // a timer too: counting or the first batch of a big report can take longer than a heartbeat
    const heartbeat = setInterval(() => void beat(), this.options.heartbeatMs);
    try {
      for (;;) {
        try {
          await this.exportOnce(job, state, files.put(job.id, this.workerId), (progress) => {
            rows = progress.rows;
            total = progress.total;
            return owned && !state.stop;
          });
          return;
        } catch (error) {
          // the database went away (restart, failover): this instance tries the job again as soon
          // as it answers, instead of waiting for another to notice the missing heartbeats
          if (isDatabaseUnavailable(error) && owned && (await this.databaseBack(state))) {
            this.logger.warn({ jobId: job.id }, 'report interrupted by a database outage; generating it again');
            continue;
          }
          throw error;
        }
      }
    } catch (error) {
      // a job another worker took over keeps its file: that worker is writing its own
      if (owned) await files.delete(job.id).catch(() => undefined);
      if (error instanceof ExportCancelled && state.stop && owned) {
        await store.releaseToQueue(job.id, this.workerId); // shutting down: another instance (or the next start) redoes it
      } else if (!(error instanceof ExportCancelled)) {
        this.logger.error({ err: error, jobId: job.id }, 'report failed');
        await store.markError(job.id, this.workerId, failureMessage(error)).catch(() => undefined);
      }
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async exportOnce(job: ReportJob, state: { stop: boolean }, output: Writable, onProgress: (progress: { rows: number; total: number | null }) => boolean): Promise<void> {
    const { store, files, sql } = this.options;
    if (!isReportType(job.type)) throw new Error(`Unknown report type "${job.type}"`);
    const { filter } = parseDialogFilter(job.filter as Record<string, unknown>);
    const result = await exportReport({
      sql,
      definition: this.options.definitionOf(job.type),
      options: { filter, withTime: job.withTime, timeZone: job.timeZone, dialogUrlBase: job.dialogUrlBase },
      output,
      note: [`Report: ${job.fileName}`, `Filters: ${describeFilter(job.filter)}`, `Created: ${job.createdAt.toISOString()}`],
      onProgress: async (progress) => onProgress(progress) && !state.stop,
    }).catch(async (error: unknown) => {
      // the aborted output removes what it stored once closed: wait, so nothing is left behind
      if (!output.closed) await once(output, 'close').catch(() => undefined);
      throw error;
    });
    const expiresAt = new Date(Date.now() + this.options.fileTtlMs);
    if (!(await store.markReady(job.id, this.workerId, { ...result, expiresAt }))) await files.delete(job.id);
  }
}

// shown to users: the problem in words, never this server's file paths
function failureMessage(error: unknown): string {
  if (isDatabaseUnavailable(error)) return 'The report could not be generated: the database could not be reached';
  const message = (error instanceof Error ? error.message : String(error)).replace(/(?:[A-Za-z]:)?(?:[\\/][^\s'"\\/]+){2,}/g, '<file>');
  return `The report could not be generated: ${message}`;
}

function describeFilter(filter: unknown): string {
  const entries = Object.entries((filter ?? {}) as Record<string, string>).map(([key, value]) => `${key.replace(/^filters\./, '')} = ${value}`);
  return entries.length ? entries.join('; ') : 'none (all dialogues)';
}
