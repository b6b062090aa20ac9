import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../support/databases.js';
import { loadDemoDataIfEmpty } from '../../../src/app/demo/load-demo.js';
import { writeBatch } from '../../../src/app/demo/bulk-writer.js';

const now = new Date('2026-11-20T12:00:00.000Z');

describeEachDatabase('demo data loaded into the database', (kind) => {
  let db: TestDatabase;
  const count = async (sql: string) => Number((await db.sql.query<{ n: string | number }>(sql))[0].n);

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const summary = await loadDemoDataIfEmpty(db, { dialogs: 200, days: 30, seed: 1, now, log: () => undefined });
    expect(summary).toMatchObject({ chats: 5, dialogs: 200 });
  });
  afterAll(() => db?.drop());

  it('stores every row the generator made', async () => {
    expect(await count('SELECT count(*) AS n FROM dialogs')).toBe(200);
    expect(await count('SELECT count(*) AS n FROM messages')).toBeGreaterThan(1000);
    expect(await count(`SELECT count(*) AS n FROM admin_users WHERE role = 'operator'`)).toBe(4);
    expect(await count(`SELECT count(*) AS n FROM admin_users WHERE role = 'viewer'`)).toBe(1);
  });

  it('keeps dialogue costs, counts and last message times equal to their messages', async () => {
    expect(await count(`SELECT count(*) AS n FROM dialogs d
      LEFT JOIN (SELECT dialog_id, sum(cost) AS cost, count(*) AS n, max(sent_at) AS last FROM messages GROUP BY dialog_id) m ON m.dialog_id = d.id
      WHERE d.cost <> COALESCE(m.cost, 0) OR d.message_count <> COALESCE(m.n, 0) OR d.last_message_at IS DISTINCT FROM m.last`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM messages m JOIN dialogs d ON d.id = m.dialog_id JOIN chats c ON c.id = d.chat_id
      WHERE m.cost <> CASE WHEN m.author_type IN ('bot', 'operator') THEN (CASE d.channel WHEN 'web' THEN c.price_web ELSE c.price_facebook END) ELSE 0 END
         OR m.is_paid <> (m.author_type IN ('bot', 'operator'))`)).toBe(0);
  });

  it('starts every dialogue with the bot and records transfers and first replies truthfully', async () => {
    expect(await count(`SELECT count(*) AS n FROM dialogs d WHERE (SELECT author_type FROM messages m WHERE m.dialog_id = d.id
      ORDER BY sent_at, id LIMIT 1) <> 'bot'`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM dialogs d WHERE d.first_operator_reply_at IS DISTINCT FROM
      (SELECT min(sent_at) FROM messages m WHERE m.dialog_id = d.id AND m.author_type = 'operator' AND m.sent_at >= d.transferred_at)`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM dialogs d WHERE d.transferred_at IS DISTINCT FROM
      (SELECT min(sent_at) FROM messages m WHERE m.dialog_id = d.id AND m.author_type = 'system')`)).toBe(0);
  });

  it('has dialogues in every status filter, on both channels, with markers and page visits', async () => {
    expect(await count(`SELECT count(*) AS n FROM dialogs WHERE status = 'active'`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM dialogs WHERE status = 'closed' AND closed_at IS NOT NULL`)).toBeGreaterThan(0);
    expect(await count('SELECT count(*) AS n FROM dialogs WHERE transferred_at IS NOT NULL AND first_operator_reply_at IS NULL')).toBeGreaterThan(0);
    expect(await count('SELECT count(*) AS n FROM dialogs WHERE first_operator_reply_at IS NOT NULL AND operator_id IS NOT NULL')).toBeGreaterThan(0);
    expect(await count('SELECT count(DISTINCT channel) AS n FROM dialogs')).toBe(2);
    expect(await count('SELECT count(*) AS n FROM dialog_markers')).toBeGreaterThan(0);
    expect(await count('SELECT count(*) AS n FROM page_visits')).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM chats WHERE name = 'Поддержка'`)).toBe(1);
  });

  it('leaves the id sequences ahead of the loaded rows', async () => {
    const chat = await db.prisma.chat.create({ data: { name: 'After the demo', publicKey: 'after-the-demo-key' } });
    const client = await db.prisma.client.create({ data: { chatId: chat.id, channel: 'web', externalId: 'after-the-demo' } });
    expect(client.id).toBeGreaterThan(await count('SELECT max(id) AS n FROM clients WHERE id <> ' + client.id));
  });

  it('does nothing when there are chats already', async () => {
    expect(await loadDemoDataIfEmpty(db, { dialogs: 10, now, log: () => undefined })).toBeNull();
    expect(await count('SELECT count(*) AS n FROM dialogs')).toBe(200);
  });

  it('stores a batch completely or not at all', async () => {
    const chatId = await count('SELECT min(id) AS n FROM chats');
    const dialogId = '00000000-0000-4000-8000-000000000001';
    const at = new Date('2026-11-01T00:00:00Z');
    await expect(writeBatch(db.sql, {
      clients: [{ id: 900001, chatId, channel: 'web', externalId: 'batch-test', createdAt: at }],
      dialogs: [{ id: dialogId, chatId, clientId: 900001, channel: 'web', status: 'active', operatorId: null, transferredAt: null,
        firstOperatorReplyAt: null, closedAt: null, lastMessageAt: at, messageCount: 1, cost: '0.0000', createdAt: at }],
      messages: [{ dialogId, authorType: 'client', authorName: null, operatorId: null, text: 'hi', sentAt: at, isPaid: false, cost: '0.0000' }],
      dialogMarkers: [{ dialogId, markerId: 987654, setAt: at }], // no such marker: the whole batch must fail
      pageVisits: [],
    })).rejects.toThrow();
    expect(await count(`SELECT count(*) AS n FROM clients WHERE external_id = 'batch-test'`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM messages WHERE dialog_id = '${dialogId}'`)).toBe(0);
  });
});
