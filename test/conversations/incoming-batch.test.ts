// Incoming messages of one moment share one store statement (src/conversations/incoming-batch.ts),
// and each caller still gets what a statement of its own would have given it.
import pg from 'pg';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { storeIncoming, type NewMessage } from '../../src/conversations/message-store.js';
import { openDialog } from '../../src/conversations/open-dialog.js';
import { closeDialog } from '../../src/conversations/close-dialog.js';
import type { SqlRunner } from '../../src/db/sql-runner.js';

const at = (second: number) => new Date(Date.UTC(2026, 2, 1, 9, 0, second));
const client = (text: string, externalId: string | null, second = 1): NewMessage => ({ authorType: 'client', text, sentAt: at(second), externalId });

describeEachDatabase('incoming messages stored together', (kind) => {
  let db: TestDatabase;
  let chatId: number;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    chatId = (await db.prisma.chat.create({ data: { name: 'Batch', publicKey: 'k-batch', priceWeb: '0.0100' } })).id;
  });
  afterAll(() => db.drop());

  /** A runner of its own (so a batch of its own) that counts the store statements it runs. */
  const countingRunner = () => {
    const statements: number[] = [];
    const sql: SqlRunner = {
      ...db.sql,
      query: (text, params, name) => {
        if (text.includes('INSERT INTO messages')) statements.push(JSON.parse(String(params?.[0])).length);
        return db.sql.query(text, params, name);
      },
    };
    return { sql, statements };
  };
  const dialog = async (name: string) => (await openDialog(db.prisma, { chatId, channel: 'web', externalId: name, at: at(0) })).id;
  const facts = async (id: string) => {
    const d = await db.prisma.dialog.findUniqueOrThrow({ where: { id } });
    return { messageCount: d.messageCount, lastMessageAt: d.lastMessageAt, lastMessageId: d.lastMessageId };
  };

  it('stores the messages of many dialogues sent at once in one statement, each as if alone', async () => {
    const { sql, statements } = countingRunner();
    const ids = await Promise.all(Array.from({ length: 12 }, (_, i) => dialog(`batch-${i}`)));
    const closed = await dialog('batch-closed');
    await closeDialog(db.prisma, closed, at(0));
    const unknown = '00000000-0000-4000-8000-00000000abcd';

    const results = await Promise.all([
      ...ids.map((id, i) => storeIncoming(db.prisma, id, client(`hello ${i}`, `web:b:${i}`, i), sql)),
      storeIncoming(db.prisma, ids[0], client('second in the same dialogue', 'web:b:0-2', 30), sql),
      storeIncoming(db.prisma, ids[1], client('hello 1', 'web:b:1'), sql), // a retry that arrives with the first
      storeIncoming(db.prisma, closed, client('too late', 'web:b:closed'), sql),
      storeIncoming(db.prisma, unknown, client('nobody', 'web:b:unknown'), sql),
    ]);

    expect(statements).toEqual([16]);
    results.slice(0, 12).forEach((result, i) => expect(result).toMatchObject({ outcome: 'stored', message: { dialogId: ids[i], authorType: 'client', sentAt: at(i), cost: '0.0000', isPaid: false }, dialog: { chatId, channel: 'web', status: 'active' } }));
    expect(results[13]).toMatchObject({ outcome: 'duplicate', dialog: { status: 'active' } });
    expect(results[14]).toMatchObject({ outcome: 'closed', dialog: { status: 'closed' } });
    expect(results[15]).toEqual({ outcome: 'not_found' });

    // two messages of one dialogue: both counted, chained in order for the live streams
    const first = results[0].outcome === 'stored' ? results[0].message : null;
    const second = results[12].outcome === 'stored' ? results[12].message : null;
    expect(first?.previousId).toBeNull();
    expect(second?.previousId).toBe(first?.id);
    expect(await facts(ids[0])).toEqual({ messageCount: 2, lastMessageAt: at(30), lastMessageId: second?.id });
    expect(await facts(ids[5])).toMatchObject({ messageCount: 1, lastMessageAt: at(5) });
    expect(await db.prisma.message.count({ where: { externalId: { startsWith: 'web:b:' } } })).toBe(13);
    expect(await db.prisma.message.count({ where: { dialogId: closed } })).toBe(0);
  });

  it('fails only the request whose message the database refuses; the others are stored', async () => {
    const { sql, statements } = countingRunner();
    const ids = await Promise.all([dialog('refuse-a'), dialog('refuse-b'), dialog('refuse-c')]);
    const results = await Promise.allSettled([
      storeIncoming(db.prisma, ids[0], client('fine', 'web:r:a'), sql),
      storeIncoming(db.prisma, ids[1], client('a NUL \u0000 PostgreSQL cannot store', 'web:r:b'), sql),
      storeIncoming(db.prisma, ids[2], client('fine too', 'web:r:c'), sql),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(statements).toEqual([3, 1, 1, 1]); // the batch, then each alone
    expect(await db.prisma.message.count({ where: { externalId: { in: ['web:r:a', 'web:r:c'] } } })).toBe(2);
    expect(await db.prisma.message.count({ where: { dialogId: ids[1] } })).toBe(0);
  });

  it('sends a message without an external id alone', async () => {
    const { sql, statements } = countingRunner();
    const ids = await Promise.all([dialog('alone-a'), dialog('alone-b')]);
    await Promise.all([storeIncoming(db.prisma, ids[0], client('no key', null), sql), storeIncoming(db.prisma, ids[1], client('keyed', 'web:alone:b'), sql)]);
    expect(statements).toEqual([1, 1]);
    expect(await facts(ids[0])).toMatchObject({ messageCount: 1 });
  });

  it('announces each dialogue of a batch once, with its newest message id', async () => {
    const received: string[] = [];
    let stopListening: () => Promise<void>;
    if (kind === 'postgresql') {
      // the runner's own listener ignores what its pool sent: listen from another connection
      const listener = new pg.Client(db.sql.pool?.options as pg.ClientConfig);
      await listener.connect();
      listener.on('notification', (n) => received.push(n.payload ?? ''));
      await listener.query('LISTEN chats_live');
      stopListening = () => listener.end();
    } else {
      stopListening = await db.sql.listen('chats_live', { onNotify: (payload) => received.push(payload), onConnected: () => undefined, logger: { debug() {}, info() {}, warn() {}, error() {} } as never });
    }
    const { sql } = countingRunner();
    const ids = await Promise.all([dialog('notify-a'), dialog('notify-b')]);
    const results = await Promise.all([
      storeIncoming(db.prisma, ids[0], client('one', 'web:n:1'), sql),
      storeIncoming(db.prisma, ids[0], client('two', 'web:n:2'), sql),
      storeIncoming(db.prisma, ids[1], client('three', 'web:n:3'), sql),
    ]);
    const idOf = (i: number) => { const r = results[i]; return r.outcome === 'stored' ? r.message.id : NaN; };
    const deadline = Date.now() + 2_000;
    while (received.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await stopListening();
    expect(received.sort()).toEqual([`m:${ids[0]}:${idOf(1)}`, `m:${ids[1]}:${idOf(2)}`].sort());
  });
});
