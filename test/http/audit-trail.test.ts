// The audit entries that user actions write, through the real HTTP API: who (the signed-in user,
// or the e-mail typed at a failed login), from where, what, and the facts; never a secret value.
// And the failure policy: when an entry cannot be written the action is refused with the audit
// message and changes nothing.
import type { AuditEntry } from '@prisma/client';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { createUser, loginAs, PASSWORD, startTestApp } from '../support/http.js';
import type { BuiltApp } from '../../src/app/build-app.js';
import { memoryLimiter } from '../../src/accounts/login-throttle.js';
import type { AuditAction } from '../../src/domain/audit-actions.js';

type Agent = Awaited<ReturnType<typeof loginAs>>;
const CHATS = '/admin/api/resources/Chat';
const USERS = '/admin/api/resources/AdminUser';
const EXPORT = '/admin/api/resources/Dialog/actions/chatsExport';
const TOKEN = 'EAABsbCS1iHgBAFakePageAccessToken0123456789TOKENEND';
const APP_SECRET = '0123456789abcdef0123456789abcdef';
const AUDIT_MESSAGE = 'The action could not be recorded in the audit log, so it was not done; retry in a moment.';
const limiter = (points: number) => memoryLimiter({ keyPrefix: `t${Math.random()}`, points, duration: 900, blockDuration: 900 });

describeEachDatabase('the audit trail of user actions', (kind) => {
  let db: TestDatabase;
  let built: BuiltApp;
  let admin: Agent;
  let adminId: string;

  const entries = (action: AuditAction): Promise<AuditEntry[]> => db.prisma.auditEntry.findMany({ where: { action }, orderBy: { id: 'asc' } });
  const last = async (action: AuditAction): Promise<AuditEntry> => {
    const all = await entries(action);
    if (!all.length) throw new Error(`no ${action} entry`);
    return all[all.length - 1];
  };
  const byAdmin = () => ({ actorKey: adminId, actor: 'admin@example.com', address: expect.stringMatching(/127\.0\.0\.1$/) });

  /** audit_log refuses inserts while `fn` runs (a full disk, a lost privilege). */
  async function withAuditRefused(fn: () => Promise<void>): Promise<void> {
    await db.sql.exec(`
      CREATE FUNCTION refuse_audit_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no room'; END $$;
      CREATE TRIGGER refuse_audit_insert BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit_insert();
    `);
    try {
      await fn();
    } finally {
      await db.sql.exec('DROP TRIGGER refuse_audit_insert ON audit_log; DROP FUNCTION refuse_audit_insert();');
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    built = await startTestApp(db, { loginLimiters: { perAccount: limiter(3), perAddress: limiter(100) } });
    await built.chats.context.reports.worker.start();
    adminId = String((await createUser(db, 'admin')).id);
    admin = await loginAs(built.app, 'admin@example.com');
  });
  afterAll(async () => {
    await built.chats.context.reports.worker.stop();
    await db.drop();
  });

  describe('logins', () => {
    it('records a login with the account and the address', async () => {
      expect(await last('login')).toMatchObject({ ...byAdmin(), subject: null });
    });

    it('records failed logins under the e-mail typed (made storable), with the reason', async () => {
      await createUser(db, 'viewer');
      const agent = (await import('supertest')).default.agent(built.app);
      await agent.post('/admin/login').type('form').send({ email: 'viewer@example.com', password: 'wrong-password' });
      await agent.post('/admin/login').type('form').send({ email: 'no\u0000body@example.com', password: 'whatever1' });
      const [wrong, unknown] = await entries('login_failed');
      expect(wrong).toMatchObject({ actor: 'viewer@example.com', actorKey: null, address: expect.stringMatching(/127\.0\.0\.1$/), details: { reason: 'wrong_password' } });
      expect(unknown).toMatchObject({ actor: 'no\uFFFDbody@example.com', details: { reason: 'unknown_email' } });
      expect(JSON.stringify([wrong, unknown])).not.toContain('wrong-password');
    });

    it('records a throttled attempt as a failure with its reason', async () => {
      const agent = (await import('supertest')).default.agent(built.app);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) statuses.push((await agent.post('/admin/login').type('form').send({ email: 'locked@example.com', password: 'nope-nope' })).status);
      expect(statuses).toContain(429);
      const failures = (await entries('login_failed')).filter((entry) => entry.actor === 'locked@example.com');
      expect(failures.map((entry) => (entry.details as { reason: string }).reason)).toContain('throttled');
      expect(failures).toHaveLength(5);
    });

    it('records a logout before the session ends', async () => {
      const agent = await loginAs(built.app, 'admin@example.com');
      const before = (await entries('logout')).length;
      const response = await agent.get('/admin/logout').set('Sec-Fetch-Site', 'same-origin').set('Sec-Fetch-Mode', 'navigate');
      expect(response.status).toBe(302);
      expect(await entries('logout')).toHaveLength(before + 1);
      expect(await last('logout')).toMatchObject(byAdmin());
    });

    it('refuses a login it cannot record, with the audit message', async () => {
      await withAuditRefused(async () => {
        const response = await (await import('supertest')).default(built.app).post('/admin/login').type('form').send({ email: 'admin@example.com', password: PASSWORD });
        expect(response.status).toBe(503);
        expect(response.text).toContain('could not be recorded in the audit log');
        expect(response.headers['set-cookie'] ?? []).toHaveLength(0);
      });
    });
  });

  describe('chats', () => {
    it('records a new chat, an edit (fields from → to) and a deletion (with the counts)', async () => {
      const created = await admin.post(`${CHATS}/actions/new`).type('form').send({ name: 'Audited', priceWeb: '1' });
      expect(created.body.notice).toMatchObject({ type: 'success' });
      const chat = await db.prisma.chat.findFirstOrThrow({ where: { name: 'Audited' } });
      const newEntry = await last('chat_created');
      expect(newEntry).toMatchObject({ ...byAdmin(), subject: `Chat ${chat.id} · Audited` });
      const newDetails = newEntry.details as { fields: string[]; values: Record<string, unknown> };
      expect(newDetails.fields).toEqual(expect.arrayContaining(['name', 'priceWeb', 'publicKey']));
      // the widget's key is named, never valued
      expect(newDetails.values.publicKey).toBeUndefined();
      expect(JSON.stringify(newEntry)).not.toContain(chat.publicKey);

      await admin.post(`${CHATS}/records/${chat.id}/edit`).type('form').send({ name: 'Audited 2', priceWeb: '2.5', currency: 'usd' });
      const changed = await last('chat_changed');
      expect(changed).toMatchObject({ ...byAdmin(), subject: `Chat ${chat.id} · Audited 2` });
      expect(changed.details).toMatchObject({
        fields: ['name', 'priceWeb'],
        values: { name: { from: 'Audited', to: 'Audited 2' }, priceWeb: { from: '1', to: '2.5' } },
      });

      const deleted = await admin.post(`${CHATS}/records/${chat.id}/delete`).type('form').send({});
      expect(deleted.body.notice).toMatchObject({ type: 'success' });
      expect(await last('chat_deleted')).toMatchObject({ ...byAdmin(), subject: `Chat ${chat.id} · Audited 2`, details: { id: chat.id, dialogs: 0, messages: 0 } });
    });

    it('names a changed secret column without its value', async () => {
      const chat = await db.prisma.chat.create({ data: { name: 'Secretive', publicKey: 'secretive-key-1', fbVerifyToken: 'old-verify-token' } });
      // a change no form offers (the verify token is server-managed): through the resource itself
      await built.admin.findResource('Chat').update(String(chat.id), { fbVerifyToken: 'new-verify-token' });
      const entry = await last('chat_changed');
      expect(entry.details).toEqual({ id: chat.id, fields: ['fbVerifyToken'], values: {} });
      expect(JSON.stringify(entry)).not.toMatch(/verify-token/);
      // outside a request: nobody and nowhere
      expect(entry).toMatchObject({ actor: null, actorKey: null, address: null });
    });

    it('records connecting and disconnecting Facebook, naming the secrets replaced but never their values', async () => {
      const chat = await db.prisma.chat.create({ data: { name: 'Social', publicKey: 'social-key-0001' } });
      const form = { pageId: '102938475610', pageName: 'Shop page', pageAccessToken: TOKEN, appSecret: APP_SECRET };
      expect((await admin.post(`${CHATS}/records/${chat.id}/chatsConnectFacebook`).send(form)).body.notice.type).toBe('success');
      const connected = await last('facebook_connected');
      expect(connected).toMatchObject({
        ...byAdmin(), subject: `Chat ${chat.id} · Social`,
        details: { id: chat.id, pageId: '102938475610', pageName: 'Shop page', update: false, replaced: ['pageAccessToken', 'appSecret'] },
      });
      const stored = await db.prisma.chat.findUniqueOrThrow({ where: { id: chat.id } });
      for (const secret of [TOKEN, APP_SECRET, stored.fbPageTokenEnc!, stored.fbVerifyToken!]) {
        expect(JSON.stringify(await db.prisma.auditEntry.findMany())).not.toContain(secret);
      }
      await admin.post(`${CHATS}/records/${chat.id}/chatsConnectFacebook`).send({ operation: 'disconnect' });
      expect(await last('facebook_disconnected')).toMatchObject({ ...byAdmin(), details: { id: chat.id, pageId: '102938475610', pageName: 'Shop page' } });
    });

    it('refuses a chat edit it cannot record, with the message, and changes nothing', async () => {
      const chat = await db.prisma.chat.create({ data: { name: 'Unchanged', publicKey: 'unchanged-key-1' } });
      const before = await db.prisma.auditEntry.count();
      await withAuditRefused(async () => {
        const response = await admin.post(`${CHATS}/records/${chat.id}/edit`).type('form').send({ name: 'Changed' });
        expect(response.status).toBe(503);
        expect(response.body).toEqual({ error: AUDIT_MESSAGE, code: 'audit_unavailable' });
        const connect = await admin.post(`${CHATS}/records/${chat.id}/chatsConnectFacebook`).send({ pageId: '1', pageName: 'P', pageAccessToken: TOKEN, appSecret: APP_SECRET });
        expect(connect.status).toBe(503);
        const remove = await admin.post(`${CHATS}/records/${chat.id}/delete`).type('form').send({});
        expect(remove.status).toBe(503);
      });
      expect(await db.prisma.chat.findUniqueOrThrow({ where: { id: chat.id } })).toMatchObject({ name: 'Unchanged', fbPageId: null });
      expect(await db.prisma.auditEntry.count()).toBe(before);
    });
  });

  describe('built-in accounts', () => {
    it('records an account created, changed (the password named, never the hash), its role change and its deletion', async () => {
      const created = await admin.post(`${USERS}/actions/new`).type('form').send({ email: 'New@Example.com', name: 'Nina', role: 'viewer', password: 'first-password' });
      expect(created.body.notice).toMatchObject({ type: 'success' });
      const user = await db.prisma.adminUser.findUniqueOrThrow({ where: { email: 'new@example.com' } });
      const newEntry = await last('user_created');
      expect(newEntry).toMatchObject({ ...byAdmin(), subject: `User ${user.id} · new@example.com` });
      expect((newEntry.details as { fields: string[] }).fields).toEqual(expect.arrayContaining(['email', 'name', 'password', 'role']));
      expect((newEntry.details as { values: Record<string, unknown> }).values.password).toBeUndefined();

      await admin.post(`${USERS}/records/${user.id}/edit`).type('form').send({ email: 'new@example.com', name: 'Nina', role: 'operator', password: 'second-password' });
      const changed = await last('user_changed');
      expect(changed.details).toEqual({ id: user.id, fields: ['password', 'role'], values: { role: { from: 'viewer', to: 'operator' } } });
      expect(await last('user_role_changed')).toMatchObject({ ...byAdmin(), subject: `User ${user.id} · new@example.com`, details: { id: user.id, from: 'viewer', to: 'operator' } });
      const hashes = (await db.prisma.adminUser.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
      const log = JSON.stringify(await db.prisma.auditEntry.findMany());
      for (const secret of [hashes, user.passwordHash, 'first-password', 'second-password']) expect(log).not.toContain(secret);

      await admin.post(`${USERS}/records/${user.id}/delete`).type('form').send({});
      expect(await db.prisma.adminUser.count({ where: { id: user.id } })).toBe(0);
      expect(await last('user_deleted')).toMatchObject({ ...byAdmin(), subject: `User ${user.id} · new@example.com` });
    });
  });

  describe('reports', () => {
    it('records an export with the report type and the exact filter, and each download', async () => {
      const chat = await db.prisma.chat.create({ data: { name: 'Reported', publicKey: 'reported-key-01' } });
      const response = await admin.post(EXPORT).send({
        type: 'all_sessions', withTime: false, timeZone: 'UTC',
        query: { 'filters.status': 'closed', 'filters.chat': String(chat.id), 'filters.createdAt~~from': '2026-01-02T00:00:00.000Z' },
      });
      expect(response.status).toBe(200);
      const requested = await last('report_requested');
      expect(requested).toMatchObject({ ...byAdmin(), subject: response.body.job.fileName });
      expect(requested.details).toEqual({
        type: 'all_sessions', withTime: false, timeZone: 'UTC',
        filter: { 'filters.status': 'closed', 'filters.chat': String(chat.id), 'filters.createdAt~~from': '2026-01-02T00:00:00.000Z' },
      });
      const id = response.body.job.id as string;
      const deadline = Date.now() + 20_000;
      while ((await db.prisma.reportJob.findUniqueOrThrow({ where: { id } })).status !== 'ready') {
        if (Date.now() > deadline) throw new Error('report not ready');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect((await admin.get(`/admin/chats-reports/${id}/download`)).status).toBe(200);
      expect(await last('report_downloaded')).toMatchObject({ ...byAdmin(), subject: response.body.job.fileName, details: { jobId: id, type: 'all_sessions', filter: requested.details && (requested.details as { filter: unknown }).filter } });

      await withAuditRefused(async () => {
        const jobs = await db.prisma.reportJob.count();
        const refused = await admin.post(EXPORT).send({ type: 'all_sessions', withTime: false, timeZone: 'UTC', query: {} });
        expect(refused.status).toBe(503);
        expect(await db.prisma.reportJob.count()).toBe(jobs);
        const download = await admin.get(`/admin/chats-reports/${id}/download`);
        expect(download.status).toBe(503);
        expect(download.text).toBe(AUDIT_MESSAGE);
      });
    });
  });
});
