// A client's conversation with a chat, whatever the channel: resume or start the dialogue (bot
// greeting first), take client messages (idempotently), let the bot answer, hand over to
// operators, take operator replies, close. Every stored message is published on the LiveHub.
// The widget, the Facebook webhook and the admin's operator actions all go through here.
//
// API (ctx.conversations):
//   resume(client)                    the client's active dialogue, or a new one starting with the greeting
//   activeDialogOf(client)            the client's active dialogue, or null (starts nothing)
//   recordVisit(dialogId, visit)      a page the client visited; the dialogue must be active
//   receive(client, { text, externalId?, at? })   resume + clientMessage in one call (webhooks)
//   clientMessage({ dialogId, text, externalId?, at? })  stores the message, then the bot's answer,
//       markers and transfer; a repeated externalId stores nothing and returns { duplicate: true }
//   operatorReply({ dialogId, operatorId, operatorName?, text })  takes an unassigned dialogue first
//   take(dialogId, operatorId)        assigns the operator (the bot stops answering)
//   close(dialogId, reason)           false when it was closed already
//   statusOf(dialogId)                the current 'status' LiveEvent
// Errors: ConversationError (conversation-error.ts), a ChatsError: invalid (text_empty,
// text_too_long), not_found (dialog_not_found), conflict (dialog_closed).
//
// Outgoing delivery (Facebook Send API): bot and operator messages of `facebook` dialogues are
// stored with delivery_status 'pending' and next_delivery_at = sent time; `onOutgoing(listener)`
// is told of every bot/operator message (any channel, with `channel` and `chatId`) once stored, so
// a sender can push it at once and mark it 'sent'/'failed'; a retry loop can pick up the rest
// with WHERE delivery_status = 'pending' AND next_delivery_at <= now().
import type { PrismaClient } from '@prisma/client';
import type { ChannelName } from '../domain/money.js';
import type { SqlRunner } from '../db/sql-runner.js';
import { decideBotReply } from '../domain/bot-rules.js';
import { BotSettingsCache } from './bot-settings.js';
import { findActiveDialog, openDialog } from './open-dialog.js';
import { recordPageVisit, type PageVisitInput } from './page-visits.js';
import { storeIncoming, storeMessage, type NewMessage, type StoredMessage } from './message-store.js';
import { transferToOperator } from './transfer.js';
import { closeDialog } from './close-dialog.js';
import { setMarker } from './markers.js';
import type { CloseReason, LiveHub, LiveMessage, StatusEvent } from './live-hub.js';
import { silentLogger, type Logger } from '../logger.js';
import { isUuid } from '../domain/uuid.js';
import { ConversationError } from './conversation-error.js';
import { isWaitingForOperator } from '../domain/dialog-status.js';

export type { CloseReason } from './live-hub.js';
export { ConversationError, type ConversationErrorCode } from './conversation-error.js';

export interface ClientRef { chatId: number; channel: ChannelName; externalId: string }

export interface ClientMessageInput {
  dialogId: string;
  text: string;
  /** Idempotency key from the channel: "web:<client id>:<message id>" or "fb:<mid>". */
  externalId?: string;
  /** The client's own id for the message, echoed on the LiveMessage (not stored). */
  clientMessageId?: string;
  at?: Date;
}

export interface ClientMessageResult {
  /** True when this message had been stored before (a retried delivery): nothing new was stored. */
  duplicate: boolean;
  message: LiveMessage;
  /** The bot's answers (and the system note of a transfer) stored after it. */
  replies: LiveMessage[];
}

export interface OperatorReplyInput { dialogId: string; operatorId: number; operatorName?: string | null; text: string; at?: Date }

/** A bot or operator message just stored, for channel senders (see onOutgoing). */
export interface OutgoingMessage extends LiveMessage { channel: ChannelName; chatId: number }

export interface ConversationsOptions {
  /** Longest message text accepted (client and operator); 4000 by default. */
  maxTextLength?: number;
  /** Author name of bot messages. */
  botName?: string;
  /** Plain SQL on the same database: the message store statement runs through it (less CPU than Prisma). */
  sql?: SqlRunner;
  logger?: Logger;
}

export const TRANSFER_NOTE = 'Transferred to an operator';

interface DialogInfo {
  id: string; chatId: number; channel: ChannelName; status: 'active' | 'closed'; operatorId: number | null;
  transferredAt: Date | null; firstOperatorReplyAt: Date | null;
}
type NewLine = Omit<NewMessage, 'deliveryStatus'> & { authorName: string | null };

export class Conversations {
  private readonly outgoing = new Set<(message: OutgoingMessage) => void>();
  private readonly botSettings: BotSettingsCache;
  readonly maxTextLength: number;
  private readonly botName: string;
  private readonly sql: SqlRunner | undefined;
  private readonly logger: Logger;

  constructor(private readonly prisma: PrismaClient, private readonly hub: LiveHub, options: ConversationsOptions = {}) {
    this.maxTextLength = options.maxTextLength ?? 4000;
    this.botName = options.botName ?? 'Bot';
    this.sql = options.sql;
    this.logger = options.logger ?? silentLogger;
    this.botSettings = new BotSettingsCache(prisma);
  }

  /** Tells `listener` of every bot/operator message stored; returns the unsubscribe function. */
  onOutgoing(listener: (message: OutgoingMessage) => void): () => void {
    this.outgoing.add(listener);
    return () => this.outgoing.delete(listener);
  }

  /** The client's active dialogue with the chat on that channel, or a new one with the greeting. */
  async resume(client: ClientRef): Promise<{ dialogId: string; created: boolean }> {
    // A per-client lock: two tabs opening the widget at once must not start two dialogues.
    const opened = await this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext(${`chats-client:${client.chatId}:${client.channel}:${client.externalId}`}))`;
      const existing = await findActiveDialog(tx as unknown as PrismaClient, client);
      if (existing) return { dialogId: existing, created: false };
      const at = new Date();
      const dialog = await openDialog(tx as unknown as PrismaClient, { ...client, at });
      return { dialogId: dialog.id, created: true, at };
    });
    if (!opened.at) return opened;
    const chat = await this.prisma.chat.findUniqueOrThrow({ where: { id: client.chatId }, select: { greeting: true } });
    // dated at the dialogue's start, so it stays first even if a client message races it
    if (chat.greeting?.trim()) {
      await this.store(await this.dialog(opened.dialogId), { authorType: 'bot', authorName: this.botName, text: chat.greeting, sentAt: opened.at });
    }
    return { dialogId: opened.dialogId, created: true };
  }

  /** The client's active dialogue, or null: never starts one (a new dialogue stores the greeting, a paid message). */
  activeDialogOf(client: ClientRef): Promise<string | null> {
    return findActiveDialog(this.prisma, client);
  }

  /** Records a page the client visited, in an active dialogue only. */
  async recordVisit(dialogId: string, visit: PageVisitInput): Promise<void> {
    const info = await this.activeDialog(dialogId);
    await recordPageVisit(this.prisma, info.id, visit);
  }

  /** For webhooks: the message goes to the client's active dialogue, started if needed. */
  async receive(client: ClientRef, input: Omit<ClientMessageInput, 'dialogId'>): Promise<ClientMessageResult & { dialogId: string; created: boolean }> {
    const text = this.checkText(input.text);
    const duplicate = await this.findDuplicate(input.externalId, input.clientMessageId);
    if (duplicate) return { ...duplicate, dialogId: duplicate.message.dialogId, created: false };
    for (let attempt = 0; ; attempt += 1) {
      const { dialogId, created } = await this.resume(client);
      try {
        return { ...(await this.clientMessage({ ...input, text, dialogId })), dialogId, created };
      } catch (error) {
        // closed (by inactivity) between resume and store: once more starts a new dialogue
        if (!(error instanceof ConversationError && error.code === 'dialog_closed') || attempt > 0) throw error;
      }
    }
  }

  async clientMessage(input: ClientMessageInput): Promise<ClientMessageResult> {
    const text = this.checkText(input.text);
    // The hot path is one statement: it stores the message unless its externalId is known or the
    // dialogue is closed, and returns the dialogue it locked; lookups only on the rare outcomes.
    const result = await storeIncoming(this.prisma, input.dialogId, { authorType: 'client', text, sentAt: input.at, externalId: input.externalId ?? null }, this.sql);
    if (result.outcome !== 'stored') {
      // a retry (even into a closed dialogue, or concurrent with the first delivery) gets the stored message
      const duplicate = await this.findDuplicate(input.externalId, input.clientMessageId);
      if (duplicate) return duplicate;
      if (result.outcome === 'closed') throw new ConversationError('dialog_closed', 'This dialogue is closed');
      if (result.outcome === 'not_found') throw new ConversationError('dialog_not_found', `Dialogue ${input.dialogId} does not exist`);
      throw new Error(`message ${input.externalId} was stored and then deleted`);
    }
    const { dialog } = result;
    const info: DialogInfo = { id: result.message.dialogId, ...dialog };
    const message = this.published(info, result.message, { authorName: null, text }, input.clientMessageId);
    return { duplicate: false, message, replies: await this.botTurn(info, dialog.chatUpdatedAt, text, result.message.sentAt) };
  }

  async operatorReply(input: OperatorReplyInput): Promise<LiveMessage> {
    const text = this.checkText(input.text);
    let info = await this.activeDialog(input.dialogId);
    // replying is taking over: the bot stops and the first response is measured from here
    if (info.transferredAt === null || info.operatorId === null) info = await this.assign(info, info.operatorId ?? input.operatorId);
    const message = await this.store(info, { authorType: 'operator', authorName: input.operatorName ?? null, operatorId: input.operatorId, text, sentAt: input.at });
    if (info.firstOperatorReplyAt === null) this.hub.publish(info.id, await this.statusOf(info.id));
    return message;
  }

  /** Assigns the dialogue to the operator (also when another had it) and stops the bot. */
  async take(dialogId: string, operatorId: number): Promise<{ operatorId: number; transferredAt: Date }> {
    const info = await this.assign(await this.activeDialog(dialogId), operatorId);
    return { operatorId, transferredAt: info.transferredAt as Date };
  }

  /** Closes an active dialogue; false when it was closed already. */
  async close(dialogId: string, reason: CloseReason, at: Date = new Date()): Promise<boolean> {
    const info = await this.dialog(dialogId);
    const closed = await closeDialog(this.prisma, info.id, at);
    if (closed) this.hub.publish(info.id, { ...(await this.statusOf(info.id)), reason });
    return closed;
  }

  async statusOf(dialogId: string): Promise<StatusEvent> {
    const info = await this.dialog(dialogId);
    return {
      type: 'status', dialogId: info.id, status: info.status, operatorId: info.operatorId,
      waitingForOperator: isWaitingForOperator(info),
    };
  }

  /** Text of a message as stored: trimmed, not empty, not too long. */
  checkText(text: unknown): string {
    const trimmed = typeof text === 'string' ? text.trim() : '';
    if (!trimmed) throw new ConversationError('text_empty', 'The message text is empty');
    if (trimmed.length > this.maxTextLength) throw new ConversationError('text_too_long', `The message text can have at most ${this.maxTextLength} characters`);
    return trimmed;
  }

  // The bot's answer, markers and transfer after a client message.
  private async botTurn(info: DialogInfo, chatUpdatedAt: Date, text: string, after: Date): Promise<LiveMessage[]> {
    const bot = await this.botSettings.get(info.chatId, chatUpdatedAt);
    const decision = decideBotReply(bot.rules, bot.fallbackAnswer, text, { transferred: info.transferredAt !== null });
    // never before the client's message, whatever its channel timestamp said
    const at = new Date(Math.max(Date.now(), after.getTime()));
    const replies: LiveMessage[] = [];
    if (decision.answer) replies.push(await this.store(info, { authorType: 'bot', authorName: this.botName, text: decision.answer, sentAt: at }));
    for (const name of decision.markers) await setMarker(this.prisma, info.id, name, at);
    if (decision.transfer) {
      await transferToOperator(this.prisma, info.id, { at });
      replies.push(await this.store(info, { authorType: 'system', authorName: null, text: TRANSFER_NOTE, sentAt: at }));
      this.hub.publish(info.id, await this.statusOf(info.id));
    }
    return replies;
  }

  private async assign(info: DialogInfo, operatorId: number): Promise<DialogInfo> {
    const { transferredAt } = await transferToOperator(this.prisma, info.id, { operatorId });
    const next = { ...info, operatorId, transferredAt };
    this.hub.publish(info.id, await this.statusOf(info.id));
    return next;
  }

  private async findDuplicate(externalId: string | undefined, clientMessageId: string | undefined): Promise<ClientMessageResult | null> {
    if (!externalId) return null;
    const stored = await this.prisma.message.findUnique({
      where: { externalId }, select: { id: true, dialogId: true, authorType: true, authorName: true, text: true, sentAt: true },
    });
    if (!stored) return null;
    const message: LiveMessage = { ...stored, sentAt: stored.sentAt.toISOString(), ...(clientMessageId ? { clientMessageId } : {}) };
    return { duplicate: true, message, replies: [] };
  }

  private async dialog(dialogId: string): Promise<DialogInfo> {
    const row = isUuid(dialogId) ? await this.prisma.dialog.findUnique({
      where: { id: dialogId },
      select: { id: true, chatId: true, channel: true, status: true, operatorId: true, transferredAt: true, firstOperatorReplyAt: true },
    }) : null;
    if (!row) throw new ConversationError('dialog_not_found', `Dialogue ${dialogId} does not exist`);
    return row;
  }

  private async activeDialog(dialogId: string): Promise<DialogInfo> {
    const info = await this.dialog(dialogId);
    if (info.status === 'closed') throw new ConversationError('dialog_closed', 'This dialogue is closed');
    return info;
  }

  private async store(info: DialogInfo, line: NewLine, clientMessageId?: string): Promise<LiveMessage> {
    const sentToClient = line.authorType === 'bot' || line.authorType === 'operator';
    const stored = await storeMessage(this.prisma, info.id, { ...line, deliveryStatus: sentToClient && info.channel === 'facebook' ? 'pending' : null }, this.sql);
    return this.published(info, stored, line, clientMessageId);
  }

  /** Publishes a stored message on the hub and, when sent to the client, to the outgoing listeners. */
  private published(info: DialogInfo, stored: StoredMessage, line: { authorName: string | null; text: string }, clientMessageId?: string): LiveMessage {
    const live: LiveMessage = {
      id: stored.id, dialogId: info.id, authorType: stored.authorType, authorName: line.authorName, text: line.text, sentAt: stored.sentAt.toISOString(),
      ...(clientMessageId ? { clientMessageId } : {}),
    };
    this.hub.publish(info.id, { type: 'message', message: stored.previousId == null ? live : { ...live, previousId: stored.previousId } });
    if (stored.authorType === 'bot' || stored.authorType === 'operator') {
      for (const listener of this.outgoing) {
        try {
          listener({ ...live, channel: info.channel, chatId: info.chatId });
        } catch (error) {
          this.logger.error({ err: error, messageId: live.id }, 'outgoing message listener failed');
        }
      }
    }
    return live;
  }
}
