// Two instances of the app as separate processes on one PostgreSQL database, as behind a load
// balancer without sticky sessions: live events cross instances through LISTEN/NOTIFY, a lost
// listening connection loses nothing, and the widget's rate limits hold across both.
// Runs on the PostgreSQL server only (TEST_DATABASE_URL): PGlite is one process.
import { createServerDatabase } from '../support/empty-database.js';
import { openDatabase, type Database } from '../../src/app/database.js';
import { migrate } from '../../src/db/migrate.js';
import { hashPassword } from '../../src/accounts/password.js';
import { login, startInstance, stopInstances, terminateBackends, type Instance } from '../support/instances.js';
import { openStream, type SseStream } from '../channels/web/widget-fixture.js';

const describeServer = process.env.TEST_DATABASE_URL ? describe : describe.skip;
const KEY = 'pk-several-instances';
const PASSWORD = 'operator-password';

describeServer('several instances on one PostgreSQL', () => {
  let database: { url: string; drop(): Promise<void> };
  let db: Database;
  let a: Instance;
  let b: Instance;
  let chatId: number;

  beforeAll(async () => {
    database = await createServerDatabase('chats_scale');
    db = await openDatabase({ databaseUrl: database.url });
    await migrate(db.sql);
    chatId = (await db.prisma.chat.create({ data: { name: 'Shop', publicKey: KEY, greeting: 'Hello!' } })).id;
    await db.prisma.adminUser.create({ data: { email: 'op@example.com', role: 'operator', name: 'Olga', passwordHash: await hashPassword(PASSWORD) } });
    [a, b] = await Promise.all([startInstance('a', database.url), startInstance('b', database.url)]);
  }, 90_000);

  afterAll(async () => {
    await stopInstances([a, b]);
    await db?.close();
    await database?.drop();
  }, 30_000);

  const widget = (instance: Instance, path: string, body: unknown) => fetch(`${instance.url}/widget/api/${KEY}${path}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  const newSession = async (instance: Instance, clientId: string) => {
    const res = await widget(instance, '/session', { clientId });
    expect(res.status).toBe(201); // a new dialogue
    return (await res.json() as { dialogId: string }).dialogId;
  };
  const widgetStream = (instance: Instance, dialogId: string, clientId: string, after = 0) =>
    openStream(`${instance.url}/widget/api/${KEY}/events?dialogId=${dialogId}&clientId=${clientId}&after=${after}`);
  const messagesOf = (stream: SseStream, text: string) => stream.events.filter((e) => e.event === 'message' && (e.data as { text: string }).text === text);

  it('delivers an operator reply stored on B to the visitor stream and the admin page on A, once, within 2 s', async () => {
    const clientId = 'visitor-live-1';
    const dialogId = await newSession(a, clientId);
    const visitor = await widgetStream(a, dialogId, clientId);
    const cookieA = await login(a, 'op@example.com', PASSWORD);
    const adminPage = await openStream(`${a.url}/admin/chats-live/dialogs/${dialogId}/events`, { Cookie: cookieA });
    await visitor.waitFor((e) => e.event === 'status');
    await adminPage.waitFor((e) => e.event === 'status');

    const cookieB = await login(b, 'op@example.com', PASSWORD);
    const act = (name: string, body: unknown) => fetch(`${b.url}/admin/api/resources/Dialog/records/${dialogId}/${name}`, {
      method: 'POST', headers: { Cookie: cookieB, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    expect((await act('chatsTake', {})).status).toBe(200);
    const sentAt = Date.now();
    expect((await act('chatsReply', { text: 'Olga from B here' })).status).toBe(200);

    await visitor.waitFor(() => messagesOf(visitor, 'Olga from B here').length > 0, 2_000);
    expect(Date.now() - sentAt).toBeLessThan(2_000);
    await adminPage.waitFor(() => messagesOf(adminPage, 'Olga from B here').length > 0, 2_000);
    // the status change made on B (taken) reached A's streams too
    expect(adminPage.events.some((e) => e.event === 'status' && (e.data as { operatorId: number | null }).operatorId !== null)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500)); // a duplicate would come in this time
    expect(messagesOf(visitor, 'Olga from B here')).toHaveLength(1);
    expect(messagesOf(adminPage, 'Olga from B here')).toHaveLength(1);
    visitor.close();
    adminPage.close();
  });

  it('loses nothing when A\'s listening connection is terminated while messages flow', async () => {
    const clientId = 'visitor-live-2';
    const dialogId = await newSession(a, clientId);
    const visitor = await widgetStream(a, dialogId, clientId);
    await visitor.waitFor((e) => e.event === 'status');
    const cookieB = await login(b, 'op@example.com', PASSWORD);
    const reply = (text: string) => fetch(`${b.url}/admin/api/resources/Dialog/records/${dialogId}/chatsReply`, {
      method: 'POST', headers: { Cookie: cookieB, 'Content-Type': 'application/json' }, body: JSON.stringify({ text }),
    });
    const texts = Array.from({ length: 30 }, (_, i) => `reply ${i}`);
    for (const [i, text] of texts.entries()) {
      if (i === 10) expect(await terminateBackends(database.url, `chats_live_listener:${a.child.pid}`)).toBe(1);
      expect((await reply(text)).status).toBe(200);
    }
    await visitor.waitFor(() => texts.every((text) => messagesOf(visitor, text).length > 0), 15_000);
    for (const text of texts) expect(messagesOf(visitor, text)).toHaveLength(1);
    const ids = visitor.events.filter((e) => e.event === 'message').map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((x, y) => x - y)); // in order
    expect(a.alive && b.alive).toBe(true);
    visitor.close();
  });

  it('refuses a client at its limit even when its requests alternate between A and B', async () => {
    const clientId = 'visitor-flood-1';
    const dialogId = await newSession(a, clientId); // 1 of the client's 20 (the default burst)
    const statuses: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      const res = await widget(i % 2 ? b : a, '/messages', { dialogId, clientId, clientMessageId: `flood-${i}`, text: `flood ${i}` });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(19);
    expect(statuses.slice(19).every((s) => s === 429)).toBe(true);
    expect(await db.prisma.message.count({ where: { dialogId, authorType: 'client' } })).toBe(19);
    expect(chatId).toBeGreaterThan(0);
  });
});
