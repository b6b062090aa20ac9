import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { Conversations, ConversationError, TRANSFER_NOTE, type OutgoingMessage } from '../../src/conversations/conversation-service.js';
import { LiveHub, type LiveEvent } from '../../src/conversations/live-hub.js';
import { closeInactiveDialogs, InactivityCloser } from '../../src/conversations/inactivity-closer.js';
import { openDialog } from '../../src/conversations/open-dialog.js';
import { storeMessage } from '../../src/conversations/message-store.js';
import { statusFilterWhere } from '../../src/domain/dialog-status.js';

const RULES = [
  { pattern: 'price, cost', answer: 'Bouquets start at 20 USD', markers: ['lead'] },
  { pattern: 'operator, human', answer: 'Let me call an operator', transfer: true },
  { pattern: '^\\s*thanks?\\W*$', kind: 'regex', answer: 'You are welcome' },
];

describeEachDatabase('conversations', (kind) => {
  let db: TestDatabase;
  let hub: LiveHub;
  let conversations: Conversations;
  let chatId: number;
  let operatorId: number;
  let client = 0;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    hub = new LiveHub();
    conversations = new Conversations(db.prisma, hub, { maxTextLength: 100 });
    chatId = (await db.prisma.chat.create({
      data: { name: 'Flowers', publicKey: 'pk-flowers', greeting: 'Hello! How can I help?', botRules: RULES, fallbackAnswer: 'Sorry, I did not get that', priceWeb: '0.0500', priceFacebook: '0.1000' },
    })).id;
    operatorId = (await db.prisma.adminUser.create({ data: { email: 'olga@example.com', name: 'Olga', passwordHash: 'x', role: 'operator' } })).id;
  });
  afterAll(() => db.drop());

  const newClient = (channel: 'web' | 'facebook' = 'web') => ({ chatId, channel, externalId: `client-${(client += 1)}` });
  const messages = (dialogId: string) => db.prisma.message.findMany({ where: { dialogId }, orderBy: [{ sentAt: 'asc' }, { id: 'asc' }] });
  const dialogRow = (id: string) => db.prisma.dialog.findUniqueOrThrow({ where: { id } });
  const waiting = (id: string) => db.prisma.dialog.count({ where: { id, ...statusFilterWhere('no_operator_response') } });
  const watch = (dialogId: string) => {
    const events: LiveEvent[] = [];
    hub.subscribe(dialogId, (event) => events.push(event));
    return events;
  };

  it('starts a dialogue with the greeting and resumes it afterwards', async () => {
    const ref = newClient();
    const first = await conversations.resume(ref);
    expect(first.created).toBe(true);
    expect(await conversations.resume(ref)).toEqual({ dialogId: first.dialogId, created: false });
    const [greeting] = await messages(first.dialogId);
    expect(greeting).toMatchObject({ authorType: 'bot', text: 'Hello! How can I help?', isPaid: true });
    await conversations.clientMessage({ dialogId: first.dialogId, text: 'hi there' });
    expect((await messages(first.dialogId)).map((m) => m.authorType)).toEqual(['bot', 'client', 'bot']);
  });

  it('starts only one dialogue when a client resumes several times at once', async () => {
    const ref = newClient();
    const results = await Promise.all(Array.from({ length: 5 }, () => conversations.resume(ref)));
    expect(new Set(results.map((r) => r.dialogId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db.prisma.message.count({ where: { dialogId: results[0].dialogId } })).toBe(1);
  });

  it('answers by the rules, sets markers and charges bot messages at the chat price', async () => {
    const { dialogId } = await conversations.resume(newClient());
    const result = await conversations.clientMessage({ dialogId, text: '  What is the PRICE of roses? ' });
    expect(result.duplicate).toBe(false);
    expect(result.message).toMatchObject({ authorType: 'client', text: 'What is the PRICE of roses?' });
    expect(result.replies.map((r) => [r.authorType, r.text])).toEqual([['bot', 'Bouquets start at 20 USD']]);
    const markers = await db.prisma.dialogMarker.findMany({ where: { dialogId }, select: { marker: { select: { name: true } } } });
    expect(markers.map((m) => m.marker.name)).toEqual(['lead']);
    await conversations.clientMessage({ dialogId, text: 'and the weather?' });
    const stored = await messages(dialogId);
    expect(stored.map((m) => [m.authorType, m.text, m.cost.toFixed(4), m.deliveryStatus])).toEqual([
      ['bot', 'Hello! How can I help?', '0.0500', null],
      ['client', 'What is the PRICE of roses?', '0.0000', null],
      ['bot', 'Bouquets start at 20 USD', '0.0500', null],
      ['client', 'and the weather?', '0.0000', null],
      ['bot', 'Sorry, I did not get that', '0.0500', null],
    ]);
    const dialog = await dialogRow(dialogId);
    expect([dialog.cost.toFixed(4), dialog.messageCount]).toEqual(['0.1500', 5]);
  });

  it('transfers to operators: waiting until an operator replies, the bot silent meanwhile', async () => {
    const { dialogId } = await conversations.resume(newClient());
    const events = watch(dialogId);
    const result = await conversations.clientMessage({ dialogId, text: 'I want a human' });
    expect(result.replies.map((r) => [r.authorType, r.text])).toEqual([['bot', 'Let me call an operator'], ['system', TRANSFER_NOTE]]);
    let dialog = await dialogRow(dialogId);
    expect(dialog.transferredAt).not.toBeNull();
    expect(await waiting(dialogId)).toBe(1);
    expect(await conversations.statusOf(dialogId)).toMatchObject({ status: 'active', waitingForOperator: true, operatorId: null });

    const silent = await conversations.clientMessage({ dialogId, text: 'what does it cost?' });
    expect(silent.replies).toEqual([]);
    expect(await db.prisma.dialogMarker.count({ where: { dialogId } })).toBe(1); // the marker still counts

    const reply = await conversations.operatorReply({ dialogId, operatorId, operatorName: 'Olga', text: 'Hi, Olga here' });
    expect(reply).toMatchObject({ authorType: 'operator', authorName: 'Olga', text: 'Hi, Olga here' });
    dialog = await dialogRow(dialogId);
    expect(dialog.firstOperatorReplyAt?.toISOString()).toBe(reply.sentAt);
    expect(dialog.operatorId).toBe(operatorId);
    expect(await waiting(dialogId)).toBe(0);
    expect((await messages(dialogId)).at(-1)).toMatchObject({ authorType: 'operator', operatorId, isPaid: true });
    expect((await dialogRow(dialogId)).cost.toFixed(4)).toBe('0.1500'); // greeting, bot answer, operator reply

    // the live events, in the order things happened
    expect(events.map((e) => (e.type === 'message' ? `${e.message.authorType}:${e.message.text}` : e.type === 'status' ? `status:${e.waitingForOperator}` : e.type))).toEqual([
      'client:I want a human', 'bot:Let me call an operator', `system:${TRANSFER_NOTE}`, 'status:true',
      'client:what does it cost?', 'status:true', 'operator:Hi, Olga here', 'status:false',
    ]);
  });

  it('lets an operator take a dialogue: the bot stops and the response time counts from there', async () => {
    const { dialogId } = await conversations.resume(newClient());
    const taken = await conversations.take(dialogId, operatorId);
    expect(taken.operatorId).toBe(operatorId);
    expect(await dialogRow(dialogId)).toMatchObject({ operatorId, transferredAt: taken.transferredAt, firstOperatorReplyAt: null });
    expect((await conversations.clientMessage({ dialogId, text: 'price?' })).replies).toEqual([]);
    await conversations.operatorReply({ dialogId, operatorId, text: 'Roses are 2 USD each' });
    expect((await dialogRow(dialogId)).firstOperatorReplyAt).not.toBeNull();
  });

  it('stores a repeated delivery once, also when the copies arrive at the same time', async () => {
    const { dialogId } = await conversations.resume(newClient());
    const first = await conversations.clientMessage({ dialogId, text: 'price?', externalId: 'web:c:1', clientMessageId: '1' });
    const again = await conversations.clientMessage({ dialogId, text: 'price?', externalId: 'web:c:1', clientMessageId: '1' });
    expect(again).toEqual({ duplicate: true, message: first.message, replies: [] });

    const copies = await Promise.all(Array.from({ length: 6 }, () => conversations.clientMessage({ dialogId, text: 'thanks', externalId: 'web:c:2' })));
    expect(copies.filter((c) => !c.duplicate)).toHaveLength(1);
    expect(new Set(copies.map((c) => c.message.id)).size).toBe(1);
    const stored = await messages(dialogId);
    expect(stored.filter((m) => m.text === 'thanks')).toHaveLength(1);
    expect(stored.filter((m) => m.text === 'You are welcome')).toHaveLength(1); // the bot answered once
    expect((await dialogRow(dialogId)).messageCount).toBe(stored.length);
  });

  it('receives webhook messages into the active dialogue, starting one when needed', async () => {
    const ref = newClient('facebook');
    const outgoing: OutgoingMessage[] = [];
    const unsubscribe = conversations.onOutgoing((message) => outgoing.push(message));
    try {
      const first = await conversations.receive(ref, { text: 'price', externalId: 'fb:mid-1' });
      expect(first).toMatchObject({ created: true, duplicate: false });
      const retry = await conversations.receive(ref, { text: 'price', externalId: 'fb:mid-1' });
      expect(retry).toMatchObject({ duplicate: true, dialogId: first.dialogId, created: false });
      const stored = await messages(first.dialogId);
      expect(stored.map((m) => [m.authorType, m.cost.toFixed(4), m.deliveryStatus, m.externalId])).toEqual([
        ['bot', '0.1000', 'pending', null], ['client', '0.0000', null, 'fb:mid-1'], ['bot', '0.1000', 'pending', null],
      ]);
      expect(stored[0].nextDeliveryAt).toEqual(stored[0].sentAt);
      expect(outgoing.map((m) => [m.channel, m.chatId, m.authorType, m.id])).toEqual([
        ['facebook', chatId, 'bot', stored[0].id], ['facebook', chatId, 'bot', stored[2].id],
      ]);
      await conversations.close(first.dialogId, 'operator');
      const next = await conversations.receive(ref, { text: 'hello again', externalId: 'fb:mid-2' });
      expect(next.created).toBe(true);
      expect(next.dialogId).not.toBe(first.dialogId);
    } finally {
      unsubscribe();
    }
  });

  it('closes a dialogue once, with a status event, and refuses messages to it', async () => {
    const { dialogId } = await conversations.resume(newClient());
    const events = watch(dialogId);
    expect(await conversations.close(dialogId, 'client')).toBe(true);
    expect(await conversations.close(dialogId, 'client')).toBe(false);
    expect(events).toEqual([{ type: 'status', dialogId, status: 'closed', waitingForOperator: false, operatorId: null, reason: 'client' }]);
    expect((await dialogRow(dialogId)).closedAt).not.toBeNull();
    await expect(conversations.clientMessage({ dialogId, text: 'hello?' })).rejects.toMatchObject({ code: 'dialog_closed', status: 409 });
    await expect(conversations.operatorReply({ dialogId, operatorId, text: 'hi' })).rejects.toMatchObject({ code: 'dialog_closed' });
  });

  it('refuses empty and too long texts and unknown dialogues with typed errors', async () => {
    const { dialogId } = await conversations.resume(newClient());
    const before = await db.prisma.message.count();
    await expect(conversations.clientMessage({ dialogId, text: '   ' })).rejects.toMatchObject({ code: 'text_empty', status: 400 });
    await expect(conversations.operatorReply({ dialogId, operatorId, text: 'x'.repeat(101) })).rejects.toMatchObject({ code: 'text_too_long', status: 400 });
    await expect(conversations.clientMessage({ dialogId: 'nope', text: 'hi' })).rejects.toBeInstanceOf(ConversationError);
    await expect(conversations.take('00000000-0000-4000-8000-000000000000', operatorId)).rejects.toMatchObject({ code: 'dialog_not_found', status: 404 });
    expect(await db.prisma.message.count()).toBe(before);
  });

  it('finds a client\'s active dialogue without starting one, and records page visits in active dialogues only', async () => {
    const ref = newClient();
    expect(await conversations.activeDialogOf(ref)).toBeNull();
    expect(await db.prisma.dialog.count({ where: { client: { externalId: ref.externalId } } })).toBe(0);
    const { dialogId } = await conversations.resume(ref);
    expect(await conversations.activeDialogOf(ref)).toBe(dialogId);
    const at = new Date(Date.now() - 60_000);
    await conversations.recordVisit(dialogId, { url: 'https://shop.example/roses', title: 'Roses', at });
    expect(await db.prisma.pageVisit.findMany({ where: { dialogId }, select: { url: true, title: true, visitedAt: true } }))
      .toEqual([{ url: 'https://shop.example/roses', title: 'Roses', visitedAt: at }]);
    await conversations.close(dialogId, 'client');
    expect(await conversations.activeDialogOf(ref)).toBeNull();
    await expect(conversations.recordVisit(dialogId, { url: 'https://shop.example/late' })).rejects.toMatchObject({ code: 'dialog_closed' });
    await expect(conversations.recordVisit('00000000-0000-4000-8000-000000000000', { url: 'https://shop.example/' })).rejects.toMatchObject({ code: 'dialog_not_found' });
    expect(await db.prisma.pageVisit.count({ where: { dialogId } })).toBe(1);
  });

  it('closes only the dialogues idle for longer than their chat allows', async () => {
    const quick = await db.prisma.chat.create({ data: { name: 'Quick', publicKey: 'pk-quick', inactivityTimeoutMinutes: 5 } });
    const now = new Date('2030-01-01T12:00:00Z');
    const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
    const make = async (chat: number, idleMinutes: number | null) => {
      const { id } = await openDialog(db.prisma, { chatId: chat, channel: 'web', externalId: `idle-${(client += 1)}`, at: minutesAgo(120) });
      if (idleMinutes !== null) await storeMessage(db.prisma, id, { authorType: 'client', text: 'x', sentAt: minutesAgo(idleMinutes) });
      return id;
    };
    await db.prisma.dialog.updateMany({ where: { status: 'active' }, data: { status: 'closed' } }); // earlier tests' dialogues
    const quickStale = await make(quick.id, 6);
    const quickFresh = await make(quick.id, 4);
    const slowFresh = await make(chatId, 20); // the first chat keeps the default 30 minutes
    const slowStale = await make(chatId, 31);
    const silentStale = await make(chatId, null); // no message: idle since it started
    const alreadyClosed = await make(quick.id, 60);
    await conversations.close(alreadyClosed, 'operator', minutesAgo(50));
    const events = watch(quickStale);

    const closed = await closeInactiveDialogs(db.prisma, hub, now);
    expect(closed.map((d) => d.id).sort()).toEqual([quickStale, slowStale, silentStale].sort());
    expect(events).toEqual([{ type: 'status', dialogId: quickStale, status: 'closed', waitingForOperator: false, operatorId: null, reason: 'inactivity' }]);
    expect(await dialogRow(quickStale)).toMatchObject({ status: 'closed', closedAt: minutesAgo(1) });
    expect((await dialogRow(quickFresh)).status).toBe('active');
    expect((await dialogRow(slowFresh)).status).toBe('active');
    expect((await dialogRow(alreadyClosed)).closedAt).toEqual(minutesAgo(50));
    expect(await closeInactiveDialogs(db.prisma, hub, now)).toEqual([]);
  });

  it('runs the closing as a background worker that closes at start', async () => {
    const { dialogId } = await conversations.resume(newClient());
    await db.prisma.dialog.update({ where: { id: dialogId }, data: { lastMessageAt: new Date(Date.now() - 31 * 60_000) } });
    const events = watch(dialogId);
    const closer = new InactivityCloser(db.prisma, hub, { intervalMs: 60_000 });
    await closer.start();
    try {
      const until = Date.now() + 10_000;
      while ((await dialogRow(dialogId)).status !== 'closed') {
        if (Date.now() > until) throw new Error('not closed');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(events).toEqual([expect.objectContaining({ type: 'status', status: 'closed', reason: 'inactivity' })]);
    } finally {
      await closer.stop();
    }
  });
});
