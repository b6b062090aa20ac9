// The message store: every message of every channel goes through here. It fixes the message's cost
// at the chat's current price for the channel and keeps the dialogue's facts (cost, message count,
// last message, first operator reply) true, in one transaction with the dialogue row locked.
import type { PrismaClient } from '@prisma/client';
import { messageCost, priceFor, type AuthorType } from '../domain/money.js';
import { applyMessage, type DialogRunningFacts } from '../domain/dialog-facts.js';
import { withLockedDialog, type LockedDialog, type Tx } from './locked-dialog.js';

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
}

const AUTHOR_TYPES: readonly AuthorType[] = ['client', 'bot', 'operator', 'system'];

/** Stores one message and updates its dialogue's facts. */
export async function storeMessage(prisma: PrismaClient, dialogId: string, message: NewMessage): Promise<StoredMessage> {
  const [stored] = await storeMessages(prisma, dialogId, [message]);
  return stored;
}

/** Stores several messages of one dialogue in order, in one transaction (imports, fixtures). */
export async function storeMessages(prisma: PrismaClient, dialogId: string, messages: NewMessage[]): Promise<StoredMessage[]> {
  messages.forEach(validate);
  if (messages.length === 0) return [];
  return withLockedDialog(prisma, dialogId, async (tx, dialog) => {
    const price = priceFor(dialog, dialog.channel);
    const rows = messages.map((message) => ({
      dialogId,
      authorType: message.authorType,
      authorName: message.authorName ?? null,
      operatorId: message.operatorId ?? null,
      text: message.text,
      sentAt: message.sentAt ?? new Date(),
      ...messageCost(message.authorType, price),
      externalId: message.externalId ?? null,
      deliveryStatus: message.deliveryStatus ?? null,
    })).map((row) => ({ ...row, nextDeliveryAt: row.deliveryStatus === 'pending' ? row.sentAt : null }));
    // One INSERT for the batch; the sequence numbers the rows in the order given.
    const ids = (await tx.message.createManyAndReturn({ data: rows, select: { id: true } })).map((row) => row.id).sort((a, b) => a - b);
    let facts: DialogRunningFacts = dialog;
    let operatorId = dialog.operatorId;
    for (const row of rows) {
      facts = applyMessage(facts, row);
      // The first operator who writes in a dialogue becomes its operator, unless one is assigned.
      if (operatorId === null && row.authorType === 'operator' && row.operatorId) operatorId = row.operatorId;
    }
    const stored = rows.map((row, index) => ({
      id: ids[index], dialogId, authorType: row.authorType, sentAt: row.sentAt, isPaid: row.isPaid, cost: row.cost,
    }));
    await saveFacts(tx, dialog, facts, operatorId);
    return stored;
  });
}

async function saveFacts(tx: Tx, dialog: LockedDialog, facts: DialogRunningFacts, operatorId: number | null): Promise<void> {
  await tx.dialog.update({
    where: { id: dialog.id },
    data: {
      firstOperatorReplyAt: facts.firstOperatorReplyAt,
      lastMessageAt: facts.lastMessageAt,
      messageCount: facts.messageCount,
      cost: facts.cost,
      operatorId,
    },
  });
}

function validate(message: NewMessage): void {
  if (!AUTHOR_TYPES.includes(message.authorType)) throw new Error(`unknown author type "${String(message.authorType)}"`);
  if (typeof message.text !== 'string') throw new Error('a message needs a text');
  if (message.sentAt && Number.isNaN(message.sentAt.getTime())) throw new Error('invalid sentAt');
}
