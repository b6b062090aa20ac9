// The dialogue screens through the real AdminJS API: each filter selects exactly the dialogues
// computed by hand on a small fixture; Show dialog, messages paging, the Message list, bad input.
import request from 'supertest';
import type { Response } from 'supertest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { createUser, loginAs, startTestApp } from '../support/http.js';
import type { BuiltApp } from '../../src/app/build-app.js';
import { buildDialogFixture, type DialogFixture } from './dialogs.fixture.js';

type Agent = Awaited<ReturnType<typeof loginAs>>;
const LIST = '/admin/api/resources/Dialog/actions/list';
const idsOf = (response: Response): string[] => response.body.records.map((record: { id: string }) => record.id);

describeEachDatabase('dialogue screens', (kind) => {
  let db: TestDatabase;
  let built: BuiltApp;
  let admin: Agent;
  let f: DialogFixture;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    built = await startTestApp(db);
    await createUser(db, 'admin');
    await createUser(db, 'viewer');
    f = await buildDialogFixture(db.prisma);
    admin = await loginAs(built.app, 'admin@example.com');
  });
  afterAll(() => db.drop());

  const list = async (query: Record<string, string> = {}) => {
    const response = await admin.get(LIST).query({ perPage: '50', ...query });
    expect(response.status).toBe(200);
    return response;
  };
  const ids = async (query: Record<string, string> = {}) => idsOf(await list(query));

  it('lists all dialogues newest first, with cost in the chat currency and the status badge flag', async () => {
    const response = await list();
    expect(idsOf(response)).toEqual([f.d5, f.d4, f.d3, f.d2, f.d1, f.long]);
    expect(response.body.meta.total).toBe(6);
    const byId = Object.fromEntries(response.body.records.map((r: { id: string; params: Record<string, unknown> }) => [r.id, r.params]));
    expect(byId[f.d4]).toMatchObject({ status: 'closed', costLabel: '1.50 EUR', noOperatorResponse: true });
    expect(byId[f.d3]).toMatchObject({ status: 'closed', costLabel: '0.20 USD', noOperatorResponse: false });
    expect(byId[f.d1]).toMatchObject({ status: 'active', costLabel: '0.05 USD', noOperatorResponse: false });
    expect(byId[f.d2]).toMatchObject({ status: 'active', costLabel: '0.03 USD', noOperatorResponse: true }); // 0.0250 rounds up
    const populated = response.body.records.find((r: { id: string }) => r.id === f.d3).populated;
    expect(populated.chat.title).toBe('Shop A');
    expect(populated.client.title).toBe('psid-z');
    expect(populated.operator.params.email).toBe('olga@example.com');
  });

  it('filters by each status option of the manual', async () => {
    expect(await ids()).toHaveLength(6); // "Active and closed dialogs" = no filter
    expect(await ids({ 'filters.status': 'active' })).toEqual([f.d5, f.d2, f.d1, f.long]);
    expect(await ids({ 'filters.status': 'closed' })).toEqual([f.d4, f.d3]);
    expect(await ids({ 'filters.status': 'no_operator_response' })).toEqual([f.d4, f.d2]);
  });

  it('filters by chat, channel, operator, marker, client, date range and message text', async () => {
    expect(await ids({ 'filters.chat': String(f.chatB) })).toEqual([f.d5, f.d4]);
    expect(await ids({ 'filters.channel': 'facebook' })).toEqual([f.d3]);
    expect(await ids({ 'filters.operator': String(f.operatorId) })).toEqual([f.d3]);
    expect(await ids({ 'filters.markers': String(f.leadMarker) })).toEqual([f.d4, f.d2]);
    expect(await ids({ 'filters.client': String(f.clientX) })).toEqual([f.d1]);
    expect(await ids({ 'filters.createdAt~~from': '2026-01-02T00:00:00.000Z', 'filters.createdAt~~to': '2026-01-03T23:59:59.999Z' })).toEqual([f.d3, f.d2]);
    expect(await ids({ 'filters.createdAt~~from': '2026-01-04T00:00:00.000Z' })).toEqual([f.d5, f.d4]);
    expect(await ids({ 'filters.text': 'REFUND' })).toEqual([f.d5]);
    expect(await ids({ 'filters.status': 'no_operator_response', 'filters.chat': String(f.chatA) })).toEqual([f.d2]);
  });

  it('sorts by cost and by date', async () => {
    expect(await ids({ sortBy: 'cost', direction: 'asc' })).toEqual([f.d5, f.d2, f.d1, f.long, f.d3, f.d4]);
    expect(await ids({ sortBy: 'cost', direction: 'desc' })).toEqual([f.d4, f.d3, f.long, f.d1, f.d2, f.d5]);
    expect(await ids({ sortBy: 'createdAt', direction: 'asc' })).toEqual([f.long, f.d1, f.d2, f.d3, f.d4, f.d5]);
    const paged = [...await ids({ perPage: '4', page: '1' }), ...await ids({ perPage: '4', page: '2' })];
    expect(paged).toEqual([f.d5, f.d4, f.d3, f.d2, f.d1, f.long]);
  });

  it('answers bad list input with a 400, an empty list and a clear notice, never a 500', async () => {
    const badList = async (query: Record<string, string>) => {
      const response = await admin.get(LIST).query(query);
      expect(response.status).toBe(400);
      return response;
    };
    for (const query of <Record<string, string>[]>[
      { 'filters.status': 'open' }, { 'filters.chat': 'abc' }, { 'filters.channel': 'telegram' },
      { 'filters.createdAt~~from': 'yesterday' }, { 'filters.markers': '-1' }, { 'filters.cost': '1' },
    ]) {
      const response = await badList(query);
      expect(response.body.records).toEqual([]);
      expect(response.body.meta.total).toBe(0);
      expect(response.body.notice).toMatchObject({ type: 'error', message: expect.stringMatching(/^Invalid filter/) });
    }
    expect((await badList({ 'filters.status': 'open' })).body.notice.message).toMatch(/status must be one of/);
    // unknown sorting and paging are refused with a 400 too
    for (const query of <Record<string, string>[]>[{ sortBy: 'nonsense' }, { direction: 'sideways' }, { page: 'x' }, { perPage: '-3' }]) await badList(query);
  });

  it('shows a dialogue: properties, cost with currency, markers, pages visited, absolute link', async () => {
    const response = await admin.get(`/admin/api/resources/Dialog/records/${f.d4}/show`);
    expect(response.status).toBe(200);
    const { params } = response.body.record;
    expect(params).toMatchObject({
      id: f.d4, status: 'closed', channel: 'web', costLabel: '1.50 EUR', currency: 'EUR', noOperatorResponse: true, messageCount: 4,
      'markerNames.0': 'lead', 'markerNames.1': 'complaint',
      'pageVisits.0.url': 'https://shop-b.example/', 'pageVisits.1.url': 'https://shop-b.example/pricing', 'pageVisits.1.title': 'Pricing',
      link: `http://chats.test/admin/resources/Dialog/records/${f.d4}/show`,
    });
    expect(response.body.record.populated.client.title).toBe('cookie-w');
    const actions = response.body.record.recordActions.map((a: { name: string }) => a.name);
    expect(actions).not.toContain('edit');
  });

  it('returns the messages of a dialogue in time order with author and date', async () => {
    const response = await admin.get(`/admin/api/resources/Dialog/records/${f.d3}/chatsMessagesPage`);
    expect(response.status).toBe(200);
    expect(response.body.messages.map((m: { authorType: string; authorName: string | null; text: string }) => [m.authorType, m.authorName, m.text])).toEqual([
      ['client', null, 'Where is my order?'],
      ['bot', 'Bot', 'Let me find an operator'],
      ['system', null, 'Transferred to an operator'],
      ['operator', 'Olga', 'It ships today'],
    ]);
    expect(response.body.messages[0].sentAt).toBe('2026-01-03T12:01:00.000Z');
    expect(response.body.nextCursor).toBeNull();
  });

  it('pages through a dialogue of 1,050 messages without gaps or repeats', async () => {
    const texts: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const response: Response = await admin.get(`/admin/api/resources/Dialog/records/${f.long}/chatsMessagesPage`)
        .query({ limit: '200', ...(after ? { after } : {}) });
      expect(response.status).toBe(200);
      expect(response.body.messages.length).toBeLessThanOrEqual(200);
      texts.push(...response.body.messages.map((m: { text: string }) => m.text));
      after = response.body.nextCursor;
      pages += 1;
    } while (after);
    expect(pages).toBe(6);
    expect(texts).toEqual(Array.from({ length: 1050 }, (_, i) => `line ${i}`));
    // the default page is 100 messages
    const first = await admin.get(`/admin/api/resources/Dialog/records/${f.long}/chatsMessagesPage`);
    expect(first.body.messages).toHaveLength(100);
    const bad = await admin.get(`/admin/api/resources/Dialog/records/${f.long}/chatsMessagesPage`).query({ after: 'garbage' });
    expect(bad.status).toBeLessThan(500);
    expect(bad.body.notice).toMatchObject({ type: 'error', message: 'Invalid paging cursor' });
  });

  it('answers a malformed or unknown session id with "not found", not a 500', async () => {
    for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
      const response = await admin.get(`/admin/api/resources/Dialog/records/${id}/show`);
      expect(response.status).toBeLessThan(500);
      expect(response.body.notice).toMatchObject({ type: 'error', message: expect.stringMatching(/cannot be found/) });
    }
  });

  it('lists messages with dialogue, author type, date and text filters', async () => {
    const messages = async (query: Record<string, string>) => {
      const response = await admin.get('/admin/api/resources/Message/actions/list').query({ perPage: '50', ...query });
      expect(response.status).toBe(200);
      return response.body.records.map((r: { params: { text: string } }) => r.params.text);
    };
    expect(await messages({ 'filters.dialog': f.d3 })).toEqual(['It ships today', 'Transferred to an operator', 'Let me find an operator', 'Where is my order?']);
    expect(await messages({ 'filters.authorType': 'operator' })).toEqual(['It ships today']);
    expect(await messages({ 'filters.text': 'refund' })).toEqual(['I want a REFUND']);
    expect(await messages({ 'filters.sentAt~~from': '2026-01-03T12:02:00.000Z', 'filters.sentAt~~to': '2026-01-03T12:03:00.000Z' }))
      .toEqual(['Transferred to an operator', 'Let me find an operator']);
    for (const bad of [{ 'filters.dialog': 'abc' }, { 'filters.authorType': 'robot' }]) {
      expect((await admin.get('/admin/api/resources/Message/actions/list').query(bad)).status).toBe(400);
    }
    const create = await admin.post('/admin/api/resources/Message/actions/new').send({ text: 'x' });
    expect(create.status).toBe(403);
  });

  it('lets a viewer read dialogues but not delete them', async () => {
    const viewer = await loginAs(built.app, 'viewer@example.com');
    expect((await viewer.get(`${LIST}?filters.status=active`)).body.meta.total).toBe(4);
    expect((await viewer.get(`/admin/api/resources/Dialog/records/${f.d1}/chatsMessagesPage`)).body.messages).toHaveLength(3);
    const del = await viewer.post(`/admin/api/resources/Dialog/records/${f.d1}/delete`);
    expect(del.status).toBe(403);
    expect(await db.prisma.dialog.count({ where: { id: f.d1 } })).toBe(1);
  });

  it('opens a copied link after login: the login returns to the dialogue', async () => {
    const agent = request.agent(built.app);
    const page = `/admin/resources/Dialog/records/${f.d3}/show`;
    const first = await agent.get(page);
    expect(first.status).toBe(302);
    expect(first.headers.location).toBe('/admin/login');
    const login = await agent.post('/admin/login').type('form').send({ email: 'admin@example.com', password: 'password123' });
    expect(login.status).toBe(302);
    expect(login.headers.location).toBe(page);
    expect((await agent.get(page)).status).toBe(200);
    // an API call without a session is not a page to return to
    const other = request.agent(built.app);
    await other.get(`/admin/api/resources/Dialog/records/${f.d3}/show`);
    const otherLogin = await other.post('/admin/login').type('form').send({ email: 'admin@example.com', password: 'password123' });
    expect(otherLogin.headers.location).toBe('/admin');
  });
});
