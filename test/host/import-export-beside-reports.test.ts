// A host that adds @adminjs/import-export (actions `export` and `import`) to the chats' Dialog
// resource keeps two independent exports: the chats' "Export" (action `chatsExport`) queues a
// report of exactly the listed dialogues and reads no records while answering, and
// import-export's `export` answers with its JSON of every dialogue and queues no report. Had the
// plugin's action been called `export`, AdminJS would chain both handlers into one action
// (features merge actions of the same name), so every report request would load every dialogue.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import ExcelJS from 'exceljs';
import AdminJS, { ComponentLoader, type ResourceWithOptions } from 'adminjs';
import AdminJSExpress from '@adminjs/express';
import importExportFeature from '@adminjs/import-export';
import { createChatsAdmin, type ChatsAdmin } from '../../src/index.js';
import { openDialog } from '../../src/conversations/open-dialog.js';
import { closeDialog } from '../../src/conversations/close-dialog.js';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { RecordingLogger } from '../support/logger.js';

const SECRET = 'host-secret-at-least-32-characters-long';
const LIST = '/admin/api/resources/Dialog/actions/list';
const CHATS_EXPORT = '/admin/api/resources/Dialog/actions/chatsExport';
const IE_EXPORT = '/admin/api/resources/Dialog/actions/export';

const binary = (res: NodeJS.ReadableStream, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describeEachDatabase('@adminjs/import-export beside the chats reports', (kind) => {
  let db: TestDatabase;
  let chats: ChatsAdmin;
  let admin: AdminJS;
  let agent: ReturnType<typeof request.agent>;
  let finds: { limit?: number }[];
  const closed: string[] = [];
  const all: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const chatId = (await db.prisma.chat.create({ data: { name: 'Host shop', publicKey: 'ie-key-1' } })).id;
    for (let i = 0; i < 12; i += 1) {
      const dialog = await openDialog(db.prisma, { chatId, channel: 'web', externalId: `visitor-${i}`, at: new Date(Date.UTC(2026, 0, 1 + i)) });
      all.push(dialog.id);
      if (i % 3 === 0) {
        await closeDialog(db.prisma, dialog.id);
        closed.push(dialog.id);
      }
    }

    // --- the host: its own login and users, the chats, and import-export on the chats' dialogues
    const componentLoader = new ComponentLoader();
    chats = createChatsAdmin({
      prisma: db.prisma,
      sql: db.sql,
      secret: SECRET,
      logger: new RecordingLogger(),
      componentLoader,
      reports: { dir: fs.mkdtempSync(path.join(os.tmpdir(), 'ie-reports-')) },
      users: { fromCurrentAdmin: (user) => ({ id: String(user.id), email: String(user.email), role: user.role === 'manager' ? 'admin' : 'viewer' }) },
    });
    const options = chats.adminOptions({ rootPath: '/admin', componentLoader, branding: { companyName: 'Host' } });
    const withImportExport = (entry: ResourceWithOptions): ResourceWithOptions => (entry.resource.id() !== 'Dialog' ? entry : {
      ...entry,
      // dialogues are made by the channels only: no import into them
      options: { ...entry.options, actions: { ...entry.options.actions, import: { isAccessible: false } } },
      features: [...(entry.features ?? []), importExportFeature({ componentLoader })],
    });
    admin = new AdminJS({ ...options, resources: options.resources!.map((entry) => withImportExport(entry as ResourceWithOptions)) });
    const authenticate = async (email: string, password: string) => (email === 'boss@host.example' && password === 'pw' ? { id: 7, email, role: 'manager' } : null);
    const router = AdminJSExpress.buildAuthenticatedRouter(admin, { authenticate, cookiePassword: SECRET }, null, { secret: SECRET, resave: false, saveUninitialized: false });
    const app = express();
    app.use(chats.publicRouter());
    app.use(admin.options.rootPath, chats.adminRouter(admin, router));
    // ---

    await chats.context.reports.worker.start();
    // every read of dialogue records through the Dialog resource, whoever asks
    const resource = admin.findResource('Dialog');
    const find = resource.find.bind(resource);
    finds = [];
    resource.find = (async (...args: Parameters<typeof find>) => { finds.push({ limit: args[1]?.limit }); return find(...args); }) as typeof find;
    agent = request.agent(app);
    const login = await agent.post('/admin/login').type('form').send({ email: 'boss@host.example', password: 'pw' });
    expect(login.status).toBe(302);
  });
  afterAll(async () => {
    await chats?.context.reports.worker.stop();
    await db?.drop();
  });

  it('shows both Export actions on the dialogue list, each with its own form', async () => {
    const page = await agent.get('/admin/resources/Dialog');
    const state = JSON.parse(/window\.REDUX_STATE = (.*);\n/.exec(page.text)![1]);
    const dialog = state.resources.find((r: { id: string }) => r.id === 'Dialog');
    const actions = Object.fromEntries(dialog.resourceActions.map((a: { name: string; component: string }) => [a.name, a.component]));
    expect(actions).toMatchObject({ chatsExport: chats.context.components.ExportReport, export: 'ExportComponent' });
    expect(actions.import).toBeUndefined(); // the host closed it
    expect(admin.componentLoader.getComponents()).toMatchObject({ ChatsExportReport: expect.stringContaining('ExportReport'), ExportComponent: expect.stringContaining('import-export') });
  });

  it("the chats' Export queues a report of exactly the listed dialogues and reads no records to answer", async () => {
    const form = await agent.get(CHATS_EXPORT).query({ 'filters.status': 'closed' });
    expect(form.body.filters).toEqual([{ property: 'status', value: 'closed' }]);
    const listed = await agent.get(LIST).query({ 'filters.status': 'closed' });
    expect(listed.body.records.map((r: { id: string }) => r.id).sort()).toEqual([...closed].sort());

    finds.length = 0;
    const reportsBefore = await db.prisma.reportJob.count();
    const response = await agent.post(CHATS_EXPORT).send({ type: 'all_sessions', query: 'filters.status=closed', timeZone: 'UTC' });
    expect(response.status).toBe(200);
    expect(response.body.exportedData).toBeUndefined();
    expect(response.body.job).toMatchObject({ status: 'queued', type: 'all_sessions' });
    expect(finds).toEqual([]);
    expect(await db.prisma.reportJob.count()).toBe(reportsBefore + 1);

    const deadline = Date.now() + 30_000;
    let job = response.body.job;
    while (job.status !== 'ready' && job.status !== 'error' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = (await agent.get('/admin/api/pages/chatsReports').query({ id: job.id })).body.job;
    }
    expect(job.status).toBe('ready');
    const file = await agent.get(job.downloadUrl).buffer(true).parse(binary as never);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.body as ArrayBuffer);
    const ids: string[] = [];
    book.worksheets[0].eachRow((row, number) => { if (number > 1) ids.push(String(row.getCell(1).value)); });
    expect(ids.sort()).toEqual([...closed].sort());
  });

  it("import-export's export answers with its JSON of every dialogue and queues no report", async () => {
    expect((await agent.get(IE_EXPORT)).body).toEqual({}); // its GET only opens its form
    finds.length = 0;
    const reportsBefore = await db.prisma.reportJob.count();
    const response = await agent.post(IE_EXPORT).query({ type: 'json' });
    expect(response.status).toBe(200);
    expect(response.body.job).toBeUndefined();
    const exported = JSON.parse(response.body.exportedData) as { id: string; status: string }[];
    expect(exported.map((d) => d.id).sort()).toEqual([...all].sort()); // it ignores the list's filters: all of them
    expect(exported.filter((d) => d.status === 'closed').map((d) => d.id).sort()).toEqual([...closed].sort());
    expect(finds).toEqual([{ limit: Number.MAX_SAFE_INTEGER }]);
    expect(await db.prisma.reportJob.count()).toBe(reportsBefore);
    expect((await agent.post('/admin/api/resources/Dialog/actions/import')).status).toBe(403);
  });
});
