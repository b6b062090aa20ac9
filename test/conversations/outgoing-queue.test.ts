// The outgoing queue of a channel: due messages claimed one per dialogue under a lease, the
// outcome recorded on the message, the next due time for the sender's timer.
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { Conversations } from '../../src/conversations/conversation-service.js';
import { LiveHub } from '../../src/conversations/live-hub.js';
import { OutgoingQueue } from '../../src/conversations/outgoing-queue.js';

const LEASE_MS = 60_000;

describeEachDatabase('outgoing queue', (kind) => {
  let db: TestDatabase;
  let conversations: Conversations;
  let queue: OutgoingQueue;
  let chatId: number;
  let client = 0;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    conversations = new Conversations(db.prisma, new LiveHub(), { sql: db.sql });
    queue = new OutgoingQueue(db.prisma, db.sql, { channel: 'facebook', leaseMs: LEASE_MS });
    chatId = (await db.prisma.chat.create({ data: { name: 'Shop', publicKey: 'pk-queue', greeting: 'Hello!', fallbackAnswer: 'Sorry?' } })).id;
  });
  afterAll(() => db.drop());
  beforeEach(() => db.prisma.message.updateMany({ where: { deliveryStatus: 'pending' }, data: { deliveryStatus: 'sent' } }));

  /** A facebook client's first message: the greeting and the fallback answer wait to be sent. */
  const conversation = async (channel: 'web' | 'facebook' = 'facebook') => {
    const psid = `psid-${(client += 1)}`;
    const { dialogId } = await conversations.receive({ chatId, channel, externalId: psid }, { text: 'hi', externalId: `fb:queue-${psid}` });
    const outgoing = await db.prisma.message.findMany({ where: { dialogId, authorType: 'bot' }, orderBy: { id: 'asc' } });
    return { psid, dialogId, ids: outgoing.map((m) => m.id) };
  };
  const row = (id: number) => db.prisma.message.findUniqueOrThrow({ where: { id } });

  it('claims the oldest pending message of each dialogue once, until its lease runs out', async () => {
    const a = await conversation();
    const b = await conversation();
    await conversation('web'); // not this channel's
    const now = new Date(Date.now() + 1000);
    expect((await queue.claimDue(now, 10)).sort()).toEqual([a.ids[0], b.ids[0]].sort());
    expect(await queue.claimDue(now, 10)).toEqual([]); // leased, and the answers wait behind them
    expect((await row(a.ids[0])).nextDeliveryAt!.getTime()).toBe(now.getTime() + LEASE_MS);
    expect((await queue.claimDue(new Date(now.getTime() + LEASE_MS + 1), 1))).toHaveLength(1);
  });

  it('gives what a sender needs, and records a retry, a success and a failure', async () => {
    const { psid, ids: [greeting, answer] } = await conversation();
    const [claimed] = await queue.claimDue(new Date(Date.now() + 1000), 10);
    expect(claimed).toBe(greeting);
    expect(await queue.delivery(greeting)).toEqual({ id: greeting, text: 'Hello!', chatId, recipient: psid, attempts: 0 });

    const retryAt = new Date(Date.now() + 5_000);
    await queue.recordRetry(greeting, 1, 'attempt 1: HTTP 503', retryAt);
    expect(await row(greeting)).toMatchObject({ deliveryStatus: 'pending', deliveryAttempts: 1, deliveryError: 'attempt 1: HTTP 503', nextDeliveryAt: retryAt });
    expect(await queue.nextDueAt()).toBe(retryAt.getTime());

    await queue.recordSent(greeting, 2);
    expect(await row(greeting)).toMatchObject({ deliveryStatus: 'sent', deliveryAttempts: 2, deliveryError: null, nextDeliveryAt: null });
    // the answer is next in line now
    expect(await queue.claimDue(new Date(Date.now() + 1000), 10)).toEqual([answer]);
    await queue.recordFailed(answer, 1, 'HTTP 400: outside the window');
    expect(await row(answer)).toMatchObject({ deliveryStatus: 'failed', deliveryAttempts: 1, deliveryError: 'HTTP 400: outside the window', nextDeliveryAt: null });
    expect(await queue.nextDueAt()).toBeNull();

    // an outcome never overwrites another one: only pending messages are updated
    await queue.recordRetry(answer, 9, 'late', new Date());
    expect(await row(answer)).toMatchObject({ deliveryStatus: 'failed', deliveryAttempts: 1 });
  });

  it('has nothing to give for a message deleted meanwhile', async () => {
    expect(await queue.delivery(2_000_000_000)).toBeNull();
  });
});
