// The health routes and draining, in one process: /healthz is alive whatever the database does,
// /readyz is ready until the instance drains (SIGTERM), and draining ends event streams with a
// short retry hint so that browsers reconnect to another instance.
import request from 'supertest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { createUser, PASSWORD, startTestApp } from '../support/http.js';
import type { BuiltApp } from '../../src/app/build-app.js';
import http from 'node:http';
import { listen } from '../channels/web/widget-fixture.js';
import { checkReadiness } from '../../src/http/health-router.js';
import { Lifecycle } from '../../src/lifecycle.js';

describeEachDatabase('health and draining', (kind) => {
  let db: TestDatabase;
  let built: BuiltApp;
  beforeEach(async () => {
    db = await createTestDatabase(kind);
    built = await startTestApp(db);
  });
  afterEach(() => db?.drop());

  it('is alive and ready, then not ready while draining', async () => {
    expect((await request(built.app).get('/healthz')).body).toEqual({ status: 'alive' });
    expect((await request(built.app).get('/readyz')).body).toEqual({ status: 'ready' });
    built.chats.drain();
    const drained = await request(built.app).get('/readyz');
    expect(drained.status).toBe(503);
    expect(drained.headers['retry-after']).toBe('5');
    expect(drained.body).toEqual({ status: 'not_ready', reason: 'draining' });
    expect((await request(built.app).get('/healthz')).status).toBe(200);
  });

  it('is not ready while a migration of this version is missing', async () => {
    await db.sql.query("DELETE FROM \"_chats_migrations\" WHERE name = '20261202030000_several_instances'");
    expect(await checkReadiness(db.sql, new Lifecycle(), ['20261125000000_init', '20261202030000_several_instances'])).toEqual({ ready: false, reason: 'migrations_pending' });
    expect((await request(built.app).get('/readyz')).body).toEqual({ status: 'not_ready', reason: 'migrations_pending' });
  });

  it('ends event streams with a short retry hint when draining', async () => {
    await db.prisma.chat.create({ data: { name: 'Drain shop', publicKey: 'pk-drain' } });
    const server = await listen(built.app);
    try {
      const clientId = 'drain-visitor-1';
      const session = await request(built.app).post('/widget/api/pk-drain/session').send({ clientId });
      let raw = '';
      let started: () => void = () => undefined;
      const statusSent = new Promise<void>((resolve) => { started = resolve; });
      const ended = new Promise<string>((resolve, reject) => {
        http.get(`${server.url}/widget/api/pk-drain/events?dialogId=${session.body.dialogId}&clientId=${clientId}`, (res) => {
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => { raw += chunk; if (raw.includes('event: status')) started(); });
          res.on('end', () => resolve(raw));
        }).on('error', reject);
      });
      await statusSent;
      built.chats.drain();
      expect(await ended).toMatch(/event: status[\s\S]*retry: 500\n\n$/);
    } finally {
      await server.close();
    }
  });
});

describeEachDatabase('behind a TLS proxy', (kind) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase(kind);
    await createUser(db, 'admin', 'boss@example.com');
  });
  afterEach(() => db?.drop());

  // supertest connects from loopback, the default: a proxy elsewhere is like not trusting this one
  const login = async (trustProxy: boolean | number | string) => {
    const built = await startTestApp(db, { publicUrl: 'https://chats.example', secureCookies: true, trustProxy });
    return request(built.app).post('/admin/login').set('X-Forwarded-Proto', 'https').type('form').send({ email: 'boss@example.com', password: PASSWORD });
  };

  it('sets the Secure session cookie only when TRUST_PROXY trusts the proxy that terminated TLS', async () => {
    const untrusted = await login(false);
    expect(untrusted.headers['set-cookie'] ?? []).toEqual([]);
    const trusted = await login(1);
    expect(trusted.status).toBe(302);
    expect(String(trusted.headers['set-cookie'])).toMatch(/chats_admin=.*Secure/);
  });
});
