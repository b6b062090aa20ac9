// Stored messages reach the dashboard's message and phrase counts through a queue (migration
// 20261202070000, src/dashboard/dashboard-counter.ts): storing only queues them; the counter, the
// dashboard's own load and a removal of content count the queue. What a user sees never lags.
import { createTestDatabase, describeEachDatabase, databaseKinds, type TestDatabase } from '../support/databases.js';
import { storeMessages } from '../../src/conversations/message-store.js';
import { loadDashboard } from '../../src/dashboard/dashboard-queries.js';
import { countQueuedMessages, DashboardCounter } from '../../src/dashboard/dashboard-counter.js';
import { removeDialogContent } from '../../src/privacy/content-removal.js';
import pg from 'pg';

const SENT_AT = new Date('2026-05-04T10:20:00Z');
const PERIOD = { from: '2026-05-04', to: '2026-05-04', timeZone: 'Asia/Kolkata' };

describeEachDatabase('dashboard message counter', (kind) => {
  let db: TestDatabase;
  let chatId: number;
  let visitor = 0;

  const openDialog = async () => {
    visitor += 1;
    const client = await db.prisma.client.create({ data: { chatId, channel: 'web', externalId: `visitor-${visitor}` } });
    return (await db.prisma.dialog.create({ data: { chatId, clientId: client.id, channel: 'web', createdAt: SENT_AT } })).id;
  };
  const say = (dialogId: string, ...texts: string[]) => storeMessages(db.prisma, dialogId,
    texts.map((text) => ({ authorType: 'client' as const, text, sentAt: SENT_AT })), db.sql);
  const queued = async () => Number((await db.sql.query<{ n: string }>('SELECT count(*)::text AS n FROM dashboard_message_queue'))[0].n);
  const counted = async () => Number((await db.sql.query<{ n: string }>('SELECT coalesce(sum(client), 0)::text AS n FROM dashboard_messages WHERE chat_id = $1', [chatId]))[0].n);

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    chatId = (await db.prisma.chat.create({ data: { name: 'Counted shop', publicKey: 'pk-counted' } })).id;
  });
  afterAll(() => db.drop());

  it('queues a stored message instead of counting it, and the dashboard counts the queue before it reads', async () => {
    const before = await counted();
    await say(await openDialog(), 'Where is my order?', 'Where is my order?!');
    expect(await queued()).toBe(2);
    expect(await counted()).toBe(before);

    const data = await loadDashboard(db.sql, { ...PERIOD, chatId });
    expect(data.messagesPerDay).toEqual([{ day: '2026-05-04', client: before + 2, bot: 0, operator: 0, system: 0 }]);
    expect(data.topPhrases).toContainEqual({ phrase: 'where is my order', count: 2 });
    expect(await queued()).toBe(0);
    expect(await counted()).toBe(before + 2);
  });

  it('is counted by the worker on its own, in batches', async () => {
    const before = await counted();
    await say(await openDialog(), 'one', 'two', 'three');
    const counter = new DashboardCounter(db.sql, { intervalMs: 60_000 });
    await counter.tick();
    expect(await queued()).toBe(0);
    expect(await counted()).toBe(before + 3);
    expect(await countQueuedMessages(db.sql, null)).toBe(0); // nothing counted twice
    expect(await counted()).toBe(before + 3);
  });

  it('counts queued phrases before a removal of content takes the removed ones out', async () => {
    const kept = await openDialog();
    const removed = await openDialog();
    await say(kept, 'Refund please');
    await say(removed, 'Refund please');
    expect(await queued()).toBe(2);
    await removeDialogContent(db.sql, [removed], 'erasure');
    const data = await loadDashboard(db.sql, { ...PERIOD, chatId });
    // the kept dialogue's phrase stays; had the removal run before the counting, it would be gone
    expect(data.topPhrases).toContainEqual({ phrase: 'refund please', count: 1 });
  });

  if (kind === 'postgresql' && databaseKinds.includes('postgresql')) {
    it('waits for a counter in progress rather than skipping its rows: figures are current when it returns', async () => {
      await say(await openDialog(), 'a', 'b');
      const before = await counted();
      const other = new pg.Client((db.sql.pool as unknown as { options: pg.ClientConfig }).options);
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query('SELECT chats_dashboard_count_queued(NULL)'); // holds the two queued rows
        const mine = countQueuedMessages(db.sql, null);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await other.query('COMMIT');
        expect(await mine).toBe(0); // counted by the other one, whose commit it waited for
        expect(await counted()).toBe(before + 2);
      } finally {
        await other.end();
      }
    });
  }
});
