// Starts a dialogue of a client with a chat; the client (one per chat, channel and external id)
// is created on first contact.
import type { PrismaClient } from '@prisma/client';
import type { ChannelName } from '../domain/money.js';

export interface OpenDialogInput {
  chatId: number;
  channel: ChannelName;
  /** Widget cookie id (web) or page-scoped id (facebook). */
  externalId: string;
  /** Chat date; defaults to now. */
  at?: Date;
}

export interface ClientKey { chatId: number; channel: ChannelName; externalId: string }

/** The client's active dialogue with the chat on that channel (the newest, should there be two). */
export async function findActiveDialog(prisma: PrismaClient, client: ClientKey): Promise<string | null> {
  const dialog = await prisma.dialog.findFirst({
    where: { chatId: client.chatId, channel: client.channel, status: 'active', client: { externalId: client.externalId } },
    orderBy: { createdAt: 'desc' },
    select: { id: true },
  });
  return dialog?.id ?? null;
}

export async function openDialog(prisma: PrismaClient, input: OpenDialogInput): Promise<{ id: string; clientId: number }> {
  const clientId = await ensureClient(prisma, input);
  const dialog = await prisma.dialog.create({
    data: { chatId: input.chatId, clientId, channel: input.channel, createdAt: input.at ?? new Date() },
    select: { id: true },
  });
  return { id: dialog.id, clientId };
}

async function ensureClient(prisma: PrismaClient, input: OpenDialogInput): Promise<number> {
  const key = { chatId: input.chatId, channel: input.channel, externalId: input.externalId };
  const existing = await prisma.client.findUnique({ where: { chatId_channel_externalId: key }, select: { id: true } });
  if (existing) return existing.id;
  // INSERT … ON CONFLICT DO NOTHING: two first messages of a new client at once both succeed
  // (the error of a plain insert has a different shape inside and outside transactions).
  await prisma.client.createMany({ data: [key], skipDuplicates: true });
  return (await prisma.client.findUniqueOrThrow({ where: { chatId_channel_externalId: key }, select: { id: true } })).id;
}
