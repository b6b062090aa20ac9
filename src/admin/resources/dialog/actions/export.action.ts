// "Export" in the header of the dialogue list: a drawer over the list (which keeps its filters in
// the URL, so the form reads them from there). GET: the report types this user may export and the
// active filters in words; POST: queues the report of exactly the listed dialogues.
import type { Action, ActionContext, ActionRequest, ActionResponse } from 'adminjs';
import type { PrismaClient } from '@prisma/client';
import type { ChatsAdminContext } from '../../../../context.js';
import { parseDialogFilter, type DialogFilter } from '../../../../domain/dialog-filter.js';
import { getReport } from '../../../../reports/registry.js';
import { dialogRecordsUrl } from '../../../../domain/dialog-link.js';
import { baseUrlFor } from '../../../base-url.js';
import { exportableTypes, jobView } from '../../../pages/report-views.js';
import { ReportRequestError } from '../../../../reports/reports-service.js';
import { chatsErrorAnswer, type AdminResponse } from '../../../error-answer.js';

/** Only the list's `filters.*` parameters: the list query may be an object or a query string. */
export function listFilterParams(raw: unknown): Record<string, string> {
  const entries: [string, unknown][] = typeof raw === 'string'
    ? [...new URLSearchParams(raw.replace(/^\?/, '')).entries()]
    : raw && typeof raw === 'object' ? Object.entries(raw as Record<string, unknown>) : [];
  const query: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (key.startsWith('filters.')) query[key] = Array.isArray(value) ? String(value[0]) : String(value ?? '');
  }
  return query;
}

export interface FilterSummaryItem {
  /** Dialog property the filter is on (translated in the browser). */
  property: string;
  /** status / channel values are codes; dates are ISO; ids are replaced by names. */
  value: string;
  bound?: 'from' | 'to';
}

/** The active filters in words: names instead of ids, so the user sees what will be exported. */
async function describeFilter(prisma: PrismaClient, filter: DialogFilter): Promise<FilterSummaryItem[]> {
  const items: FilterSummaryItem[] = [];
  if (filter.status) items.push({ property: 'status', value: filter.status });
  if (filter.chatId) {
    const chat = await prisma.chat.findUnique({ where: { id: filter.chatId }, select: { name: true } });
    items.push({ property: 'chat', value: chat?.name ?? `#${filter.chatId}` });
  }
  if (filter.channel) items.push({ property: 'channel', value: filter.channel });
  if (filter.operatorId) {
    const user = await prisma.operator.findUnique({ where: { id: filter.operatorId }, select: { name: true, email: true } });
    items.push({ property: 'operator', value: user?.name || user?.email || `#${filter.operatorId}` });
  }
  if (filter.markerId) {
    const marker = await prisma.marker.findUnique({ where: { id: filter.markerId }, select: { name: true } });
    items.push({ property: 'markers', value: marker?.name ?? `#${filter.markerId}` });
  }
  if (filter.clientId) {
    const client = await prisma.client.findUnique({ where: { id: filter.clientId }, select: { externalId: true } });
    items.push({ property: 'client', value: client?.externalId ?? `#${filter.clientId}` });
  }
  if (filter.createdFrom) items.push({ property: 'createdAt', bound: 'from', value: filter.createdFrom.toISOString() });
  if (filter.createdTo) items.push({ property: 'createdAt', bound: 'to', value: filter.createdTo.toISOString() });
  if (filter.text) items.push({ property: 'text', value: filter.text });
  return items;
}


async function describeForm(ctx: ChatsAdminContext, request: ActionRequest, context: ActionContext) {
  const { filter, errors } = parseDialogFilter(listFilterParams(request.query));
  return {
    types: exportableTypes(ctx, ctx.users.current(context.currentAdmin)).map((type) => ({ value: type, label: getReport(type).title })),
    filters: await describeFilter(ctx.prisma, filter),
    filterErrors: Object.values(errors),
  };
}

export function exportAction(ctx: ChatsAdminContext): Partial<Action<ActionResponse>> {
  return {
    actionType: 'resource',
    icon: 'Download',
    component: ctx.components.ExportReport,
    // a drawer over the list: the list stays visible and AdminJS copies its filters into the URL
    showInDrawer: true,
    isAccessible: (context) => exportableTypes(ctx, ctx.users.current(context.currentAdmin)).length > 0,
    handler: async (request, response, context) => {
      if (request.method === 'get') return describeForm(ctx, request, context);
      const payload = (request.payload ?? {}) as Record<string, unknown>;
      const base = baseUrlFor(ctx, request);
      try {
        const user = await ctx.users.actor(context.currentAdmin, { create: true });
        if (!user) throw new ReportRequestError('reportNotAllowed', 'Log in first');
        const job = await ctx.reports.service.request(user, {
          type: payload.type,
          withTime: payload.withTime,
          timeZone: payload.timeZone,
          listQuery: listFilterParams(payload.query),
          dialogUrlBase: dialogRecordsUrl(base, ctx.rootPath),
        });
        return {
          job: jobView(ctx, job),
          notice: { message: 'reportQueued', type: 'success', options: { fileName: job.fileName } },
        };
      } catch (error) {
        return chatsErrorAnswer(response as AdminResponse, error);
      }
    },
  };
}
