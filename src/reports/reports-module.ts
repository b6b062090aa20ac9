// Assembles the report machinery (job store, files, worker, service) for one app instance.
import path from 'node:path';
import type { PrismaClient } from '@prisma/client';
import type { SqlRunner } from '../db/sql-runner.js';
import { JobStore } from './jobs/job-store.js';
import type { ReportFileStore } from './storage/report-file-store.js';
import { DatabaseReportFiles } from './storage/database-report-files.js';
import { FolderReportFiles } from './storage/folder-report-files.js';
import { ReportWorker } from './jobs/report-worker.js';
import { ReportsService, type ReportAudit } from './reports-service.js';
import { getReport } from './registry.js';
import type { Logger } from '../logger.js';

export interface ReportsOptions {
  /**
   * Where report files are kept: 'database' (PostgreSQL: any instance serves any report; the
   * default there) or 'folder' (`dir`; the default on PGlite; a folder all instances share).
   */
  storage?: 'database' | 'folder';
  /** Folder of the report files with storage 'folder'; `./data/reports` by default. */
  dir?: string;
  /** Reports generated at once by this instance (default 2). */
  concurrency?: number;
  /** Hours a ready file is kept (default 24). */
  fileTtlHours?: number;
  /** How often expired files and files of dead workers are removed (default 60 s). */
  maintenanceIntervalMs?: number;
  /** Viewers may export the non-billing reports (default false). */
  viewersMayExport?: boolean;
}

export interface ReportsModule {
  service: ReportsService;
  worker: ReportWorker;
  files: ReportFileStore;
}

export function createReportsModule(prisma: PrismaClient, sql: SqlRunner, options: ReportsOptions = {}, logger?: Logger, audit?: ReportAudit): ReportsModule {
  const storage = options.storage ?? (sql.kind === 'postgresql' ? 'database' : 'folder');
  const files = storage === 'database' ? new DatabaseReportFiles(sql) : new FolderReportFiles(options.dir ?? path.resolve('data', 'reports'), sql);
  const staleAfterMs = 60_000;
  const store = new JobStore(prisma, sql, { staleAfterMs, maxAttempts: 3 });
  const worker = new ReportWorker({
    store,
    files,
    sql,
    definitionOf: getReport,
    concurrency: Math.max(1, options.concurrency ?? 2),
    pollMs: 2_000,
    heartbeatMs: 5_000,
    staleAfterMs,
    maintenanceIntervalMs: options.maintenanceIntervalMs ?? 60_000,
    fileTtlMs: (options.fileTtlHours ?? 24) * 3_600_000,
    logger,
  });
  const service = new ReportsService(prisma, store, files, worker, { viewersMayExport: options.viewersMayExport ?? false }, audit);
  return { service, worker, files };
}
