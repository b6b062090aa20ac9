// Issue 8 point 9: links printed for users (the report's dialogue links, the frame code, the
// webhook URL) come from PUBLIC_URL or the host the request was sent to, never from a parameter
// the requester chooses.
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { createUser, loginAs, startTestApp } from '../support/http.js';
import type { BuiltApp } from '../../src/app/build-app.js';

const EXPORT = '/admin/api/resources/Dialog/actions/chatsExport';
const EVIL = 'https://evil.example';

describeEachDatabase('links printed for users', (kind) => {
  let db: TestDatabase;
  let built: BuiltApp;
  let chatId: number;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    built = await startTestApp(db, { publicUrl: null });
    await createUser(db, 'operator');
    chatId = (await db.prisma.chat.create({ data: { name: 'Shop', publicKey: 'key-shop-links' } })).id;
  });
  afterAll(() => db.drop());

  it("an export asked with ?origin=<another host> links the dialogues on the request's own host", async () => {
    const operator = await loginAs(built.app, 'operator@example.com');
    const response = await operator.post(EXPORT).query({ origin: EVIL }).set('Host', 'chats.internal:3000')
      .send({ type: 'all_sessions', withTime: false, timeZone: 'UTC' });
    expect(response.status).toBe(200);
    const job = await db.prisma.reportJob.findUniqueOrThrow({ where: { id: response.body.job.id } });
    expect(job.dialogUrlBase).toBe('http://chats.internal:3000/admin/resources/Dialog/records');
  });

  it('the frame code, too, is for the host the admin is on, whatever ?origin says', async () => {
    const operator = await loginAs(built.app, 'operator@example.com');
    const response = await operator.get(`/admin/api/resources/Chat/records/${chatId}/chatsFrameCode`).query({ origin: EVIL }).set('Host', 'chats.internal:3000');
    expect(response.status).toBe(200);
    expect(response.body.frameCode.widgetUrl).toBe('http://chats.internal:3000/widget/key-shop-links');
    expect(JSON.stringify(response.body)).not.toContain('evil.example');
  });

  it('follows a trusted proxy: the forwarded protocol and host', async () => {
    const operator = await loginAs(built.app, 'operator@example.com');
    // the test client connects from 127.0.0.1, a proxy the app trusts ("trust proxy": loopback)
    const response = await operator.post(EXPORT).query({ origin: EVIL })
      .set('X-Forwarded-Proto', 'https').set('X-Forwarded-Host', 'chats.example.com')
      .send({ type: 'all_sessions', withTime: false, timeZone: 'UTC' });
    const job = await db.prisma.reportJob.findUniqueOrThrow({ where: { id: response.body.job.id } });
    expect(job.dialogUrlBase).toBe('https://chats.example.com/admin/resources/Dialog/records');
  });
});
