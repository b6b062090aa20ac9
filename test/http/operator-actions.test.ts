// Operators at work through the real AdminJS API: take, reply and close a dialogue; the reply is
// stored, paid and published live; viewers are refused; the live stream of the dialogue page; the
// "waiting for operator first" sort.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { createUser, loginAs, PASSWORD, startTestApp } from '../support/http.js';
import type { BuiltApp } from '../../src/app/build-app.js';
import type { LiveEvent } from '../../src/conversations/live-hub.js';

type Agent = Awaited<ReturnType<typeof loginAs>>;
const API = '/admin/api/resources/Dialog';

describeEachDatabase('operator actions', (kind) => {
  let db: TestDatabase;
  let built: BuiltApp;
  let operator: Agent;
  let viewer: Agent;
  let operatorId: number;
  let chatId: number;
  let n = 0;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    built = await startTestApp(db);
    operatorId = (await createUser(db, 'operator')).id;
    await createUser(db, 'viewer');
    chatId = (await db.prisma.chat.create({
      data: { name: 'Shop', publicKey: 'pk-shop', priceWeb: '0.2500', currency: 'EUR', greeting: 'Hello!', botRules: [{ pattern: 'human', answer: 'Calling one', transfer: true }] },
    })).id;
    operator = await loginAs(built.app, 'operator@example.com');
    viewer = await loginAs(built.app, 'viewer@example.com');
  });
  afterAll(() => db.drop());

  const conversations = () => built.chats.context.conversations;
  /** A dialogue transferred by the bot: greeting, client message, bot answer, transfer note. */
  const waitingDialog = async () => {
    const { dialogId } = await conversations().resume({ chatId, channel: 'web', externalId: `client-${(n += 1)}` });
    await conversations().clientMessage({ dialogId, text: 'a human please' });
    return dialogId;
  };
  const dialogRow = (id: string) => db.prisma.dialog.findUniqueOrThrow({ where: { id } });
  const recordActions = async (agent: Agent, id: string): Promise<string[]> => {
    const response = await agent.get(`${API}/records/${id}/show`);
    expect(response.status).toBe(200);
    return response.body.record.recordActions.map((action: { name: string }) => action.name);
  };

  it('offers take, reply and close to operators on active dialogues only', async () => {
    const id = await waitingDialog();
    expect(await recordActions(operator, id)).toEqual(expect.arrayContaining(['chatsTake', 'chatsReply', 'chatsClose']));
    expect(await recordActions(viewer, id)).not.toEqual(expect.arrayContaining(['chatsReply']));
    await conversations().close(id, 'client');
    const actions = await recordActions(operator, id);
    for (const name of ['chatsTake', 'chatsReply', 'chatsClose']) expect(actions).not.toContain(name);
  });

  it('lets an operator take, reply and close; the reply is paid, counted and published live', async () => {
    const id = await waitingDialog();
    const events: LiveEvent[] = [];
    built.chats.context.hub.subscribe(id, (event) => events.push(event));

    // opening the action (GET) changes nothing
    expect((await operator.get(`${API}/records/${id}/chatsTake`)).status).toBe(200);
    expect((await dialogRow(id)).operatorId).toBeNull();

    const take = await operator.post(`${API}/records/${id}/chatsTake`).send({});
    expect(take.body.notice).toMatchObject({ type: 'success', message: 'dialogTaken' });
    expect((await dialogRow(id)).operatorId).toBe(operatorId);
    expect(await recordActions(operator, id)).not.toContain('chatsTake'); // already theirs

    const reply = await operator.post(`${API}/records/${id}/chatsReply`).send({ text: '  Hi, Olga here  ' });
    expect(reply.body.notice).toMatchObject({ type: 'success', message: 'replySent' });
    expect(reply.body.message).toMatchObject({ authorType: 'operator', text: 'Hi, Olga here' });
    const dialog = await dialogRow(id);
    expect(dialog.firstOperatorReplyAt?.toISOString()).toBe(reply.body.message.sentAt);
    // greeting, bot answer and the reply at 0.25 EUR each
    expect(dialog.cost.toFixed(4)).toBe('0.7500');
    expect(events.filter((e) => e.type === 'message').map((e) => e.type === 'message' && e.message.text)).toEqual(['Hi, Olga here']);

    const page = await operator.get(`${API}/records/${id}/chatsMessagesPage`);
    expect(page.body.messages.at(-1)).toMatchObject({ authorType: 'operator', authorName: 'operator', text: 'Hi, Olga here', isPaid: true, cost: '0.25' });
    const list = await operator.get(`${API}/actions/list`).query({ 'filters.status': 'no_operator_response' });
    expect(list.body.records.map((r: { id: string }) => r.id)).not.toContain(id);

    const close = await operator.post(`${API}/records/${id}/chatsClose`).send({});
    expect(close.body.notice).toMatchObject({ type: 'success', message: 'dialogClosed' });
    expect(await dialogRow(id)).toMatchObject({ status: 'closed' });
    expect(events.at(-1)).toMatchObject({ type: 'status', status: 'closed', reason: 'operator' });

    const late = await operator.post(`${API}/records/${id}/chatsReply`).send({ text: 'one more thing' });
    expect(late.body.notice).toMatchObject({ type: 'error', message: 'dialog_closed' });
    expect(await db.prisma.message.count({ where: { dialogId: id, text: 'one more thing' } })).toBe(0);
  });

  it('replying takes an unassigned dialogue; an empty reply is refused on the field', async () => {
    const id = await waitingDialog();
    const before = await db.prisma.message.count({ where: { dialogId: id } });
    const empty = await operator.post(`${API}/records/${id}/chatsReply`).send({ text: '   ' });
    expect(empty.body.record.errors.text.message).toBe('text_empty');
    expect(await db.prisma.message.count({ where: { dialogId: id } })).toBe(before);
    await operator.post(`${API}/records/${id}/chatsReply`).type('form').send({ text: 'On it' });
    expect(await dialogRow(id)).toMatchObject({ operatorId, status: 'active' });
  });

  it('refuses viewers with 403 and stores nothing', async () => {
    const id = await waitingDialog();
    const before = { messages: await db.prisma.message.count(), dialog: await dialogRow(id) };
    for (const [name, body] of [['chatsTake', {}], ['chatsReply', { text: 'sneaky' }], ['chatsClose', {}]] as const) {
      const response = await viewer.post(`${API}/records/${id}/${name}`).send(body);
      expect([name, response.status]).toEqual([name, 403]);
    }
    expect(await db.prisma.message.count()).toBe(before.messages);
    expect(await dialogRow(id)).toEqual(before.dialog);
  });

  it('sorts by status with the dialogues waiting for an operator first, the longest waiting on top', async () => {
    await db.prisma.dialog.updateMany({ where: { status: 'active' }, data: { status: 'closed', closedAt: new Date() } });
    const botOnly = (await conversations().resume({ chatId, channel: 'web', externalId: `client-${(n += 1)}` })).dialogId;
    const older = await waitingDialog();
    const newer = await waitingDialog();
    const answered = await waitingDialog();
    await conversations().operatorReply({ dialogId: answered, operatorId, text: 'hi' });
    const response = await operator.get(`${API}/actions/list`).query({ sortBy: 'status', direction: 'asc', perPage: '50' });
    const ids: string[] = response.body.records.map((r: { id: string }) => r.id);
    expect(ids.slice(0, 4)).toEqual([older, newer, botOnly, answered]);
    expect(response.body.meta.sortBy).toBe('status');
    const button = await operator.get(`${API}/actions/chatsWaitingFirst`);
    expect(button.body.redirectUrl).toBe('/admin/resources/Dialog?sortBy=status&direction=asc');
  });

  it('streams the dialogue live to signed-in users, replaying what a reconnect missed', async () => {
    const id = await waitingDialog();
    const server = built.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const login = await request(built.app).post('/admin/login').type('form').send({ email: 'viewer@example.com', password: PASSWORD });
      const cookie = String(login.headers['set-cookie']).split(';')[0];
      const open = (headers: Record<string, string>) => new Promise<{ status: number; read: (until: RegExp) => Promise<string>; close: () => void }>((resolve, reject) => {
        const req = http.get({ port, host: '127.0.0.1', path: `/admin/chats-live/dialogs/${id}/events`, headers }, (res) => {
          let body = '';
          const waiters: (() => void)[] = [];
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => { body += chunk; waiters.splice(0).forEach((wake) => wake()); });
          resolve({
            status: res.statusCode ?? 0,
            read: (until) => new Promise((done, fail) => {
              const timer = setTimeout(() => fail(new Error(`timed out waiting for ${until}; got ${body}`)), 5000);
              const check = () => (until.test(body) ? (clearTimeout(timer), done(body)) : waiters.push(check));
              check();
            }),
            close: () => req.destroy(),
          });
        });
        req.on('error', reject);
      });

      const anonymous = await open({});
      expect([302, 401]).toContain(anonymous.status);
      anonymous.close();

      const stream = await open({ cookie });
      expect(stream.status).toBe(200);
      await stream.read(/event: status\ndata: \{"status":"active","waitingForOperator":true/);
      const reply = await conversations().operatorReply({ dialogId: id, operatorId, operatorName: 'Olga', text: 'Live hello' });
      await stream.read(new RegExp(`id: ${reply.id}\\nevent: message\\ndata: .*"Live hello"`));
      stream.close();

      const missed = await conversations().clientMessage({ dialogId: id, text: 'sent while away' });
      const again = await open({ cookie, 'last-event-id': String(reply.id) });
      const body = await again.read(/sent while away/);
      expect(body).not.toContain('Live hello');
      expect(body).toContain(`id: ${missed.message.id}\n`);
      again.close();
      // a watcher that went away is unsubscribed
      for (let i = 0; i < 50 && built.chats.context.hub.watchers(id) > 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(built.chats.context.hub.watchers(id)).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
