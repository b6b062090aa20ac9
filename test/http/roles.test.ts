// Every role denial is enforced by the server, not only by hidden buttons: each row calls the real
// AdminJS API as a user of that role and checks both the refusal and that nothing changed.
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { createUser, loginAs, startTestApp } from '../support/http.js';
import type { BuiltApp } from '../../src/app/build-app.js';
import type { Role } from '../../src/domain/roles.js';

interface Denial { role: Role; what: string; method: 'get' | 'post'; path: (ids: Fixture) => string; body?: Record<string, string> }
interface Fixture { chatId: number; dialogId: string; userId: number }

const denials: Denial[] = [
  { role: 'operator', what: 'list admin users', method: 'get', path: () => '/admin/api/resources/AdminUser/actions/list' },
  { role: 'viewer', what: 'list admin users', method: 'get', path: () => '/admin/api/resources/AdminUser/actions/list' },
  { role: 'operator', what: 'create an admin user', method: 'post', path: () => '/admin/api/resources/AdminUser/actions/new', body: { email: 'x@example.com', password: 'long-enough', role: 'admin' } },
  { role: 'operator', what: 'promote itself', method: 'post', path: (f) => `/admin/api/resources/AdminUser/records/${f.userId}/edit`, body: { role: 'admin' } },
  { role: 'operator', what: 'create a chat', method: 'post', path: () => '/admin/api/resources/Chat/actions/new', body: { name: 'Sneaky' } },
  { role: 'viewer', what: 'create a chat', method: 'post', path: () => '/admin/api/resources/Chat/actions/new', body: { name: 'Sneaky' } },
  { role: 'operator', what: 'edit a chat', method: 'post', path: (f) => `/admin/api/resources/Chat/records/${f.chatId}/edit`, body: { name: 'Renamed' } },
  { role: 'viewer', what: 'edit a chat', method: 'post', path: (f) => `/admin/api/resources/Chat/records/${f.chatId}/edit`, body: { name: 'Renamed' } },
  { role: 'operator', what: 'delete a chat', method: 'post', path: (f) => `/admin/api/resources/Chat/records/${f.chatId}/delete` },
  { role: 'viewer', what: 'delete a chat', method: 'post', path: (f) => `/admin/api/resources/Chat/records/${f.chatId}/delete` },
  { role: 'operator', what: 'delete a dialogue', method: 'post', path: (f) => `/admin/api/resources/Dialog/records/${f.dialogId}/delete` },
  { role: 'viewer', what: 'delete a dialogue', method: 'post', path: (f) => `/admin/api/resources/Dialog/records/${f.dialogId}/delete` },
  { role: 'operator', what: 'create a marker', method: 'post', path: () => '/admin/api/resources/Marker/actions/new', body: { name: 'hack' } },
];

describeEachDatabase('role denials through the HTTP API', (kind) => {
  let db: TestDatabase;
  let built: BuiltApp;
  let fixture: Fixture;
  const snapshot = async () => ({
    users: await db.prisma.adminUser.findMany({ orderBy: { id: 'asc' } }),
    chats: await db.prisma.chat.findMany({ orderBy: { id: 'asc' } }),
    dialogs: await db.prisma.dialog.count(),
    markers: await db.prisma.marker.count(),
  });

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    built = await startTestApp(db);
    await createUser(db, 'admin');
    const operator = await createUser(db, 'operator');
    await createUser(db, 'viewer');
    const chat = await db.prisma.chat.create({ data: { name: 'Shop', publicKey: 'shopkey' } });
    const client = await db.prisma.client.create({ data: { chatId: chat.id, channel: 'web', externalId: 'c1' } });
    const dialog = await db.prisma.dialog.create({ data: { chatId: chat.id, clientId: client.id, channel: 'web' } });
    fixture = { chatId: chat.id, dialogId: dialog.id, userId: operator.id };
  });
  afterAll(() => db.drop());

  it.each(denials.map((d) => [d.role, d.what, d] as const))('%s may not %s', async (role, _what, denial) => {
    const agent = await loginAs(built.app, `${role}@example.com`);
    const before = await snapshot();
    const path = denial.path(fixture);
    const response = denial.method === 'get' ? await agent.get(path) : await agent.post(path).type('form').send(denial.body ?? {});
    expect(response.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('lets a viewer read chats, dialogues and messages', async () => {
    const agent = await loginAs(built.app, 'viewer@example.com');
    for (const resource of ['Chat', 'Dialog', 'Message']) {
      expect((await agent.get(`/admin/api/resources/${resource}/actions/list`)).status).toBe(200);
    }
  });
});

describeEachDatabase('secrets never reach the browser', (kind) => {
  let db: TestDatabase;
  let built: BuiltApp;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    built = await startTestApp(db);
    await createUser(db, 'admin');
    const operator = await createUser(db, 'operator');
    await createUser(db, 'viewer');
    const chat = await db.prisma.chat.create({ data: { name: 'Shop', publicKey: 'shopkey' } });
    const client = await db.prisma.client.create({ data: { chatId: chat.id, channel: 'web', externalId: 'c1' } });
    await db.prisma.dialog.create({ data: { chatId: chat.id, clientId: client.id, channel: 'web', operatorId: operator.id } });
  });
  afterAll(() => db.drop());

  it.each(['admin', 'operator', 'viewer'])('no password hash in any answer to %s', async (role) => {
    const agent = await loginAs(built.app, `${role}@example.com`);
    const answers = [
      await agent.get('/admin/api/resources/Dialog/actions/list'),
      await agent.get('/admin/api/resources/AdminUser/actions/search/op'),
      await agent.get('/admin/api/resources/AdminUser/actions/list'),
    ];
    for (const answer of answers) expect(answer.text).not.toMatch(/passwordHash|scrypt\$/);
    expect(answers[0].body.records[0].populated.operator.params.email).toBe('operator@example.com');
  });
});
