// "Erase client" end to end through the real app: a widget client with two dialogues (one still
// open, watched by its widget), page visits, a marker and report files; the admin's confirmation
// counts equal what goes; afterwards the client's data is in no table and on no screen (dialogue
// page, message list and text search, client list and page, report rows), billing is unchanged,
// the files that could hold it are gone with the reason on the Reports page, the widget with the
// old client id starts afresh and cannot read the old dialogue, and the audit log has the entry.
import request from 'supertest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { createUser, loginAs, startTestApp } from '../support/http.js';
import type { BuiltApp } from '../../src/app/build-app.js';
import { billingReport } from '../../src/reports/definitions/billing.js';
import { sourcesReport } from '../../src/reports/definitions/sources.js';
import { allSessionsReport } from '../../src/reports/definitions/all-sessions.js';
import type { ReportDefinition, ReportRow } from '../../src/reports/report-definition.js';
import { storeMessage } from '../../src/conversations/message-store.js';
import { setMarker } from '../../src/conversations/markers.js';
import { PRICE_ANSWER, SHOP_ORIGIN, createWidgetChats, listen, openStream } from '../channels/web/widget-fixture.js';

type Agent = Awaited<ReturnType<typeof loginAs>>;
const KEY = 'pk-widget-flowers';
const widget = (path: string) => `/widget/api/${KEY}${path}`;
const PHONE = '555-0101';
const EXPORT = '/admin/api/resources/Dialog/actions/chatsExport';
const PAGE = '/admin/api/pages/chatsReports';
const eraseUrl = (clientId: number) => `/admin/api/resources/Client/records/${clientId}/chatsErase`;

describeEachDatabase('erasing a client on request', (kind) => {
  let db: TestDatabase;
  let built: BuiltApp;
  let server: Awaited<ReturnType<typeof listen>>;
  let chatId: number;
  let otherChatId: number;
  let admin: Agent;
  let operator: Agent;
  let viewer: Agent;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const { chat, other } = await createWidgetChats(db);
    chatId = chat.id;
    otherChatId = other.id;
    built = await startTestApp(db);
    await built.chats.context.reports.worker.start();
    server = await listen(built.app);
    for (const role of ['admin', 'operator', 'viewer'] as const) await createUser(db, role);
    admin = await loginAs(built.app, 'admin@example.com');
    operator = await loginAs(built.app, 'operator@example.com');
    viewer = await loginAs(built.app, 'viewer@example.com');
  });
  afterAll(async () => {
    await built.chats.context.reports.worker.stop();
    await server?.close();
    await db?.drop();
  });

  const post = (path: string, body: Record<string, unknown>) => request(built.app).post(widget(path)).set('Origin', SHOP_ORIGIN).send(body);
  let sequence = 0;
  async function say(clientId: string, dialogId: string, text: string) {
    const response = await post('/messages', { dialogId, clientId, clientMessageId: `m${(sequence += 1)}`, text });
    expect(response.status).toBe(201);
  }
  async function openSession(clientId: string): Promise<string> {
    const response = await post('/session', { clientId, create: true });
    expect(response.status).toBe(201);
    return response.body.dialogId as string;
  }
  /** A widget client with a closed dialogue (visit, marker) and an open one. */
  async function widgetClient(externalId: string) {
    const first = await openSession(externalId);
    await say(externalId, first, `What is the price of roses? Call me at ${PHONE}`);
    expect((await post('/visits', { dialogId: first, clientId: externalId, url: 'https://shop.example/roses?email=ann@example.com', title: 'Roses' })).status).toBe(201);
    await built.chats.context.conversations.close(first, 'client');
    const second = await openSession(externalId);
    await say(externalId, second, `Still there? ${PHONE}`);
    const client = await db.prisma.client.findUniqueOrThrow({ where: { chatId_channel_externalId: { chatId, channel: 'web', externalId } } });
    return { clientId: client.id, externalId, dialogs: [first, second] };
  }

  async function rowsOf(report: ReportDefinition, filter = {}): Promise<ReportRow[]> {
    const rows: ReportRow[] = [];
    for await (const batch of report.rows(db.sql, { filter, withTime: true, timeZone: 'UTC', dialogUrlBase: 'http://chats.test/admin/dialogs' })) rows.push(...batch);
    return rows;
  }
  async function exportReady(type: string, query: Record<string, string>): Promise<string> {
    const response = await admin.post(EXPORT).send({ type, query, withTime: false, timeZone: 'UTC' });
    expect(response.status).toBe(200);
    const id = response.body.job.id as string;
    for (const deadline = Date.now() + 20_000; ;) {
      const job = await db.prisma.reportJob.findUniqueOrThrow({ where: { id } });
      if (job.status === 'ready') return id;
      if (job.status === 'error' || Date.now() > deadline) throw new Error(`report ${type}: ${job.status} ${job.error}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('removes the client\'s data from every table and screen, keeps billing, removes the report files, and the widget starts afresh', async () => {
    const ann = await widgetClient('client-ann-erased');
    const bob = await widgetClient('client-bob-kept');
    const exports = {
      sessions: await exportReady('all_sessions', { 'filters.chat': String(chatId) }),
      pages: await exportReady('web_pages', {}),
      otherChat: await exportReady('client_phrases', { 'filters.chat': String(otherChatId) }),
      billing: await exportReady('billing', {}),
    };
    // a report a (vanished) worker is still writing: it cannot be trusted to leave the client out
    const generating = await db.prisma.reportJob.create({
      data: { type: 'all_sessions', fileName: 'in-progress.xlsx', dialogUrlBase: 'http://chats.test', status: 'generating', startedAt: new Date(), heartbeatAt: new Date(), workerId: 'elsewhere:1' },
    });
    const before = { billing: await rowsOf(billingReport), sources: await rowsOf(sourcesReport) };
    const annMessages = await db.prisma.message.count({ where: { dialog: { clientId: ann.clientId } } });
    const stream = await openStream(`${server.url}${widget('/events')}?dialogId=${ann.dialogs[1]}&clientId=${ann.externalId}`, { Origin: SHOP_ORIGIN });

    // the confirmation: what will go
    const preview = await admin.get(eraseUrl(ann.clientId));
    expect(preview.status).toBe(200);
    expect(preview.body.erasure.counts).toEqual({ dialogs: 2, messages: annMessages, pageVisits: 1, markers: 1, queuedFacebookMessages: 0, reportFiles: 2 });

    const erased = await admin.post(eraseUrl(ann.clientId)).send({});
    expect(erased.status).toBe(200);
    expect(erased.body.notice).toMatchObject({ message: 'clientErased', type: 'success' });
    expect(erased.body.redirectUrl).toBe(`/admin/resources/Client/records/${ann.clientId}/show`);
    // what went is what the confirmation said
    expect(erased.body.removed).toEqual({ clientId: ann.clientId, chatId, ...preview.body.erasure.counts, reportsCancelled: 1 });
    // the open widget heard its dialogue close
    await stream.waitFor((event) => event.event === 'status' && (event.data as { status: string }).status === 'closed');
    stream.close();

    // gone from every table
    const inAnn = { dialog: { clientId: ann.clientId } };
    expect(await db.prisma.message.count({ where: { ...inAnn, NOT: { text: '' } } })).toBe(0);
    expect(await db.prisma.message.count({ where: { ...inAnn, NOT: { externalId: null } } })).toBe(0);
    expect(await db.prisma.pageVisit.count({ where: inAnn })).toBe(0);
    expect(await db.prisma.dialogMarker.count({ where: inAnn })).toBe(0);
    const client = await db.prisma.client.findUniqueOrThrow({ where: { id: ann.clientId } });
    expect(client.externalId).toMatch(/^removed:/);
    const dialogs = await db.prisma.dialog.findMany({ where: { clientId: ann.clientId } });
    expect(dialogs.map((d) => [d.status, d.contentRemovedReason, d.contentRemovedAt !== null])).toEqual([['closed', 'erasure', true], ['closed', 'erasure', true]]);
    // the other client keeps everything
    expect(await db.prisma.message.count({ where: { dialog: { clientId: bob.clientId }, text: { contains: PHONE } } })).toBe(2);
    expect(await db.prisma.pageVisit.count({ where: { dialog: { clientId: bob.clientId } } })).toBe(1);

    // and from every screen
    const show = await admin.get(`/admin/api/resources/Dialog/records/${ann.dialogs[0]}/show`);
    expect(show.status).toBe(200);
    expect(show.body.record.params).toMatchObject({ contentRemovedReason: 'erasure', contentRemovedAt: expect.any(String) });
    expect(show.body.record.params['pageVisits.0.url']).toBeUndefined();
    expect(show.body.record.params['markerNames.0']).toBeUndefined();
    expect(JSON.stringify(show.body)).not.toContain(ann.externalId);
    const page = await admin.get(`/admin/api/resources/Dialog/records/${ann.dialogs[0]}/chatsMessagesPage`);
    expect(page.body.messages.length).toBeGreaterThan(0);
    expect(page.body.messages.every((m: { text: string }) => m.text === '')).toBe(true);
    const messageSearch = await admin.get('/admin/api/resources/Message/actions/list').query({ 'filters.text': PHONE });
    expect(messageSearch.body.records.map((r: { params: { dialog: string } }) => r.params.dialog).sort()).toEqual([...bob.dialogs].sort());
    const dialogSearch = await admin.get('/admin/api/resources/Dialog/actions/list').query({ 'filters.text': PHONE });
    expect(dialogSearch.body.records.map((r: { id: string }) => r.id).sort()).toEqual([...bob.dialogs].sort());
    const clients = await admin.get('/admin/api/resources/Client/actions/list').query({ 'filters.externalId': 'client-ann' });
    expect(clients.body.records).toEqual([]);
    const clientShow = await admin.get(`/admin/api/resources/Client/records/${ann.clientId}/show`);
    expect(clientShow.body.record.params.externalId).toMatch(/^removed:/);
    const rows = JSON.stringify(await rowsOf(allSessionsReport, { chatId }));
    expect(rows).not.toContain(ann.externalId);
    expect(rows.split(PHONE)).toHaveLength(3); // Bob's two messages only

    // billing for the period is what it was
    expect({ billing: await rowsOf(billingReport), sources: await rowsOf(sourcesReport) }).toEqual(before);

    // the files that could hold the client are gone, and the Reports page says why
    const jobs = Object.fromEntries(await Promise.all(Object.entries(exports).map(async ([name, id]) => [name, await db.prisma.reportJob.findUniqueOrThrow({ where: { id } })] as const)));
    const today = new Date().toISOString().slice(0, 10);
    for (const job of [jobs.sessions, jobs.pages]) {
      expect(job).toMatchObject({ status: 'expired', removedReason: `Removed on ${today}: a client whose data it held was erased` });
      expect(await built.chats.context.reports.files.listByJob(job.id)).toEqual([]);
      const download = await admin.get(`/admin/chats-reports/${job.id}/download`);
      expect([download.status, download.text]).toEqual([409, `${job.removedReason}; regenerate it`]);
    }
    expect([jobs.otherChat.status, jobs.billing.status]).toEqual(['ready', 'ready']);
    expect(await db.prisma.reportJob.findUniqueOrThrow({ where: { id: generating.id } })).toMatchObject({ status: 'error', error: expect.stringContaining('a client whose data it was reading was erased') });
    const reportsPage = await admin.get(PAGE);
    const listed = (reportsPage.body.jobs as { id: string; removedReason: string | null }[]);
    expect(listed.find((job) => job.id === exports.sessions)?.removedReason).toBe(jobs.sessions.removedReason);
    expect(listed.find((job) => job.id === exports.billing)?.removedReason).toBeNull();

    // the audit entry, with what was to go and never the identifier
    const [entry] = await db.prisma.auditEntry.findMany({ where: { action: 'client_erased' } });
    expect(entry).toMatchObject({ actor: 'admin@example.com', subject: expect.stringContaining(`Client ${ann.clientId}`) });
    expect(entry.details).toMatchObject({ clientId: ann.clientId, chatId, ...preview.body.erasure.counts });
    expect(JSON.stringify(entry)).not.toContain(ann.externalId);

    // the widget with the old client id: nothing to resume, the old dialogue unreachable, a new client
    expect((await post('/session', { clientId: ann.externalId, create: false })).body).toEqual({ dialogId: null });
    const old = await request(built.app).get(widget('/events')).query({ dialogId: ann.dialogs[1], clientId: ann.externalId }).set('Origin', SHOP_ORIGIN);
    expect(old.status).toBe(404);
    expect((await post('/messages', { dialogId: ann.dialogs[1], clientId: ann.externalId, clientMessageId: 'late', text: 'hello?' })).status).toBeGreaterThanOrEqual(400);
    const fresh = await post('/session', { clientId: ann.externalId, create: true });
    expect(fresh.status).toBe(201);
    expect(fresh.body.messages.map((m: { text: string }) => m.text)).toEqual(['Hello! How can I help?']);
    const newClient = await db.prisma.dialog.findUniqueOrThrow({ where: { id: fresh.body.dialogId }, select: { clientId: true } });
    expect(newClient.clientId).not.toBe(ann.clientId);
  }, 60_000);

  it('erases a dialogue\'s client from the dialogue, and again finds nothing more to remove', async () => {
    const cleo = await widgetClient('client-cleo');
    const url = `/admin/api/resources/Dialog/records/${cleo.dialogs[0]}/chatsEraseClient`;
    const preview = await admin.get(url);
    expect(preview.status).toBe(200);
    expect(preview.body.erasure).toMatchObject({ clientId: cleo.clientId, counts: { dialogs: 2, pageVisits: 1, markers: 1 } });
    const erased = await admin.post(url).send({});
    expect(erased.status).toBe(200);
    expect(erased.body.redirectUrl).toBe(`/admin/resources/Client/records/${cleo.clientId}/show`);
    expect(erased.body.removed).toMatchObject({ dialogs: 2, pageVisits: 1, markers: 1 });
    const again = await admin.post(url).send({});
    expect(again.status).toBe(200);
    expect(again.body.removed).toMatchObject({ dialogs: 0, messages: 0, pageVisits: 0, markers: 0, reportFiles: 0 });
    // what the bot stored in the instant of the removal (an answer, its marker) is swept up too
    const [removedDialog] = cleo.dialogs;
    await storeMessage(db.prisma, removedDialog, { authorType: 'bot', authorName: 'Bot', text: PRICE_ANSWER, sentAt: new Date() });
    await setMarker(db.prisma, removedDialog, 'lead', new Date());
    await db.prisma.pageVisit.create({ data: { dialogId: removedDialog, url: 'https://shop.example/late' } });
    const swept = await admin.post(url).send({});
    expect(swept.body.removed).toMatchObject({ dialogs: 0, messages: 1, pageVisits: 1, markers: 1 });
    expect(await db.prisma.message.count({ where: { dialogId: removedDialog, NOT: { text: '' } } })).toBe(0);
    expect(await db.prisma.dialogMarker.count({ where: { dialogId: removedDialog } })).toBe(0);
  }, 30_000);

  it('erases a client who keeps writing meanwhile: what they wrote before the new identifier goes, later they are a new client', async () => {
    const fay = await widgetClient('client-fay');
    let erasing = true;
    const answers: number[] = [];
    const traffic = (async () => {
      // the widget as a client who does not give up (chat-client.js): a 409 (closed) or a 404 (the
      // dialogue is no longer this client id's, once the erasure has committed) starts a new session
      let dialogId = fay.dialogs[1];
      while (erasing) {
        const sent = await post('/messages', { dialogId, clientId: fay.externalId, clientMessageId: `fay${(sequence += 1)}`, text: `Hello? ${PHONE}` });
        answers.push(sent.status);
        if (sent.status === 409 || sent.status === 404) dialogId = (await post('/session', { clientId: fay.externalId, create: true })).body.dialogId as string;
      }
    })();
    const erased = await admin.post(eraseUrl(fay.clientId)).send({});
    erasing = false;
    await traffic;
    expect(erased.status).toBe(200);
    expect(answers.filter((status) => ![201, 404, 409].includes(status))).toEqual([]);
    // everything under the erased client row is closed and without content
    expect(await db.prisma.dialog.count({ where: { clientId: fay.clientId, OR: [{ status: 'active' }, { contentRemovedAt: null }] } })).toBe(0);
    expect(await db.prisma.message.count({ where: { dialog: { clientId: fay.clientId }, NOT: { text: '' } } })).toBe(0);
    expect((await db.prisma.client.findUniqueOrThrow({ where: { id: fay.clientId } })).externalId).toMatch(/^removed:/);
    // what came after belongs to a new client with the same widget id
    const later = await db.prisma.client.findMany({ where: { chatId, externalId: fay.externalId } });
    expect(later.every((client) => client.id !== fay.clientId)).toBe(true);
  }, 30_000);

  it('lets only admins erase: operators and viewers get 403 and nothing changes', async () => {
    const dan = await widgetClient('client-dan');
    for (const agent of [operator, viewer]) {
      for (const url of [eraseUrl(dan.clientId), `/admin/api/resources/Dialog/records/${dan.dialogs[0]}/chatsEraseClient`]) {
        expect((await agent.get(url)).status).toBe(403);
        expect((await agent.post(url).send({})).status).toBe(403);
      }
    }
    expect(await db.prisma.message.count({ where: { dialog: { clientId: dan.clientId }, text: { contains: PHONE } } })).toBe(2);
    expect((await db.prisma.client.findUniqueOrThrow({ where: { id: dan.clientId } })).externalId).toBe('client-dan');
    expect(await db.prisma.auditEntry.count({ where: { action: 'client_erased', subject: { contains: `Client ${dan.clientId} ` } } })).toBe(0);
  }, 30_000);

  it('does nothing when the audit entry cannot be written, and says so (503)', async () => {
    const eve = await widgetClient('client-eve');
    await db.sql.exec('ALTER TABLE audit_log RENAME TO audit_log_away');
    let response;
    try {
      response = await admin.post(eraseUrl(eve.clientId)).send({});
    } finally {
      await db.sql.exec('ALTER TABLE audit_log_away RENAME TO audit_log');
    }
    expect(response.status).toBe(503);
    expect(response.body.error).toBe('The action could not be recorded in the audit log, so it was not done; retry in a moment.');
    expect(await db.prisma.message.count({ where: { dialog: { clientId: eve.clientId }, text: { contains: PHONE } } })).toBe(2);
    expect(await db.prisma.dialog.count({ where: { clientId: eve.clientId, status: 'active' } })).toBe(1);
    expect((await db.prisma.client.findUniqueOrThrow({ where: { id: eve.clientId } })).externalId).toBe('client-eve');
  }, 30_000);
});
