// Generates queued report jobs in the background, at most `concurrency` at a time, with
// heartbeats so that a job cut off by a crash is noticed and retried (JobStore.recoverAbandoned).
// A round (src/workers/worker.ts) claims jobs up to the limit; the jobs run on after the round,
// and each one that ends wakes the worker to claim the next. Stopping waits for them: they go
// back to the queue for the next start.
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { ReportJob } from '@prisma/client';
import type { SqlRunner } from '../../db/sql-runner.js';
import { parseDialogFilter } from '../../domain/dialog-filter.js';
import { isReportType, type ReportDefinition, type ReportType } from '../report-definition.js';
import { exportReport, ExportCancelled } from '../export-report.js';
import type { JobStore } from './job-store.js';
import type { ReportFiles } from './report-files.js';
import type { Logger } from '../../logger.js';
import { Worker } from '../../workers/worker.js';

export interface ReportWorkerOptions {
  store: JobStore;
  files: ReportFiles;
  sql: SqlRunner;
  definitionOf: (type: ReportType) => ReportDefinition;
  concurrency: number;
  /** How often the queue is looked at when nothing woke the worker. */
  pollMs: number;
  heartbeatMs: number;
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
    if (Date.now() - this.lastMaintenance > 60_000) await this.maintain();
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

  /** Recovers abandoned jobs, expires old files, removes temporary files of dead exports. */
  private async maintain(): Promise<void> {
    this.lastMaintenance = Date.now();
    const { store, files } = this.options;
    const { requeued, failed } = await store.recoverAbandoned();
    if (requeued || failed) this.logger.warn({ requeued, failed }, 'reports: interrupted jobs queued again or given up');
    for (const id of await store.expire()) await files.remove(id);
    await files.removeStrayParts(new Set(this.running.keys()));
  }

  private async generate(job: ReportJob, state: { stop: boolean }): Promise<void> {
    const { store, files, sql } = this.options;
    let rows = 0;
    let total: number | null = null;
    let owned = true;
    const beat = async () => {
      owned = owned && await store.heartbeat(job.id, this.workerId, rows, total).catch(() => true);
    };
    // a timer too: counting or the first batch of a big report can take longer than a heartbeat
    const heartbeat = setInterval(() => void beat(), this.options.heartbeatMs);
    try {
      if (!isReportType(job.type)) throw new Error(`Unknown report type "${job.type}"`);
      const { filter } = parseDialogFilter(job.filter as Record<string, unknown>);
      const result = await exportReport({
        sql,
        definition: this.options.definitionOf(job.type),
        options: { filter, withTime: job.withTime, timeZone: job.timeZone, dialogUrlBase: job.dialogUrlBase },
        output: files.finalPath(job.id),
        note: [`Report: ${job.fileName}`, `Filters: ${describeFilter(job.filter)}`, `Created: ${job.createdAt.toISOString()}`],
        onProgress: async (progress) => {
          rows = progress.rows;
          total = progress.total;
          return owned && !state.stop;
        },
      });
      const expiresAt = new Date(Date.now() + this.options.fileTtlMs);
      if (!(await store.markReady(job.id, this.workerId, { ...result, expiresAt }))) await files.remove(job.id);
    } catch (error) {
      await files.remove(job.id);
      if (error instanceof ExportCancelled && state.stop && owned) {
        await store.releaseToQueue(job.id, this.workerId); // shutting down: the next start redoes it
      } else if (!(error instanceof ExportCancelled)) {
        this.logger.error({ err: error, jobId: job.id }, 'report failed');
        await store.markError(job.id, this.workerId, failureMessage(error)).catch(() => undefined);
      }
    } finally {
      clearInterval(heartbeat);
    }
  }
}

function failureMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `The report could not be generated: ${message}`;
}

function describeFilter(filter: unknown): string {
  const entries = Object.entries((filter ?? {}) as Record<string, string>).map(([key, value]) => `${key.replace(/^filters\./, '')} = ${value}`);
  return entries.length ? entries.join('; ') : 'none (all dialogues)';
}
