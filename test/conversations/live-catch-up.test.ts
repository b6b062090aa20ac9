// A stream never skips a message stored by another instance whose notification is late: the
// message this instance stores next says which message came before it (dialogs.last_message_id,
// read under the dialogue's lock), and a stream that has not sent that one catches up from the
// database first. Here the "other instance" is a store that publishes nothing at all.
import request from 'supertest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { startTestApp } from '../support/http.js';
import type { BuiltApp } from '../../src/app/build-app.js';
import { listen, openStream } from '../channels/web/widget-fixture.js';
import { storeMessages } from '../../src/conversations/message-store.js';

describeEachDatabase('live streams after a late notification', (kind) => {
  let db: TestDatabase;
  let built: BuiltApp;
  beforeEach(async () => {
    db = await createTestDatabase(kind);
    built = await startTestApp(db);
    await db.prisma.chat.create({ data: { name: 'Late shop', publicKey: 'pk-late' } });
  });
  afterEach(() => db?.drop());

  it('sends the message stored elsewhere before the one stored here, each once, in order', async () => {
    const server = await listen(built.app);
    try {
      const clientId = 'late-visitor-1';
      const { dialogId } = (await request(built.app).post('/widget/api/pk-late/session').send({ clientId })).body as { dialogId: string };
      const stream = await openStream(`${server.url}/widget/api/pk-late/events?dialogId=${dialogId}&clientId=${clientId}`);
      await stream.waitFor((e) => e.event === 'status');
      // stored "on another instance": committed, but its news never reaches this one
      const [elsewhere] = await storeMessages(db.prisma, dialogId, [{ authorType: 'operator', text: 'stored elsewhere' }], db.sql);
      const here = await built.chats.context.conversations.clientMessage({ dialogId, text: 'stored here' });
      expect(here.message.id).toBeGreaterThan(elsewhere.id);
      await stream.waitFor((_, all) => all.some((e) => e.event === 'message' && (e.data as { text: string }).text === 'stored here'));
      const texts = stream.events.filter((e) => e.event === 'message').map((e) => (e.data as { text: string }).text);
      expect(texts).toEqual(['stored elsewhere', 'stored here']);
      stream.close();
    } finally {
      await server.close();
    }
  });
});
