import { addAmounts } from '../../../src/domain/money.js';
import { newPublicKey } from '../../../src/domain/public-key.js';
import { DEMO_CHATS, DEMO_MARKERS } from '../../../src/app/demo/content.js';
import { dayCounts, demoChatRows, generateDialogBatches, type DemoOptions, type GeneratorContext } from '../../../src/app/demo/generator.js';
import { Random } from '../../../src/app/demo/random.js';
import type { DemoBatch } from '../../../src/app/demo/rows.js';
import { parseSeedArgs, UsageError } from '../../../src/app/demo/seed-args.js';

const now = new Date('2026-11-20T12:00:00.000Z');
const options: DemoOptions = { dialogs: 400, days: 30, seed: 42, now, batchSize: 64 };
const context: GeneratorContext = {
  chatIds: DEMO_CHATS.map((_, i) => 10 + i),
  operators: [{ id: 7, name: 'John Carter', language: 'en' }, { id: 8, name: 'Anna Smirnova', language: 'ru' }],
  markerIds: Object.fromEntries(DEMO_MARKERS.map((name, i) => [name, 100 + i])),
  firstClientId: 1000,
};
const generate = (o: DemoOptions = options) => [...generateDialogBatches(o, context)];
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('demo data generator', () => {
  const batches = generate();
  const all = <K extends keyof DemoBatch>(key: K) => batches.flatMap((b) => b[key] as unknown[]) as DemoBatch[K];

  it('gives the same rows for the same seed and other rows for another seed', () => {
    expect(generate()).toEqual(batches);
    expect(demoChatRows(options)).toEqual(demoChatRows(options));
    const other = generate({ ...options, seed: 43 });
    expect(other[0].dialogs[0].id).not.toBe(batches[0].dialogs[0].id);
  });

  it('produces the requested number of dialogues in batches of whole dialogues', () => {
    expect(all('dialogs')).toHaveLength(400);
    expect(batches.slice(0, -1).every((b) => b.dialogs.length === 64)).toBe(true);
    const seenClients = new Set<number>();
    for (const batch of batches) {
      const ids = new Set(batch.dialogs.map((d) => d.id));
      batch.clients.forEach((c) => seenClients.add(c.id));
      expect(batch.messages.every((m) => ids.has(m.dialogId))).toBe(true);
      expect(batch.pageVisits.every((v) => ids.has(v.dialogId))).toBe(true);
      expect(batch.dialogMarkers.every((k) => ids.has(k.dialogId))).toBe(true);
      // a dialogue only refers to clients of its own or an earlier batch
      expect(batch.dialogs.every((d) => seenClients.has(d.clientId))).toBe(true);
    }
  });

  it('gives dialogues distinct version 4 UUIDs and clients consecutive ids', () => {
    const ids = all('dialogs').map((d) => d.id);
    expect(ids.every((id) => UUID_V4.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(all('clients').map((c) => c.id)).toEqual(all('clients').map((_, i) => 1000 + i));
  });

  it('keeps every dialogue consistent with its messages and never goes past "now"', () => {
    const byDialog = new Map<string, DemoBatch['messages']>();
    for (const m of all('messages')) byDialog.set(m.dialogId, [...(byDialog.get(m.dialogId) ?? []), m]);
    for (const dialog of all('dialogs')) {
      const messages = byDialog.get(dialog.id) ?? [];
      expect(messages[0].authorType).toBe('bot');
      expect(messages[0].sentAt).toEqual(dialog.createdAt);
      expect(dialog.messageCount).toBe(messages.length);
      expect(dialog.cost).toBe(addAmounts('0', ...messages.map((m) => m.cost)));
      expect(dialog.lastMessageAt).toEqual(messages[messages.length - 1].sentAt);
      const times = messages.map((m) => m.sentAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(Math.max(...times)).toBeLessThanOrEqual(now.getTime());
      if (dialog.closedAt) expect(dialog.closedAt.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(dialog.status === 'closed').toBe(dialog.closedAt !== null);
      const firstReply = messages.find((m) => m.authorType === 'operator' && dialog.transferredAt && m.sentAt >= dialog.transferredAt);
      expect(dialog.firstOperatorReplyAt).toEqual(firstReply?.sentAt ?? null);
    }
  });

  it('covers statuses, channels, operators, markers and page visits', () => {
    const dialogs = all('dialogs');
    expect(new Set(dialogs.map((d) => d.status))).toEqual(new Set(['active', 'closed']));
    expect(new Set(dialogs.map((d) => d.channel))).toEqual(new Set(['web', 'facebook']));
    expect(dialogs.some((d) => d.transferredAt && !d.firstOperatorReplyAt)).toBe(true);
    expect(dialogs.some((d) => d.firstOperatorReplyAt && d.operatorId)).toBe(true);
    expect(new Set(all('dialogMarkers').map((k) => k.markerId)).size).toBe(DEMO_MARKERS.length);
    expect(all('pageVisits').every((v) => /^https:\/\/[a-z.]+\//.test(v.url))).toBe(true);
  });

  it('spreads dialogues over the days and fixes valid chat rows', () => {
    expect(dayCounts(1234, 90, now).reduce((a, b) => a + b, 0)).toBe(1234);
    const start = now.getTime() - 30 * 24 * 3600 * 1000;
    expect(all('dialogs').every((d) => d.createdAt.getTime() >= start)).toBe(true);
    const chats = demoChatRows(options);
    expect(chats.map((c) => c.name)).toContain('Поддержка');
    expect(new Set(chats.map((c) => c.currency))).toEqual(new Set(['USD', 'EUR', 'RUB']));
    for (const chat of chats) {
      expect(chat.publicKey).toMatch(/^[A-Za-z0-9_-]+$/); // the shape of a real key
      expect(chat.publicKey).toHaveLength(newPublicKey().length);
      expect(chat.createdAt.getTime()).toBeLessThan(start);
      for (const rule of chat.botRules) expect(() => new RegExp(rule.pattern, 'i')).not.toThrow();
    }
  });
});

describe('seeded random numbers', () => {
  it('repeats for a seed and stays in range', () => {
    const a = new Random(5);
    const b = new Random(5);
    const draws = Array.from({ length: 1000 }, () => a.int(3, 7));
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b.int(3, 7)));
    expect(new Set(draws)).toEqual(new Set([3, 4, 5, 6, 7]));
    expect(new Random(5).uuid()).toMatch(UUID_V4);
  });
});

describe('seed CLI arguments', () => {
  it('reads the options and rejects bad ones', () => {
    expect(parseSeedArgs(['--dialogs', '100000', '--seed', '7', '--days', '30', '--reset']))
      .toEqual({ dialogs: 100000, seed: 7, days: 30, reset: true, help: false });
    expect(parseSeedArgs([])).toMatchObject({ dialogs: 3000, days: 90, reset: false });
    for (const bad of [['--dialogs', '0'], ['--dialogs', '1e5'], ['--days', '-1'], ['--seed', 'abc'], ['--what'], ['extra']]) {
      expect(() => parseSeedArgs(bad)).toThrow(UsageError);
    }
  });
});
