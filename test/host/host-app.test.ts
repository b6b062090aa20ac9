// A host application that already has AdminJS, Express and Prisma adds the plugin exactly as the
// README's "Use in your AdminJS app" section says, and the chat screens work in it.
import express from 'express';
import request from 'supertest';
import AdminJS from 'adminjs';
import AdminJSExpress from '@adminjs/express';
import { createChatsAdmin, chatsPublicRouter } from '../../src/index.js';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';

describeEachDatabase('host application integration', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => { db = await createTestDatabase(kind); });
  afterAll(() => db.drop());

  it('mounts the chats screens in a host AdminJS app with its own login', async () => {
    const prisma = db.prisma;
    const app = express();
    const hostUser = { email: 'boss@host.example', role: 'admin' as const };

    // --- the README snippet, verbatim ---
    const chats = createChatsAdmin({ prisma, secret: 'host-secret-at-least-16-chars' });
    const admin = new AdminJS({ ...chats.adminOptions, resources: [...chats.resources] });
    app.use(admin.options.rootPath, AdminJSExpress.buildAuthenticatedRouter(admin, {
      authenticate: async (email, password) => (email === hostUser.email && password === 'pw' ? hostUser : null),
      cookiePassword: 'host-cookie-secret-at-least-32-characters',
    }, null, { resave: false, saveUninitialized: false }));
    app.use(chatsPublicRouter(chats));
    // --- end of snippet ---

    await prisma.chat.create({ data: { name: 'Host shop', publicKey: 'hostkey123' } });
    const agent = request.agent(app);
    const login = await agent.post('/admin/login').type('form').send({ email: hostUser.email, password: 'pw' });
    expect(login.status).toBe(302);
    const chatsList = await agent.get('/admin/api/resources/Chat/actions/list');
    expect(chatsList.status).toBe(200);
    expect(chatsList.body.records.map((r: { params: { name: string } }) => r.params.name)).toEqual(['Host shop']);
    const dialogs = await agent.get('/admin/api/resources/Dialog/actions/list');
    expect(dialogs.status).toBe(200);
    expect((await request(app).get('/widget/hostkey123')).status).toBe(200);
    expect((await request(app).get('/widget/nope')).status).toBe(404);
  });
});
