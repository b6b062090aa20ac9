// A host application that already has AdminJS, Express and Prisma adds the plugin exactly as the
// README's "Use in your AdminJS app" section says, and the chat screens work in it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import AdminJS from 'adminjs';
import AdminJSExpress from '@adminjs/express';
import { createChatsAdmin, PrismaSessionStore } from '../../src/index.js';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';

describeEachDatabase('host application integration', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => { db = await createTestDatabase(kind); });
  afterAll(() => db.drop());

  it('mounts the chats screens in a host AdminJS app with its own login', async () => {
    const prisma = db.prisma;
    const app = express();
    const hostUser = { email: 'boss@host.example', role: 'admin' as const };
    const authenticate = async (email: string, password: string) => (email === hostUser.email && password === 'pw' ? hostUser : null);

    // --- the README snippet, verbatim ---
    const secret = 'host-secret-at-least-32-characters-long';
    const reportsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'host-reports-'));
    const chats = createChatsAdmin({ prisma, sql: db.sql, secret, reports: { dir: reportsDir } });
    const admin = new AdminJS(chats.adminOptions());
    const router = AdminJSExpress.buildAuthenticatedRouter(admin, { authenticate, cookiePassword: secret }, null,
      { secret, resave: false, saveUninitialized: false, store: new PrismaSessionStore(prisma) });
    app.use(chats.publicRouter());
    app.use(admin.options.rootPath, chats.adminRouter(admin, router));
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
    const denied = await request(app).get('/admin/resources/Chat');
    expect(denied.headers.location).toBe('/admin/login');
    expect((await request(app).get('/widget/hostkey123')).status).toBe(200);
    expect((await request(app).get('/widget/nope')).status).toBe(404);
  });
});
