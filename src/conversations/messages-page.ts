// A dialogue's messages in time order, a page at a time, with keyset paging on (sentAt, id):
// a page deep into a 10,000-message dialogue costs the same as the first one.
import type { PrismaClient } from '@prisma/client';
import { ChatsError } from '../domain/errors.js';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;

export interface MessageLine {
  id: number;
  authorType: string;
  /** The stored author name, else the operator's name or email for operator messages. */
  authorName: string | null;
  text: string;
  sentAt: string;
  isPaid: boolean;
  cost: string;
  /** Facebook Send API state of a bot/operator message ('pending', 'sent', 'failed'); null for web. */
  deliveryStatus: string | null;
  deliveryError: string | null;
}

export interface MessagesPage {
  messages: MessageLine[];
  /** Pass as `after` to get the next page; null on the last page. */
  nextCursor: string | null;
}

interface Cursor { sentAt: Date; id: number }

/** A paging cursor that this module did not make. */
export class BadCursorError extends ChatsError {
  constructor(cursor: string) {
    super('invalid', 'invalidCursor', 'Invalid paging cursor', { field: 'after', details: { cursor: cursor.slice(0, 100) } });
    this.name = 'BadCursorError';
  }
}

export function encodeCursor(cursor: Cursor): string {
  return `${cursor.sentAt.toISOString()}_${cursor.id}`;
}

export function decodeCursor(text: string): Cursor {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)_(\d{1,10})$/.exec(text);
  const sentAt = match ? new Date(match[1]) : null;
  if (!match || !sentAt || Number.isNaN(sentAt.getTime())) throw new BadCursorError(text);
  return { sentAt, id: Number(match[2]) };
}

export function pageSize(value: unknown): number {
  const size = Number(value);
  if (value === undefined || value === '' || !Number.isInteger(size) || size < 1) return DEFAULT_PAGE_SIZE;
  return Math.min(size, MAX_PAGE_SIZE);
}

export async function loadMessagesPage(prisma: PrismaClient, dialogId: string, options: { after?: string; limit?: number | string } = {}): Promise<MessagesPage> {
  const limit = pageSize(options.limit);
  const after = options.after ? decodeCursor(options.after) : null;
  const rows = await prisma.message.findMany({
    where: {
      dialogId,
      ...(after ? { OR: [{ sentAt: { gt: after.sentAt } }, { sentAt: after.sentAt, id: { gt: after.id } }] } : {}),
    },
    orderBy: [{ sentAt: 'asc' }, { id: 'asc' }],
    take: limit + 1,
    select: {
      id: true, authorType: true, authorName: true, text: true, sentAt: true, isPaid: true, cost: true, deliveryStatus: true, deliveryError: true,
      operator: { select: { name: true, email: true } },
    },
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    messages: page.map((row) => ({
      id: row.id,
      authorType: row.authorType,
      authorName: row.authorName ?? row.operator?.name ?? row.operator?.email ?? null,
      text: row.text,
      sentAt: row.sentAt.toISOString(),
      isPaid: row.isPaid,
      cost: row.cost.toString(),
      deliveryStatus: row.deliveryStatus,
      deliveryError: row.deliveryError,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}
