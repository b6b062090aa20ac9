// Retention end to end (README "Personal data" › "Retention"): a chat's old closed dialogues lose
// their content in batches, from every table and every screen, while the newer ones and the
// billing, sources and productivity reports stay as they were; the run is recorded on the chat and
// in the audit log; two runners on one PostgreSQL database share the work without doing a
// dialogue twice; widget traffic into the same chat during a purge loses nothing.
import pg from 'pg';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { createUser, loginAs, startTestApp } from '../support/http.js';
import type { BuiltApp } from '../../src/app/build-app.js';
import { seedDemoData } from '../../src/app/demo/seed.js';
import { DEMO_DEFAULTS } from '../../src/app/demo/load-demo.js';
import { sqlRunnerForPool } from '../../src/db/sql-runner.js';
import { RetentionWorker } from '../../src/privacy/retention-worker.js';
import { retentionCutoff } from '../../src/domain/retention.js';
import { billingReport } from '../../src/reports/definitions/billing.js';
import { sourcesReport } from '../../src/reports/definitions/sources.js';
import { productivityReport } from '../../src/reports/definitions/productivity.js';
import type { ReportDefinition, ReportRow } from '../../src/reports/report-definition.js';
import type { DialogFilter } from '../../src/domain/dialog-filter.js';

const NOW = new Date('2026-11-20T09:40:00Z');
const DAYS = 30;
const CUTOFF = retentionCutoff(NOW, DAYS);
type Agent = Awaited<ReturnType<typeof loginAs>>;
// the runs' clock: NOW, a millisecond later at every reading (so one run ends before the next starts)
let readings = 0;
const clock = () => new Date(NOW.getTime() + readings++);

describeEachDatabase('retention', (kind) => {
  let db: TestDatabase;
  let built: BuiltApp;
  let admin: Agent;
  let chats: { id: number; name: string }[];

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seedDemoData(db, { dialogs: 600, days: DEMO_DEFAULTS.days, seed: DEMO_DEFAULTS.seed, now: NOW });
    chats = await db.prisma.chat.findMany({ orderBy: { id: 'asc' }, select: { id: true, name: true } });
    built = await startTestApp(db);
    await createUser(db, 'admin', 'retention-admin@example.com');
    admin = await loginAs(built.app, 'retention-admin@example.com');
  }, 180_000);
  afterAll(() => db?.drop());

  const worker = (options: { batchSize?: number; pauseMs?: number; sql?: TestDatabase['sql'] } = {}) =>
    new RetentionWorker(options.sql ?? db.sql, { batchSize: options.batchSize ?? 7, pauseMs: options.pauseMs ?? 0, now: clock });

  /** The chat's dialogues the period makes due: closed, last message (or creation) before the cutoff, content still there. */
  async function due(chatId: number): Promise<string[]> {
    const rows = await db.sql.query<{ id: string }>(`SELECT id::text AS id FROM dialogs
      WHERE chat_id = $1 AND status = 'closed' AND content_removed_at IS NULL AND coalesce(last_message_at, created_at) < $2 ORDER BY id`, [chatId, CUTOFF.toISOString()]);
    return rows.map((row) => row.id);
  }

  async function rowsOf(report: ReportDefinition, filter: DialogFilter): Promise<ReportRow[]> {
    const rows: ReportRow[] = [];
    for await (const batch of report.rows(db.sql, { filter, withTime: true, timeZone: 'UTC', dialogUrlBase: 'http://admin/dialogs' })) rows.push(...batch);
    return rows;
  }
  // the period before the purge's cutoff, the chat alone and all chats
  const reports = async (chatId: number) => Object.fromEntries(await Promise.all(
    [billingReport, sourcesReport, productivityReport].flatMap((report) => [
      rowsOf(report, { createdTo: CUTOFF }).then((rows) => [`${report.type} all`, rows] as const),
      rowsOf(report, { chatId, createdTo: CUTOFF }).then((rows) => [`${report.type} chat`, rows] as const),
    ])));

  it('removes the old closed dialogues\' content from every table and screen, keeps the new ones and the reports, and records the run', async () => {
    const chat = chats[0];
    const doomed = await due(chat.id);
    expect(doomed.length).toBeGreaterThan(30);
    const doomedMessage = await db.prisma.message.findFirstOrThrow({ where: { dialogId: { in: doomed }, authorType: 'client', text: { not: '' } } });
    const doomedMarker = await db.prisma.dialogMarker.findFirstOrThrow({ where: { dialogId: { in: doomed } } });
    const present = {
      messages: await db.prisma.message.count({ where: { dialogId: { in: doomed } } }),
      visits: await db.prisma.pageVisit.count({ where: { dialogId: { in: doomed } } }),
      markers: await db.prisma.dialogMarker.count({ where: { dialogId: { in: doomed } } }),
    };
    expect(present.visits).toBeGreaterThan(0);
    const kept = await db.prisma.dialog.findMany({ where: { id: { notIn: doomed } }, select: { id: true } });
    const keptTexts = await db.prisma.message.findMany({ where: { dialogId: { in: kept.map((d) => d.id) } }, select: { id: true, text: true }, orderBy: { id: 'asc' } });
    const keptVisits = await db.prisma.pageVisit.count({ where: { dialogId: { in: kept.map((d) => d.id) } } });
    // an active dialogue whose last message is old waits for the inactivity closer
    const stale = await db.prisma.dialog.findFirstOrThrow({ where: { chatId: chat.id, status: 'closed', lastMessageAt: { gte: CUTOFF } }, select: { id: true } });
    await db.prisma.dialog.update({ where: { id: stale.id }, data: { status: 'active', closedAt: null, lastMessageAt: new Date(CUTOFF.getTime() - 86_400_000) } });
    const before = await reports(chat.id);
    await db.prisma.chat.update({ where: { id: chat.id }, data: { retentionDays: DAYS } });

    const retention = worker();
    await retention.tick();
    const [result] = retention.lastResults;
    expect(result).toMatchObject({ chatId: chat.id, days: DAYS, removed: { dialogs: doomed.length, messages: present.messages, pageVisits: present.visits, markers: present.markers } });
    expect(result.batches).toBe(Math.floor(doomed.length / 7) + 1);

    // gone from every table
    const removed = await db.prisma.dialog.findMany({ where: { contentRemovedAt: { not: null } }, select: { id: true, contentRemovedReason: true }, orderBy: { id: 'asc' } });
    expect(removed.map((d) => d.id)).toEqual(doomed);
    expect(removed.every((d) => d.contentRemovedReason === 'retention')).toBe(true);
    expect(await db.prisma.message.count({ where: { dialogId: { in: doomed }, OR: [{ NOT: { text: '' } }, { NOT: { externalId: null } }] } })).toBe(0);
    expect(await db.prisma.message.count({ where: { dialogId: { in: doomed } } })).toBe(present.messages); // the rows stay, for billing
    expect(await db.prisma.pageVisit.count({ where: { dialogId: { in: doomed } } })).toBe(0);
    expect(await db.prisma.dialogMarker.count({ where: { dialogId: { in: doomed } } })).toBe(0);
    const clients = await db.prisma.client.findMany({ where: { dialogs: { some: { id: { in: doomed } } } }, include: { dialogs: { select: { contentRemovedAt: true } } } });
    const emptied = clients.filter((c) => c.dialogs.every((d) => d.contentRemovedAt !== null));
    expect(emptied.length).toBe(result.removed.clients);
    expect(emptied.length).toBeGreaterThan(0);
    for (const client of clients) expect(client.externalId.startsWith('removed:')).toBe(emptied.includes(client));
    // the rest as it was (the stale active one included)
    expect(await db.prisma.message.findMany({ where: { dialogId: { in: kept.map((d) => d.id) } }, select: { id: true, text: true }, orderBy: { id: 'asc' } })).toEqual(keptTexts);
    expect(await db.prisma.pageVisit.count({ where: { dialogId: { in: kept.map((d) => d.id) } } })).toBe(keptVisits);
    expect((await db.prisma.dialog.findUniqueOrThrow({ where: { id: stale.id } })).contentRemovedAt).toBeNull();
    // the reports for the period before the purge are exactly what they were
    expect(await reports(chat.id)).toEqual(before);

    // and from every screen
    const show = await admin.get(`/admin/api/resources/Dialog/records/${doomed[0]}/show`);
    expect(show.status).toBe(200);
    expect(Object.keys(show.body.record.params).filter((key) => /^(pageVisits|markerNames)\./.test(key))).toEqual([]);
    const page = await admin.get(`/admin/api/resources/Dialog/records/${doomedMessage.dialogId}/chatsMessagesPage`);
    expect(page.body.messages.length).toBeGreaterThan(0);
    expect(page.body.messages.every((m: { text: string; authorName: string | null; authorType: string }) => m.text === '' && (m.authorType !== 'client' || m.authorName === null))).toBe(true);
    const listIds = async (resource: string, query: Record<string, string>) => {
      const response = await admin.get(`/admin/api/resources/${resource}/actions/list`).query({ perPage: '500', ...query });
      expect(response.status).toBe(200);
      return response.body.records as { id: string; params: Record<string, unknown>; title: string }[];
    };
    const byText = await listIds('Dialog', { 'filters.text': doomedMessage.text.slice(0, 40) });
    expect(byText.filter((r) => doomed.includes(r.id))).toEqual([]);
    expect((await listIds('Dialog', { 'filters.markers': String(doomedMarker.markerId), 'filters.chat': String(chat.id) })).filter((r) => doomed.includes(r.id))).toEqual([]);
    // the dialogues themselves stay listed (their counts and costs are what billing counts)
    expect((await listIds('Dialog', { 'filters.chat': String(chat.id), 'filters.status': 'closed' })).filter((r) => doomed.includes(r.id)).length).toBe(Math.min(doomed.length, 500));
    const messages = await listIds('Message', { 'filters.text': doomedMessage.text.slice(0, 40) });
    expect(messages.filter((r) => doomed.includes(String(r.params.dialog)))).toEqual([]);
    expect((await listIds('Message', { 'filters.dialog': doomed[0] })).every((r) => r.params.text === '')).toBe(true);
    const clientList = await listIds('Client', { 'filters.chat': String(chat.id) });
    const listedIds = new Map(clientList.map((r) => [Number(r.id), String(r.params.externalId)]));
    for (const client of emptied) expect(listedIds.get(client.id)).toMatch(/^removed:[0-9a-f-]{36}$/);
    expect(clientList.some((r) => !String(r.params.externalId).startsWith('removed:'))).toBe(true);

    // the chat page's record and the audit log
    const shown = (await admin.get(`/admin/api/resources/Chat/records/${chat.id}/show`)).body.record.params;
    expect([shown.retentionDays, shown.retentionLastRemoved]).toEqual([DAYS, doomed.length]);
    expect(new Date(shown.retentionLastRunAt).getTime() - NOW.getTime()).toBeGreaterThan(0);
    expect(new Date(shown.retentionLastRunAt).getTime() - NOW.getTime()).toBeLessThan(1000);
    const audit = await db.sql.query<{ action: string; actor_key: string | null; actor: string | null; subject: string; details: Record<string, number> }>(
      `SELECT action, actor_key, actor, subject, details FROM audit_log WHERE action = 'retention_run'`);
    expect(audit).toEqual([{
      action: 'retention_run', actor_key: null, actor: null, subject: `Chat ${chat.id} · ${chat.name}`,
      details: { chatId: chat.id, periodDays: DAYS, dialogs: doomed.length, messages: present.messages, pageVisits: present.visits, markers: present.markers, clients: emptied.length },
    }]);

    // the next run finds nothing: recorded as a run that removed nothing, no audit entry
    await retention.tick();
    expect(retention.lastResults.find((r) => r.chatId === chat.id)?.removed.dialogs).toBe(0);
    expect((await db.prisma.chat.findUniqueOrThrow({ where: { id: chat.id } })).retentionLastRemoved).toBe(0);
    expect(await db.sql.query(`SELECT 1 FROM audit_log WHERE action = 'retention_run'`)).toHaveLength(1);
    // once closed, the stale dialogue goes too
    await db.prisma.dialog.update({ where: { id: stale.id }, data: { status: 'closed', closedAt: CUTOFF } });
    await retention.tick();
    expect((await db.prisma.dialog.findUniqueOrThrow({ where: { id: stale.id } })).contentRemovedReason).toBe('retention');
    await db.prisma.chat.update({ where: { id: chat.id }, data: { retentionDays: null } });
  }, 180_000);

  it('loses no message stored into the chat\'s new dialogues while a purge runs', async () => {
    const chat = chats[1];
    const doomed = await due(chat.id);
    expect(doomed.length).toBeGreaterThan(30);
    await db.prisma.chat.update({ where: { id: chat.id }, data: { retentionDays: DAYS } });
    // returning clients of doomed dialogues write too (their new dialogue keeps them known)
    const returning = await db.prisma.client.findMany({ where: { dialogs: { some: { id: { in: doomed } } } }, select: { externalId: true, channel: true }, take: 5 });
    const writers = [
      ...Array.from({ length: 6 }, (_, i) => ({ chatId: chat.id, channel: 'web' as const, externalId: `fresh-visitor-${kind}-${i}` })),
      ...returning.map((c) => ({ chatId: chat.id, channel: c.channel, externalId: c.externalId })),
    ];
    const sent: string[] = [];
    const conversations = built.chats.context.conversations;
    const purge = worker({ batchSize: 3, pauseMs: 5 }).tick();
    let purging = true;
    void purge.finally(() => { purging = false; });
    let round = 0;
    while (purging || round < 3) {
      await Promise.all(writers.map(async (client, i) => {
        const text = `fresh message ${kind} ${round} ${i}`;
        await conversations.receive(client, { text, externalId: `web:${client.externalId}:${round}` });
        sent.push(text);
      }));
      round += 1;
      // requests arrive as events (on PGlite a query can resolve without leaving the microtask queue)
      await new Promise((resolve) => { setImmediate(resolve); });
    }
    await purge;
    expect(round).toBeGreaterThan(3); // the traffic really ran beside the purge

    const stored = await db.prisma.message.findMany({ where: { text: { in: sent } }, select: { text: true, dialog: { select: { contentRemovedAt: true, chatId: true } } } });
    expect(stored.map((m) => m.text).sort()).toEqual([...sent].sort());
    expect(stored.every((m) => m.dialog.contentRemovedAt === null && m.dialog.chatId === chat.id)).toBe(true);
    expect(await due(chat.id)).toEqual([]);
    const removed = await db.prisma.dialog.count({ where: { chatId: chat.id, contentRemovedReason: 'retention' } });
    expect(removed).toBe(doomed.length);
    await db.prisma.chat.update({ where: { id: chat.id }, data: { retentionDays: null } });
  }, 180_000);

  it('runs when started and once stopped ends the run after the batch in flight; the next run goes on', async () => {
    const chat = chats[3];
    const doomed = await due(chat.id);
    expect(doomed.length).toBeGreaterThan(30);
    await db.prisma.chat.update({ where: { id: chat.id }, data: { retentionDays: DAYS } });
    const retention = worker({ batchSize: 1, pauseMs: 20 });
    await retention.start();
    while ((await due(chat.id)).length === doomed.length) await new Promise((resolve) => { setTimeout(resolve, 10); });
    await retention.stop();
    const left = (await due(chat.id)).length;
    expect(left).toBeGreaterThan(0);
    const first = await db.prisma.chat.findUniqueOrThrow({ where: { id: chat.id } });
    expect(first.retentionLastRemoved).toBe(doomed.length - left); // the stopped run is recorded with what it did
    await retention.tick();
    expect(await due(chat.id)).toEqual([]);
    expect((await db.prisma.chat.findUniqueOrThrow({ where: { id: chat.id } })).retentionLastRemoved).toBe(left);
    await db.prisma.chat.update({ where: { id: chat.id }, data: { retentionDays: null } });
  }, 60_000);

  if (kind === 'postgresql') {
    it('shares a purge between two runners on one database: each dialogue once, the totals add up', async () => {
      const chat = chats[2];
      const doomed = await due(chat.id);
      expect(doomed.length).toBeGreaterThan(30);
      const messages = await db.prisma.message.count({ where: { dialogId: { in: doomed } } });
      await db.prisma.chat.update({ where: { id: chat.id }, data: { retentionDays: DAYS } });
      const [{ name }] = await db.sql.query<{ name: string }>('SELECT current_database() AS name');
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${name}`;
      const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
      try {
        const a = worker({ batchSize: 4, pauseMs: 1 });
        const b = worker({ batchSize: 4, pauseMs: 1, sql: sqlRunnerForPool(pool) });
        await Promise.all([a.tick(), b.tick()]);
        const [ra, rb] = [a, b].map((w) => w.lastResults.find((r) => r.chatId === chat.id)!.removed);
        expect(ra.dialogs).toBeGreaterThan(0);
        expect(rb.dialogs).toBeGreaterThan(0);
        expect(ra.dialogs + rb.dialogs).toBe(doomed.length);
        expect(ra.messages + rb.messages).toBe(messages);
        expect(await due(chat.id)).toEqual([]);
        expect(await db.prisma.dialog.count({ where: { chatId: chat.id, contentRemovedReason: 'retention' } })).toBe(doomed.length);
        // the runs overlapped: the chat page shows what they removed together, the audit log each share
        expect((await db.prisma.chat.findUniqueOrThrow({ where: { id: chat.id } })).retentionLastRemoved).toBe(doomed.length);
        const audit = await db.sql.query<{ details: { chatId: number; dialogs: number; messages: number } }>(`SELECT details FROM audit_log WHERE action = 'retention_run'`);
        const entries = audit.filter((e) => e.details.chatId === chat.id);
        expect(entries).toHaveLength(2);
        expect(entries.reduce((sum, e) => sum + e.details.dialogs, 0)).toBe(doomed.length);
        expect(entries.reduce((sum, e) => sum + e.details.messages, 0)).toBe(messages);
      } finally {
        await pool.end();
      }
    }, 180_000);
  }
});
