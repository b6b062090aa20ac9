// A client's conversation with a chat, whatever the channel: resume or start the dialogue (bot
// greeting first), take client messages (idempotently), let the bot answer, hand over to
// operators, take operator replies, close. Every stored message is published on the LiveHub.
// The widget, the Facebook webhook and the admin's operator actions all go through here.
import type { PrismaClient } from '@prisma/client';
import type { ChannelName } from '../domain/money.js';
import { openDialog } from '../dialogs/open-dialog.js';
import { storeMessage } from '../dialogs/store-message.js';
import type { LiveHub, LiveMessage } from './live-hub.js';

export interface ClientRef { chatId: number; channel: ChannelName; externalId: string }

export interface ClientMessageInput {
  dialogId: string;
  text: string;
  /** Idempotency key from the channel: the widget's message id or Facebook's mid. */
  externalId?: string;
  at?: Date;
}

export interface ClientMessageResult {
  /** True when this message had been stored before (a retried delivery): nothing new was stored. */
  duplicate: boolean;
  message: LiveMessage;
  /** The bot's answers (and the system note of a transfer) stored after it. */
  replies: LiveMessage[];
}

export class Conversations {
  constructor(private readonly prisma: PrismaClient, private readonly hub: LiveHub) {}

  /** The client's active dialogue with the chat on that channel, or a new one with the greeting. */
  async resume(client: ClientRef): Promise<{ dialogId: string; created: boolean }> {
    const existing = await this.prisma.dialog.findFirst({
      where: { chatId: client.chatId, channel: client.channel, status: 'active', client: { externalId: client.externalId } },
      orderBy: { createdAt: 'desc' },
      select: { id: true },
    });
    if (existing) return { dialogId: existing.id, created: false };
    const dialog = await openDialog(this.prisma, client);
    const chat = await this.prisma.chat.findUniqueOrThrow({ where: { id: client.chatId }, select: { greeting: true } });
    if (chat.greeting) await this.store(dialog.id, { authorType: 'bot', authorName: 'Bot', text: chat.greeting });
    return { dialogId: dialog.id, created: true };
  }

  async clientMessage(input: ClientMessageInput): Promise<ClientMessageResult> {
    const message = await this.store(input.dialogId, { authorType: 'client', authorName: null, text: input.text, sentAt: input.at });
    return { duplicate: false, message, replies: [] };
  }

  private async store(dialogId: string, message: { authorType: LiveMessage['authorType']; authorName: string | null; text: string; sentAt?: Date; operatorId?: number }): Promise<LiveMessage> {
    const stored = await storeMessage(this.prisma, dialogId, message);
    const live: LiveMessage = {
      id: stored.id, dialogId, authorType: stored.authorType, authorName: message.authorName, text: message.text, sentAt: stored.sentAt.toISOString(),
    };
    this.hub.publish(dialogId, { type: 'message', message: live });
    return live;
  }
}
