// The Reports page (AdminJS custom page `reports`): the user's report jobs (admins: everyone's),
// newest first. GET lists a page of jobs, or one job with `?id=` (the Export form polls it);
// POST { action: 'regenerate' | 'delete', id } acts through the ReportsService, which checks rights.
import type { AdminPage } from 'adminjs';
import type { Prisma } from '@prisma/client';
import type { ChatsAdminContext } from '../../context.js';
import type { ReportUser } from '../../reports/reports-service.js';
import { exportableTypes, jobView } from './report-views.js';
import { chatsErrorAnswer, type AdminResponse } from '../error-answer.js';
import { ChatsError } from '../../domain/errors.js';

export const REPORTS_PER_PAGE = 50;

type PageRequest = { method?: string; query?: Record<string, unknown>; payload?: Record<string, unknown> };

const CREATOR = { createdBy: { select: { name: true, email: true } } } as const;

function pageNumber(value: unknown): number {
  const page = Number(value);
  return Number.isInteger(page) && page > 0 ? page : 1;
}

async function listJobs(ctx: ChatsAdminContext, user: ReportUser, page: number) {
  // the same rule as maySeeJob: admins see every job, others the ones they asked for
  const where: Prisma.ReportJobWhereInput = user.role === 'admin' ? {} : { createdById: user.operatorId ?? -1 };
  const [total, jobs, active] = await Promise.all([
    ctx.prisma.reportJob.count({ where }),
    ctx.prisma.reportJob.findMany({
      where,
      include: CREATOR,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * REPORTS_PER_PAGE,
      take: REPORTS_PER_PAGE,
    }),
    ctx.prisma.reportJob.count({ where: { ...where, status: { in: ['queued', 'generating'] } } }),
  ]);
  return {
    jobs: jobs.map((job) => jobView(ctx, job)),
    total,
    page,
    perPage: REPORTS_PER_PAGE,
    /** Jobs still to finish anywhere in the list, not only on this page: the page keeps polling. */
    active,
    canExport: exportableTypes(ctx, user).length > 0,
  };
}

async function act(ctx: ChatsAdminContext, user: ReportUser, payload: Record<string, unknown>) {
  const id = String(payload.id ?? '');
  if (payload.action === 'regenerate') {
    const job = await ctx.reports.service.regenerate(user, id);
    return { job: jobView(ctx, job), notice: { message: 'reportRegenerating', type: 'success', options: { fileName: job.fileName } } };
  }
  if (payload.action === 'delete') {
    const job = await ctx.reports.service.get(user, id);
    await ctx.reports.service.delete(user, id);
    return { deleted: id, notice: { message: 'reportDeleted', type: 'success', options: { fileName: job.fileName } } };
  }
  return null;
}

export function reportsPage(ctx: ChatsAdminContext): AdminPage {
  return {
    component: ctx.components.ReportsPage,
    icon: 'FileText',
    handler: async (request: PageRequest, response: AdminResponse, context: { currentAdmin?: unknown }) => {
      try {
        // regenerating makes the job this user's again only in name: their operator row exists already
        const user = await ctx.users.actor(context.currentAdmin, { create: false });
        if (!user) throw new ChatsError('unauthenticated', 'loginRequired', 'Log in first');
        if (request.method === 'post') {
          const result = await act(ctx, user, request.payload ?? {});
          if (result) return result;
          throw new ChatsError('invalid', 'reportRequestFailed', 'Unknown action');
        }
        const query = request.query ?? {};
        if (typeof query.id === 'string' && query.id) {
          const job = await ctx.reports.service.get(user, query.id);
          return { job: jobView(ctx, job) };
        }
        return await listJobs(ctx, user, pageNumber(query.page));
      } catch (error) {
        return chatsErrorAnswer(response, error);
      }
    },
  };
}
