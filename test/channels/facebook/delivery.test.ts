// Bot and operator replies to Facebook users go out through the Send API (a local fake here):
// right URL, token and body, in order; retried with backoff on transient failures; 'failed' with
// the Graph error on the message (and in the admin) when it cannot succeed.
import request from 'supertest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../support/databases.js';
import { createUser, loginAs, TEST_SECRET } from '../../support/http.js';
import type { BuiltApp } from '../../../src/app/build-app.js';
import { FacebookDeliveryWorker } from '../../../src/channels/facebook/delivery-worker.js';
import { FakeGraph, PAGE_ID, PAGE_TOKEN, connectedChat, fixture, sign, startFacebookApp, waitFor } from './support.js';

const BACKOFF_MS = [40, 80, 160];
const OUTSIDE_WINDOW = { message: '(#10) This message is sent outside of allowed window.', type: 'OAuthException', code: 10, error_subcode: 2018278, fbtrace_id: 'A1b2C3' };

describeEachDatabase('Facebook delivery', (kind) => {
  let db: TestDatabase;
  let built: BuiltApp;
  let graph: FakeGraph;
  let chat: Awaited<ReturnType<typeof connectedChat>>;
  let psidCounter = 0;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    graph = await FakeGraph.start();
    built = await startFacebookApp(db, { graphBaseUrl: graph.url, apiVersion: 'v21.0', backoffMs: BACKOFF_MS, pollMs: 300 });
    chat = await connectedChat(db, 'Delivery');
    await built.chats.facebook.start();
  });
  afterEach(() => graph.reset());
  afterAll(async () => {
    await built.chats.facebook.stop();
    await graph.close();
    await db.drop();
  });

  /** A client message from a new Facebook user; the chat answers with the greeting and the fallback. */
  async function newConversation(chatId = chat.id) {
    psidCounter += 1;
    const psid = `80000000000${String(psidCounter).padStart(5, '0')}`;
    const { dialogId } = await built.chats.context.conversations.receive(
      { chatId, channel: 'facebook', externalId: psid }, { text: 'Есть в наличии?', externalId: `fb:m_delivery_${psid}` },
    );
    return { psid, dialogId };
  }
  const outgoing = (dialogId: string) => db.prisma.message.findMany({ where: { dialogId, authorType: { in: ['bot', 'operator'] } }, orderBy: { id: 'asc' } });
  const settled = (dialogId: string, count = 2) => waitFor(() => outgoing(dialogId), (rows) => rows.length === count && rows.every((m) => m.deliveryStatus !== 'pending'));

  it('sends the greeting and the answer to a webhook message through the Send API, in order', async () => {
    const body = fixture('raw-utf8');
    expect((await request(built.app).post(`/webhooks/facebook/${chat.publicKey}`).set('Content-Type', 'application/json')
      .set('X-Hub-Signature-256', sign(body)).send(body.toString('utf8'))).status).toBe(200);
    const dialogue = await db.prisma.dialog.findFirstOrThrow({ where: { client: { externalId: '7234567890123456' } } });
    const rows = await settled(dialogue.id);
    expect(rows.map((m) => [m.text, m.deliveryStatus, m.deliveryAttempts, m.deliveryError, m.nextDeliveryAt])).toEqual([
      ['Здравствуйте! Чем помочь?', 'sent', 1, null, null],
      ['Оператор скоро ответит.', 'sent', 1, null, null],
    ]);
    expect(graph.calls.map((c) => [c.method, c.path, c.authorization, c.body])).toEqual([
      ['POST', `/v21.0/${PAGE_ID}/messages`, `Bearer ${PAGE_TOKEN}`, { recipient: { id: '7234567890123456' }, messaging_type: 'RESPONSE', message: { text: 'Здравствуйте! Чем помочь?' } }],
      ['POST', `/v21.0/${PAGE_ID}/messages`, `Bearer ${PAGE_TOKEN}`, { recipient: { id: '7234567890123456' }, messaging_type: 'RESPONSE', message: { text: 'Оператор скоро ответит.' } }],
    ]);
  });

  it('retries a failing send with backoff until it is sent, holding the later message back', async () => {
    graph.failNext(2);
    const { psid, dialogId } = await newConversation();
    const rows = await settled(dialogId);
    expect(rows.map((m) => [m.deliveryStatus, m.deliveryAttempts, m.deliveryError])).toEqual([['sent', 3, null], ['sent', 1, null]]);
    const texts = graph.calls.map((c) => (c.body as { message: { text: string } }).message.text);
    expect(texts).toEqual(['Здравствуйте! Чем помочь?', 'Здравствуйте! Чем помочь?', 'Здравствуйте! Чем помочь?', 'Оператор скоро ответит.']);
    expect(graph.calls.every((c) => (c.body as { recipient: { id: string } }).recipient.id === psid)).toBe(true);
    // the waits grow: 40 ms, then 80 ms (timers may fire a little late, never early)
    expect(graph.calls[1].at - graph.calls[0].at).toBeGreaterThanOrEqual(BACKOFF_MS[0] - 5);
    expect(graph.calls[2].at - graph.calls[1].at).toBeGreaterThanOrEqual(BACKOFF_MS[1] - 5);
  });

  it('keeps the error on a message while it waits for its next attempt (a worker driven by hand, with its clock)', async () => {
    await built.chats.facebook.stop();
    try {
      const manual = new FacebookDeliveryWorker(db.prisma, db.sql, built.chats.context.conversations, TEST_SECRET, { graphBaseUrl: graph.url, backoffMs: [60_000] });
      const { dialogId } = await newConversation();
      graph.failNext(1, 503, { message: 'Service temporarily unavailable', code: 2, is_transient: true });
      expect(await manual.runOnce()).toBe(1); // the greeting only: the answer waits behind it
      const [greeting, answer] = await outgoing(dialogId);
      expect(greeting).toMatchObject({ deliveryStatus: 'pending', deliveryAttempts: 1, deliveryError: 'attempt 1: HTTP 503 (code 2): Service temporarily unavailable' });
      expect(greeting.nextDeliveryAt!.getTime()).toBeGreaterThan(Date.now() + 50_000);
      expect(answer).toMatchObject({ deliveryStatus: 'pending', deliveryAttempts: 0, deliveryError: null });
      expect(await manual.runOnce()).toBe(0);
      expect(await manual.runOnce(new Date(Date.now() + 61_000))).toBe(1);
      expect(await manual.runOnce()).toBe(1);
      expect((await outgoing(dialogId)).map((m) => [m.deliveryStatus, m.deliveryAttempts, m.deliveryError])).toEqual([['sent', 2, null], ['sent', 1, null]]);
      expect(graph.calls).toHaveLength(3);
    } finally {
      await built.chats.facebook.start();
    }
  });

  it('marks a permanent failure failed with the Graph error, visible on the message in the admin', async () => {
    graph.failAlways(400, OUTSIDE_WINDOW);
    const { dialogId } = await newConversation();
    const rows = await settled(dialogId);
    for (const row of rows) {
      expect(row).toMatchObject({
        deliveryStatus: 'failed', deliveryAttempts: 1, nextDeliveryAt: null,
        deliveryError: 'HTTP 400 (code 10/2018278): (#10) This message is sent outside of allowed window.',
      });
    }
    expect(graph.calls).toHaveLength(2);

    await createUser(db, 'viewer', 'fb-viewer@example.com');
    const agent = await loginAs(built.app, 'fb-viewer@example.com');
    const show = await agent.get(`/admin/api/resources/Message/records/${rows[0].id}/show`);
    expect(show.status).toBe(200);
    expect(show.body.record.params).toMatchObject({ deliveryStatus: 'failed', deliveryAttempts: 1, deliveryError: expect.stringContaining('outside of allowed window') });
    const list = await agent.get('/admin/api/resources/Message/actions/list').query({ 'filters.deliveryStatus': 'failed', 'filters.dialog': dialogId });
    expect(list.status).toBe(200);
    expect(list.body.records.map((r: { id: string }) => Number(r.id)).sort()).toEqual(rows.map((m) => m.id).sort());
    // and on the dialogue page, next to each message
    const page = await agent.get(`/admin/api/resources/Dialog/records/${dialogId}/chatsMessagesPage`);
    expect(page.body.messages.map((m: { authorType: string; deliveryStatus: string | null }) => [m.authorType, m.deliveryStatus])).toEqual([
      ['bot', 'failed'], ['client', null], ['bot', 'failed'],
    ]);
    expect(page.body.messages[0].deliveryError).toContain('outside of allowed window');
  });

  it('gives up after the last retry and says so', async () => {
    graph.failAlways(503, { message: 'Service temporarily unavailable', code: 2, is_transient: true });
    const { dialogId } = await newConversation();
    const [greeting, answer] = await settled(dialogId);
    expect(greeting).toMatchObject({ deliveryStatus: 'failed', deliveryAttempts: 4, deliveryError: 'gave up after 4 attempts: HTTP 503 (code 2): Service temporarily unavailable' });
    expect(answer).toMatchObject({ deliveryStatus: 'failed', deliveryAttempts: 4 });
    expect(graph.calls).toHaveLength(8);
  });

  it('sends an operator\'s reply, and leaves web dialogues alone', async () => {
    const { dialogId, psid } = await newConversation();
    await settled(dialogId);
    const operator = await createUser(db, 'operator', 'fb-operator@example.com');
    await built.chats.context.conversations.operatorReply({ dialogId, operatorId: operator.id, operatorName: 'Анна', text: 'Да, есть. Оформить заказ? 🙂' });
    const rows = await settled(dialogId, 3);
    expect(rows[2]).toMatchObject({ authorType: 'operator', deliveryStatus: 'sent', deliveryAttempts: 1 });
    expect(graph.calls.at(-1)?.body).toEqual({ recipient: { id: psid }, messaging_type: 'RESPONSE', message: { text: 'Да, есть. Оформить заказ? 🙂' } });

    const calls = graph.calls.length;
    const web = await built.chats.context.conversations.receive({ chatId: chat.id, channel: 'web', externalId: 'web-visitor-1' }, { text: 'hello' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await outgoing(web.dialogId)).map((m) => m.deliveryStatus)).toEqual([null, null]);
    expect(graph.calls).toHaveLength(calls);
  });

  it('fails the messages of a chat whose page was disconnected', async () => {
    const other = await connectedChat(db, 'Disconnected later');
    await built.chats.facebook.stop();
    const { dialogId } = await newConversation(other.id);
    await db.prisma.chat.update({ where: { id: other.id }, data: { fbPageId: null, fbPageTokenEnc: null, fbAppSecretEnc: null, fbVerifyToken: null, fbConnectedAt: null } });
    expect((await outgoing(dialogId)).map((m) => m.deliveryStatus)).toEqual(['pending', 'pending']);
    await built.chats.facebook.start(); // what was stored while stopped is picked up on start
    const rows = await settled(dialogId);
    expect(rows.map((m) => [m.deliveryStatus, m.deliveryError])).toEqual([
      ['failed', 'The chat is not connected to a Facebook page'], ['failed', 'The chat is not connected to a Facebook page'],
    ]);
    expect(graph.calls).toHaveLength(0);
  });
});
