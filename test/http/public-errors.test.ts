// Issue 8 point 13: the public routes (widget page, widget API, Facebook webhook) and the admin
// answer malformed addresses and unexpected faults themselves: JSON for the APIs, a plain page
// otherwise, never Express's HTML page with a stack trace and absolute paths, in any NODE_ENV.
import request from 'supertest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { createUser, loginAs, startTestApp } from '../support/http.js';
import type { BuiltApp } from '../../src/app/build-app.js';
import type { RecordingLogger } from '../support/logger.js';

const leaksInternals = (text: string) => /at .*\(|node_modules|\/work\/|<pre>|Error:/.test(text);

describeEachDatabase('error answers of the public routes', (kind) => {
  let db: TestDatabase;
  let built: BuiltApp;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    built = await startTestApp(db);
    await createUser(db, 'admin');
  });
  afterAll(() => db.drop());

  for (const env of ['development', 'production']) {
    it(`answers malformed addresses with a 400 of the route's kind, without a stack (${env})`, async () => {
      built.app.set('env', env);
      const page = await request(built.app).get('/widget/%E0%A4%A');
      expect([page.status, page.type]).toEqual([400, 'text/plain']);
      expect(leaksInternals(page.text)).toBe(false);

      const api = await request(built.app).post('/widget/api/%E0%A4%A/session').send({ clientId: 'client-0001' });
      expect([api.status, api.type, api.body.error]).toEqual([400, 'application/json', 'bad_url']);
      expect(leaksInternals(api.text)).toBe(false);

      for (const method of ['get', 'post'] as const) {
        const webhook = await request(built.app)[method]('/webhooks/facebook/%ff');
        expect([method, webhook.status, webhook.type]).toEqual([method, 400, 'text/plain']);
        expect(leaksInternals(webhook.text)).toBe(false);
      }

      // a key with NUL decodes, but no chat can have it: unknown, not a database error
      expect((await request(built.app).get('/widget/a%00b')).status).toBe(404);
      const nulKey = await request(built.app).post('/widget/api/a%00b/session').send({ clientId: 'client-0001' });
      expect([nulKey.status, nulKey.body.error]).toEqual([404, 'unknown_chat']);
      expect((await request(built.app).get('/webhooks/facebook/a%00b')).status).toBe(404);
      expect((await request(built.app).post('/webhooks/facebook/a%00b').set('X-Hub-Signature-256', `sha256=${'0'.repeat(64)}`).send('{}')).status).toBe(404);

      const admin = await loginAs(built.app, 'admin@example.com');
      for (const path of ['/admin/resources/%E0%A4%A', '/admin/api/resources/Chat/records/%E0%A4%A/show', '/admin/chats-reports/%ff/download']) {
        const response = await admin.get(path);
        expect([path, response.status]).toEqual([path, 400]);
        expect(leaksInternals(response.text)).toBe(false);
      }
      built.app.set('env', 'test');
    });
  }

  it('answers an unexpected fault with a logged 500 of the route\'s kind, without a stack', async () => {
    const chat = await db.prisma.chat.create({ data: { name: 'Broken', publicKey: 'key-broken-0001' } });
    built.app.set('env', 'development');
    // the database loses its chats table: every route's lookup fails
    await db.sql.exec('ALTER TABLE chats RENAME TO chats_gone');
    try {
      const page = await request(built.app).get(`/widget/${chat.publicKey}`);
      expect([page.status, page.type]).toEqual([500, 'text/plain']);
      expect(leaksInternals(page.text)).toBe(false);
      const api = await request(built.app).post(`/widget/api/${chat.publicKey}/session`).send({ clientId: 'client-0001' });
      expect([api.status, api.body.error]).toEqual([500, 'internal_error']);
      const webhook = await request(built.app).post(`/webhooks/facebook/${chat.publicKey}`).set('X-Hub-Signature-256', `sha256=${'0'.repeat(64)}`).send('{}');
      expect([webhook.status, webhook.type]).toEqual([500, 'text/plain']);
      expect(leaksInternals(webhook.text)).toBe(false);
      expect((built.chats.context.logger as RecordingLogger).messages('error').length).toBeGreaterThanOrEqual(3);
    } finally {
      await db.sql.exec('ALTER TABLE chats_gone RENAME TO chats');
      built.app.set('env', 'test');
    }
  });
});
