// Connect Facebook through the real AdminJS API (secrets encrypted at rest, never sent back in
// full), and the role rules of the Chat screens enforced by the server.
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { createUser, loginAs, startTestApp, TEST_SECRET } from '../support/http.js';
import type { BuiltApp } from '../../src/app/build-app.js';
import { FacebookConnections } from '../../src/channels/facebook/connection.js';
import { FILTER_PARAMS } from '../../src/domain/dialog-filter.js';

type Agent = Awaited<ReturnType<typeof loginAs>>;
const API = '/admin/api/resources/Chat';
const TOKEN = 'EAABsbCS1iHgBAFakePageAccessToken0123456789TOKENEND';
const APP_SECRET = '0123456789abcdef0123456789abcdef';
const FORM = { pageId: '102938475610', pageName: 'Shop page', pageAccessToken: TOKEN, appSecret: APP_SECRET };

describeEachDatabase('chat screens: Facebook and roles', (kind) => {
  let db: TestDatabase;
  let built: BuiltApp;
  const agents: Record<'admin' | 'operator' | 'viewer', Agent> = {} as never;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    built = await startTestApp(db);
    for (const role of ['admin', 'operator', 'viewer'] as const) {
      await createUser(db, role);
      agents[role] = await loginAs(built.app, `${role}@example.com`);
    }
  });
  afterAll(() => db.drop());

  const newChat = (name: string) => db.prisma.chat.create({ data: { name, publicKey: `fb-${name}-${Date.now()}` } });
  const connect = (chatId: number, data: Record<string, string>, agent = agents.admin) =>
    agent.post(`${API}/records/${chatId}/chatsConnectFacebook`).send(data);

  describe('connect Facebook', () => {
    it('stores the token and app secret encrypted, and sends them back masked only', async () => {
      const chat = await newChat('Connected');
      const response = await connect(chat.id, FORM);
      expect(response.status).toBe(200);
      expect(response.body.notice).toMatchObject({ type: 'success', message: 'facebookConnected' });
      expect(response.text).not.toContain(TOKEN);
      expect(response.text).not.toContain(APP_SECRET);
      const { facebook } = response.body;
      expect(facebook).toMatchObject({
        connected: true, pageId: FORM.pageId, pageName: 'Shop page', secretsReadable: true,
        pageAccessTokenMasked: '••••NEND', appSecretMasked: '••••cdef',
        webhookUrl: `http://chats.test/webhooks/facebook/${chat.publicKey}`,
      });
      expect(facebook.verifyToken).toMatch(/^[\w-]{32}$/);

      const row = await db.prisma.chat.findUniqueOrThrow({ where: { id: chat.id } });
      expect(row.fbPageTokenEnc).toMatch(/^v1\./);
      expect(row.fbAppSecretEnc).toMatch(/^v1\./);
      expect(JSON.stringify(row)).not.toContain(TOKEN.slice(0, 20));
      expect(JSON.stringify(row)).not.toContain(APP_SECRET);
      expect(row.fbVerifyToken).toBe(facebook.verifyToken);
      const credentials = await new FacebookConnections(db.prisma, TEST_SECRET).credentials(chat.id);
      expect(credentials).toEqual({ pageId: FORM.pageId, pageAccessToken: TOKEN, appSecret: APP_SECRET, verifyToken: facebook.verifyToken });

      // no chat screen sends the encrypted columns or the verify token to the browser
      for (const path of [`${API}/records/${chat.id}/show`, `${API}/records/${chat.id}/edit`, `${API}/actions/list`, `${API}/records/${chat.id}/chatsConnectFacebook`]) {
        const page = await agents.admin.get(path);
        expect(page.text).not.toContain(row.fbPageTokenEnc!.slice(3, 30));
        expect(page.text).not.toContain(TOKEN);
      }
      const show = await agents.admin.get(`${API}/records/${chat.id}/show`);
      expect(Object.keys(show.body.record.params)).not.toEqual(expect.arrayContaining(['fbPageTokenEnc']));
      expect(show.body.record.params.fbVerifyToken).toBeUndefined();
    });

    it('keeps stored secrets and the verify token when they are left blank on update', async () => {
      const chat = await newChat('Updated');
      const first = await connect(chat.id, FORM);
      const second = await connect(chat.id, { pageId: FORM.pageId, pageName: 'Renamed page', pageAccessToken: '', appSecret: '' });
      expect(second.body.notice.type).toBe('success');
      expect(second.body.facebook).toMatchObject({ pageName: 'Renamed page', verifyToken: first.body.facebook.verifyToken, appSecretMasked: '••••cdef' });
      expect((await new FacebookConnections(db.prisma, TEST_SECRET).credentials(chat.id))?.appSecret).toBe(APP_SECRET);
    });

    it('returns per-field errors and stores nothing for an invalid form', async () => {
      const chat = await newChat('Invalid');
      const response = await connect(chat.id, { pageId: 'my-page', pageName: '', pageAccessToken: '', appSecret: 'with space' });
      expect(response.status).toBe(200);
      expect(response.body.notice.type).toBe('error');
      const errors = Object.fromEntries(Object.entries(response.body.record.errors as Record<string, { message: string }>).map(([k, v]) => [k, v.message]));
      expect(errors).toEqual({ pageId: 'pageIdInvalid', pageName: 'pageNameRequired', pageAccessToken: 'pageTokenRequired', appSecret: 'secretInvalid' });
      expect((await db.prisma.chat.findUniqueOrThrow({ where: { id: chat.id } })).fbPageId).toBeNull();
    });

    it('reports unreadable secrets (SECRET changed) instead of failing, and requires them again', async () => {
      const chat = await newChat('Rotated');
      await connect(chat.id, FORM);
      await db.prisma.chat.update({ where: { id: chat.id }, data: { fbAppSecretEnc: await foreignCiphertext() } });
      const view = await agents.admin.get(`${API}/records/${chat.id}/chatsConnectFacebook`);
      expect(view.status).toBe(200);
      expect(view.body.facebook).toMatchObject({ connected: true, secretsReadable: false, appSecretMasked: null });
      const blank = await connect(chat.id, { pageId: FORM.pageId, pageName: 'Shop page', pageAccessToken: '', appSecret: '' });
      expect(Object.keys(blank.body.record.errors).sort()).toEqual(['appSecret', 'pageAccessToken']);
    });

    it('disconnects, clearing every Facebook column', async () => {
      const chat = await newChat('Disconnected');
      await connect(chat.id, FORM);
      const response = await connect(chat.id, { operation: 'disconnect' });
      expect(response.body.notice).toMatchObject({ type: 'success', message: 'facebookDisconnected' });
      expect(response.body.facebook.connected).toBe(false);
      const row = await db.prisma.chat.findUniqueOrThrow({ where: { id: chat.id } });
      expect([row.fbPageId, row.fbPageName, row.fbPageTokenEnc, row.fbAppSecretEnc, row.fbVerifyToken, row.fbConnectedAt]).toEqual([null, null, null, null, null, null]);
    });
  });

  describe('roles', () => {
    let chatId: number;
    const snapshot = async () => ({ chats: await db.prisma.chat.findMany({ orderBy: { id: 'asc' } }), dialogs: await db.prisma.dialog.count() });
    const refused = (response: { status: number; body: { record?: { baseError?: { type?: string } } } }) =>
      response.status === 403 || response.body?.record?.baseError?.type === 'ForbiddenError';

    beforeAll(async () => {
      const chat = await newChat('Guarded');
      chatId = chat.id;
      await connect(chatId, FORM);
      const client = await db.prisma.client.create({ data: { chatId, channel: 'web', externalId: 'guarded' } });
      await db.prisma.dialog.create({ data: { chatId, clientId: client.id, channel: 'web' } });
    });

    for (const role of ['operator', 'viewer'] as const) {
      it(`${role}: may not create, edit, delete or connect Facebook`, async () => {
        const agent = agents[role];
        const before = await snapshot();
        const attempts = [
          agent.post(`${API}/actions/new`).type('form').send({ name: 'Sneaky' }),
          // refused before validation: no feedback on a form the user may not submit
          agent.post(`${API}/actions/new`).type('form').send({ name: '' }),
          agent.post(`${API}/records/${chatId}/edit`).type('form').send({ currency: 'bad' }),
          agent.post(`${API}/records/${chatId}/edit`).type('form').send({ name: 'Renamed' }),
          agent.post(`${API}/records/${chatId}/delete`).type('form').send({}),
          agent.post(`${API}/records/${chatId}/chatsConnectFacebook`).send({ ...FORM, pageName: 'Hijacked' }),
          agent.post(`${API}/records/${chatId}/chatsConnectFacebook`).send({ operation: 'disconnect' }),
        ];
        for (const response of await Promise.all(attempts)) expect(refused(response)).toBe(true);
        expect(await snapshot()).toEqual(before);
      });

      it(`${role}: sees no Facebook secrets, but gets the frame code and the dialogue link`, async () => {
        const agent = agents[role];
        const settings = await agent.get(`${API}/records/${chatId}/chatsConnectFacebook`);
        expect(refused(settings)).toBe(true);
        expect(settings.body.facebook).toBeUndefined();
        const row = await db.prisma.chat.findUniqueOrThrow({ where: { id: chatId } });
        for (const path of [`${API}/actions/list`, `${API}/records/${chatId}/show`]) {
          const page = await agent.get(path);
          expect(page.status).toBe(200);
          expect(page.text).not.toContain(row.fbVerifyToken!);
          expect(page.text).not.toContain(row.fbPageTokenEnc!.slice(3, 30));
        }
        expect((await agent.get(`${API}/records/${chatId}/chatsFrameCode`)).body.frameCode.widgetUrl).toContain(row.publicKey);
        expect((await agent.get(`${API}/records/${chatId}/chatsViewDialogs`)).body.redirectUrl).toBe(`/admin/resources/Dialog?${FILTER_PARAMS.chatId}=${chatId}`);
      });
    }
  });
});

/** A value sealed under another SECRET, as left behind by a SECRET change. */
async function foreignCiphertext(): Promise<string> {
  const { createSecretBox } = await import('../../src/domain/secret-box.js');
  return createSecretBox('a-different-secret-0123456789', 'facebook').encrypt('old');
}
