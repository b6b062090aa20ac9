// A host with its own users (string ids, its own levels) uses the chats without adopting the
// plugin's AdminUser: `users.fromCurrentAdmin` maps its signed-in user to a role; the people who
// take dialogues, reply and ask for reports are recorded as operators keyed by the host's id,
// created on first use and kept in step with the host's names.
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import session from 'express-session';
import request from 'supertest';
import AdminJS from 'adminjs';
import AdminJSExpress from '@adminjs/express';
import { createChatsAdmin, type ChatsAdmin } from '../../src/index.js';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';

interface HostUser { uuid: string; login: string; displayName: string; level: 'boss' | 'agent' | 'intern' | 'guest' }

const HOST_USERS: HostUser[] = [
  { uuid: '7d1e2c3a-boss', login: 'boss', displayName: 'Bea Boss', level: 'boss' },
  { uuid: '9f00aa11-agent', login: 'agent', displayName: 'Ann Agent', level: 'agent' },
  { uuid: '5c5c5c5c-intern', login: 'intern', displayName: 'Ian Intern', level: 'intern' },
  { uuid: '00000000-guest', login: 'guest', displayName: 'Gus Guest', level: 'guest' },
];
const ROLE_OF = { boss: 'admin', agent: 'operator', intern: 'viewer' } as const;

describeEachDatabase('a host with its own users', (kind) => {
  let db: TestDatabase;
  let chats: ChatsAdmin;
  let app: express.Express;
  let chatId: number;
  const secret = 'host-secret-at-least-32-characters-long';

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    chats = createChatsAdmin({
      prisma: db.prisma,
      sql: db.sql,
      secret,
      reports: { dir: fs.mkdtempSync(path.join(os.tmpdir(), 'host-users-reports-')) },
      users: {
        fromCurrentAdmin: (admin) => {
          const level = admin.level as HostUser['level'];
          return level in ROLE_OF ? { id: String(admin.uuid), role: ROLE_OF[level as keyof typeof ROLE_OF], name: String(admin.displayName) } : null;
        },
      },
    });
    const admin = new AdminJS(chats.adminOptions({ branding: { companyName: 'Host Inc.' } }));
    // the host's login: its own users, its own session store
    const authenticate = async (login: string, password: string) => (password === 'pw' ? HOST_USERS.find((user) => user.login === login) ?? null : null);
    const router = AdminJSExpress.buildAuthenticatedRouter(admin, { authenticate, cookiePassword: secret }, null,
      { secret, resave: false, saveUninitialized: false, store: new session.MemoryStore() });
    app = express();
    app.use(chats.publicRouter());
    app.use(admin.options.rootPath, chats.adminRouter(admin, router));
    chatId = (await db.prisma.chat.create({
      data: { name: 'Host shop', publicKey: 'host-key-1', botRules: [{ pattern: 'human', answer: 'One moment', transfer: true }] },
    })).id;
  });
  afterAll(() => db.drop());

  const login = async (name: string) => {
    const agent = request.agent(app);
    const response = await agent.post('/admin/login').type('form').send({ email: name, password: 'pw' });
    expect(response.status).toBe(302);
    return agent;
  };
  const waitingDialog = async (client: string) => {
    const { dialogId } = await chats.context.conversations.resume({ chatId, channel: 'web', externalId: client });
    await chats.context.conversations.clientMessage({ dialogId, text: 'a human please' });
    return dialogId;
  };

  it('adds no AdminUser resource and keeps the host branding', async () => {
    const agent = await login('boss');
    const resources = (await agent.get('/admin/api/resources/Chat/actions/list')).status;
    expect(resources).toBe(200);
    expect((await agent.get('/admin/api/resources/AdminUser/actions/list')).status).toBe(404);
    const loginPage = (await request(app).get('/admin/login')).text;
    expect(loginPage).toContain('<title>Host Inc.</title>');
    expect(loginPage).not.toContain('Chats on your websites'); // the standalone app's login texts stay out
  });

  it('records the host user as the operator of the dialogue they take and answer, under their id and name', async () => {
    const dialogId = await waitingDialog('visitor-a');
    const agent = await login('agent');
    expect(await db.prisma.operator.count({ where: { userKey: '9f00aa11-agent' } })).toBe(0); // nothing before first use
    const take = await agent.post(`/admin/api/resources/Dialog/records/${dialogId}/chatsTake`).send({});
    expect(take.status).toBe(200);
    const reply = await agent.post(`/admin/api/resources/Dialog/records/${dialogId}/chatsReply`).send({ text: 'Ann here' });
    expect(reply.status).toBe(200);

    const operator = await db.prisma.operator.findUniqueOrThrow({ where: { userKey: '9f00aa11-agent' } });
    expect(operator.name).toBe('Ann Agent');
    const dialog = await db.prisma.dialog.findUniqueOrThrow({ where: { id: dialogId } });
    expect(dialog.operatorId).toBe(operator.id);
    const message = await db.prisma.message.findFirstOrThrow({ where: { dialogId, authorType: 'operator' } });
    expect(message.operatorId).toBe(operator.id);
    // the dialogue is theirs now: no "Take" for them, but for another operator
    const show = await agent.get(`/admin/api/resources/Dialog/records/${dialogId}/show`);
    expect(show.body.record.recordActions.map((action: { name: string }) => action.name)).not.toContain('chatsTake');
    const boss = await login('boss');
    const bossShow = await boss.get(`/admin/api/resources/Dialog/records/${dialogId}/show`);
    expect(bossShow.body.record.recordActions.map((action: { name: string }) => action.name)).toContain('chatsTake');
    // the list's Operator filter finds them by the host's name
    const filtered = await boss.get('/admin/api/resources/Dialog/actions/list').query({ 'filters.operator': operator.id });
    expect(filtered.body.records.map((record: { id: string }) => record.id)).toEqual([dialogId]);
    const search = await boss.get('/admin/api/resources/Operator/search/Ann');
    expect(search.body.records.map((record: { title: string }) => record.title)).toEqual(['Ann Agent']);
  });

  it('maps roles: the intern reads but may not act, the guest (no role) gets nothing', async () => {
    const dialogId = await waitingDialog('visitor-b');
    const intern = await login('intern');
    expect((await intern.get('/admin/api/resources/Dialog/actions/list')).status).toBe(200);
    expect((await intern.post(`/admin/api/resources/Dialog/records/${dialogId}/chatsReply`).send({ text: 'hi' })).status).toBe(403);
    const guest = await login('guest');
    expect((await guest.get('/admin/api/resources/Dialog/actions/list')).status).toBe(403);
    expect((await guest.get(`/admin/api/resources/Dialog/records/${dialogId}/show`)).status).toBe(403);
    expect(await db.prisma.message.count({ where: { dialogId, authorType: 'operator' } })).toBe(0);
  });

  it('keeps a report job under the host user who asked for it, and shows it only to them and admins', async () => {
    await waitingDialog('visitor-c');
    const agent = await login('agent');
    const asked = await agent.post('/admin/api/resources/Dialog/actions/chatsExport').send({ type: 'all_sessions', query: '', timeZone: 'UTC' });
    expect(asked.status).toBe(200);
    const jobId = asked.body.job.id as string;
    expect(asked.body.job.createdBy).toBe('Ann Agent');
    const mine = await agent.get('/admin/api/pages/chatsReports');
    expect(mine.body.jobs.map((job: { id: string }) => job.id)).toContain(jobId);
    const intern = await login('intern');
    expect((await intern.get('/admin/api/pages/chatsReports')).body.jobs ?? []).toEqual([]);
    expect((await intern.get('/admin/api/pages/chatsReports').query({ id: jobId })).status).toBe(404);
    const boss = await login('boss');
    expect((await boss.get('/admin/api/pages/chatsReports')).body.jobs.map((job: { id: string }) => job.id)).toContain(jobId);
  });

  it('follows a renamed host user on their next action', async () => {
    const dialogId = await waitingDialog('visitor-d');
    const renamed = createChatsAdmin({
      prisma: db.prisma, sql: db.sql, secret, reports: { dir: fs.mkdtempSync(path.join(os.tmpdir(), 'host-users-reports-')) },
      users: { fromCurrentAdmin: (admin) => ({ id: String(admin.uuid), role: 'operator', name: 'Ann Married-Name' }) },
    });
    const user = renamed.context.users.current({ uuid: '9f00aa11-agent' });
    expect(user).not.toBeNull();
    const profile = await renamed.context.users.operatorOf(user!);
    await renamed.context.conversations.operatorReply({ dialogId, operatorId: profile.id, operatorName: profile.name, text: 'still me' });
    const rows = await db.prisma.operator.findMany({ where: { userKey: '9f00aa11-agent' } });
    expect(rows).toHaveLength(1);
    expect(rows[0].name).toBe('Ann Married-Name');
  });
});
