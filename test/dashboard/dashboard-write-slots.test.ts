// Messages stored at the same time into one chat (one 15-minute bucket) never wait for one another
// on the dashboard's aggregate rows: a store only queues its message (migration 20261202070000),
// and the counter adds them up afterwards, many per row. (Before the queue each running
// transaction added to a slot no other held; with the rule before that, backend number modulo 8,
// nine open stores always had two on one row and the second waited for the first one's commit.)
// PostgreSQL only (PGlite has one connection).
import pg from 'pg';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/databases.js';
import { storeMessages } from '../../src/conversations/message-store.js';
import type { SqlRunner } from '../../src/db/sql-runner.js';
import { countAllQueuedMessages } from '../../src/dashboard/dashboard-counter.js';

const WRITERS = 12;
const onPostgres = databaseKinds.includes('postgresql') ? describe : describe.skip;

onPostgres('dashboard aggregates under concurrent stores [postgresql]', () => {
  let db: TestDatabase;
  const clients: pg.Client[] = [];
  beforeAll(async () => {
    db = await createTestDatabase('postgresql');
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
    await db?.drop();
  });

  it(`lets ${WRITERS} open transactions store into one chat and bucket without waiting, and counts them all`, async () => {
    const chat = await db.prisma.chat.create({ data: { name: 'Busy shop', publicKey: 'pk-busy' } });
    const dialogIds: string[] = [];
    for (let i = 0; i < WRITERS; i += 1) {
      const client = await db.prisma.client.create({ data: { chatId: chat.id, channel: 'web', externalId: `visitor-${i}` } });
      dialogIds.push((await db.prisma.dialog.create({ data: { chatId: chat.id, clientId: client.id, channel: 'web' } })).id);
    }
    const options = (db.sql.pool as unknown as { options: pg.ClientConfig }).options;
    const sentAt = new Date();
    for (const [i, dialogId] of dialogIds.entries()) {
      const client = new pg.Client(options);
      await client.connect();
      clients.push(client);
      await client.query('BEGIN');
      const sql = { kind: 'postgresql', query: async (text: string, params?: unknown[]) => (await client.query(text, params)).rows } as unknown as SqlRunner;
      // each store must finish while all the earlier ones are still uncommitted
      const stored = storeMessages(db.prisma, dialogId, [{ authorType: 'client', text: `Where is order ${i}?`, sentAt }], sql);
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([stored.then(() => 'stored'), new Promise((resolve) => { timer = setTimeout(resolve, 3_000, 'waited'); })]);
      clearTimeout(timer);
      expect({ writer: i, outcome }).toEqual({ writer: i, outcome: 'stored' });
    }
    await Promise.all(clients.map((client) => client.query('COMMIT')));
    await countAllQueuedMessages(db.sql);
    const [counts] = await db.sql.query<{ client: string; rows: string }>(
      'SELECT sum(client)::text AS client, count(*)::text AS rows FROM dashboard_messages WHERE chat_id = $1', [chat.id]);
    // one counter, one row: counted together rather than one upsert per store
    expect(counts).toEqual({ client: String(WRITERS), rows: '1' });
  }, 60_000);
});
