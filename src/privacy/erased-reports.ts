// Report files that can hold an erased client's data (which ones: src/domain/erased-client-reports.ts).
// A ready file is deleted and its job marked expired with the reason the Reports page shows; a
// report being generated is cancelled (status error, with the reason) rather than started again:
// the worker generating it only notices at its next heartbeat, and a job queued again could be
// claimed by that same worker while its first run still writes under the same writer id. The
// user regenerates it from the Reports page. Queued jobs need nothing: this runs after the
// client's content is removed, so they will not find it.
import type { PrismaClient } from '@prisma/client';
import type { ReportFileStore } from '../reports/storage/report-file-store.js';
import { parseDialogFilter } from '../domain/dialog-filter.js';
import { filterCanIncludeClient, erasedReportCancelled, erasedReportReason, type ErasedClient } from '../domain/erased-client-reports.js';
import { allReports } from '../reports/registry.js';

export interface ReportsRemoved {
  /** Ready files deleted (their jobs now expired, with the reason). */
  removed: number;
  /** Reports being generated that were cancelled. */
  cancelled: number;
}

const CLIENT_DATA_TYPES = allReports().filter((report) => report.holdsClientData).map((report) => report.type);

type Db = Pick<PrismaClient, 'reportJob'>;

/** Jobs in these states whose file can hold the client's data. */
export async function reportsHoldingClient(prisma: Db, client: ErasedClient, statuses: ('ready' | 'generating')[]): Promise<{ id: string; status: string }[]> {
  // report jobs are few (files expire within a day or so): the filters are compared here
  const jobs = await prisma.reportJob.findMany({
    where: { status: { in: statuses }, type: { in: CLIENT_DATA_TYPES } },
    select: { id: true, status: true, filter: true },
  });
  return jobs
    .filter((job) => filterCanIncludeClient(parseDialogFilter((job.filter ?? {}) as Record<string, unknown>).filter, client))
    .map(({ id, status }) => ({ id, status }));
}

/** Deletes the ready files and cancels the generating reports that can hold the client's data. */
export async function removeReportsHoldingClient(prisma: Db, files: ReportFileStore, client: ErasedClient, at: Date): Promise<ReportsRemoved> {
  const jobs = await reportsHoldingClient(prisma, client, ['ready', 'generating']);
  const ready = jobs.filter((job) => job.status === 'ready').map((job) => job.id);
  const generating = jobs.filter((job) => job.status === 'generating').map((job) => job.id);
  // the job first: from here on nothing serves the file, then it goes
  const expired = ready.length ? await prisma.reportJob.updateMany({
    where: { id: { in: ready }, status: 'ready' },
    data: { status: 'expired', sizeBytes: null, removedReason: erasedReportReason(at) },
  }) : { count: 0 };
  // its worker's next heartbeat fails, so it stops; the bytes it writes after this are removed
  // as orphans by the reports' maintenance
  const cancelled = generating.length ? await prisma.reportJob.updateMany({
    where: { id: { in: generating }, status: 'generating' },
    data: { status: 'error', error: erasedReportCancelled(at), finishedAt: at },
  }) : { count: 0 };
  for (const id of [...ready, ...generating]) await files.delete(id);
  return { removed: expired.count, cancelled: cancelled.count };
}
