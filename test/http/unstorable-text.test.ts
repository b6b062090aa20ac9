// Issue 8 point 11 on the admin side: a NUL or a lone surrogate in any text input (login e-mail,
// the plugin's forms, searches and filters of its resources) is answered with a clear 4xx and
// nothing is stored, instead of a database error.
import request from 'supertest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { createUser, loginAs, startTestApp } from '../support/http.js';
import type { BuiltApp } from '../../src/app/build-app.js';

const BAD = ['nul\u0000inside', 'half \ud83d emoji'];

describeEachDatabase('unstorable text in admin inputs', (kind) => {
  let db: TestDatabase;
  let built: BuiltApp;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    built = await startTestApp(db);
    await createUser(db, 'admin');
  });
  afterAll(() => db.drop());

  it('a login e-mail or password with NUL or a lone surrogate is a failed login, not a database error', async () => {
    for (const text of BAD) {
      for (const fields of [{ email: `${text}@example.com`, password: 'password123' }, { email: 'admin@example.com', password: text }]) {
        const response = await request(built.app).post('/admin/login').type('form').send(fields);
        expect(response.status).toBe(200);
        expect(response.text).toContain('invalidCredentials');
      }
    }
    expect(await db.prisma.session.count()).toBe(0);
  });

  it('the forms of every plugin resource refuse such text with a 400 naming the problem, storing nothing', async () => {
    const admin = await loginAs(built.app, 'admin@example.com');
    const chat = await db.prisma.chat.create({ data: { name: 'Clean', publicKey: 'key-clean-0001' } });
    const client = await db.prisma.client.create({ data: { chatId: chat.id, channel: 'web', externalId: 'client-clean-0001' } });
    const dialog = await db.prisma.dialog.create({ data: { chatId: chat.id, clientId: client.id, channel: 'web' } });
    const before = { chats: await db.prisma.chat.count(), markers: await db.prisma.marker.count(), users: await db.prisma.adminUser.count() };
    for (const text of BAD) {
      for (const [path, fields] of [
        ['/admin/api/resources/Chat/actions/new', { name: text }],
        [`/admin/api/resources/Chat/records/${chat.id}/edit`, { name: 'Clean', greeting: text }],
        ['/admin/api/resources/Marker/actions/new', { name: text }],
        [`/admin/api/resources/Dialog/records/${dialog.id}/chatsReply`, { text }],
        ['/admin/api/resources/AdminUser/actions/new', { email: 'new@example.com', name: text, password: 'password123', role: 'viewer' }],
      ] as const) {
        // JSON can carry a lone surrogate (as "\ud83d"); a form field carries NUL as %00
        const response = await admin.post(path).send(fields);
        expect([path, response.status]).toEqual([path, 400]);
        expect(response.body.error).toMatch(/cannot be stored/);
      }
    }
    // a URL carries NUL as %00; a lone surrogate has no UTF-8 form, so it cannot arrive in one
    for (const path of ['/admin/api/resources/Chat/actions/list', '/admin/api/resources/Message/actions/list', '/admin/api/resources/Client/actions/list']) {
      const response = await admin.get(path).query({ 'filters.name': BAD[0], 'filters.text': BAD[0], 'filters.externalId': BAD[0] });
      expect([path, response.status]).toEqual([path, 400]);
    }
    expect((await admin.get(`/admin/api/resources/Chat/search/${encodeURIComponent(BAD[0])}`)).status).toBe(400);
    expect({ chats: await db.prisma.chat.count(), markers: await db.prisma.marker.count(), users: await db.prisma.adminUser.count() }).toEqual(before);
    expect((await db.prisma.chat.findUniqueOrThrow({ where: { id: chat.id } })).greeting).toBeNull();
    expect(await db.prisma.message.count({ where: { dialogId: dialog.id } })).toBe(0);
  });
});
