// Requests that miss a cache at the same moment share one database read: when the chat cache
// expires under load, or when many dialogues send their first message at once, the widget's hot
// path sends one query, not one per request (the ingest bench saw hundreds per expiry).
import type { PrismaClient } from '@prisma/client';
import { ChatDirectory } from '../../../src/channels/web/chat-directory.js';
import { BotSettingsCache } from '../../../src/conversations/bot-settings.js';

/** A Prisma stand-in whose chat reads are counted and answer after a tick. */
function countingPrisma(row: Record<string, unknown> | null) {
  const calls = { findUnique: 0, findUniqueOrThrow: 0 };
  const later = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 5));
  const prisma = {
    chat: {
      findUnique: () => { calls.findUnique += 1; return later(row); },
      findUniqueOrThrow: () => { calls.findUniqueOrThrow += 1; return later(row); },
    },
  } as unknown as PrismaClient;
  return { prisma, calls };
}

describe('shared lookups on the widget path', () => {
  it('looks a chat up once for requests that miss together, and again once it has expired', async () => {
    const { prisma, calls } = countingPrisma({ id: 7, publicKey: 'pk-1', name: 'Shop', greeting: null, allowedOrigins: ['https://shop.example/'] });
    const chats = new ChatDirectory(prisma, 20);
    const found = await Promise.all(Array.from({ length: 50 }, () => chats.find('pk-1')));
    expect(calls.findUnique).toBe(1);
    expect(found.every((chat) => chat?.id === 7 && chat.allowedOrigins[0] === 'https://shop.example')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await Promise.all(Array.from({ length: 50 }, () => chats.find('pk-1')));
    expect(calls.findUnique).toBe(2);
  });

  it('does not keep a failed lookup: the next request tries again', async () => {
    let fail = true;
    const prisma = { chat: { findUnique: async () => { if (fail) throw new Error('database down'); return null; } } } as unknown as PrismaClient;
    const chats = new ChatDirectory(prisma);
    await expect(Promise.all([chats.find('pk-2'), chats.find('pk-2')])).rejects.toThrow('database down');
    fail = false;
    await expect(chats.find('pk-2')).resolves.toBeNull();
  });

  it('reads a chat\'s bot settings once for the first messages of many dialogues', async () => {
    const updatedAt = new Date('2026-12-01T10:00:00Z');
    const { prisma, calls } = countingPrisma({ botRules: [], fallbackAnswer: 'Thanks!', updatedAt });
    const bot = new BotSettingsCache(prisma);
    const settings = await Promise.all(Array.from({ length: 50 }, () => bot.get(7, updatedAt)));
    expect(calls.findUniqueOrThrow).toBe(1);
    expect(settings.every((s) => s.fallbackAnswer === 'Thanks!')).toBe(true);
    await bot.get(7, updatedAt);
    expect(calls.findUniqueOrThrow).toBe(1);
  });
});
