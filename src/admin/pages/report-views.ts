// What the Export action and the Reports page send to the browser: report jobs as plain JSON and
// the report types a user may export (refusals: src/admin/error-answer.ts).
import type { ReportJob } from '@prisma/client';
import type { CurrentUser } from '../../domain/roles.js';
import type { ChatsAdminContext } from '../../context.js';
import { REPORT_TYPES, type ReportType } from '../../reports/report-definition.js';
import { getReport } from '../../reports/registry.js';

export interface ReportJobView {
  id: string;
  type: string;
  title: string;
  fileName: string;
  status: ReportJob['status'];
  withTime: boolean;
  timeZone: string;
  rowsWritten: number;
  rowsTotal: number | null;
  sizeBytes: number | null;
  error: string | null;
  createdBy: string | null;
  createdAt: string;
  finishedAt: string | null;
  expiresAt: string | null;
  /** Why the file went before its expiry (a client whose data it held was erased), else null. */
  removedReason: string | null;
  /** Relative to the site: the browser navigates to it to download. */
  downloadUrl: string;
}

type JobWithCreator = ReportJob & { createdBy?: { name: string | null; email: string | null } | null };

export function downloadPath(ctx: ChatsAdminContext, jobId: string): string {
  return `${ctx.rootPath.replace(/\/$/, '')}/chats-reports/${jobId}/download`;
}

export function jobView(ctx: ChatsAdminContext, job: JobWithCreator): ReportJobView {
  const type = job.type as ReportType;
  return {
    id: job.id,
    type: job.type,
    title: (REPORT_TYPES as readonly string[]).includes(type) ? getReport(type).title : job.type,
    fileName: job.fileName,
    status: job.status,
    withTime: job.withTime,
    timeZone: job.timeZone,
    rowsWritten: job.rowsWritten,
    rowsTotal: job.rowsTotal,
    sizeBytes: job.sizeBytes,
    error: job.error,
    createdBy: job.createdBy ? job.createdBy.name || job.createdBy.email : null,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    expiresAt: job.expiresAt?.toISOString() ?? null,
    removedReason: job.removedReason,
    downloadUrl: downloadPath(ctx, job.id),
  };
}

/** The report types this user may export, in the order of PRODUCT.md. */
export function exportableTypes(ctx: ChatsAdminContext, user: Pick<CurrentUser, 'role'> | null | undefined): ReportType[] {
  return ctx.reports.service.exportableTypes(user);
}
