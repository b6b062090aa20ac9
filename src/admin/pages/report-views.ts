// What the Export action and the Reports page send to the browser: report jobs as plain JSON,
// the report types a user may export, and ReportRequestErrors as a status plus a notice whose
// message is a translation key (the browser shows it in the user's language).
import type { ReportJob } from '@prisma/client';
import type { CurrentUser } from '../../domain/roles.js';
import type { ChatsAdminContext } from '../../context.js';
import { REPORT_TYPES, type ReportType } from '../../reports/report-definition.js';
import { getReport } from '../../reports/registry.js';
import { ReportRequestError } from '../../reports/reports-service.js';

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
    downloadUrl: downloadPath(ctx, job.id),
  };
}

/** The report types this user may export, in the order of PRODUCT.md. */
export function exportableTypes(ctx: ChatsAdminContext, user: Pick<CurrentUser, 'role'> | null | undefined): ReportType[] {
  return ctx.reports.service.exportableTypes(user);
}

/** Translation key (messages.*) of a service refusal. */
function errorKey(error: ReportRequestError): string {
  if (error.field === 'type') return 'reportChooseType';
  if (error.field === 'timeZone') return 'reportBadTimeZone';
  if (error.status === 403) return 'reportNotAllowed';
  if (error.status === 404) return 'reportNotFound';
  if (error.status === 409) {
    if (/expired/i.test(error.message)) return 'reportExpired';
    if (/being generated/i.test(error.message)) return 'reportAlreadyGenerating';
    return 'reportNotReady';
  }
  if (/^Invalid filter/.test(error.message)) return 'reportBadFilter';
  return 'reportRequestFailed';
}

export interface ErrorAnswer {
  error: string;
  field?: string;
  notice: { message: string; type: 'error'; options: { detail: string } };
  errors?: Record<string, { message: string }>;
}

/** Sets the HTTP status of a refusal and builds its body; other errors are rethrown (500). */
export function answerRequestError(response: { status?: (code: number) => unknown } | undefined, error: unknown): ErrorAnswer {
  if (!(error instanceof ReportRequestError)) throw error;
  response?.status?.(error.status);
  const key = errorKey(error);
  return {
    error: error.message,
    field: error.field,
    notice: { message: key, type: 'error', options: { detail: error.message } },
    errors: error.field ? { [error.field]: { message: key } } : undefined,
  };
}
