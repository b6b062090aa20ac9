// Issue 8, "Requests from other pages": a page on another origin of the same site (another port)
// must not change anything through the admin's cookie, nor log the admin out with an <img>, nor
// frame admin pages. SameSite=Lax lets same-site requests carry the cookie, so the check is ours.
import request from 'supertest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { createUser, loginAs, startTestApp } from '../support/http.js';
import type { BuiltApp } from '../../src/app/build-app.js';

type Agent = Awaited<ReturnType<typeof loginAs>>;
const API = '/admin/api/resources/Chat';
// the test app's public URL is http://chats.test; the same host on another port is same-site
const OWN = 'http://chats.test';
const SAME_SITE = 'http://chats.test:8081';

describeEachDatabase('requests from other pages', (kind) => {
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

  const newChat = (name: string) => db.prisma.chat.create({ data: { name, publicKey: `key-${name}-${Date.now()}` } });

  it('refuses an auto-submitted form deleting a chat from a same-site page (403), and deletes nothing', async () => {
    const chat = await newChat('Target');
    const response = await admin.post(`${API}/records/${chat.id}/delete`).set('Origin', SAME_SITE).type('form').send({});
    expect(response.status).toBe(403);
    expect(response.body.error).toMatch(/another site or page/);
    expect(await db.prisma.chat.count({ where: { id: chat.id } })).toBe(1);
  });

  it('refuses a no-cors fetch renaming a chat (text/plain, foreign Origin), and a browser request with only Sec-Fetch-Site', async () => {
    const chat = await newChat('Original');
    const fetchLike = await admin.post(`${API}/records/${chat.id}/edit`).set('Origin', SAME_SITE).set('Content-Type', 'text/plain').send('name=Renamed');
    expect(fetchLike.status).toBe(403);
    const noOrigin = await admin.post(`${API}/records/${chat.id}/edit`).set('Sec-Fetch-Site', 'same-site').type('form').send({ name: 'Renamed' });
    expect(noOrigin.status).toBe(403);
    const sandboxed = await admin.post(`${API}/records/${chat.id}/edit`).set('Origin', 'null').type('form').send({ name: 'Renamed' });
    expect(sandboxed.status).toBe(403);
    expect((await db.prisma.chat.findUniqueOrThrow({ where: { id: chat.id } })).name).toBe('Original');
  });

  it('accepts the admin pages themselves (own Origin, or same-origin Sec-Fetch-Site)', async () => {
    const chat = await newChat('Mine');
    const own = await admin.post(`${API}/records/${chat.id}/edit`).set('Origin', OWN).type('form').send({ name: 'Mine renamed' });
    expect(own.status).toBe(200);
    expect(own.body.notice).toMatchObject({ type: 'success' });
    const fetchMeta = await admin.post(`${API}/records/${chat.id}/edit`).set('Sec-Fetch-Site', 'same-origin').type('form').send({ name: 'Mine again' });
    expect(fetchMeta.body.notice).toMatchObject({ type: 'success' });
    expect((await db.prisma.chat.findUniqueOrThrow({ where: { id: chat.id } })).name).toBe('Mine again');
  });

  it('refuses every resource action and record action posted from a same-site page, and the login form', async () => {
    const chat = await newChat('Every');
    const posts: string[] = ['/admin/login', '/admin/api/pages/chatsReports'];
    for (const resource of built.admin.resources) {
      const decorated = resource.decorate();
      const id = encodeURIComponent(decorated.id());
      for (const [name, action] of Object.entries(decorated.actions)) {
        if (action.isResourceType()) posts.push(`/admin/api/resources/${id}/actions/${name}`);
        if (action.isRecordType()) posts.push(`/admin/api/resources/${id}/records/${chat.id}/${name}`);
        if (action.isBulkType()) posts.push(`/admin/api/resources/${id}/bulk/${name}?recordIds=${chat.id}`);
      }
    }
    expect(posts.length).toBeGreaterThan(30);
    for (const path of posts) {
      const response = await admin.post(path).set('Origin', SAME_SITE).type('form').send({ name: 'x' });
      expect([path, response.status]).toEqual([path, 403]);
    }
    expect(await db.prisma.chat.count({ where: { id: chat.id } })).toBe(1);
  });

  it('does not log out on an <img> (or any GET that is not a same-origin navigation); logs out by POST or the menu', async () => {
    const user = await loginAs(built.app, 'admin@example.com');
    const image = await user.get('/admin/logout').set('Sec-Fetch-Site', 'same-site').set('Sec-Fetch-Mode', 'no-cors').set('Sec-Fetch-Dest', 'image');
    expect(image.status).toBe(200);
    expect(image.text).toContain('<form method="post" action="/admin/logout">');
    const oldBrowser = await user.get('/admin/logout');
    expect(oldBrowser.status).toBe(200);
    expect((await user.get(`${API}/actions/list`)).status).toBe(200); // still logged in

    const foreignPost = await user.post('/admin/logout').set('Origin', SAME_SITE).type('form').send({});
    expect(foreignPost.status).toBe(403);
    expect((await user.get(`${API}/actions/list`)).status).toBe(200);

    const post = await user.post('/admin/logout').set('Origin', OWN).type('form').send({});
    expect([post.status, post.headers.location]).toEqual([302, '/admin/login']);
    expect((await user.get(`${API}/actions/list`)).status).toBe(302);

    const menu = await loginAs(built.app, 'admin@example.com');
    const navigation = await menu.get('/admin/logout').set('Sec-Fetch-Site', 'same-origin').set('Sec-Fetch-Mode', 'navigate');
    expect([navigation.status, navigation.headers.location]).toEqual([302, '/admin/login']);
    expect((await menu.get(`${API}/actions/list`)).status).toBe(302);

    const typed = await loginAs(built.app, 'admin@example.com'); // the address typed in, or a bookmark
    const typedIn = await typed.get('/admin/logout').set('Sec-Fetch-Site', 'none').set('Sec-Fetch-Mode', 'navigate');
    expect([typedIn.status, typedIn.headers.location]).toEqual([302, '/admin/login']);
  });

  it('sends framing, sniffing and referrer headers on admin pages, API answers and the login page', async () => {
    const chat = await newChat('Framed');
    for (const response of [
      await admin.get(`/admin/resources/Chat/records/${chat.id}/delete`),
      await admin.get(`${API}/records/${chat.id}/delete`),
      await request(built.app).get('/admin/login'),
    ]) {
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['content-security-policy']).toMatch(/frame-ancestors 'self'/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('same-origin');
    }
  });

  it('keeps the widget window embeddable by the chat\'s sites, with nosniff and a referrer policy on every public route', async () => {
    const chat = await db.prisma.chat.create({ data: { name: 'Embedded', publicKey: `key-embedded-${Date.now()}`, allowedOrigins: ['https://shop.example.com'] } });
    const window = await request(built.app).get(`/widget/${chat.publicKey}`);
    expect(window.status).toBe(200);
    expect(window.headers['x-frame-options']).toBeUndefined();
    expect(window.headers['content-security-policy']).toMatch(/frame-ancestors 'self' https:\/\/shop\.example\.com/);
    for (const response of [window, await request(built.app).get('/widget.js'), await request(built.app).post(`/widget/api/${chat.publicKey}/session`).send({ clientId: 'client-0001' })]) {
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toMatch(/^(no-referrer|strict-origin-when-cross-origin)$/);
    }
  });
});
