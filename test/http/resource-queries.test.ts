// List, search and sort accept only what each resource declares, on every resource AdminJS has
// (enumerated, so a resource added later is covered), and bad values get a 4xx with a message,
// never a 500. Secret and hidden columns are never matched, sorted or searched.
import type { BaseResource } from 'adminjs';
import type supertest from 'supertest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { createUser, loginAs, startTestApp } from '../support/http.js';
import type { BuiltApp } from '../../src/app/build-app.js';

type Agent = supertest.Agent;

const api = (resource: string, rest: string) => `/admin/api/resources/${resource}/${rest}`;
// a lone surrogate cannot be written in UTF-8: its bytes as they would arrive
const encode = (value: string) => { try { return encodeURIComponent(value); } catch { return '%ED%A0%80'; } };
const qs = (query: Record<string, string>) => new URLSearchParams(query).toString();

function declared(resource: BaseResource) {
  const decorated = resource.decorate();
  const filterable = decorated.getProperties({ where: 'filter' }).map((p) => p.propertyPath);
  const listed = decorated.getProperties({ where: 'list' }).filter((p) => p.isSortable()).map((p) => p.propertyPath);
  const defaultSort = decorated.options.sort?.sortBy;
  const sortable = defaultSort ? [...listed, defaultSort] : listed;
  const all = [...new Set([...resource.properties().map((p) => p.path()), ...Object.keys(decorated.getFlattenProperties())])];
  return { filterable, sortable, title: decorated.titleProperty().propertyPath, all };
}

function expectClearRefusal(response: supertest.Response, what: string) {
  if (![400, 404].includes(response.status)) throw new Error(`${what}: ${response.status} ${response.text.slice(0, 200)}`);
  expect(response.text).not.toMatch(/\n\s+at /);
  expect(response.body.notice?.message ?? response.body.error).toEqual(expect.any(String));
}

describeEachDatabase('list, search and sort on every resource', (kind) => {
  let db: TestDatabase;
  let built: BuiltApp;
  let admin: Agent;
  let viewer: Agent;
  let resources: BaseResource[];

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    built = await startTestApp(db);
    await createUser(db, 'admin');
    await createUser(db, 'viewer');
    await db.prisma.operator.create({ data: { userKey: 'op-1', name: 'Olga', email: 'olga@example.com' } });
    const chat = await db.prisma.chat.create({ data: { name: 'Shop', publicKey: 'shopkey', fbVerifyToken: 'verify-secret-123' } });
    const client = await db.prisma.client.create({ data: { chatId: chat.id, channel: 'web', externalId: 'c1' } });
    const dialog = await db.prisma.dialog.create({ data: { chatId: chat.id, clientId: client.id, channel: 'web' } });
    await db.prisma.message.create({ data: { dialogId: dialog.id, authorType: 'client', text: 'hello there' } });
    await db.prisma.marker.create({ data: { name: 'lead' } });
    resources = built.admin.resources;
    admin = await loginAs(built.app, 'admin@example.com');
    viewer = await loginAs(built.app, 'viewer@example.com');
  });
  afterAll(() => db.drop());

  it('enumerates the plugin resources', () => {
    expect(resources.map((r) => r.id())).toEqual(expect.arrayContaining(['Chat', 'Dialog', 'Message', 'Client', 'Marker', 'Operator', 'AdminUser']));
  });

  it('refuses to filter by any property a resource does not declare filterable, in list and search', async () => {
    for (const resource of resources) {
      const { filterable, all } = declared(resource);
      for (const path of all.filter((p) => !filterable.includes(p))) {
        for (const url of [
          api(resource.id(), `actions/list?${qs({ [`filters.${path}`]: 'x' })}`),
          api(resource.id(), `actions/list?filters[${path}]=x`),
          api(resource.id(), `actions/search/x?${qs({ [`filters.${path}`]: 'x' })}`),
        ]) expectClearRefusal(await admin.get(url), `${resource.id()} ${url}`);
      }
    }
  });

  it('refuses to search by any property but the title, and to sort by undeclared ones', async () => {
    for (const resource of resources) {
      const { sortable, title, all } = declared(resource);
      for (const path of all.filter((p) => p !== title)) {
        expectClearRefusal(await admin.get(api(resource.id(), `actions/search/x?searchProperty=${path}`)), `${resource.id()} search ${path}`);
      }
      for (const path of [...all.filter((p) => !sortable.includes(p)), 'nope']) {
        expectClearRefusal(await admin.get(api(resource.id(), `actions/list?sortBy=${path}`)), `${resource.id()} sort ${path}`);
        expectClearRefusal(await admin.get(api(resource.id(), `actions/search/x?sortBy=${path}`)), `${resource.id()} search sort ${path}`);
      }
    }
  });

  it('never matches a secret: the password hash and the verify token cannot be guessed', async () => {
    const hashSearch = await viewer.get(api('AdminUser', 'actions/search/scrypt%24?searchProperty=passwordHash&filters.email=admin@example.com'));
    expect(hashSearch.status).toBe(400);
    expect(hashSearch.text).not.toContain('admin@example.com');
    for (const guess of ['verify-secret-123', 'nothing']) {
      const list = await admin.get(api('Chat', `actions/list?filters.fbVerifyToken=${guess}`));
      expect(list.status).toBe(400);
      expect(list.body.meta?.total ?? 0).toBe(0);
    }
    expect((await admin.get(api('AdminUser', 'actions/list?sortBy=passwordHash'))).status).toBe(400);
  });

  it('answers the operator filter lookup with the id and name only', async () => {
    const response = await viewer.get(api('Operator', 'actions/search/Ol'));
    expect(response.status).toBe(200);
    expect(response.body.records).toHaveLength(1);
    expect(response.body.records[0].params).toEqual({ id: expect.any(Number), name: 'Olga' });
    expect(response.text).not.toContain('olga@example.com');
  });

  it('answers bad filter values on every filterable property of every resource with a 4xx, never a 500', async () => {
    const badValues = ['abc', '9999999999', '-1', '1.5', 'a\u0000b', '\ud800', 'x'.repeat(5000)];
    const badDates = ['garbage', '+275760-01-01', '99999-01-01'];
    for (const resource of resources) {
      for (const path of declared(resource).filterable) {
        for (const value of badValues) {
          const response = await admin.get(api(resource.id(), `actions/list?${qs({ [`filters.${path}`]: value })}`));
          expect([resource.id(), path, value, response.status < 500]).toEqual([resource.id(), path, value, true]);
          const search = await admin.get(api(resource.id(), `actions/search/${encode(value)}`));
          expect([resource.id(), 'search', value, search.status < 500]).toEqual([resource.id(), 'search', value, true]);
        }
        for (const value of badDates) {
          const response = await admin.get(api(resource.id(), `actions/list?${qs({ [`filters.${path}~~from`]: value })}`));
          expect([resource.id(), path, value, response.status < 500]).toEqual([resource.id(), path, value, true]);
        }
      }
    }
  });

  it.each([
    ['Chat', 'actions/list?sortBy=nope'],
    ['Chat', 'actions/list?filters.id=abc'],
    ['Chat', 'actions/list?filters.createdAt~~from=garbage'],
    ['Chat', 'actions/list?filters.createdAt~~from=%2B275760-01-01'],
    ['Dialog', 'actions/list?filters.chat=9999999999'],
    ['Client', 'actions/list?filters.chat=9999999999'],
    ['Message', 'actions/list?filters.text=a%00b'],
    ['Chat', 'actions/search/a%00b'],
    ['Chat', 'actions/list?direction=sideways'],
  ])('%s %s → 400 with a message', async (resource, rest) => {
    const response = await admin.get(api(resource, rest));
    expect(response.status).toBe(400);
    expect(response.body.notice.message).toEqual(expect.any(String));
  });

  it('searches messages by their text without a database error', async () => {
    const response = await admin.get(api('Message', 'actions/search/hello'));
    expect(response.status).toBeLessThan(500);
  });

  it('answers a record id that cannot exist with 404 on every resource and record action', async () => {
    for (const resource of resources) {
      const actions = Object.entries(resource.decorate().actions).filter(([, action]) => (action as unknown as { action: { actionType: string } }).action.actionType === 'record');
      const names = new Set(['show', ...actions.map(([name]) => name)]);
      for (const name of names) {
        for (const id of ['99999999999999', 'abc', '-1', '%00']) {
          expectClearRefusal(await admin.get(api(resource.id(), `records/${id}/${name}`)), `${resource.id()} ${name} ${id}`);
        }
      }
    }
  });

  it('answers an unknown resource or action with 404', async () => {
    for (const url of [api('Nope', 'actions/list'), api('Chat', 'actions/nope'), api('Chat', 'records/1/nope')]) {
      expectClearRefusal(await admin.get(url), url);
    }
  });
});
