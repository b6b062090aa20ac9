// The Chat screens through the real AdminJS API routes: new/edit validation, frame code, view
// dialogs, delete with counts. Connect Facebook and role denials: chats-facebook.test.ts.
import type { Response } from 'supertest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { createUser, loginAs, startTestApp } from '../support/http.js';
import type { BuiltApp } from '../../src/app/build-app.js';
import { chatDeletionSummary, deleteChat } from '../../src/chats/delete-chat.js';

type Agent = Awaited<ReturnType<typeof loginAs>>;
const API = '/admin/api/resources/Chat';
const HOSTILE = `</script><script>alert(1)</script>"'&`;

/** Fixture: a chat with dialogues and messages, written directly with Prisma. */
async function chatWithHistory(db: TestDatabase, name: string, dialogs: number, messagesPerDialog: number) {
  const chat = await db.prisma.chat.create({ data: { name, publicKey: `key-${name}-${Date.now()}` } });
  const client = await db.prisma.client.create({ data: { chatId: chat.id, channel: 'web', externalId: `c-${chat.id}` } });
  const marker = await db.prisma.marker.upsert({ where: { name: 'lead' }, create: { name: 'lead' }, update: {} });
  for (let d = 0; d < dialogs; d += 1) {
    const dialog = await db.prisma.dialog.create({ data: { chatId: chat.id, clientId: client.id, channel: 'web' } });
    await db.prisma.dialogMarker.create({ data: { dialogId: dialog.id, markerId: marker.id } });
    await db.prisma.pageVisit.create({ data: { dialogId: dialog.id, url: 'https://shop.example.com/' } });
    for (let m = 0; m < messagesPerDialog; m += 1) {
      await db.prisma.message.create({ data: { dialogId: dialog.id, authorType: m % 2 ? 'bot' : 'client', text: `message ${m}` } });
    }
  }
  return chat;
}

describeEachDatabase('chat screens', (kind) => {
  let db: TestDatabase;
  let built: BuiltApp;
  let admin: Agent;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    built = await startTestApp(db);
    await createUser(db, 'admin');
    admin = await loginAs(built.app, 'admin@example.com');
  });
  afterAll(() => db.drop());

  const create = (fields: Record<string, string>): Promise<Response> => admin.post(`${API}/actions/new`).type('form').send(fields);

  describe('new chat', () => {
    it('creates a chat with a server-generated public key and normalized values', async () => {
      const response = await create({
        name: '  Shop  ', 'allowedOrigins.0': 'https://Shop.example.com/', 'allowedOrigins.1': 'http://localhost:8080',
        priceWeb: '0,05', priceFacebook: '0.1234', currency: 'eur', inactivityTimeoutMinutes: '45',
        publicKey: 'chosen-by-the-browser', fbPageTokenEnc: 'injected',
      });
      expect(response.status).toBe(200);
      expect(response.body.notice).toMatchObject({ type: 'success' });
      expect(response.body.redirectUrl).toBe('/admin/resources/Chat');
      const chat = await db.prisma.chat.findFirstOrThrow({ where: { name: 'Shop' } });
      expect(chat.publicKey).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(chat.allowedOrigins).toEqual(['https://shop.example.com', 'http://localhost:8080']);
      expect([chat.priceWeb.toFixed(4), chat.priceFacebook.toFixed(4), chat.currency, chat.inactivityTimeoutMinutes]).toEqual(['0.0500', '0.1234', 'EUR', 45]);
      expect(chat.fbPageTokenEnc).toBeNull();
    });

    it('gives every chat a different key and applies defaults for empty optional fields', async () => {
      await create({ name: 'Twin A', priceWeb: '', currency: '', inactivityTimeoutMinutes: '' });
      await create({ name: 'Twin B', allowedOrigins: '__FORM_VALUE_EMPTY_ARRAY__' });
      const [a, b] = await db.prisma.chat.findMany({ where: { name: { startsWith: 'Twin' } }, orderBy: { name: 'asc' } });
      expect(a.publicKey).not.toBe(b.publicKey);
      expect([a.priceWeb.toFixed(2), a.currency, a.inactivityTimeoutMinutes]).toEqual(['0.00', 'USD', 30]);
      expect(b.allowedOrigins).toEqual([]);
    });

    it('returns per-field validation errors and creates nothing', async () => {
      const before = await db.prisma.chat.count();
      const response = await create({
        name: ' ', 'allowedOrigins.0': 'https://ok.example.com', 'allowedOrigins.1': 'shop.example.com/path',
        priceWeb: '-1', priceFacebook: 'abc', currency: 'dollars', inactivityTimeoutMinutes: '0',
      });
      expect(response.status).toBe(200);
      expect(response.body.notice).toMatchObject({ type: 'error', message: 'thereWereValidationErrors' });
      const messages = Object.fromEntries(Object.entries(response.body.record.errors as Record<string, { message: string }>).map(([k, v]) => [k, v.message]));
      expect(messages).toEqual({
        name: 'nameRequired', allowedOrigins: 'originsInvalid', 'allowedOrigins.1': 'originInvalid', priceWeb: 'priceNegative',
        priceFacebook: 'priceInvalid', currency: 'currencyInvalid', inactivityTimeoutMinutes: 'timeoutInvalid',
      });
      expect(await db.prisma.chat.count()).toBe(before);
    });

    it('rejects a name over 200 characters and accepts JSON bodies', async () => {
      const response = await admin.post(`${API}/actions/new`).send({ name: 'x'.repeat(201) });
      expect(response.body.record.errors.name.message).toBe('nameTooLong');
      const ok = await admin.post(`${API}/actions/new`).send({ name: 'From JSON', allowedOrigins: ['https://json.example.com'] });
      expect(ok.body.notice.type).toBe('success');
      expect((await db.prisma.chat.findFirstOrThrow({ where: { name: 'From JSON' } })).allowedOrigins).toEqual(['https://json.example.com']);
    });
  });

  describe('edit', () => {
    it('updates the form fields only, and validates them', async () => {
      const chat = await db.prisma.chat.create({ data: { name: 'Before', publicKey: 'edit-key-0001', priceWeb: '1.5' } });
      const edit = (fields: Record<string, string>) => admin.post(`${API}/records/${chat.id}/edit`).type('form').send(fields);
      const bad = await edit({ name: 'x'.repeat(201), currency: 'usd1' });
      expect(Object.keys(bad.body.record.errors).sort()).toEqual(['currency', 'name']);
      expect((await db.prisma.chat.findUniqueOrThrow({ where: { id: chat.id } })).name).toBe('Before');

      const good = await edit({ id: '999', name: 'After', publicKey: 'hijacked', fbVerifyToken: 'x', priceWeb: '2', currency: 'gbp' });
      expect(good.body.notice.type).toBe('success');
      const after = await db.prisma.chat.findUniqueOrThrow({ where: { id: chat.id } });
      expect([after.name, after.publicKey, after.fbVerifyToken, after.priceWeb.toFixed(2), after.currency]).toEqual(['After', 'edit-key-0001', null, '2.00', 'GBP']);
    });
  });

  describe('retention period', () => {
    it('is set, validated and cleared on the form, and the chat page shows it with the last run', async () => {
      const chat = await db.prisma.chat.create({ data: { name: 'Retained', publicKey: `key-retained-${Date.now()}` } });
      const edit = (fields: Record<string, string>) => admin.post(`${API}/records/${chat.id}/edit`).type('form').send({ name: 'Retained', ...fields });
      const stored = async () => (await db.prisma.chat.findUniqueOrThrow({ where: { id: chat.id } })).retentionDays;

      for (const bad of ['0', '3651', '1.5', 'ninety']) {
        const response = await edit({ retentionDays: bad });
        expect(response.body.notice).toMatchObject({ type: 'error', message: 'thereWereValidationErrors' });
        expect(response.body.record.errors).toEqual({ retentionDays: { message: 'retentionInvalid', type: 'validation' } });
      }
      expect(await stored()).toBeNull();

      expect((await edit({ retentionDays: '90' })).body.notice.type).toBe('success');
      expect(await stored()).toBe(90);
      // another field's edit leaves it; emptying it keeps dialogues forever
      expect((await admin.post(`${API}/records/${chat.id}/edit`).type('form').send({ name: 'Retained 2' })).body.notice.type).toBe('success');
      expect(await stored()).toBe(90);

      const shown = async () => (await admin.get(`${API}/records/${chat.id}/show`)).body.record.params as Record<string, unknown>;
      expect(await shown()).toMatchObject({ retentionDays: 90, retentionLastRunAt: null, retentionLastRemoved: null });
      const ranAt = new Date('2026-12-01T03:00:00.000Z');
      await db.prisma.chat.update({ where: { id: chat.id }, data: { retentionLastRunAt: ranAt, retentionLastRemoved: 12 } });
      const params = await shown();
      expect([params.retentionDays, new Date(String(params.retentionLastRunAt)).toISOString(), params.retentionLastRemoved]).toEqual([90, ranAt.toISOString(), 12]);

      expect((await edit({ retentionDays: '' })).body.notice.type).toBe('success');
      expect(await stored()).toBeNull();
      // (components/RetentionSummary.tsx renders these params on the chat page) a new chat may set it too
      const created = await create({ name: 'Retained new', retentionDays: '30' });
      expect(created.body.notice.type).toBe('success');
      expect((await db.prisma.chat.findFirstOrThrow({ where: { name: 'Retained new' } })).retentionDays).toBe(30);
    });
  });

  it('sends prices as decimal strings in every record it answers with (show, list, new, edit), not as Decimal internals', async () => {
    const chat = await db.prisma.chat.create({ data: { name: 'Priced', publicKey: `key-priced-${Date.now()}`, priceWeb: '0.0500', priceFacebook: '1.25' } });
    const shown = await admin.get(`${API}/records/${chat.id}/show`);
    expect(shown.status).toBe(200);
    const { params } = shown.body.record;
    expect([params.priceWeb, params.priceFacebook].map(Number)).toEqual([0.05, 1.25]);
    expect(typeof params.priceWeb).toBe('string');
    expect(Object.keys(params).filter((key) => /^price(Web|Facebook)\./.test(key))).toEqual([]);
    const listed = await admin.get(`${API}/actions/list`).query({ 'filters.name': 'Priced' });
    expect(listed.body.records[0].params).toMatchObject({ priceWeb: '0.05' });
    const edited = await admin.post(`${API}/records/${chat.id}/edit`).type('form').send({ name: 'Priced', priceWeb: '0.07' });
    const created = await create({ name: 'Priced 2', priceWeb: '0.08' });
    // the records that new and edit answer with are what the form shows next
    for (const answered of [edited.body.record.params, created.body.record.params]) {
      expect(Object.keys(answered).filter((key) => /^price(Web|Facebook)\./.test(key))).toEqual([]);
    }
    expect([edited.body.record.params.priceWeb, created.body.record.params.priceWeb].map(Number)).toEqual([0.07, 0.08]);
  });

  it('searches the list by name, case-insensitively', async () => {
    await db.prisma.chat.create({ data: { name: 'Pizza Palace', publicKey: 'search-key-01' } });
    const response = await admin.get(`${API}/actions/list`).query({ 'filters.name': 'pizza' });
    expect(response.body.records.map((r: { params: { name: string } }) => r.params.name)).toEqual(['Pizza Palace']);
  });

  describe('frame code', () => {
    it('returns both snippets with the public URL, escaping a hostile chat name', async () => {
      const chat = await db.prisma.chat.create({ data: { name: HOSTILE, publicKey: 'frame-key-0001' } });
      const response = await admin.get(`${API}/records/${chat.id}/chatsFrameCode`);
      expect(response.status).toBe(200);
      const { iframe, script, widgetUrl } = response.body.frameCode;
      expect(widgetUrl).toBe('http://chats.test/widget/frame-key-0001');
      expect(iframe).toContain('src="http://chats.test/widget/frame-key-0001"');
      expect(iframe).toContain('title="&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"');
      expect(script).toContain('<script src="http://chats.test/widget.js" async></script>');
      expect(script).toContain('"title":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\\"\'\\u0026"');
      expect(script.match(/<\/script>/g)).toHaveLength(2);
      // the widget URL answers (with the placeholder page until the widget ships)
      expect((await admin.get('/widget/frame-key-0001')).status).toBe(200);
    });

    it('uses the host the admin is on when no public URL is configured, never an ?origin parameter', async () => {
      const local = await startTestApp(db, { publicUrl: null });
      const agent = await loginAs(local.app, 'admin@example.com');
      const chat = await db.prisma.chat.create({ data: { name: 'Local', publicKey: 'frame-key-0002' } });
      const viaOrigin = await agent.get(`${API}/records/${chat.id}/chatsFrameCode`).query({ origin: 'https://admin.example.com' }).set('X-Forwarded-Proto', 'https');
      expect(viaOrigin.body.frameCode.widgetUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/widget\/frame-key-0002$/);
      const viaHost = await agent.get(`${API}/records/${chat.id}/chatsFrameCode`).query({ origin: 'javascript:alert(1)' }).set('Host', 'panel.example.com:8080');
      expect(viaHost.body.frameCode.widgetUrl).toBe('http://panel.example.com:8080/widget/frame-key-0002');
    });
  });

  it('view dialogs redirects to the dialogue list filtered to the chat', async () => {
    const chat = await chatWithHistory(db, 'Dialogs', 2, 1);
    await chatWithHistory(db, 'Other dialogs', 1, 1);
    const response = await admin.get(`${API}/records/${chat.id}/chatsViewDialogs`);
    const target = new URL(response.body.redirectUrl, 'http://chats.test');
    expect(target.pathname).toBe('/admin/resources/Dialog');
    // the list API with the same query shows exactly this chat's dialogues
    const list = await admin.get(`/admin/api/resources/Dialog/actions/list${target.search}`);
    expect(list.status).toBe(200);
    expect(list.body.meta.total).toBe(2);
    expect(await db.prisma.dialog.count({ where: { id: { in: list.body.records.map((r: { id: string }) => r.id) }, chatId: chat.id } })).toBe(2);
  });

  describe('delete', () => {
    it('states the counts, then removes the chat with its dialogues and messages', async () => {
      const doomed = await chatWithHistory(db, 'Doomed', 2, 3);
      const kept = await chatWithHistory(db, 'Kept', 1, 2);
      const confirmation = await admin.get(`${API}/records/${doomed.id}/delete`);
      expect(confirmation.body.deletion).toEqual({ dialogs: 2, messages: 6 });
      expect(await db.prisma.chat.count({ where: { id: doomed.id } })).toBe(1);

      const response = await admin.post(`${API}/records/${doomed.id}/delete`).type('form').send({});
      expect(response.body.redirectUrl).toBe('/admin/resources/Chat');
      expect(response.body.notice).toMatchObject({ type: 'success', message: 'chatDeleted', options: { name: 'Doomed', dialogs: 2, messages: 6 } });
      const inChat = { dialog: { chatId: doomed.id } };
      expect([
        await db.prisma.chat.count({ where: { id: doomed.id } }),
        await db.prisma.client.count({ where: { chatId: doomed.id } }),
        await db.prisma.dialog.count({ where: { chatId: doomed.id } }),
        await db.prisma.message.count({ where: inChat }),
        await db.prisma.pageVisit.count({ where: inChat }),
        await db.prisma.dialogMarker.count({ where: inChat }),
      ]).toEqual([0, 0, 0, 0, 0, 0]);
      expect(await db.prisma.message.count({ where: { dialog: { chatId: kept.id } } })).toBe(2);
    });

    it('rolls everything back when any part of the removal fails', async () => {
      const chat = await chatWithHistory(db, 'Undeletable', 2, 2);
      // the chat row itself refuses deletion, after its messages and dialogues were deleted
      await db.sql.exec(`
        CREATE FUNCTION refuse_chat_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$;
        CREATE TRIGGER refuse_chat_delete BEFORE DELETE ON chats FOR EACH ROW WHEN (OLD.name = 'Undeletable') EXECUTE FUNCTION refuse_chat_delete();
      `);
      try {
        await expect(deleteChat(db.prisma, chat.id)).rejects.toThrow();
        expect(await chatDeletionSummary(db.prisma, chat.id)).toEqual({ dialogs: 2, messages: 4 });
        expect(await db.prisma.client.count({ where: { chatId: chat.id } })).toBe(1);
      } finally {
        await db.sql.exec('DROP TRIGGER refuse_chat_delete ON chats; DROP FUNCTION refuse_chat_delete();');
      }
    });

    it('answers a missing chat with a not-found notice, not a server error', async () => {
      const response = await admin.post(`${API}/records/987654/delete`).type('form').send({});
      expect(response.status).toBeLessThan(500);
      expect(response.body.notice.type).toBe('error');
    });
  });
});
