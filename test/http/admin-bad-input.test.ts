// Bad input to the admin's routes is answered with a 4xx and a message, never a 500.
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { createUser, loginAs, startTestApp } from '../support/http.js';
import type { BuiltApp } from '../../src/app/build-app.js';

describeEachDatabase('bad input to the admin', (kind) => {
  let db: TestDatabase;
  let built: BuiltApp;
  let chatId: number;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    built = await startTestApp(db);
    await createUser(db, 'admin');
    chatId = (await db.prisma.chat.create({ data: { name: 'Shop', publicKey: 'shopkey' } })).id;
  });
  afterAll(() => db.drop());

  it('answers a malformed report id with 404', async () => {
    const admin = await loginAs(built.app, 'admin@example.com');
    for (const id of ['-'.repeat(36), 'abc', '%00', '99999999999999']) {
      const response = await admin.get(`/admin/chats-reports/${id}/download`);
      expect([id, response.status]).toEqual([id, 404]);
      expect(response.text).not.toMatch(/\n\s+at /);
    }
  });

  it('answers malformed JSON and multipart bodies on edit with 400', async () => {
    const admin = await loginAs(built.app, 'admin@example.com');
    const url = `/admin/api/resources/Chat/records/${chatId}/edit`;
    const json = await admin.post(url).set('Content-Type', 'application/json').send('{"name": ');
    expect(json.status).toBe(400);
    const multipart = await admin.post(url).set('Content-Type', 'multipart/form-data; boundary=xyz').send('--xyz\r\nContent-Disposition: form-data; name="name"\r\n\r\nbroken');
    expect(multipart.status).toBe(400);
    expect(multipart.text).not.toMatch(/\n\s+at /);
    expect((await db.prisma.chat.findUniqueOrThrow({ where: { id: chatId } })).name).toBe('Shop');
  });

  it('answers the export of a deleted user as logged out, not a 500', async () => {
    const operator = await createUser(db, 'operator', 'gone@example.com');
    const agent = await loginAs(built.app, 'gone@example.com');
    await db.prisma.adminUser.delete({ where: { id: operator.id } });
    built.chats.accounts!.forget(operator.id);
    const response = await agent.post('/admin/api/resources/Dialog/actions/chatsExport').send({ timeZone: 'UTC' });
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/admin/login');
  });
});
