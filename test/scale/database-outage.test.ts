// PostgreSQL going away and coming back under two app processes. The shared server cannot be
// stopped here (others test on it), so "stopped" is: the test database refuses new connections
// (ALLOW_CONNECTIONS false) and every backend of it is terminated, which is what the instances
// see of a server stopped with -m immediate; "started" is allowing connections again.
// Nothing may exit; requests meanwhile answer 503 with Retry-After and /readyz says so; after,
// the export in progress is retried by its own instance and completes, no message is lost.
import ExcelJS from 'exceljs';
import pg from 'pg';
import { createServerDatabase } from '../support/empty-database.js';
import { openDatabase, type Database } from '../../src/app/database.js';
import { migrate } from '../../src/db/migrate.js';
import { hashPassword } from '../../src/accounts/password.js';
import { login, startInstance, stopInstances, terminateBackends, type Instance } from '../support/instances.js';
import { openStream } from '../channels/web/widget-fixture.js';
import { bulkDialogs } from '../support/bulk-dialogs.js';

const describeServer = process.env.TEST_DATABASE_URL ? describe : describe.skip;
const PASSWORD = 'admin-password';
const KEY = 'pk-outage';

describeServer('a database outage under two instances', () => {
  let database: { url: string; drop(): Promise<void> };
  let db: Database;
  let a: Instance;
  let b: Instance;
  const name = () => new URL(database.url).pathname.slice(1);

  const onServer = async (statement: string) => {
    const admin = new pg.Client({ connectionString: database.url.replace(/\/[^/]*$/, '/postgres') });
    await admin.connect();
    try { await admin.query(statement); } finally { await admin.end(); }
  };
  const stopDatabase = async () => {
    await onServer(`ALTER DATABASE ${name()} ALLOW_CONNECTIONS false`);
    await terminateBackends(database.url);
  };
  const startDatabase = () => onServer(`ALTER DATABASE ${name()} ALLOW_CONNECTIONS true`);

  beforeAll(async () => {
    database = await createServerDatabase('chats_scale_outage');
    db = await openDatabase({ databaseUrl: database.url });
    await migrate(db.sql);
    await db.prisma.chat.create({ data: { name: 'Outage shop', publicKey: KEY } });
    await db.prisma.adminUser.create({ data: { email: 'boss@example.com', role: 'admin', name: 'Boss', passwordHash: await hashPassword(PASSWORD) } });
    [a, b] = await Promise.all([startInstance('oa', database.url), startInstance('ob', database.url)]);
  }, 90_000);

  afterAll(async () => {
    await startDatabase().catch(() => undefined);
    await stopInstances([a, b]);
    await db?.close();
    await database?.drop();
  }, 30_000);

  const readiness = async (instance: Instance) => {
    const res = await fetch(`${instance.url}/readyz`);
    return { status: res.status, body: await res.json() as { status: string; reason?: string }, retryAfter: res.headers.get('retry-after') };
  };
  const widget = (instance: Instance, path: string, body: unknown) => fetch(`${instance.url}/widget/api/${KEY}${path}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  async function until<T>(what: string, probe: () => Promise<T | null | false>, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe().catch(() => null);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('answers 503 with Retry-After and turns /readyz off while the database is stopped, and recovers without a restart', async () => {
    const clientId = 'outage-visitor-1';
    expect((await readiness(a)).status).toBe(200);
    await stopDatabase();
    try {
      for (const instance of [a, b]) {
        const ready = await readiness(instance);
        expect(ready).toMatchObject({ status: 503, body: { status: 'not_ready', reason: 'database_unreachable' }, retryAfter: '5' });
        const res = await widget(instance, '/session', { clientId });
        expect(res.status).toBe(503);
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        const text = await res.text();
        expect(text).not.toMatch(/\/work\/|node_modules|at .*\.ts/); // no paths, no stack
      }
      expect((await fetch(`${a.url}/healthz`)).status).toBe(200); // alive all along
    } finally {
      await startDatabase();
    }
    for (const instance of [a, b]) await until(`${instance.name} ready again`, async () => (await readiness(instance)).status === 200, 15_000);
    expect((await widget(b, '/session', { clientId })).status).toBe(201);
    expect(a.alive && b.alive).toBe(true);
  });

  it('survives a stop and start during a large export and widget traffic: the export completes, no message is lost', async () => {
    await bulkDialogs(db, 60_000);
    const cookie = await login(a, 'boss@example.com', PASSWORD);
    const exported = await fetch(`${a.url}/admin/api/resources/Dialog/actions/chatsExport?origin=http://ignored.example`, {
      method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'all_sessions', query: {}, withTime: false, timeZone: 'UTC' }),
    });
    expect(exported.status).toBe(200);
    const jobId = ((await exported.json()) as { job: { id: string } }).job.id;

    const clientId = 'outage-visitor-2';
    const session = await until('a session', async () => { const res = await widget(b, '/session', { clientId }); return res.ok && res.json() as Promise<{ dialogId: string }>; }, 10_000);
    const stream = await openStream(`${a.url}/widget/api/${KEY}/events?dialogId=${session.dialogId}&clientId=${clientId}`);
    // the visitor sends one message after another; a refused one is sent again with the same id
    const texts = Array.from({ length: 30 }, (_, i) => `during the outage ${i}`);
    let refusals = 0;
    let lastRefusal = '';
    const trafficDeadline = Date.now() + 90_000;
    const traffic = (async () => {
      for (const [i, text] of texts.entries()) {
        for (;;) {
          if (Date.now() > trafficDeadline) {
            const to = i % 2 ? a : b;
            throw new Error(`message ${i} still refused by ${to.name} after 90 s (${refusals} refusals): ${lastRefusal}\n${to.output().slice(-3000)}`);
          }
          const res = await widget(i % 2 ? a : b, '/messages', { dialogId: session.dialogId, clientId, clientMessageId: `o-${i}`, text }).catch(() => null);
          if (res && res.status >= 400) lastRefusal = `${res.status} ${await res.clone().text()}`;
          if (res && (res.status === 201 || res.status === 200)) break;
          // over the visitor's rate limit: wait as told; anything else must be the outage's 503
          if (res?.status === 429) { await new Promise((resolve) => setTimeout(resolve, Number(res.headers.get('retry-after')) * 1000)); continue; }
          if (res) expect(res.status).toBe(503);
          refusals += 1;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    })();

    await until('the export to start', async () => (await db.prisma.reportJob.findUniqueOrThrow({ where: { id: jobId } })).status === 'generating', 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // into its rows
    expect((await db.prisma.reportJob.findUniqueOrThrow({ where: { id: jobId } })).status).toBe('generating');
    await stopDatabase();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await startDatabase();
    await traffic;

    const job = await until('the export', async () => {
      const row = await db.prisma.reportJob.findUniqueOrThrow({ where: { id: jobId } });
      return (row.status === 'ready' || row.status === 'error') && row;
    }, 50_000);
    expect(job).toMatchObject({ status: 'ready', error: null });
    expect(job.workerId).toContain(`:${a.child.pid}:`); // retried by its own instance
    expect(a.output()).toContain('report interrupted by a database outage; generating it again');
    const file = await fetch(`${b.url}/admin/chats-reports/${jobId}/download`, { headers: { Cookie: await login(b, 'boss@example.com', PASSWORD) } });
    expect(file.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await file.arrayBuffer());
    expect(book.worksheets[0].actualRowCount).toBe(1 + 60_000 + 2); // header, the bulk, both visitors' dialogues

    expect(refusals).toBeGreaterThan(0); // the outage was felt
    const stored = await db.prisma.message.findMany({ where: { dialogId: session.dialogId, authorType: 'client' }, select: { text: true } });
    expect(stored.map((m) => m.text).sort()).toEqual([...texts].sort()); // each once
    await stream.waitFor((_, all) => texts.every((text) => all.some((e) => e.event === 'message' && (e.data as { text: string }).text === text)), 15_000);
    expect(a.alive && b.alive).toBe(true);
    stream.close();
  }, 240_000); // a noisy CI machine running other suites beside it took over 120 s
});
