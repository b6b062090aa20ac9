// The widget's public endpoints through the real app: the chat window and its policy, sessions,
// messages (idempotent), page visits, the event stream's replay and live delivery, rate limits.
// Bad input on every endpoint: widget-bad-input.test.ts.
import express from 'express';
import request from 'supertest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../support/databases.js';
import { startTestApp } from '../../support/http.js';
import type { BuiltApp } from '../../../src/app/build-app.js';
import { publicRouter } from '../../../src/http/public-router.js';
import { closeDialog } from '../../../src/conversations/close-dialog.js';
import { GREETING, PRICE_ANSWER, SHOP_ORIGIN, createWidgetChats, listen, messagesOf, openStream, rowCounts } from './widget-fixture.js';

const KEY = 'pk-widget-flowers';
const api = (path: string) => `/widget/api/${KEY}${path}`;
let sequence = 0;
const newClientId = () => `client-${Date.now().toString(36)}-${(sequence += 1)}`;

describeEachDatabase('widget API', (kind) => {
  let db: TestDatabase;
  let built: BuiltApp;
  let server: Awaited<ReturnType<typeof listen>>;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await createWidgetChats(db);
    built = await startTestApp(db);
    server = await listen(built.app);
  });
  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  const session = async (clientId: string, create = true) => request(built.app).post(api('/session')).send({ clientId, create });
  const send = (body: Record<string, unknown>) => request(built.app).post(api('/messages')).set('Origin', 'http://chats.test').send(body);

  it('serves the chat window with frame-ancestors from the chat and no inline script', async () => {
    const res = await request(built.app).get(`/widget/${KEY}`).set('Accept-Language', 'de-DE,ru;q=0.8,en;q=0.5');
    expect(res.status).toBe(200);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain(`frame-ancestors 'self' ${SHOP_ORIGIN}`);
    expect(csp).toContain("script-src 'self'");
    expect(res.text).toContain('<html lang="ru">');
    expect(res.text).toContain('Введите сообщение');
    expect(res.text).not.toMatch(/<script>(?!<\/script>)/);
    expect((await request(built.app).get(`/widget/${KEY}`)).text).toContain('Type a message');
    const books = await request(built.app).get('/widget/pk-widget-books');
    expect(books.headers['content-security-policy']).toMatch(/frame-ancestors 'self'$/);
    expect((await request(built.app).get('/widget/nope')).status).toBe(404);
  });

  it('serves the loader and the window scripts, nothing else from the assets folder', async () => {
    const loader = await request(built.app).get('/widget.js');
    expect(loader.status).toBe(200);
    expect(loader.headers['content-type']).toMatch(/javascript/);
    expect(loader.text).toContain('window.chatsWidget');
    expect((await request(built.app).get('/widget/assets/chat.js')).status).toBe(200);
    expect((await request(built.app).get('/widget/assets/chat.css')).headers['content-type']).toMatch(/text\/css/);
    expect((await request(built.app).get('/widget/assets/loader.js')).status).toBe(404);
    expect((await request(built.app).get('/widget/assets/..%2fwidget-api.ts')).status).toBe(404);
  });

  it('starts a dialogue with the greeting, resumes it, and never starts one without create', async () => {
    const clientId = newClientId();
    const before = await rowCounts(db);
    const peek = await session(clientId, false);
    expect(peek.body).toEqual({ dialogId: null });
    expect(await rowCounts(db)).toEqual(before);

    const first = await session(clientId);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ created: true, status: 'active', waitingForOperator: false });
    expect(first.body.messages.map((m: { text: string }) => m.text)).toEqual([GREETING]);
    const again = await session(clientId);
    expect(again.status).toBe(200);
    expect(again.body.dialogId).toBe(first.body.dialogId);
    expect((await session(clientId, false)).body.dialogId).toBe(first.body.dialogId);
  });

  it('stores a message once however often it is retried, and answers with the bot', async () => {
    const clientId = newClientId();
    const { dialogId } = (await session(clientId)).body;
    const body = { dialogId, clientId, clientMessageId: 'm-1', text: 'What is the price?' };
    const first = await send(body);
    expect(first.status).toBe(201);
    expect(first.body.message).toMatchObject({ authorType: 'client', text: 'What is the price?', clientMessageId: 'm-1' });
    expect(first.body.replies.map((m: { text: string }) => m.text)).toEqual([PRICE_ANSWER]);
    const retries = await Promise.all([send(body), send(body), send(body)]);
    expect(retries.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(retries.every((r) => r.body.duplicate === true && r.body.message.id === first.body.message.id)).toBe(true);
    expect(await db.prisma.message.count({ where: { dialogId, authorType: 'client' } })).toBe(1);
    expect(await db.prisma.message.count({ where: { dialogId, authorType: 'bot' } })).toBe(2); // greeting + answer
    const markers = await db.prisma.dialogMarker.findMany({ where: { dialogId }, select: { marker: { select: { name: true } } } });
    expect(markers.map((m) => m.marker.name)).toEqual(['lead']);
  });

  it('refuses a closed dialogue with 409, but a retry of a message stored before is still 200', async () => {
    const clientId = newClientId();
    const { dialogId } = (await session(clientId)).body;
    expect((await send({ dialogId, clientId, clientMessageId: 'before', text: 'hello' })).status).toBe(201);
    await closeDialog(db.prisma, dialogId);
    const fresh = await send({ dialogId, clientId, clientMessageId: 'after', text: 'anyone?' });
    expect(fresh.status).toBe(409);
    expect(fresh.body.error).toBe('dialog_closed');
    expect((await send({ dialogId, clientId, clientMessageId: 'before', text: 'hello' })).status).toBe(200);
    const next = await session(clientId);
    expect(next.body.dialogId).not.toBe(dialogId);
  });

  it('records page visits on the allowed site, with a plausible client time', async () => {
    const clientId = newClientId();
    const { dialogId } = (await session(clientId)).body;
    const earlier = new Date(Date.now() - 60_000).toISOString();
    const visit = (body: Record<string, unknown>) => request(built.app).post(api('/visits')).send({ dialogId, clientId, ...body });
    expect((await visit({ url: `${SHOP_ORIGIN}/roses?color=red`, title: 'Roses', at: earlier })).status).toBe(201);
    expect((await visit({ url: `${SHOP_ORIGIN}/tulips`, title: 'Tulips', at: '2001-01-01T00:00:00Z' })).status).toBe(201);
    const visits = await db.prisma.pageVisit.findMany({ where: { dialogId }, orderBy: { id: 'asc' } });
    expect(visits.map((v) => [v.url, v.title])).toEqual([[`${SHOP_ORIGIN}/roses?color=red`, 'Roses'], [`${SHOP_ORIGIN}/tulips`, 'Tulips']]);
    expect(visits[0].visitedAt.toISOString()).toBe(earlier);
    // a time far in the past is the client's clock, not the visit: the server's time is used
    expect(Math.abs(visits[1].visitedAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('replays exactly the messages after `after`, then streams live ones', async () => {
    const clientId = newClientId();
    const { dialogId, messages } = (await session(clientId)).body;
    const ids: number[] = [messages[0].id];
    for (const [index, text] of ['one', 'two', 'three'].entries()) {
      ids.push((await send({ dialogId, clientId, clientMessageId: `r-${index}`, text })).body.message.id);
    }
    const stream = await openStream(`${server.url}${api('/events')}?dialogId=${dialogId}&clientId=${clientId}&after=${ids[1]}`);
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
      await stream.waitFor((e) => e.event === 'status');
      expect(messagesOf(stream.events).map((m) => m.text)).toEqual(['two', 'three']);
      expect(stream.events.filter((e) => e.event === 'message').map((e) => Number(e.id))).toEqual([ids[2], ids[3]]);
      await send({ dialogId, clientId, clientMessageId: 'live', text: 'what does it cost?' });
      await stream.waitFor((e) => e.event === 'message' && (e.data as { text: string }).text === PRICE_ANSWER);
      expect(messagesOf(stream.events).map((m) => m.text)).toEqual(['two', 'three', 'what does it cost?', PRICE_ANSWER]);
      expect(messagesOf(stream.events).find((m) => m.text === 'what does it cost?')).toMatchObject({ clientMessageId: 'live' });
    } finally {
      stream.close();
    }
    // the browser's own reconnect sends Last-Event-ID, which wins over an older `after`
    const resumed = await openStream(`${server.url}${api('/events')}?dialogId=${dialogId}&clientId=${clientId}&after=0`, { 'Last-Event-ID': String(ids[3]) });
    try {
      await resumed.waitFor((e) => e.event === 'status');
      expect(messagesOf(resumed.events).map((m) => m.text)).toEqual(['what does it cost?', PRICE_ANSWER]);
    } finally {
      resumed.close();
    }
  });

  it('rate-limits per client and per address with 429 and Retry-After, storing nothing refused', async () => {
    const limited = express();
    limited.use(publicRouter(built.chats.context, { widget: { rateLimits: { client: { burst: 3, perSecond: 0.01 }, ip: { burst: 6, perSecond: 0.01 }, maxKeys: 100 } } }));
    const clientId = newClientId();
    const { dialogId } = (await session(clientId)).body; // through the main app: not charged here
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await request(limited).post(api('/messages')).send({ dialogId, clientId, clientMessageId: `rl-${i}`, text: `flood ${i}` });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        expect(res.body.error).toBe('rate_limited');
      }
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    expect(await db.prisma.message.count({ where: { dialogId, authorType: 'client' } })).toBe(3);
    // other client ids from the same address: the address bucket (6) runs out after 1 more
    const before = await rowCounts(db);
    const others = [];
    for (let i = 0; i < 3; i += 1) others.push((await request(limited).post(api('/session')).send({ clientId: newClientId() })).status);
    expect(others.filter((status) => status === 429).length).toBe(2);
    expect((await rowCounts(db)).dialogs).toBe(before.dialogs + 1);
  });
});
