// `after` hooks that add display data to dialogue records: the cost with the chat's currency, the
// "No operator response" flag, and on Show the markers, pages visited and the absolute link.
// Each hook makes one batched query for the whole page, never one per row.
import { flat, type ActionContext, type ActionRequest, type RecordJSON } from 'adminjs';
import type { PrismaClient } from '@prisma/client';
import { moneyLabelOf } from '../../../hooks/money-labels.js';
import { hasNoOperatorResponse } from '../../../../domain/dialog-status.js';
import { dialogLink, dialogRecordsUrl } from '../../../../domain/dialog-link.js';
import type { ChatsAdminContext } from '../../../../context.js';

type Params = Record<string, unknown>;
interface ListResponse { records?: RecordJSON[] }
interface ShowResponse { record?: RecordJSON }

const asDate = (value: unknown): Date | null => (value === null || value === undefined || value === '' ? null : new Date(String(value)));

function addFacts(params: Params, currency: string | undefined): void {
  params.currency = currency ?? null;
  // a sum of message costs: rounded to cents ("1.25 USD")
  params.costLabel = moneyLabelOf(params.cost, currency, 'cents');
  params.noOperatorResponse = hasNoOperatorResponse({ transferredAt: asDate(params.transferredAt), firstOperatorReplyAt: asDate(params.firstOperatorReplyAt) });
}

async function currencies(prisma: PrismaClient, chatIds: number[]): Promise<Map<number, string>> {
  if (chatIds.length === 0) return new Map();
  const chats = await prisma.chat.findMany({ where: { id: { in: chatIds } }, select: { id: true, currency: true } });
  return new Map(chats.map((chat) => [chat.id, chat.currency]));
}

export const enrichList = (ctx: ChatsAdminContext) => async <T extends ListResponse>(response: T): Promise<T> => {
  const records = response.records ?? [];
  const chatIds = [...new Set(records.map((record) => Number(record.params.chat)).filter(Number.isInteger))];
  const byChat = await currencies(ctx.prisma, chatIds);
  for (const record of records) addFacts(record.params, byChat.get(Number(record.params.chat)));
  return response;
};

// A dialogue rarely has many page visits; the cap keeps a runaway widget from bloating the page.
const MAX_PAGE_VISITS = 500;

export const enrichShow = (ctx: ChatsAdminContext) => async <T extends ShowResponse>(response: T, _request: ActionRequest, _context: ActionContext): Promise<T> => {
  const record = response.record;
  if (!record?.id || !record.params?.chat) return response;
  const dialog = await ctx.prisma.dialog.findUnique({
    where: { id: String(record.id) },
    select: {
      chat: { select: { currency: true } },
      markers: { select: { marker: { select: { name: true } } }, orderBy: { setAt: 'asc' } },
      pageVisits: { select: { url: true, title: true, visitedAt: true }, orderBy: { visitedAt: 'asc' }, take: MAX_PAGE_VISITS },
    },
  });
  if (!dialog) return response;
  addFacts(record.params, dialog.chat.currency);
  // Record params are flat in AdminJS: arrays become "markerNames.0", "pageVisits.0.url", ...
  Object.assign(record.params, flat.flatten({
    // absolute when the public URL is configured; otherwise a path the browser resolves
    link: dialogLink(dialogRecordsUrl(ctx.publicUrl, ctx.rootPath), String(record.id)),
    markerNames: dialog.markers.map((entry) => entry.marker.name),
    pageVisits: dialog.pageVisits.map((visit) => ({ url: visit.url, title: visit.title ?? '', visitedAt: visit.visitedAt.toISOString() })),
  }));
  return response;
};
