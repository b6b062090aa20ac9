// Deleting a chat takes its whole history with it: clients, dialogues and their messages, markers
// and page visits. The counts are shown in the confirmation first; the removal is one transaction
// and does not rely on the host schema's ON DELETE CASCADE (hosts copy the models into their own).
import type { PrismaClient } from '@prisma/client';
import type { AuditEntryInput } from '../domain/audit-actions.js';
import { insertAuditEntries } from '../audit/audited-transaction.js';

export interface ChatDeletionSummary { dialogs: number; messages: number }

// a chat with years of history can take a while; Prisma's default (5 s) would abort it
const DELETE_TIMEOUT_MS = 5 * 60 * 1000;

type Db = Pick<PrismaClient, 'dialog' | 'message'>;

export async function chatDeletionSummary(prisma: Db, chatId: number): Promise<ChatDeletionSummary> {
  const [dialogs, messages] = await Promise.all([
    prisma.dialog.count({ where: { chatId } }),
    prisma.message.count({ where: { dialog: { chatId } } }),
  ]);
  return { dialogs, messages };
}

/** The audit entry of a removal, written in its transaction (the chat's name and the counts). */
export type DeletionEntry = (chat: { id: number; name: string }, removed: ChatDeletionSummary) => AuditEntryInput;

/** Removes the chat and everything that belongs to it; returns what was removed, or null when
 * the chat no longer exists. With `entry`, the removal is recorded in the same transaction. */
export async function deleteChat(prisma: PrismaClient, chatId: number, entry?: DeletionEntry): Promise<ChatDeletionSummary | null> {
  return prisma.$transaction(async (tx) => {
    const chat = await tx.chat.findUnique({ where: { id: chatId }, select: { id: true, name: true } });
    if (!chat) return null;
    const inChat = { dialog: { chatId } };
    const messages = await tx.message.deleteMany({ where: inChat });
    await tx.pageVisit.deleteMany({ where: inChat });
    await tx.dialogMarker.deleteMany({ where: inChat });
    const dialogs = await tx.dialog.deleteMany({ where: { chatId } });
    await tx.client.deleteMany({ where: { chatId } });
    await tx.chat.delete({ where: { id: chatId } });
    const removed = { dialogs: dialogs.count, messages: messages.count };
    if (entry) await insertAuditEntries(tx, [entry(chat, removed)]);
    return removed;
  }, { timeout: DELETE_TIMEOUT_MS });
}
