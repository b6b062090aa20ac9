// Erasing a Facebook client cancels what is still queued for them, and the sender never sends it:
// not the messages waiting, not one it has just claimed and is about to send, not one stored in
// the instant of the removal. Nothing reaches the (fake) Send API.
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../support/databases.js';
import { TEST_SECRET } from '../../support/http.js';
import type { BuiltApp } from '../../../src/app/build-app.js';
import type { SqlRunner } from '../../../src/db/sql-runner.js';
import { FacebookDeliveryWorker } from '../../../src/channels/facebook/delivery-worker.js';
import { ClientErasure } from '../../../src/privacy/client-erasure.js';
import { storeMessage } from '../../../src/conversations/message-store.js';
import { FakeGraph, connectedChat, startFacebookApp } from './support.js';

const CANCELLED = "Cancelled: the client's data was removed.";

describeEachDatabase('Facebook messages of an erased client', (kind) => {
  let db: TestDatabase;
  let built: BuiltApp;
  let graph: FakeGraph;
  let chatId: number;
  let psidCounter = 0;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    graph = await FakeGraph.start();
    // the worker is not started: each test drives one by hand
    built = await startFacebookApp(db, { graphBaseUrl: graph.url, apiVersion: 'v21.0', backoffMs: [40] });
    chatId = (await connectedChat(db, 'Erasure')).id;
  });
  afterEach(() => graph.reset());
  afterAll(async () => {
    await graph.close();
    await db.drop();
  });

  const erasure = () => {
    const { prisma, sql, audit, conversations, reports } = built.chats.context;
    return new ClientErasure({ prisma, sql, audit, conversations, reportFiles: reports.files });
  };
  const worker = (sql: SqlRunner = db.sql) => new FacebookDeliveryWorker(db.prisma, sql, built.chats.context.conversations, TEST_SECRET, { graphBaseUrl: graph.url, backoffMs: [40] });

  /** A Facebook user's message: the greeting and the fallback answer wait to be sent. */
  async function conversation() {
    psidCounter += 1;
    const psid = `81000000000${String(psidCounter).padStart(5, '0')}`;
    const { dialogId } = await built.chats.context.conversations.receive({ chatId, channel: 'facebook', externalId: psid }, { text: 'Do you ship to Riga?', externalId: `fb:m_erasure_${psid}` });
    const { clientId } = await db.prisma.dialog.findUniqueOrThrow({ where: { id: dialogId }, select: { clientId: true } });
    return { psid, dialogId, clientId };
  }
  const outgoing = (dialogId: string) => db.prisma.message.findMany({ where: { dialogId, authorType: { in: ['bot', 'operator'] } }, orderBy: { id: 'asc' } });

  it('cancels the queued messages: counted in the confirmation, failed with the reason, never sent', async () => {
    const { dialogId, clientId } = await conversation();
    expect((await outgoing(dialogId)).map((m) => m.deliveryStatus)).toEqual(['pending', 'pending']);
    expect((await erasure().previewErasure(clientId)).queuedFacebookMessages).toBe(2);
    const result = await erasure().eraseClient(clientId, null);
    expect(result.queuedFacebookMessages).toBe(2);
    expect((await outgoing(dialogId)).map((m) => [m.text, m.deliveryStatus, m.deliveryError, m.nextDeliveryAt])).toEqual([
      ['', 'failed', CANCELLED, null], ['', 'failed', CANCELLED, null],
    ]);
    expect(await worker().runOnce()).toBe(0);
    expect(graph.calls).toEqual([]);
  });

  it('does not send a message it claimed just before the erasure', async () => {
    const { dialogId, clientId } = await conversation();
    let erased = false;
    // the erasure lands between the claim and the send
    const claimingSql: SqlRunner = {
      ...db.sql,
      query: async <T,>(text: string, params?: unknown[], name?: string): Promise<T[]> => {
        const rows = await db.sql.query<T>(text, params, name);
        if (!erased && text.includes('WITH due AS MATERIALIZED') && rows.length > 0) {
          erased = true;
          await erasure().eraseClient(clientId, null);
        }
        return rows;
      },
    };
    expect(await worker(claimingSql).runOnce()).toBe(1);
    expect(erased).toBe(true);
    expect(graph.calls).toEqual([]);
    expect((await outgoing(dialogId)).every((m) => m.deliveryStatus === 'failed' && m.deliveryError === CANCELLED)).toBe(true);
  });

  it('marks failed, unsent, a message stored into the dialogue in the instant of its removal', async () => {
    const { dialogId, clientId } = await conversation();
    await erasure().eraseClient(clientId, null);
    // a bot answer whose store statement ran just after the removal's
    await storeMessage(db.prisma, dialogId, { authorType: 'bot', authorName: 'Bot', text: 'We ship everywhere.', deliveryStatus: 'pending' });
    expect(await worker().runOnce()).toBe(1);
    expect(graph.calls).toEqual([]);
    const late = (await outgoing(dialogId)).at(-1)!;
    expect([late.deliveryStatus, late.deliveryError]).toEqual(['failed', CANCELLED]);
  });

  it('still sends to the clients that were not erased', async () => {
    const { psid, dialogId } = await conversation();
    const other = await conversation();
    await erasure().eraseClient(other.clientId, null);
    const manual = worker();
    while ((await manual.runOnce()) > 0);
    expect((await outgoing(dialogId)).map((m) => m.deliveryStatus)).toEqual(['sent', 'sent']);
    expect(graph.calls.map((c) => (c.body as { recipient: { id: string } }).recipient.id)).toEqual([psid, psid]);
  });
});
