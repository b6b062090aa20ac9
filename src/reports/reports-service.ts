// What users do with reports — ask for one from the filtered dialogue list, list their jobs,
// download, regenerate, delete — with the permission checks. The AdminJS actions and the download
// route are thin layers over this. An export (with its type and exact filter) and a download are
// recorded in the audit log before they happen: one that cannot be recorded is refused.
import type { PrismaClient, ReportJob } from '@prisma/client';
import type { Actor } from '../domain/roles.js';
import { isUuid } from '../domain/uuid.js';
import { ChatsError, type ErrorKind } from '../domain/errors.js';

/** Who acts on reports: their role, and their operator id (the jobs they asked for carry it). */
export type ReportUser = Pick<Actor, 'role' | 'operatorId'>;
import { parseDialogFilter, dialogFilterToQuery } from '../domain/dialog-filter.js';
import { isReportType, REPORT_TYPES, type ReportType } from './report-definition.js';
import { getReport } from './registry.js';
import { mayExport, maySeeJob, type ReportPermissionOptions } from './report-permissions.js';
import { reportFileName } from './report-file-name.js';
import type { JobStore } from './jobs/job-store.js';
import type { Readable } from 'node:stream';
import type { ReportFileStore } from './storage/report-file-store.js';
import type { ReportWorker } from './jobs/report-worker.js';
import type { AuditEntryInput } from '../domain/audit-actions.js';
import { auditEntry } from '../audit/request-context.js';

/** Where exports and downloads are recorded (src/audit/audit-log.ts). */
export interface ReportAudit { record(entry: AuditEntryInput): Promise<void> }

/** The refusals of reports; the codes are the admin's translation keys (src/admin/locale/<lang>/reports.ts). */
export type ReportErrorCode =
  | 'reportChooseType' | 'reportBadTimeZone' | 'reportBadFilter' | 'reportNotAllowed'
  | 'reportNotFound' | 'reportExpired' | 'reportNotReady' | 'reportAlreadyGenerating';

const KIND: Record<ReportErrorCode, ErrorKind> = {
  reportChooseType: 'invalid', reportBadTimeZone: 'invalid', reportBadFilter: 'invalid', reportNotAllowed: 'forbidden',
  reportNotFound: 'not_found', reportExpired: 'conflict', reportNotReady: 'conflict', reportAlreadyGenerating: 'conflict',
};

/** A problem the user can fix, with the form field at fault when there is one. */
export class ReportRequestError extends ChatsError {
  declare readonly code: ReportErrorCode;

  constructor(code: ReportErrorCode, message: string, field?: string) {
    super(KIND[code], code, message, field === undefined ? {} : { field });
    this.name = 'ReportRequestError';
  }
}

export interface ReportRequest {
  type: unknown;
  withTime: unknown;
  timeZone: unknown;
  /** The dialogue list's query string (filters.*), as the list had it. */
  listQuery: Record<string, unknown>;
  /** Absolute URL of dialogue pages without the id (src/domain/dialog-link.ts dialogRecordsUrl). */
  dialogUrlBase: string;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export class ReportsService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly store: JobStore,
    private readonly files: ReportFileStore,
    private readonly worker: ReportWorker,
    private readonly permissions: ReportPermissionOptions,
    private readonly audit: ReportAudit = { record: async () => {} },
  ) {}

  /** The report types this user may export, in the order of PRODUCT.md (the form offers only these). */
  exportableTypes(user: Pick<Actor, 'role'> | null | undefined): ReportType[] {
    return REPORT_TYPES.filter((type) => mayExport(user, getReport(type), this.permissions));
  }

  async request(user: ReportUser, request: ReportRequest): Promise<ReportJob> {
    if (!isReportType(request.type)) throw new ReportRequestError('reportChooseType', 'Choose a report type', 'type');
    const definition = getReport(request.type);
    if (!mayExport(user, definition, this.permissions)) throw new ReportRequestError('reportNotAllowed', 'You are not allowed to export this report');
    const timeZone = typeof request.timeZone === 'string' && request.timeZone ? request.timeZone : 'UTC';
    if (!isValidTimeZone(timeZone)) throw new ReportRequestError('reportBadTimeZone', `Unknown time zone "${timeZone}"`, 'timeZone');
    const { filter, errors } = parseDialogFilter(request.listQuery);
    const firstError = Object.values(errors)[0];
    if (firstError) throw new ReportRequestError('reportBadFilter', `Invalid filter: ${firstError}`);
    const chat = filter.chatId ? await this.prisma.chat.findUnique({ where: { id: filter.chatId }, select: { name: true } }) : null;
    const withTime = request.withTime === true || request.withTime === 'true';
    const fileName = reportFileName(definition.title, chat?.name ?? null, filter, timeZone);
    const exact = dialogFilterToQuery(filter);
    await this.audit.record(auditEntry('report_requested', fileName, { type: request.type, filter: exact, withTime, timeZone }));
    const job = await this.store.create({
      type: request.type,
      withTime,
      timeZone,
      filter: exact,
      fileName,
      dialogUrlBase: request.dialogUrlBase,
      createdById: user.operatorId,
    });
    this.worker.wake();
    return job;
  }

  async get(user: ReportUser, id: string): Promise<ReportJob> {
    // with its creator's name, as the Reports page shows it (`?id=` polling included)
    const job = isUuid(id) ? await this.prisma.reportJob.findUnique({ where: { id }, include: { createdBy: { select: { name: true, email: true } } } }) : null;
    if (!job || !maySeeJob(user, job)) throw new ReportRequestError('reportNotFound', 'This report does not exist or was deleted');
    return job;
  }

  /** The file to send, or a reason why there is none. */
  async download(user: ReportUser, id: string): Promise<{ stream: Readable; fileName: string; bytes: number | null }> {
    const job = await this.get(user, id);
    // a file removed for an erasure says so (src/privacy/erased-reports.ts)
    if (job.status === 'expired') throw new ReportRequestError('reportExpired', job.removedReason ? `${job.removedReason}; regenerate it` : 'This report has expired; regenerate it');
    if (job.status !== 'ready') throw new ReportRequestError('reportNotReady', 'This report is not ready yet');
    await this.audit.record(auditEntry('report_downloaded', job.fileName, { jobId: job.id, type: job.type, filter: job.filter }));
    const stream = await this.files.get(job.id);
    if (!stream) throw new ReportRequestError('reportNotReady', 'This report is not ready yet');
    return { stream, fileName: job.fileName, bytes: job.sizeBytes === null ? null : Number(job.sizeBytes) };
  }

  async regenerate(user: ReportUser, id: string): Promise<ReportJob> {
    const job = await this.get(user, id);
    if (isReportType(job.type) && !mayExport(user, getReport(job.type), this.permissions)) {
      throw new ReportRequestError('reportNotAllowed', 'You are not allowed to export this report');
    }
    await this.audit.record(auditEntry('report_requested', job.fileName, { type: job.type, filter: job.filter, withTime: job.withTime, timeZone: job.timeZone, regenerated: job.id }));
    await this.files.delete(job.id);
    const queued = await this.store.requeue(job.id);
    if (!queued) throw new ReportRequestError('reportAlreadyGenerating', 'This report is being generated already');
    this.worker.wake();
    return queued;
  }

  async delete(user: ReportUser, id: string): Promise<void> {
    const job = await this.get(user, id);
    await this.prisma.reportJob.delete({ where: { id: job.id } });
    await this.files.delete(job.id); // a worker still writing it notices at its next heartbeat
  }
}
