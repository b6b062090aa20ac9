import request from 'supertest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { createUser, loginAs, startTestApp } from '../support/http.js';
import type { BuiltApp } from '../../src/app/build-app.js';

describeEachDatabase('login', (kind) => {
  let db: TestDatabase;
  let built: BuiltApp;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    built = await startTestApp(db);
    await createUser(db, 'admin');
  });
  afterAll(() => db.drop());

  it('refuses the API without a session', async () => {
    const response = await request(built.app).get('/admin/api/resources/Chat/actions/list');
    expect(response.status).toBe(302);
    expect(response.headers.location).toContain('/admin/login');
  });

  it('refuses a wrong password', async () => {
    const response = await request(built.app).post('/admin/login').type('form').send({ email: 'admin@example.com', password: 'wrong' });
    expect(response.text).toContain('invalidCredentials');
  });

  it('logs in and lists chats, with the session stored in the database', async () => {
    const agent = await loginAs(built.app, 'admin@example.com');
    const response = await agent.get('/admin/api/resources/Chat/actions/list');
    expect(response.status).toBe(200);
    expect(response.body.meta.total).toBe(0);
    expect(await db.prisma.session.count()).toBeGreaterThan(0);
  });
});
