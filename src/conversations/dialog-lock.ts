// Reads a dialogue row under `SELECT ... FOR UPDATE` inside an interactive transaction, so that
// concurrent writers of the same dialogue (messages, transfer) apply their changes one at a time.
import { Prisma, type PrismaClient } from '@prisma/client';
import type { ChannelName } from '../domain/money.js';
import type { DialogRunningFacts } from '../domain/dialog-facts.js';
import { isUuid } from '../domain/uuid.js';
import { DialogNotFoundError } from './conversation-error.js';

export { DialogNotFoundError } from './conversation-error.js';

export type Tx = Prisma.TransactionClient;

export interface LockedDialog extends DialogRunningFacts {
  id: string;
  channel: ChannelName;
  status: 'active' | 'closed';
  operatorId: number | null;
  priceWeb: string;
  priceFacebook: string;
}


// Generous limits: on PGlite (one connection) and under load a transaction may queue behind others.
const TX_OPTIONS = { maxWait: 15_000, timeout: 15_000 };

/** Runs `work` in a transaction holding the lock on the dialogue row. Keep `work` short. */
export async function withLockedDialog<T>(
  prisma: PrismaClient,
  dialogId: string,
  work: (tx: Tx, dialog: LockedDialog) => Promise<T>,
): Promise<T> {
  if (!isUuid(dialogId)) throw new DialogNotFoundError(dialogId);
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Record<string, unknown>[]>`
      SELECT d.id::text AS id, d.channel::text AS channel, d.status::text AS status, d.operator_id AS "operatorId",
             d.transferred_at AS "transferredAt", d.first_operator_reply_at AS "firstOperatorReplyAt",
             d.last_message_at AS "lastMessageAt", d.message_count AS "messageCount", d.cost::text AS cost,
             c.price_web::text AS "priceWeb", c.price_facebook::text AS "priceFacebook"
      FROM dialogs d JOIN chats c ON c.id = d.chat_id
      WHERE d.id = ${dialogId}::uuid
      FOR UPDATE OF d`;
    const row = rows[0];
    if (!row) throw new DialogNotFoundError(dialogId);
    return work(tx, {
      id: String(row.id),
      channel: row.channel as ChannelName,
      status: row.status as 'active' | 'closed',
      operatorId: row.operatorId === null ? null : Number(row.operatorId),
      transferredAt: toDate(row.transferredAt),
      firstOperatorReplyAt: toDate(row.firstOperatorReplyAt),
      lastMessageAt: toDate(row.lastMessageAt),
      messageCount: Number(row.messageCount),
      cost: String(row.cost),
      priceWeb: String(row.priceWeb),
      priceFacebook: String(row.priceFacebook),
    });
  }, TX_OPTIONS);
}

function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(String(value));
}
