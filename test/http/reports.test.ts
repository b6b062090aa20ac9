// Reports through the real app: the Export action of the dialogue list, the Reports page handler
// and the download route, with the report worker running. Each role rule is checked on the server,
// and the downloaded workbook holds exactly the dialogues the filtered list shows.
import ExcelJS from 'exceljs';
import request from 'supertest';
import type { ReportJob } from '@prisma/client';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { createUser, loginAs, startTestApp } from '../support/http.js';
import type { BuiltApp } from '../../src/app/build-app.js';
import { openDialog } from '../../src/conversations/open-dialog.js';
import { storeMessage } from '../../src/conversations/message-store.js';
import { buildDialogFixture, type DialogFixture } from './dialogs.fixture.js';

type Agent = Awaited<ReturnType<typeof loginAs>>;
const EXPORT = '/admin/api/resources/Dialog/actions/chatsExport';
const PAGE = '/admin/api/pages/chatsReports';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const downloadUrl = (id: string) => `/admin/chats-reports/${id}/download`;

const binary = (res: NodeJS.ReadableStream, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** Session ids (column A) below the header of the report sheet. */
async function sessionIds(file: Buffer): Promise<{ header: unknown[]; ids: string[] }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  const ids: string[] = [];
  sheet.eachRow((row, number) => { if (number > 1) ids.push(String(row.getCell(1).value)); });
  return { header, ids };
}

describeEachDatabase('reports through the HTTP API', (kind) => {
  let db: TestDatabase;
  let built: BuiltApp;
  let f: DialogFixture;
  let admin: Agent;
  let operator: Agent;
  let viewer: Agent;
  let cyrillicChat: number;

  const jobCount = () => db.prisma.reportJob.count();
  const exportAs = (agent: Agent, body: Record<string, unknown>) =>
    agent.post(EXPORT).query({ origin: 'http://ignored.example' }).send({ withTime: false, timeZone: 'UTC', ...body });

  async function finished(id: string): Promise<ReportJob> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const job = await db.prisma.reportJob.findUniqueOrThrow({ where: { id } });
      if (job.status === 'ready' || job.status === 'error') return job;
      if (Date.now() > deadline) throw new Error(`report ${id} still ${job.status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function exportReady(agent: Agent, body: Record<string, unknown>): Promise<ReportJob> {
    const response = await exportAs(agent, body);
    expect(response.status).toBe(200);
    const job = await finished(response.body.job.id);
    expect(job).toMatchObject({ status: 'ready', error: null });
    return job;
  }

  const download = (agent: Agent | ReturnType<typeof request>, id: string) =>
    (agent as Agent).get(downloadUrl(id)).buffer(true).parse(binary as never);

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    built = await startTestApp(db);
    // only the report worker: chats.start() also runs the inactivity closer, which would close the
    // fixture's old open dialogues and change what the filters select
    await built.chats.context.reports.worker.start();
    await createUser(db, 'admin');
    await createUser(db, 'operator');
    await createUser(db, 'viewer');
    f = await buildDialogFixture(db.prisma);
    cyrillicChat = (await db.prisma.chat.create({ data: { name: 'Магазин цветов', publicKey: 'key-ru', priceWeb: '0.0100', currency: 'RUB' } })).id;
    const dialog = await openDialog(db.prisma, { chatId: cyrillicChat, channel: 'web', externalId: 'cookie-ru', at: new Date(Date.UTC(2026, 0, 6)) });
    await storeMessage(db.prisma, dialog.id, { authorType: 'client', text: 'Здравствуйте', sentAt: new Date(Date.UTC(2026, 0, 6, 0, 1)) });
    admin = await loginAs(built.app, 'admin@example.com');
    operator = await loginAs(built.app, 'operator@example.com');
    viewer = await loginAs(built.app, 'viewer@example.com');
  });
  afterAll(async () => {
    await built.chats.context.reports.worker.stop();
    await db.drop();
  });

  it('offers each role the report types it may export, in the order of the product', async () => {
    const adminForm = await admin.get(EXPORT).query({ 'filters.status': 'closed', 'filters.chat': String(f.chatA) });
    expect(adminForm.status).toBe(200);
    expect(adminForm.body.types.map((t: { value: string }) => t.value)).toEqual([
      'all_sessions', 'sessions_with_markers', 'billing', 'operator_metrics', 'productivity', 'sources', 'web_pages', 'popular_phrases', 'client_phrases',
    ]);
    expect(adminForm.body.filters).toEqual([{ property: 'status', value: 'closed' }, { property: 'chat', value: 'Shop A' }]);
    const operatorForm = await operator.get(EXPORT);
    expect(operatorForm.body.types.map((t: { value: string }) => t.value)).not.toContain('billing');
    expect(operatorForm.body.types).toHaveLength(8);
    expect((await viewer.get(EXPORT)).status).toBe(403);
  });

  it('exports exactly the filtered list (all pages) as a workbook named after report, chat and period', async () => {
    const list = await admin.get('/admin/api/resources/Dialog/actions/list').query({ 'filters.status': 'closed', perPage: '1' });
    expect(list.body.meta.total).toBe(2); // the list shows one per page; the report holds both
    const job = await exportReady(admin, { type: 'all_sessions', query: { 'filters.status': 'closed' } });
    expect(job.fileName).toBe('All chat sessions - All chats - all time.xlsx');
    expect(job.dialogUrlBase).toBe('http://chats.test/admin/resources/Dialog/records');
    const file = await download(admin, job.id);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toContain(XLSX);
    expect(file.headers['content-disposition']).toContain('All chat sessions - All chats - all time.xlsx');
    const { header, ids } = await sessionIds(file.body as Buffer);
    expect(header[0]).toBe('Session id');
    expect(ids.sort()).toEqual([f.d4, f.d3].sort()); // report order is the report's own (oldest first)

    const byChat = await exportReady(admin, { type: 'all_sessions', query: '?filters.chat=' + f.chatA + '&filters.createdAt~~from=2026-01-02T00:00:00.000Z&page=2' });
    expect(byChat.fileName).toBe('All chat sessions - Shop A - 2026-01-02 to ….xlsx');
    expect((await sessionIds((await download(admin, byChat.id)).body as Buffer)).ids.sort()).toEqual([f.d3, f.d2].sort());
  });

  it('names a Cyrillic chat in the file name with an RFC 5987 filename*', async () => {
    const job = await exportReady(operator, { type: 'sources', query: { 'filters.chat': String(cyrillicChat) } });
    expect(job.fileName).toBe('Sources - Магазин цветов - all time.xlsx');
    const file = await download(operator, job.id);
    expect(file.status).toBe(200);
    const disposition = String(file.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1])).toBe('Sources - Магазин цветов - all time.xlsx');
  });

  it('refuses billing to an operator and everything to a viewer, creating no job', async () => {
    const before = await jobCount();
    const billing = await exportAs(operator, { type: 'billing', query: {} });
    expect(billing.status).toBe(403);
    expect(billing.body.notice).toMatchObject({ type: 'error', message: 'reportNotAllowed' });
    const asViewer = await exportAs(viewer, { type: 'sources', query: {} });
    expect(asViewer.status).toBe(403);
    expect(await jobCount()).toBe(before);
  });

  it('answers bad input with a 400 and a clear message, creating no job', async () => {
    const before = await jobCount();
    const badType = await exportAs(admin, { type: 'everything', query: {} });
    expect(badType.status).toBe(400);
    expect(badType.body).toMatchObject({ error: 'Choose a report type', field: 'type', notice: { message: 'reportChooseType' } });
    const badZone = await exportAs(admin, { type: 'sources', timeZone: 'Mars/Olympus', query: {} });
    expect(badZone.status).toBe(400);
    expect(badZone.body).toMatchObject({ error: 'Unknown time zone "Mars/Olympus"', field: 'timeZone' });
    const badFilter = await exportAs(admin, { type: 'sources', query: { 'filters.status': 'open' } });
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.error).toMatch(/^Invalid filter: Unknown status "open"/);
    expect(badFilter.body.notice.message).toBe('reportBadFilter');
    expect(await jobCount()).toBe(before);
  });

  it("keeps users to their own jobs: an operator gets 404 on another user's job, an admin may act on any", async () => {
    const adminJob = await exportReady(admin, { type: 'web_pages', query: {} });
    const operatorJob = await exportReady(operator, { type: 'client_phrases', query: {} });
    expect((await download(operator, adminJob.id)).status).toBe(404);
    expect((await operator.post(PAGE).send({ action: 'regenerate', id: adminJob.id })).status).toBe(404);
    expect((await operator.post(PAGE).send({ action: 'delete', id: adminJob.id })).status).toBe(404);
    expect((await operator.get(PAGE).query({ id: adminJob.id })).status).toBe(404);
    expect(await db.prisma.reportJob.findUnique({ where: { id: adminJob.id } })).toMatchObject({ status: 'ready' });

    const operatorList = await operator.get(PAGE);
    expect(operatorList.status).toBe(200);
    expect(operatorList.body.jobs.map((j: { createdBy: string }) => j.createdBy)).toEqual(expect.arrayContaining(['operator']));
    expect(operatorList.body.jobs.every((j: { createdBy: string }) => j.createdBy === 'operator')).toBe(true);
    const polled = await operator.get(PAGE).query({ id: operatorJob.id }); // the Export form polls one job
    expect(polled.body.job).toMatchObject({ id: operatorJob.id, createdBy: 'operator' });
    const adminList = await admin.get(PAGE);
    const ids = adminList.body.jobs.map((j: { id: string }) => j.id);
    expect(ids).toEqual(expect.arrayContaining([adminJob.id, operatorJob.id]));
    expect(ids.indexOf(operatorJob.id)).toBeLessThan(ids.indexOf(adminJob.id)); // newest first
    expect(adminList.body.jobs[0]).toMatchObject({ status: 'ready', downloadUrl: downloadUrl(ids[0]) });

    expect((await download(admin, operatorJob.id)).status).toBe(200);
    expect((await admin.post(PAGE).send({ action: 'delete', id: operatorJob.id })).status).toBe(200);
  });

  it('answers 409 for a report that is not ready or has expired', async () => {
    const generating = await db.prisma.reportJob.create({
      data: { type: 'sources', fileName: 'x.xlsx', dialogUrlBase: 'http://x', status: 'generating', workerId: 'elsewhere', heartbeatAt: new Date(), createdById: null },
    });
    const notReady = await download(admin, generating.id);
    expect(notReady.status).toBe(409);
    expect(String(notReady.body)).toBe('This report is not ready yet');
    const job = await exportReady(admin, { type: 'sources', query: {} });
    await db.prisma.reportJob.update({ where: { id: job.id }, data: { status: 'expired' } });
    const expired = await download(admin, job.id);
    expect(expired.status).toBe(409);
    expect(String(expired.body)).toBe('This report has expired; regenerate it');
    await db.prisma.reportJob.delete({ where: { id: generating.id } });
  });

  it('regenerates a report: queued again, then ready with a new file', async () => {
    const job = await exportReady(operator, { type: 'all_sessions', withTime: true, query: { 'filters.status': 'no_operator_response' } });
    const again = await operator.post(PAGE).send({ action: 'regenerate', id: job.id });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ job: { id: job.id, status: 'queued' }, notice: { message: 'reportRegenerating', type: 'success' } });
    const ready = await finished(job.id);
    expect(ready.status).toBe('ready');
    expect(ready.finishedAt!.getTime()).toBeGreaterThan(job.finishedAt!.getTime());
    expect((await sessionIds((await download(operator, job.id)).body as Buffer)).ids.sort()).toEqual([f.d4, f.d2].sort());
  });

  it('deletes a report with its file', async () => {
    const job = await exportReady(operator, { type: 'popular_phrases', query: {} });
    const files = built.chats.context.reports.files;
    expect((await files.listByJob(job.id)).map((f) => f.complete)).toEqual([true]);
    const deleted = await operator.post(PAGE).send({ action: 'delete', id: job.id });
    expect(deleted.status).toBe(200);
    expect(deleted.body.notice).toMatchObject({ message: 'reportDeleted', type: 'success' });
    expect(await db.prisma.reportJob.findUnique({ where: { id: job.id } })).toBeNull();
    expect(await files.listByJob(job.id)).toEqual([]);
    expect((await download(operator, job.id)).status).toBe(404);
  });

  it('sends a logged-out browser to the login page', async () => {
    const job = await exportReady(admin, { type: 'productivity', query: {} });
    const anonymous = await request(built.app).get(downloadUrl(job.id));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.location).toBe('/admin/login');
    expect((await request(built.app).get(PAGE)).status).toBe(302);
  });
});
