// A chat's parsed bot rules and fallback answer, cached per chat: the message store statement
// returns the chat's updated_at, so a saved change (Prisma bumps it) is seen by the next message,
// without polling and without reading the rules for every message.
import type { PrismaClient } from '@prisma/client';
import { parseBotRules, type BotRule } from '../domain/bot-rules.js';
import { SharedLoads } from '../shared-loads.js';

export interface BotSettings { updatedAt: number; rules: BotRule[]; fallbackAnswer: string | null }

const CACHE_MAX = 1000;

export class BotSettingsCache {
  private readonly byChat = new Map<number, BotSettings>();
  /** The first messages of many dialogues at once share one read (by chat and version). */
  private readonly reads = new SharedLoads<string, BotSettings>();

  constructor(private readonly prisma: PrismaClient) {}

  /** The settings of the chat as of `updatedAt` (its current version). */
  async get(chatId: number, updatedAt: Date): Promise<BotSettings> {
    const cached = this.byChat.get(chatId);
    if (cached && cached.updatedAt === updatedAt.getTime()) return cached;
    return this.reads.load(`${chatId}:${updatedAt.getTime()}`, () => this.read(chatId));
  }

  private async read(chatId: number): Promise<BotSettings> {
    const chat = await this.prisma.chat.findUniqueOrThrow({ where: { id: chatId }, select: { botRules: true, fallbackAnswer: true, updatedAt: true } });
    // saved rules were validated; anything broken in the column is skipped, not fatal
    const settings = { updatedAt: chat.updatedAt.getTime(), rules: parseBotRules(chat.botRules).rules, fallbackAnswer: chat.fallbackAnswer };
    if (this.byChat.size >= CACHE_MAX) this.byChat.clear();
    this.byChat.set(chatId, settings);
    return settings;
  }
}
