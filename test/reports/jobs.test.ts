// The report job queue: generation, crash recovery, failures that leave no complete-looking file,
// expiry, the concurrency limit, and no double claims between two app instances.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { JobStore } from '../../src/reports/jobs/job-store.js';
import { FolderReportFiles } from '../../src/reports/storage/folder-report-files.js';
import { ReportWorker } from '../../src/reports/jobs/report-worker.js';
import type { ReportDefinition } from '../../src/reports/report-definition.js';

const waitFor = async (check: () => Promise<boolean>, ms = 15_000) => {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** A report of `count` numbered rows in batches of 100; optionally fails after `failAfter` rows. */
function numbersReport(count: number, options: { failAfter?: number; batchDelayMs?: number } = {}): ReportDefinition {
  return {
    type: 'sources',
    title: 'Numbers',
    adminOnly: false,
    holdsClientData: false,
    columns: () => [{ key: 'n', header: 'N', type: 'integer', width: 8 }, { key: 'label', header: 'Label', type: 'string', width: 12 }],
    countRows: async () => count,
    async *rows() {
      for (let start = 0; start < count; start += 100) {
        if (options.failAfter !== undefined && start >= options.failAfter) throw new Error('connection to the database was lost');
        if (options.batchDelayMs) await new Promise((resolve) => setTimeout(resolve, options.batchDelayMs));
        yield Array.from({ length: Math.min(100, count - start) }, (_, i) => ({ n: start + i + 1, label: `row ${start + i + 1}` }));
      }
    },
  };
}

describeEachDatabase('report jobs', (kind) => {
  let db: TestDatabase;
  let dir: string;
  let files: FolderReportFiles;
  let store: JobStore;
  const workers: ReportWorker[] = [];
  const newJob = (fileName = 'numbers.xlsx') => store.create({
    type: 'sources', withTime: false, timeZone: 'UTC', filter: {}, fileName, dialogUrlBase: 'http://x/admin/resources/Dialog/records', createdById: null,
  });
  const worker = (definition: ReportDefinition, concurrency = 2) => {
    const created = new ReportWorker({ store, files, sql: db.sql, definitionOf: () => definition, concurrency, pollMs: 50, heartbeatMs: 50, staleAfterMs: 60_000, fileTtlMs: 60_000 });
    workers.push(created);
    return created;
  };
  const statusOf = async (id: string) => (await db.prisma.reportJob.findUniqueOrThrow({ where: { id } })).status;

  beforeEach(async () => {
    db = await createTestDatabase(kind);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reports-'));
    files = new FolderReportFiles(dir, db.sql);
    store = new JobStore(db.prisma, db.sql, { staleAfterMs: 500, maxAttempts: 3 });
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await db.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('generates a queued report into a complete workbook and records rows and size', async () => {
    const job = await newJob();
    await worker(numbersReport(250)).start();
    await waitFor(async () => (await statusOf(job.id)) === 'ready');
    const done = await db.prisma.reportJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(done).toMatchObject({ rowsWritten: 250, rowsTotal: 250, attempts: 1, error: null });
    expect(done.sizeBytes).toBe(fs.statSync(files.finalPath(job.id)).size);
    expect(done.expiresAt!.getTime()).toBeGreaterThan(Date.now());
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(files.finalPath(job.id));
    const sheet = book.worksheets[0];
    expect(sheet.rowCount).toBe(251);
    expect(sheet.getRow(251).values).toEqual([undefined, 250, 'row 250']);
  });

  it('queues a job cut off by a crash again and finishes it, removing the dead temporary file', async () => {
    const job = await newJob();
    await db.prisma.reportJob.update({ where: { id: job.id }, data: { status: 'generating', attempts: 1, workerId: 'dead-host:1', heartbeatAt: new Date(Date.now() - 10_000) } });
    fs.writeFileSync(files.partPath(job.id, 'dead-host:1'), 'half a file');
    await worker(numbersReport(10)).start();
    await waitFor(async () => (await statusOf(job.id)) === 'ready');
    expect((await db.prisma.reportJob.findUniqueOrThrow({ where: { id: job.id } })).attempts).toBe(2);
    expect(fs.existsSync(files.partPath(job.id, 'dead-host:1'))).toBe(false);
  });

  it('keeps, in a shared folder, the file in progress of another live instance', async () => {
    const job = await newJob();
    await db.prisma.reportJob.update({ where: { id: job.id }, data: { status: 'generating', attempts: 1, workerId: 'other-host:2', heartbeatAt: new Date() } });
    fs.writeFileSync(files.partPath(job.id, 'other-host:2'), 'half a file');
    fs.writeFileSync(files.partPath(job.id, 'gone-host:3'), 'a dead attempt');
    expect(await files.removeOrphans(new Date(Date.now() - 60_000))).toBe(1);
    expect(await files.listByJob(job.id)).toEqual([{ writer: 'other-host_2', bytes: 11, complete: false }]);
  });

  it('gives up on a job interrupted too often, with the reason', async () => {
    const job = await newJob();
    await db.prisma.reportJob.update({ where: { id: job.id }, data: { status: 'generating', attempts: 3, workerId: 'dead', heartbeatAt: new Date(Date.now() - 10_000) } });
    await worker(numbersReport(10)).start();
    await waitFor(async () => (await statusOf(job.id)) === 'error');
    expect((await db.prisma.reportJob.findUniqueOrThrow({ where: { id: job.id } })).error).toMatch(/interrupted .* 3 times/);
  });

  it('marks a job failed when the database fails mid-way and leaves no file that looks complete', async () => {
    const job = await newJob();
    await worker(numbersReport(1000, { failAfter: 300 })).start();
    await waitFor(async () => (await statusOf(job.id)) === 'error');
    expect((await db.prisma.reportJob.findUniqueOrThrow({ where: { id: job.id } })).error).toMatch(/connection to the database was lost/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('never generates more jobs at once than the limit', async () => {
    const jobs = await Promise.all([newJob('a'), newJob('b'), newJob('c')]);
    const w = worker(numbersReport(500, { batchDelayMs: 20 }), 1);
    let most = 0;
    const sampler = setInterval(() => { most = Math.max(most, w.activeJobs); }, 5);
    await w.start();
    await waitFor(async () => (await db.prisma.reportJob.count({ where: { status: 'ready' } })) === 3);
    clearInterval(sampler);
    expect(most).toBe(1);
    expect(new Set(jobs.map((j) => j.id)).size).toBe(3);
  });

  it('expires old files', async () => {
    const job = await newJob();
    await worker(numbersReport(5)).start();
    await waitFor(async () => (await statusOf(job.id)) === 'ready');
    expect(await store.expire(new Date(Date.now() + 120_000))).toEqual([job.id]);
    expect(await statusOf(job.id)).toBe('expired');
  });

  if (kind === 'postgresql') {
    it('lets two instances share the queue without generating any job twice', async () => {
      const jobs = await Promise.all(Array.from({ length: 8 }, (_, i) => newJob(`j${i}`)));
      const claims = await Promise.all(Array.from({ length: 16 }, (_, i) => store.claim(`instance-${i % 2}`)));
      const claimed = claims.filter((c) => c !== null).map((c) => c!.id).sort();
      expect(claimed).toEqual(jobs.map((j) => j.id).sort());
    });
  }
});
