// Sessions that follow the account: a demoted, re-passworded or deleted user loses their other
// sessions at once; sessions end when idle and after an absolute lifetime; the last admin stays;
// no session exists before login and login gives a new session id.
import request from 'supertest';
import type supertest from 'supertest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { createUser, loginAs, startTestApp } from '../support/http.js';
import type { BuiltApp } from '../../src/app/build-app.js';

const LIST = '/admin/api/resources/Dialog/actions/list';
const EXPORT = '/admin/api/resources/Dialog/actions/chatsExport';
const userUrl = (id: number, action: string) => `/admin/api/resources/AdminUser/records/${id}/${action}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Logged in: the API answers; logged out: AdminJS' guard redirects to the login page. */
async function isLoggedIn(agent: supertest.Agent): Promise<boolean> {
  const response = await agent.get(LIST);
  if (response.status === 302 && response.headers.location === '/admin/login') return false;
  expect(response.status).toBe(200);
  return true;
}

const sessionCookie = (response: supertest.Response): string | undefined =>
  ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((cookie) => cookie.startsWith('chats_admin='))?.split(';')[0];

describeEachDatabase('sessions follow the account', (kind) => {
  let db: TestDatabase;
  let built: BuiltApp;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    built = await startTestApp(db);
    await createUser(db, 'admin');
  });
  afterAll(() => db.drop());

  it('ends a demoted operator\'s sessions: the export is refused at once', async () => {
    const operator = await createUser(db, 'operator', 'demoted@example.com');
    const agent = await loginAs(built.app, 'demoted@example.com');
    expect(await isLoggedIn(agent)).toBe(true);
    const admin = await loginAs(built.app, 'admin@example.com');
    expect((await admin.post(userUrl(operator.id, 'edit')).send({ role: 'viewer' })).status).toBe(200);
    expect((await agent.post(EXPORT).send({ timeZone: 'UTC' })).status).not.toBe(200);
    expect(await isLoggedIn(agent)).toBe(false);
    // logging in again gives the new role
    const again = await loginAs(built.app, 'demoted@example.com');
    expect((await again.post(EXPORT).send({ timeZone: 'UTC' })).status).toBe(403);
  });

  it('ends a deleted user\'s sessions, and removes their rows', async () => {
    const operator = await createUser(db, 'operator', 'deleted@example.com');
    const agent = await loginAs(built.app, 'deleted@example.com');
    expect(await isLoggedIn(agent)).toBe(true);
    const admin = await loginAs(built.app, 'admin@example.com');
    expect((await admin.post(userUrl(operator.id, 'delete'))).status).toBe(200);
    expect(await isLoggedIn(agent)).toBe(false);
    expect(await db.prisma.session.count({ where: { data: { path: ['adminUser', 'id'], equals: operator.id } } })).toBe(0);
  });

  it('ends the other sessions when a password changes, keeping the session that changed it', async () => {
    const second = await createUser(db, 'admin', 'second@example.com');
    const here = await loginAs(built.app, 'second@example.com');
    const elsewhere = await loginAs(built.app, 'second@example.com');
    expect((await here.post(userUrl(second.id, 'edit')).send({ password: 'a-new-password' })).status).toBe(200);
    expect(await isLoggedIn(here)).toBe(true);
    expect(await isLoggedIn(elsewhere)).toBe(false);
    await loginAs(built.app, 'second@example.com', 'a-new-password');
  });

  it('sees a role changed behind its back (in the database) on the next request', async () => {
    const user = await createUser(db, 'operator', 'sql-changed@example.com');
    const agent = await loginAs(built.app, 'sql-changed@example.com');
    expect(await isLoggedIn(agent)).toBe(true);
    await db.prisma.adminUser.update({ where: { id: user.id }, data: { role: 'viewer' } });
    built.chats.accounts!.forget(user.id); // otherwise within the few seconds' cache
    expect(await isLoggedIn(agent)).toBe(false);
  });

  it('keeps the last admin: neither demoted nor deleted, with a clear message', async () => {
    const lone = await createTestDatabase(kind);
    try {
      const app = (await startTestApp(lone)).app;
      const me = await createUser(lone, 'admin', 'only@example.com');
      const agent = await loginAs(app, 'only@example.com');
      const demote = await agent.post(userUrl(me.id, 'edit')).send({ role: 'viewer' });
      expect(demote.body.notice).toMatchObject({ type: 'error', message: 'This is the only admin: make another user an admin first.' });
      expect(demote.body.record.errors.role.message).toMatch(/only admin/);
      const remove = await agent.post(userUrl(me.id, 'delete'));
      expect(remove.body.notice).toMatchObject({ type: 'error', message: expect.stringMatching(/only admin/) });
      expect(await lone.prisma.adminUser.findUniqueOrThrow({ where: { id: me.id } })).toMatchObject({ role: 'admin' });
      // with a second admin, demoting oneself is fine
      await createUser(lone, 'admin', 'other@example.com');
      expect((await agent.post(userUrl(me.id, 'edit')).send({ role: 'viewer' })).body.notice?.type).not.toBe('error');
      expect((await lone.prisma.adminUser.findUniqueOrThrow({ where: { id: me.id } })).role).toBe('viewer');
    } finally {
      await lone.drop();
    }
  });

  it('stores no session for logged-out visitors, and still returns to the asked page after login', async () => {
    const before = await db.prisma.session.count();
    for (let i = 0; i < 20; i += 1) {
      const response = await request(built.app).get('/admin/resources/Dialog');
      expect(response.status).toBe(302);
      expect(sessionCookie(response)).toBeUndefined();
    }
    expect(await db.prisma.session.count()).toBe(before);
    const agent = request.agent(built.app);
    await agent.get('/admin/resources/Chat?page=2');
    const login = await agent.post('/admin/login').type('form').send({ email: 'admin@example.com', password: 'password123' });
    expect(login.headers.location).toBe('/admin/resources/Chat?page=2');
  });

  it('gives a new session id at login; the old one no longer works', async () => {
    const agent = request.agent(built.app);
    const first = await agent.post('/admin/login').type('form').send({ email: 'admin@example.com', password: 'password123' });
    const firstCookie = sessionCookie(first)!;
    const second = await agent.post('/admin/login').type('form').send({ email: 'admin@example.com', password: 'password123' });
    const secondCookie = sessionCookie(second)!;
    expect(secondCookie).toBeDefined();
    expect(secondCookie).not.toBe(firstCookie);
    const old = await request(built.app).get(LIST).set('Cookie', firstCookie);
    expect(old.status).toBe(302);
  });
});

describeEachDatabase('session lifetimes', (kind) => {
  let db: TestDatabase;
  afterEach(() => db.drop());

  // cookies expire on whole seconds: the lifetimes are a few seconds long
  it('ends a session left idle, and keeps one in use until its absolute lifetime', async () => {
    db = await createTestDatabase(kind);
    const built = await startTestApp(db, { sessions: { idleMs: 3000, absoluteMs: 7000 } });
    await createUser(db, 'admin');
    const idle = await loginAs(built.app, 'admin@example.com');
    const busy = await loginAs(built.app, 'admin@example.com');
    for (let i = 0; i < 4; i += 1) {
      await sleep(1500);
      expect(await isLoggedIn(busy)).toBe(true);
    }
    expect(await isLoggedIn(idle)).toBe(false);
    await sleep(1500);
    expect(await isLoggedIn(busy)).toBe(false);
  });
});
