// The message store: every message of every channel goes through here. It fixes the message's cost
// at the chat's current price for the channel and keeps the dialogue's facts (cost, message count,
// last message, first operator reply) true, in one SQL statement with the dialogue row locked
// (store-sql.ts, which also states the rules; src/domain keeps them in TypeScript).
import { Prisma, type PrismaClient } from '@prisma/client';
import type { AuthorType } from '../domain/money.js';
import { DialogNotFoundError } from './conversation-error.js';
import type { SqlRunner } from '../db/sql-runner.js';
import { runStoreStatement, type SqlDialog, type SqlMessage } from './message-store-sql.js';
import { isUuid } from '../domain/uuid.js';
import { incomingBatch, INCOMING } from './incoming-batch.js';

export interface NewMessage {
  authorType: AuthorType;
  authorName?: string | null;
  /** The operator who wrote it (operator messages). */
  operatorId?: number | null;
  text: string;
  /** Defaults to now. */
  sentAt?: Date;
  /** Idempotency key of an incoming message (unique): a second store of it fails with P2002. */
  externalId?: string | null;
  /** 'pending' for a message a channel API still has to deliver (Facebook): a sender picks it up. */
  deliveryStatus?: 'pending' | null;
}

export interface StoredMessage {
  id: number;
  dialogId: string;
  authorType: AuthorType;
  sentAt: Date;
  isPaid: boolean;
  cost: string;
  /** The dialogue's newest message id before this one (null: none or not known). */
  previousId?: number | null;
}

const AUTHOR_TYPES: readonly AuthorType[] = ['client', 'bot', 'operator', 'system'];

/** Stores one message and updates its dialogue's facts. */
export async function storeMessage(prisma: PrismaClient, dialogId: string, message: NewMessage, sql?: SqlRunner): Promise<StoredMessage> {
  const [stored] = await storeMessages(prisma, dialogId, [message], sql);
  return stored;
}

/** Stores several messages of one dialogue in order, atomically (imports, fixtures). `sql`: a faster path to the same database. */
export async function storeMessages(prisma: PrismaClient, dialogId: string, messages: NewMessage[], sql?: SqlRunner): Promise<StoredMessage[]> {
  messages.forEach(validate);
  if (messages.length === 0) return [];
  if (!isUuid(dialogId)) throw new DialogNotFoundError(dialogId);
  let result;
  try {
    [result] = await runStoreStatement(prisma, sql, [{ dialogId, messages: messages.map(toSql) }], { skipDuplicates: false, activeOnly: false });
  } catch (error) {
    throw asUniqueViolation(error) ?? error;
  }
  if (!result.dialog) throw new DialogNotFoundError(dialogId);
  return result.stored.map((row) => ({ ...row, dialogId }));
}

export type IncomingStoreResult =
  | { outcome: 'stored'; message: StoredMessage; dialog: SqlDialog }
  /** The externalId is stored already (a retried delivery, maybe concurrent): nothing stored. */
  | { outcome: 'duplicate'; dialog: SqlDialog }
  | { outcome: 'closed'; dialog: SqlDialog }
  | { outcome: 'not_found' };

/**
 * The hot path of incoming messages: one statement that stores the message unless its
 * externalId is known or the dialogue is closed, and reports the dialogue as it found it.
 */
export async function storeIncoming(prisma: PrismaClient, dialogId: string, message: NewMessage, sql?: SqlRunner): Promise<IncomingStoreResult> {
  validate(message);
  if (!isUuid(dialogId)) return { outcome: 'not_found' };
  const request = { dialogId, messages: [toSql(message)] };
  // on the SqlRunner, the incoming messages of one moment share a statement
  const { dialog, stored } = sql ? await incomingBatch(prisma, sql).store(request) : (await runStoreStatement(prisma, sql, [request], INCOMING))[0];
  if (!dialog) return { outcome: 'not_found' };
  if (dialog.status === 'closed') return { outcome: 'closed', dialog };
  if (stored.length === 0) return { outcome: 'duplicate', dialog };
  return { outcome: 'stored', message: { ...stored[0], dialogId }, dialog };
}


function toSql(message: NewMessage): SqlMessage {
  return {
    authorType: message.authorType,
    authorName: message.authorName ?? null,
    operatorId: message.operatorId ?? null,
    text: message.text,
    sentAt: message.sentAt ?? new Date(),
    externalId: message.externalId ?? null,
    deliveryStatus: message.deliveryStatus ?? null,
  };
}

// A raw statement's unique violation arrives as P2010 with the driver adapter's error in `meta`
// (or as the driver's own error through the SqlRunner); callers of storeMessages were promised
// Prisma's P2002 for a repeated externalId.
function asUniqueViolation(error: unknown): Error | null {
  const e = error as { code?: string; meta?: { driverAdapterError?: { cause?: { code?: string; originalCode?: string } } } } | null;
  const cause = e?.meta?.driverAdapterError?.cause;
  const pgCode = e?.code === 'P2010' ? cause?.code ?? cause?.originalCode : e?.code;
  if (pgCode !== '23505') return null;
  return new Prisma.PrismaClientKnownRequestError('Unique constraint failed on the fields: (`external_id`)', {
    code: 'P2002', clientVersion: Prisma.prismaVersion.client, meta: { target: ['external_id'] },
  });
}

function validate(message: NewMessage): void {
  if (!AUTHOR_TYPES.includes(message.authorType)) throw new Error(`unknown author type "${String(message.authorType)}"`);
  if (typeof message.text !== 'string') throw new Error('a message needs a text');
  if (message.sentAt && Number.isNaN(message.sentAt.getTime())) throw new Error('invalid sentAt');
}
