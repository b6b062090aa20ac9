// Issue 8 point 14: open live streams are capped per signed-in user and per address (the admin's
// dialogue stream and the widget's), and the widget takes the longest allowed message however
// its JSON is written.
import http from 'node:http';
import request from 'supertest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { PASSWORD, createUser, startTestApp } from '../support/http.js';
import type { BuiltApp } from '../../src/app/build-app.js';
import { createWidgetChats, listen } from '../channels/web/widget-fixture.js';

interface Opened { status: number; retryAfter?: string; close(): void }

/** Opens a stream and resolves on its status line; the connection stays open until close(). */
function open(url: string, headers: Record<string, string> = {}): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined, close: () => req.destroy() });
    });
    req.on('error', reject);
  });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describeEachDatabase('limits', (kind) => {
  let db: TestDatabase;
  let built: BuiltApp;
  let server: Awaited<ReturnType<typeof listen>>;
  let chatId: number;
  const streams: Opened[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    built = await startTestApp(db);
    chatId = (await createWidgetChats(db)).chat.id;
    server = await listen(built.app);
  });
  afterEach(() => streams.splice(0).forEach((stream) => stream.close()));
  afterAll(async () => {
    await server.close();
    await db.drop();
  });

  const cookieOf = async (email: string) => {
    const login = await request(built.app).post('/admin/login').type('form').send({ email, password: PASSWORD });
    return String(login.headers['set-cookie']).split(';')[0];
  };
  const watch = async (dialogId: string, cookie: string) => {
    const stream = await open(`${server.url}/admin/chats-live/dialogs/${dialogId}/events`, { cookie });
    streams.push(stream);
    return stream;
  };

  it('caps the admin dialogue streams of one user (10) and of one address (30), with 429 and Retry-After', async () => {
    const client = await db.prisma.client.create({ data: { chatId, channel: 'web', externalId: 'client-watched-01' } });
    const dialog = await db.prisma.dialog.create({ data: { chatId, clientId: client.id, channel: 'web' } });
    const viewers = [];
    for (let n = 0; n < 4; n += 1) viewers.push(await cookieOf((await createUser(db, 'viewer', `viewer${n}@example.com`)).email));

    const first = [];
    for (let n = 0; n < 10; n += 1) first.push((await watch(dialog.id, viewers[0])).status);
    expect(first).toEqual(Array(10).fill(200));
    const over = await watch(dialog.id, viewers[0]);
    expect([over.status, over.retryAfter]).toEqual([429, '10']);
    // a closed stream frees its slot
    streams[0].close();
    await settle();
    expect((await watch(dialog.id, viewers[0])).status).toBe(200);

    for (const viewer of viewers.slice(1, 3)) for (let n = 0; n < 10; n += 1) expect((await watch(dialog.id, viewer)).status).toBe(200);
    // 30 open from this address: a fourth user is refused too
    expect((await watch(dialog.id, viewers[3])).status).toBe(429);
  });

  it('caps the widget event streams of one address (30) over any number of client ids and dialogues', async () => {
    const key = 'pk-widget-books';
    const dialogues: { clientId: string; dialogId: string }[] = [];
    for (let n = 0; n < 7; n += 1) {
      const clientId = `client-minted-${String(n).padStart(4, '0')}`;
      dialogues.push({ clientId, dialogId: (await request(built.app).post(`/widget/api/${key}/session`).send({ clientId })).body.dialogId });
    }
    const statuses: number[] = [];
    for (let n = 0; n < 31; n += 1) {
      const { clientId, dialogId } = dialogues[Math.floor(n / 5)];
      const stream = await open(`${server.url}/widget/api/${key}/events?dialogId=${dialogId}&clientId=${clientId}&after=0`);
      streams.push(stream);
      statuses.push(stream.status);
    }
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(200));
    expect(statuses[30]).toBe(429);
  });

  it('takes a message of 2,000 emoji written as \\u-escaped JSON (24 KB)', async () => {
    const clientId = 'client-emoji-0001';
    const { dialogId } = (await request(built.app).post('/widget/api/pk-widget-flowers/session').send({ clientId })).body;
    const text = '😀'.repeat(2000);
    const body = JSON.stringify({ dialogId, clientId, clientMessageId: 'emoji', text }).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    expect(Buffer.byteLength(body)).toBeGreaterThan(24_000);
    const response = await request(built.app).post('/widget/api/pk-widget-flowers/messages').set('Content-Type', 'application/json').send(body);
    expect(response.status).toBe(201);
    expect(response.body.message.text).toBe(text);
    const tooLong = JSON.stringify({ dialogId, clientId, clientMessageId: 'emoji2', text: `${text}😀` });
    expect((await request(built.app).post('/widget/api/pk-widget-flowers/messages').set('Content-Type', 'application/json').send(tooLong)).body.error).toBe('message_too_long');
  });
});
