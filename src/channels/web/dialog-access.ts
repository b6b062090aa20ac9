// Reads of a dialogue on behalf of a widget client: ownership (the dialogue must be this chat's,
// on the web channel, and belong to this client id), its state, and its messages by id.
import type { PrismaClient } from '@prisma/client';
import type { SqlRunner } from '../../db/sql-runner.js';
import type { PublicMessage } from './api-router.js';
import { isWaitingForOperator } from '../../domain/dialog-status.js';

export interface OwnedDialog { id: string; status: 'active' | 'closed' }

/** The dialogue when `clientId` owns it in this chat, else null (whatever the reason). */
export async function findOwnedDialog(prisma: PrismaClient, chatId: number, dialogId: string, clientId: string): Promise<OwnedDialog | null> {
  const dialog = await prisma.dialog.findUnique({
    where: { id: dialogId },
    select: { id: true, chatId: true, channel: true, status: true, client: { select: { externalId: true } } },
  });
  if (!dialog || dialog.chatId !== chatId || dialog.channel !== 'web' || dialog.client.externalId !== clientId) return null;
  return { id: dialog.id, status: dialog.status };
}

const MAX_OWNERS = 100_000;

/**
 * Who owns which dialogue, remembered (bounded, least recently used dropped): a dialogue's chat,
 * channel and client never change, so a widget sending many messages is checked with one query.
 * A deleted dialogue still passes here; the conversation service then answers 404 itself. An
 * erased client's dialogues (closed, their owner's identifier replaced) may pass too: the
 * service refuses to store into a closed dialogue, and the event stream checks afresh.
 */
export class DialogOwners {
  private readonly owners = new Map<string, string>();

  constructor(private readonly prisma: PrismaClient) {}

  async owns(chatId: number, dialogId: string, clientId: string): Promise<boolean> {
    const key = `${chatId}:${clientId}`;
    const known = this.owners.get(dialogId);
    if (known !== undefined) {
      this.owners.delete(dialogId);
      this.owners.set(dialogId, known);
      return known === key;
    }
    const dialog = await findOwnedDialog(this.prisma, chatId, dialogId, clientId);
    if (!dialog) return false;
    if (this.owners.size >= MAX_OWNERS) this.owners.delete(this.owners.keys().next().value as string);
    this.owners.set(dialogId, key);
    return true;
  }
}

export interface DialogState { status: 'active' | 'closed'; waitingForOperator: boolean }

export async function dialogState(prisma: PrismaClient, dialogId: string): Promise<DialogState> {
  const dialog = await prisma.dialog.findUniqueOrThrow({
    where: { id: dialogId },
    select: { status: true, transferredAt: true, firstOperatorReplyAt: true },
  });
  return {
    status: dialog.status,
    // the widget then says an operator will answer
    waitingForOperator: isWaitingForOperator(dialog),
  };
}

const SELECT = { id: true, authorType: true, authorName: true, text: true, sentAt: true, externalId: true, operator: { select: { name: true } } } as const;

type Row = { id: number; authorType: string; authorName: string | null; text: string; sentAt: Date; externalId: string | null; operator: { name: string | null } | null };

function toPublic(row: Row, clientId: string): PublicMessage {
  // the client's own id of its message, so that the widget can match its optimistic copy
  const prefix = `web:${clientId}:`;
  const clientMessageId = row.externalId?.startsWith(prefix) ? row.externalId.slice(prefix.length) : null;
  return {
    id: row.id,
    authorType: row.authorType,
    authorName: row.authorName ?? (row.authorType === 'operator' ? row.operator?.name ?? null : null),
    text: row.text,
    sentAt: row.sentAt.toISOString(),
    ...(clientMessageId ? { clientMessageId } : {}),
  };
}

export const RECENT_MESSAGES = 100;

/** The last messages of the dialogue, oldest first (a long dialogue shows its tail). */
export async function recentMessages(prisma: PrismaClient, dialogId: string, clientId: string): Promise<PublicMessage[]> {
  const rows = await prisma.message.findMany({ where: { dialogId }, orderBy: { id: 'desc' }, take: RECENT_MESSAGES, select: SELECT });
  return rows.reverse().map((row) => toPublic(row, clientId));
}

/**
 * Messages with an id above `after`, in id order, a page at a time. Message ids of one dialogue
 * grow in commit order (each insert happens under the dialogue's row lock), so "everything after
 * the last id I saw" is exactly what a reconnecting widget missed.
 */
// Plain SQL (a named statement) rather than Prisma: with several instances every message stored
// elsewhere is read here once per watching stream, and Prisma costs several times the CPU per query.
const MESSAGES_AFTER = `
  SELECT m.id, m.author_type::text AS "authorType", m.author_name AS "authorName", m.text, m.sent_at AS "sentAt",
         m.external_id AS "externalId", o.name AS "operatorName"
  FROM messages m LEFT JOIN chat_operators o ON o.id = m.operator_id
  WHERE m.dialog_id = $1::uuid AND m.id > $2 ORDER BY m.id LIMIT $3`;

export async function messagesAfter(sql: SqlRunner, dialogId: string, clientId: string, after: number, limit: number): Promise<PublicMessage[]> {
  const rows = await sql.query<Omit<Row, 'operator'> & { operatorName: string | null }>(MESSAGES_AFTER, [dialogId, after, limit], 'chats_widget_messages_after');
  return rows.map(({ operatorName, ...row }) => toPublic({ ...row, id: Number(row.id), sentAt: new Date(row.sentAt), operator: { name: operatorName } }, clientId));
}
