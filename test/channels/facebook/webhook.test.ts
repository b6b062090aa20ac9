// The Messenger webhook over HTTP on the real app: verification, signatures over the raw bytes of
// recorded payloads, idempotent storing of text messages, and everything that must store nothing.
import express from 'express';
import request from 'supertest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../support/databases.js';
import type { BuiltApp } from '../../../src/app/build-app.js';
import type { RecordingLogger } from '../../support/logger.js';
import { APP_SECRET, PSID_A, PSID_B, connectedChat, fixture, sign, startFacebookApp } from './support.js';

const URL_OF = (publicKey: string) => `/webhooks/facebook/${publicKey}`;
// Meta's mids are unique; tests that post one recording several times give it fresh ones.
const freshMids = (body: Buffer, tag: string) => Buffer.from(body.toString('utf8').replaceAll('"mid":"m_', `"mid":"m_${tag}`), 'utf8');

describeEachDatabase('Facebook webhook', (kind) => {
  let db: TestDatabase;
  let built: BuiltApp;
  let chat: Awaited<ReturnType<typeof connectedChat>>;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    // the worker is never started here: nothing is sent, queued messages stay pending
    built = await startFacebookApp(db, { graphBaseUrl: 'http://127.0.0.1:9' });
    chat = await connectedChat(db, 'Webhook', {
      botRules: [{ pattern: 'доставк, shipping', kind: 'keyword', answer: 'Доставка 2–3 дня 🚚', markers: ['delivery'], transfer: false }],
    });
  });
  afterAll(() => db.drop());

  const post = (publicKey: string, body: Buffer, signature: string | null = sign(body)) => {
    const req = request(built.app).post(URL_OF(publicKey)).set('Content-Type', 'application/json');
    // as a string: superagent would serialise a Buffer as JSON; the fixtures are UTF-8, so the bytes are the same
    const text = body.toString('utf8');
    if (!Buffer.from(text, 'utf8').equals(body)) throw new Error('not UTF-8');
    return (signature === null ? req : req.set('X-Hub-Signature-256', signature)).send(text);
  };
  const counts = async () => ({
    messages: await db.prisma.message.count(), dialogs: await db.prisma.dialog.count(), clients: await db.prisma.client.count(),
  });
  const dialogueOf = (psid: string) => db.prisma.dialog.findMany({
    where: { chatId: chat.id, client: { externalId: psid } },
    include: { messages: { orderBy: { id: 'asc' } }, markers: { include: { marker: true } } },
  });

  describe('verification (GET)', () => {
    const verify = (publicKey: string, query: Record<string, string>) => request(built.app).get(URL_OF(publicKey)).query(query);

    it('answers the challenge for the chat\'s verify token', async () => {
      const response = await verify(chat.publicKey, { 'hub.mode': 'subscribe', 'hub.verify_token': chat.verifyToken, 'hub.challenge': '1158201444' });
      expect(response.status).toBe(200);
      expect(response.text).toBe('1158201444');
      expect(response.headers['content-type']).toMatch(/^text\/plain/);
    });

    it('refuses a wrong token or mode with 403', async () => {
      for (const query of <Record<string, string>[]>[
        { 'hub.mode': 'subscribe', 'hub.verify_token': `${chat.verifyToken}x`, 'hub.challenge': '1' },
        { 'hub.mode': 'subscribe', 'hub.verify_token': '', 'hub.challenge': '1' },
        { 'hub.mode': 'unsubscribe', 'hub.verify_token': chat.verifyToken, 'hub.challenge': '1' },
        { 'hub.verify_token': chat.verifyToken, 'hub.challenge': '1' },
      ]) {
        const response = await verify(chat.publicKey, query);
        expect(response.status).toBe(403);
        expect(response.text).not.toContain('1158201444');
      }
    });

    it('answers 404 for an unknown chat key or a chat without a Facebook connection', async () => {
      const plain = await db.prisma.chat.create({ data: { name: 'Not connected', publicKey: 'fbnotconnected1' } });
      for (const key of ['no-such-chat', plain.publicKey]) {
        expect((await verify(key, { 'hub.mode': 'subscribe', 'hub.verify_token': chat.verifyToken, 'hub.challenge': '1' })).status).toBe(404);
      }
    });
  });

  describe('events (POST)', () => {
    it('stores the text messages of a batched payload in each sender\'s facebook dialogue, and queues the bot\'s answers', async () => {
      const body = fixture('messages');
      // what a JSON body parser would hand over is not what Meta signed
      expect(Buffer.from(JSON.stringify(JSON.parse(body.toString('utf8'))))).not.toEqual(body);
      expect((await post(chat.publicKey, Buffer.from(JSON.stringify(JSON.parse(body.toString('utf8')))), sign(body))).status).toBe(403);

      const response = await post(chat.publicKey, body);
      expect(response.status).toBe(200);
      expect(response.text).toBe('EVENT_RECEIVED');

      const [a] = await dialogueOf(PSID_A);
      expect(a).toMatchObject({ channel: 'facebook', status: 'active' });
      const lines = a.messages.map((m) => [m.authorType, m.text, m.deliveryStatus]);
      expect(lines).toEqual([
        ['bot', 'Здравствуйте! Чем помочь?', 'pending'],
        ['client', 'Привет! Есть доставка в Казань? 🚚', null],
        ['bot', 'Доставка 2–3 дня 🚚', 'pending'],
        ['client', 'Вот ссылка: https://shop.example/item?id=42 👍', null],
        ['bot', 'Оператор скоро ответит.', 'pending'],
      ]);
      const clientLines = a.messages.filter((m) => m.authorType === 'client');
      expect(clientLines.map((m) => m.externalId)).toEqual([
        'fb:m_sCKwOq1m2lqYHpV3Yt0ZtTqXbR9aVbq7Hn0Mx3kE6wCJy8gFnF0a9kq4VvF3c1dH5pP0sY6r2wKxX8lZ1A',
        'fb:m_Zx9PqL2oWc4nTb8rYd1ViK3uHa6eSj0gFm5Qo7Xl2NpRt4BsYw8Cz1Ea3Dv6Gk9Jh0Mi5Ln2Oq7Pr',
      ]);
      expect(clientLines.map((m) => m.sentAt.getTime())).toEqual([1764052799861, 1764052801402]);
      expect(a.messages.filter((m) => m.authorType === 'bot').every((m) => m.isPaid && m.deliveryAttempts === 0)).toBe(true);
      expect(a.markers.map((m) => m.marker.name)).toEqual(['delivery']);

      const [b] = await dialogueOf(PSID_B);
      expect(b.messages.map((m) => [m.authorType, m.text])).toEqual([
        ['bot', 'Здравствуйте! Чем помочь?'],
        ['client', 'Hello! How much is shipping to Berlin? 📦🇩🇪'],
        ['bot', 'Доставка 2–3 дня 🚚'],
      ]);
    });

    it('refuses a wrong signature with 403 and stores nothing', async () => {
      const body = freshMids(fixture('raw-utf8'), 'badsig');
      const before = await counts();
      const tampered = Buffer.from(body.toString('utf8').replace('сколько', 'СКОЛЬКО'), 'utf8');
      for (const [payload, signature] of [
        [body, sign(body, 'another-app-secret')],
        [tampered, sign(body)],
        [body, sign(body).replace(/.$/, (c) => (c === '0' ? '1' : '0'))],
        [body, `sha256=${'0'.repeat(64)}`],
      ] as const) {
        const response = await post(chat.publicKey, payload, signature);
        expect(response.status).toBe(403);
      }
      expect(await counts()).toEqual(before);
    });

    it('refuses a missing or malformed signature header with 401 and stores nothing', async () => {
      const body = freshMids(fixture('raw-utf8'), 'nosig');
      const before = await counts();
      const sha1 = `sha1=${'a'.repeat(40)}`;
      for (const signature of [null, '', sha1, 'sha256=', `sha256=${'z'.repeat(64)}`, `sha256=${'a'.repeat(63)}`, sign(body).slice(7)]) {
        expect((await post(chat.publicKey, body, signature)).status).toBe(401);
      }
      expect(await counts()).toEqual(before);
    });

    it('stores a redelivered message once, sequentially and concurrently', async () => {
      const body = fixture('raw-utf8');
      const psid = '7234567890123456';
      expect((await post(chat.publicKey, body)).status).toBe(200);
      const afterFirst = await counts();
      expect((await post(chat.publicKey, body)).status).toBe(200);
      expect(await counts()).toEqual(afterFirst);
      const [dialogue] = await dialogueOf(psid);
      expect(dialogue.messages.map((m) => m.authorType)).toEqual(['bot', 'client', 'bot']);
      expect(dialogue.messages[1].text).toBe('Здравствуйте 👋 сколько стоит доставка?');

      // a new client's first message delivered five times at once: one dialogue, one message
      const burst = freshMids(body, 'burst').toString('utf8').replaceAll('7234567890123456', '7345678901234567');
      const responses = await Promise.all(Array.from({ length: 5 }, () => post(chat.publicKey, Buffer.from(burst))));
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      const dialogues = await dialogueOf('7345678901234567');
      expect(dialogues).toHaveLength(1);
      // the racing requests may store the greeting after the client message: counted, not ordered
      expect(dialogues[0].messages.map((m) => m.authorType).sort()).toEqual(['bot', 'bot', 'client']);
    });

    it('does not open a new dialogue for a redelivery after the dialogue was closed', async () => {
      const body = freshMids(fixture('raw-utf8'), 'closed').toString('utf8').replaceAll('7234567890123456', '7456789012345678');
      expect((await post(chat.publicKey, Buffer.from(body))).status).toBe(200);
      const [dialogue] = await dialogueOf('7456789012345678');
      await built.chats.context.conversations.close(dialogue.id, 'operator');
      const before = await counts();
      expect((await post(chat.publicKey, Buffer.from(body))).status).toBe(200);
      expect(await counts()).toEqual(before);
    });

    it('acknowledges echoes, receipts, reactions and attachment-only messages and stores nothing', async () => {
      const before = await counts();
      for (const name of ['echo', 'receipts', 'attachment']) {
        const response = await post(chat.publicKey, fixture(name));
        expect(response.status).toBe(200);
      }
      expect(await counts()).toEqual(before);
    });

    it('ignores events of a page that is not the chat\'s, and non-page objects', async () => {
      const before = await counts();
      expect((await post(chat.publicKey, fixture('other-page'))).status).toBe(200);
      const instagram = Buffer.from(fixture('raw-utf8').toString('utf8').replace('"object":"page"', '"object":"instagram"'));
      expect((await post(chat.publicKey, instagram)).status).toBe(200);
      // the chat's page id in the entry but another page as the recipient
      const foreign = Buffer.from(freshMids(fixture('raw-utf8'), 'foreign').toString('utf8').replace('"recipient":{"id":"102938475610"}', '"recipient":{"id":"555000111222"}'));
      expect((await post(chat.publicKey, foreign)).status).toBe(200);
      expect(await counts()).toEqual(before);
    });

    it('stores a postback with the button title as the client\'s text', async () => {
      expect((await post(chat.publicKey, fixture('postback'))).status).toBe(200);
      const [dialogue] = await dialogueOf('7123456789012345');
      expect(dialogue.messages.map((m) => [m.authorType, m.text])).toEqual([
        ['bot', 'Здравствуйте! Чем помочь?'], ['client', 'Начать'], ['bot', 'Оператор скоро ответит.'],
      ]);
      expect(dialogue.messages[1].externalId).toBe('fb:m_PbA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v2W3x4Y5z6A7b8C9d0E1f2G3h4I5j6K7l8M9');
    });

    it('answers 404 for an unknown chat key or a disconnected chat, before looking at the body', async () => {
      const body = freshMids(fixture('raw-utf8'), 'unknown');
      const before = await counts();
      expect((await post('no-such-chat', body)).status).toBe(404);
      const other = await connectedChat(db, 'Disconnected');
      await db.prisma.chat.update({ where: { id: other.id }, data: { fbPageId: null, fbPageTokenEnc: null, fbAppSecretEnc: null, fbVerifyToken: null, fbConnectedAt: null } });
      expect((await post(other.publicKey, body)).status).toBe(404);
      expect(await counts()).toEqual(before);
    });

    it('answers 400 for a correctly signed body that is not JSON, and 413 for one over 1 MB', async () => {
      const before = await counts();
      const broken = Buffer.from('{"object":"page","entry":[{"id":"102938475610",', 'utf8');
      expect((await post(chat.publicKey, broken)).status).toBe(400);
      const big = Buffer.alloc(1024 * 1024 + 10, 0x20);
      expect((await post(chat.publicKey, big)).status).toBe(413);
      expect(await counts()).toEqual(before);
    });

    it('checks the signature over the bytes whatever the Content-Type says', async () => {
      const body = freshMids(fixture('raw-utf8'), 'ctype').toString('utf8').replaceAll('7234567890123456', '7567890123456789');
      const response = await request(built.app).post(URL_OF(chat.publicKey))
        .set('Content-Type', 'text/plain; charset=utf-8').set('X-Hub-Signature-256', sign(body, APP_SECRET)).send(body);
      expect(response.status).toBe(200);
      expect((await dialogueOf('7567890123456789'))[0].messages).toHaveLength(3);
    });
  });

  describe('in a host application', () => {
    it('is part of the public router', async () => {
      const host = express().use(built.chats.publicRouter());
      const response = await request(host).get(URL_OF(chat.publicKey)).query({ 'hub.mode': 'subscribe', 'hub.verify_token': chat.verifyToken, 'hub.challenge': '42' });
      expect(response.text).toBe('42');
    });

    it('says so, rather than answering 403, when a JSON body parser ran before it', async () => {
      const host = express().use(express.json()).use(built.chats.publicRouter());
      const body = freshMids(fixture('raw-utf8'), 'parsed');
      const response = await request(host).post(URL_OF(chat.publicKey)).set('Content-Type', 'application/json')
        .set('X-Hub-Signature-256', sign(body)).send(body.toString('utf8'));
      expect(response.status).toBe(500);
      expect((built.chats.context.logger as RecordingLogger).messages('error')).toContainEqual(expect.stringMatching(/mount the public router before any body parser/));
    });
  });
});
