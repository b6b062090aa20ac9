// The report job queue in the report_jobs table. Claiming uses FOR UPDATE SKIP LOCKED so two app
// instances on one PostgreSQL never take the same job; a job whose worker stopped sending
// heartbeats (crash, restart) is queued again or, after too many attempts, marked as an error.
import type { PrismaClient, ReportJob } from '@prisma/client';
import type { SqlRunner } from '../../db/sql-runner.js';
import type { ReportType } from '../report-definition.js';

export interface NewReportJob {
  type: ReportType;
  withTime: boolean;
  timeZone: string;
  /** The list filter as query-string parameters. */
  filter: Record<string, string>;
  fileName: string;
  dialogUrlBase: string;
  createdById: number | null;
}

export interface JobStoreOptions {
  /** A generating job without a heartbeat for this long is considered abandoned. */
  staleAfterMs: number;
  /** How many times a job is tried before it is marked as an error. */
  maxAttempts: number;
}

export const INTERRUPTED_MESSAGE = 'The report was interrupted (the server stopped while generating it)';

export class JobStore {
  constructor(private readonly prisma: PrismaClient, private readonly sql: SqlRunner, private readonly options: JobStoreOptions) {}

  create(job: NewReportJob): Promise<ReportJob> {
    // with the creator's name: the Export form shows the queued job as the Reports page does
    return this.prisma.reportJob.create({ data: { ...job, status: 'queued' }, include: { createdBy: { select: { name: true, email: true } } } });
  }

  /** Takes the oldest queued job for this worker, or null. */
  async claim(workerId: string): Promise<ReportJob | null> {
    const rows = await this.sql.query<{ id: string }>(
      `UPDATE report_jobs SET status = 'generating', started_at = now(), heartbeat_at = now(),
         attempts = attempts + 1, worker_id = $1, rows_written = 0, rows_total = NULL, error = NULL
       WHERE id = (SELECT id FROM report_jobs WHERE status = 'queued'
                   ORDER BY created_at, id FOR UPDATE SKIP LOCKED LIMIT 1)
       RETURNING id`,
      [workerId],
    );
    return rows.length ? this.prisma.reportJob.findUnique({ where: { id: rows[0].id } }) : null;
  }

  /** Records progress; returns false when the job is no longer this worker's (deleted, re-claimed). */
  async heartbeat(id: string, workerId: string, rowsWritten: number, rowsTotal: number | null): Promise<boolean> {
    const { count } = await this.prisma.reportJob.updateMany({
      where: { id, workerId, status: 'generating' },
      data: { heartbeatAt: new Date(), rowsWritten, rowsTotal },
    });
    return count === 1;
  }

  async markReady(id: string, workerId: string, result: { rows: number; bytes: number; expiresAt: Date }): Promise<boolean> {
    const { count } = await this.prisma.reportJob.updateMany({
      where: { id, workerId, status: 'generating' },
      data: { status: 'ready', rowsWritten: result.rows, rowsTotal: result.rows, sizeBytes: result.bytes, finishedAt: new Date(), expiresAt: result.expiresAt },
    });
    return count === 1;
  }

  async markError(id: string, workerId: string, message: string): Promise<void> {
    await this.prisma.reportJob.updateMany({
      where: { id, workerId, status: 'generating' },
      data: { status: 'error', error: message.slice(0, 2000), finishedAt: new Date() },
    });
  }

  /** Puts a finished job back in the queue (Regenerate). */
  async requeue(id: string): Promise<ReportJob | null> {
    const { count } = await this.prisma.reportJob.updateMany({
      where: { id, status: { in: ['ready', 'error', 'expired'] } },
      // a file removed for an erasure is made again without that client: the reason goes
      data: { status: 'queued', attempts: 0, error: null, rowsWritten: 0, rowsTotal: null, sizeBytes: null, startedAt: null, finishedAt: null, expiresAt: null, workerId: null, removedReason: null },
    });
    return count ? this.prisma.reportJob.findUnique({ where: { id } }) : null;
  }

  /** A job this worker was generating goes back to the queue (graceful shutdown). */
  async releaseToQueue(id: string, workerId: string): Promise<void> {
    await this.prisma.reportJob.updateMany({
      where: { id, workerId, status: 'generating' },
      data: { status: 'queued', workerId: null, attempts: { decrement: 1 }, rowsWritten: 0, rowsTotal: null },
    });
  }

  /** Abandoned jobs go back to the queue, or to error after maxAttempts. Returns how many of each. */
  async recoverAbandoned(): Promise<{ requeued: number; failed: number }> {
    const staleBefore = new Date(Date.now() - this.options.staleAfterMs);
    const abandoned = { status: 'generating' as const, heartbeatAt: { lt: staleBefore } };
    const failed = await this.prisma.reportJob.updateMany({
      where: { ...abandoned, attempts: { gte: this.options.maxAttempts } },
      data: { status: 'error', error: `${INTERRUPTED_MESSAGE} ${this.options.maxAttempts} times; not retried again`, finishedAt: new Date() },
    });
    const requeued = await this.prisma.reportJob.updateMany({
      where: abandoned,
      data: { status: 'queued', workerId: null, error: null },
    });
    return { requeued: requeued.count, failed: failed.count };
  }

  /** Ready jobs past their expiry: marks them expired and returns their ids (to delete the files). */
  async expire(now = new Date()): Promise<string[]> {
    const due = await this.prisma.reportJob.findMany({ where: { status: 'ready', expiresAt: { lt: now } }, select: { id: true } });
    if (due.length === 0) return [];
    const ids = due.map((job) => job.id);
    await this.prisma.reportJob.updateMany({ where: { id: { in: ids }, status: 'ready' }, data: { status: 'expired', sizeBytes: null } });
    return ids;
  }
}
