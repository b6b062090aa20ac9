// Issue 8 point 10: a signed Messenger delivery whose texts hold what PostgreSQL cannot store (NUL,
// a lone surrogate) must not answer 500 forever: Meta redelivers the batch, so every later message
// would be lost. What can be stored is stored (the text cleaned), the answer is 200, and later
// deliveries keep working.
import request from 'supertest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../support/databases.js';
import type { BuiltApp } from '../../../src/app/build-app.js';
import { PAGE_ID, PSID_A, connectedChat, sign, startFacebookApp } from './support.js';

/** A Messenger payload as Meta writes it: non-ASCII characters as \u escapes (lone surrogates too). */
function payload(items: { mid: string; text: string; psid?: string }[]): string {
  const messaging = items.map(({ mid, text, psid }, index) => ({
    sender: { id: psid ?? PSID_A }, recipient: { id: PAGE_ID }, timestamp: 1764052800000 + index, message: { mid, text },
  }));
  return JSON.stringify({ object: 'page', entry: [{ id: PAGE_ID, time: 1764052800000, messaging }] }).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

describeEachDatabase('a poisoned Facebook batch', (kind) => {
  let db: TestDatabase;
  let built: BuiltApp;
  let chat: Awaited<ReturnType<typeof connectedChat>>;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    built = await startFacebookApp(db, { graphBaseUrl: 'http://127.0.0.1:9' });
    chat = await connectedChat(db, 'Poisoned', { greeting: null, fallbackAnswer: null });
  });
  afterAll(() => db.drop());

  const post = (body: string) => request(built.app).post(`/webhooks/facebook/${chat.publicKey}`)
    .set('Content-Type', 'application/json').set('X-Hub-Signature-256', sign(body)).send(body);
  const clientTexts = async () => (await db.prisma.message.findMany({ where: { authorType: 'client', dialog: { chatId: chat.id } }, orderBy: { id: 'asc' } }))
    .map((m) => [m.externalId, m.text]);

  it('[A, NUL, C] posted three times: A and C stored once each, the middle one cleaned, 200 every time', async () => {
    const body = payload([{ mid: 'm_A', text: 'first' }, { mid: 'm_NUL', text: 'bad\u0000text' }, { mid: 'm_C', text: 'third' }]);
    for (let delivery = 0; delivery < 3; delivery += 1) {
      const response = await post(body);
      expect([delivery, response.status]).toEqual([delivery, 200]);
    }
    const texts = await clientTexts();
    expect(texts.filter(([id]) => id === 'fb:m_A')).toEqual([['fb:m_A', 'first']]);
    expect(texts.filter(([id]) => id === 'fb:m_C')).toEqual([['fb:m_C', 'third']]);
    expect(texts.filter(([id]) => id === 'fb:m_NUL')).toEqual([['fb:m_NUL', 'bad\uFFFDtext']]);
  });

  it('cleans lone surrogates in texts, and in mids and sender ids, and keeps the later messages flowing', async () => {
    const body = payload([
      { mid: 'm_high', text: 'broken \ud83d emoji' },
      { mid: 'm_low\udc00', text: 'odd mid' },
      { mid: 'm_psid', text: 'odd sender', psid: 'psid\u0000' },
      { mid: 'm_after', text: 'fine 🚚' },
    ]);
    expect((await post(body)).status).toBe(200);
    expect((await post(body)).status).toBe(200);
    const texts = await clientTexts();
    expect(texts).toContainEqual(['fb:m_high', 'broken \uFFFD emoji']);
    expect(texts.filter(([, text]) => text === 'odd mid')).toHaveLength(1);
    expect(texts).toContainEqual(['fb:m_after', 'fine 🚚']);
    const later = payload([{ mid: 'm_later', text: 'still here' }]);
    expect((await post(later)).status).toBe(200);
    expect(await clientTexts()).toContainEqual(['fb:m_later', 'still here']);
  });
});
