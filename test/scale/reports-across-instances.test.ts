// Report files any instance can serve, with two app processes on one PostgreSQL: a report asked
// for on A is downloaded from B; a report being generated when its instance gets SIGTERM is
// finished by the other at once, and the stopped one exits within its bound; an expired file is
// removed by whichever instance is left. Runs on the PostgreSQL server only (TEST_DATABASE_URL).
import ExcelJS from 'exceljs';
import { createServerDatabase } from '../support/empty-database.js';
import { openDatabase, type Database } from '../../src/app/database.js';
import { migrate } from '../../src/db/migrate.js';
import { hashPassword } from '../../src/accounts/password.js';
import { bulkDialogs } from '../support/bulk-dialogs.js';
import { login, startInstance, stopInstances, type Instance } from '../support/instances.js';

const describeServer = process.env.TEST_DATABASE_URL ? describe : describe.skip;
const PASSWORD = 'admin-password';

describeServer('reports with several instances', () => {
  let database: { url: string; drop(): Promise<void> };
  let db: Database;
  let a: Instance;
  let b: Instance;
  const cookies = new Map<Instance, string>();

  beforeAll(async () => {
    database = await createServerDatabase('chats_scale_reports');
    db = await openDatabase({ databaseUrl: database.url });
    await migrate(db.sql);
    await db.prisma.adminUser.create({ data: { email: 'boss@example.com', role: 'admin', name: 'Boss', passwordHash: await hashPassword(PASSWORD) } });
    const env = { REPORT_MAINTENANCE_SECONDS: '1', SHUTDOWN_TIMEOUT_SECONDS: '10' };
    [a, b] = await Promise.all([startInstance('ra', database.url, env), startInstance('rb', database.url, env)]);
    for (const instance of [a, b]) cookies.set(instance, await login(instance, 'boss@example.com', PASSWORD));
  }, 90_000);

  afterAll(async () => {
    await stopInstances([a, b]);
    await db?.close();
    await database?.drop();
  }, 30_000);

  const requestReport = async (instance: Instance, type: string) => {
    const res = await fetch(`${instance.url}/admin/api/resources/Dialog/actions/chatsExport?origin=http://ignored.example`, {
      method: 'POST', headers: { Cookie: cookies.get(instance)!, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type, query: {}, withTime: false, timeZone: 'UTC' }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { job: { id: string } }).job.id;
  };
  const jobOf = (id: string) => db.prisma.reportJob.findUniqueOrThrow({ where: { id } });
  async function until<T>(what: string, probe: () => Promise<T | null | false>, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const download = async (instance: Instance, id: string) => {
    const res = await fetch(`${instance.url}/admin/chats-reports/${id}/download`, { headers: { Cookie: cookies.get(instance)! }, redirect: 'manual' });
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
  };
  const rowsOf = async (file: Buffer) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file as unknown as ArrayBuffer);
    return book.worksheets[0].actualRowCount;
  };

  it('serves from B a report asked for on A', async () => {
    await bulkDialogs(db, 40);
    const id = await requestReport(a, 'all_sessions');
    const job = await until('the report', async () => { const j = await jobOf(id); return j.status === 'ready' && j; }, 30_000);
    // A's worker is woken by the request, but B's may look at the queue first: the file is
    // downloaded from the instance that did not make it
    const maker = [a, b].find((instance) => job.workerId?.includes(`:${instance.child.pid}:`));
    expect(maker).toBeDefined();
    const file = await download(maker === a ? b : a, id);
    expect(file.status).toBe(200);
    expect(file.body.length).toBe(Number(job.sizeBytes));
    expect(await rowsOf(file.body)).toBe(41); // header and 40 sessions
  });

  let survivor: Instance;
  it('finishes on the other instance a report whose instance got SIGTERM, and the stopped one exits within its bound', async () => {
    await bulkDialogs(db, 60_000);
    const id = await requestReport(a, 'all_sessions');
    // at once when it starts: on a quiet machine the whole report takes about 2 s, and one that
    // finished before the signal arrived would leave nothing to take over
    const started = await until('the report to start', async () => { const j = await jobOf(id); return j.status === 'generating' && j; }, 90_000);
    const [owner, other] = started.workerId!.includes(`:${a.child.pid}:`) ? [a, b] : [b, a];
    const signalled = Date.now();
    owner.kill('SIGTERM');
    expect(await owner.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    // released at once, not after the 60 s heartbeat timeout: the other takes it within its poll
    const taken = await until('the other instance to take it', async () => { const j = await jobOf(id); return j.workerId?.includes(`:${other.child.pid}:`) ? j : null; }, 10_000);
    expect(taken.attempts).toBe(1); // a release is not a failed attempt
    const ready = await until('the report', async () => { const j = await jobOf(id); return (j.status === 'ready' || j.status === 'error') && j; }, 50_000);
    expect(ready).toMatchObject({ status: 'ready', error: null });
    const file = await download(other, id);
    expect(file.status).toBe(200);
    expect(await rowsOf(file.body)).toBe(60_041);
    survivor = other;
  }, 240_000); // beside other suites on a noisy machine the bulk and the first rows took over 40 s

  it('removes an expired report\'s file from the instance left', async () => {
    const id = (await db.prisma.reportJob.findFirstOrThrow({ where: { status: 'ready' }, orderBy: { createdAt: 'asc' } })).id;
    expect(await db.prisma.reportFileChunk.count({ where: { jobId: id } })).toBeGreaterThan(0);
    await db.prisma.reportJob.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await until('the expiry', async () => (await jobOf(id)).status === 'expired', 10_000);
    await until('the file to go', async () => (await db.prisma.reportFileChunk.count({ where: { jobId: id } })) === 0, 10_000);
    expect((await download(survivor, id)).status).toBe(409);
    expect(survivor.alive).toBe(true);
  });
});
