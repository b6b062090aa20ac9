// The dashboard from its maintained aggregates gives exactly the numbers of the queries over the
// period's raw rows (period-scan-queries.ts, the code before issue 10), on the demo data, in zones
// with whole-hour, :30 and :45 offsets and daylight saving time, for all chats and one chat; and
// still after the writes the product makes (messages stored, transfers, replies, closing, markers
// set and unset). Deleting a dialogue (a purge) leaves the aggregates as they were.
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { loadDashboard } from '../../src/dashboard/dashboard-queries.js';
import { seedDemoData } from '../../src/app/demo/seed.js';
import { DEMO_DEFAULTS } from '../../src/app/demo/load-demo.js';
import { storeMessages } from '../../src/conversations/message-store.js';
import { transferToOperator } from '../../src/conversations/transfer.js';
import { closeDialog } from '../../src/conversations/close-dialog.js';
import { setMarker } from '../../src/conversations/markers.js';
import { normalizedPhraseSql } from '../../src/reports/sql/phrase.sql.js';
import { todayIn } from '../../src/dashboard/dashboard-input.js';
import { loadDashboardFromPeriodScan } from './period-scan-queries.js';

const NOW = new Date('2026-11-20T09:40:00Z');
const ZONES = ['UTC', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham'];
const dayBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

describeEachDatabase('dashboard aggregates against the period scan', (kind) => {
  let db: TestDatabase;
  let chatIds: number[];

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seedDemoData(db, { dialogs: 1500, days: DEMO_DEFAULTS.days, seed: DEMO_DEFAULTS.seed, now: NOW });
    chatIds = (await db.prisma.chat.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((chat) => chat.id);
  }, 120_000);
  afterAll(() => db?.drop());

  async function expectSameDashboards(): Promise<void> {
    for (const timeZone of ZONES) {
      const to = todayIn(timeZone, NOW);
      // the whole demo period (with the days before it, empty) and a week inside it
      for (const [from, last] of [[dayBefore(to, 95), to], [dayBefore(to, 40), dayBefore(to, 34)]]) {
        for (const chatId of [undefined, chatIds[0], chatIds[chatIds.length - 1]]) {
          const query = { from, to: last, timeZone, ...(chatId !== undefined ? { chatId } : {}) };
          const [aggregated, scanned] = await Promise.all([loadDashboard(db.sql, query), loadDashboardFromPeriodScan(db.sql, query)]);
          expect({ query, data: aggregated }).toEqual({ query, data: scanned });
        }
      }
    }
  }

  it('gives the numbers of the period scan on the demo data', async () => {
    const data = await loadDashboard(db.sql, { from: dayBefore(todayIn('UTC', NOW), 95), to: todayIn('UTC', NOW), timeZone: 'UTC' });
    // not a comparison of two empty dashboards
    expect(data.totals.dialogues).toBeGreaterThan(1000);
    expect(data.totals.messages).toBeGreaterThan(10_000);
    expect(data.topPhrases).toHaveLength(10);
    expect(data.topMarkers.length).toBeGreaterThan(2);
    expect(data.firstResponse.some((day) => day.answered > 0)).toBe(true);
    await expectSameDashboards();
  }, 120_000);

  it('stays equal after messages, transfers, replies, closing and markers', async () => {
    const active = await db.prisma.dialog.findMany({ where: { status: 'active' }, select: { id: true }, take: 4, orderBy: { createdAt: 'asc' } });
    const [old] = await db.prisma.dialog.findMany({ where: { status: 'closed', transferredAt: null }, select: { id: true }, take: 1 });
    expect(active.length).toBeGreaterThanOrEqual(3);
    const operator = await db.prisma.operator.findFirstOrThrow();
    const [a, b, c] = active.map((dialog) => dialog.id);
    await storeMessages(db.prisma, a, [
      { authorType: 'client', text: '  Where is my ORDER?! ', sentAt: new Date(NOW.getTime() - 60_000) },
      { authorType: 'bot', text: 'Let me check.', sentAt: new Date(NOW.getTime() - 59_000) },
    ], db.sql);
    await transferToOperator(db.prisma, b, { at: new Date(NOW.getTime() - 50_000) });
    await storeMessages(db.prisma, b, [{ authorType: 'operator', operatorId: operator.id, text: 'Hello, I am here', sentAt: new Date(NOW.getTime() - 20_000) }], db.sql);
    await transferToOperator(db.prisma, c, { at: new Date(NOW.getTime() - 40_000) });
    await closeDialog(db.prisma, c, NOW);
    await setMarker(db.prisma, a, 'lead');
    await setMarker(db.prisma, old.id, 'brand new marker');
    const marked = await db.prisma.dialogMarker.findFirstOrThrow({ where: { dialogId: { not: a } } });
    await db.prisma.dialogMarker.delete({ where: { dialogId_markerId: { dialogId: marked.dialogId, markerId: marked.markerId } } });
    // a status change the service never makes, straight through Prisma
    await db.prisma.dialog.updateMany({ where: { id: old.id }, data: { status: 'active' } });
    await expectSameDashboards();
  }, 120_000);

  it('keeps a deleted dialogue counted (history), and drops a deleted marker', async () => {
    const query = { from: dayBefore(todayIn('UTC', NOW), 95), to: todayIn('UTC', NOW), timeZone: 'UTC' };
    const before = await loadDashboard(db.sql, query);
    const dialog = await db.prisma.dialog.findFirstOrThrow({ where: { markers: { some: {} }, messageCount: { gt: 0 } } });
    await db.prisma.dialog.delete({ where: { id: dialog.id } });
    expect(await loadDashboard(db.sql, query)).toEqual(before);
    expect((await loadDashboardFromPeriodScan(db.sql, query)).totals.dialogues).toBe(before.totals.dialogues - 1);

    const marker = await db.prisma.marker.findFirstOrThrow({ where: { name: before.topMarkers[0].name } });
    await db.prisma.marker.delete({ where: { id: marker.id } });
    expect((await loadDashboard(db.sql, query)).topMarkers.map((m) => m.name)).not.toContain(marker.name);
  }, 60_000);

  it('normalizes phrases in the trigger exactly as the reports do', async () => {
    const texts = ['  Where is my   ORDER? ', 'Hello!', '?!', 'ПРИВЕТ,\u00a0\u00a0мир…', 'tab\there', 'a\u3000b。', ''];
    for (const text of texts) {
      const [row] = await db.sql.query<{ trigger: string; reports: string }>(
        `SELECT chats_dashboard_phrase($1::text) AS trigger, ${normalizedPhraseSql('$1::text')} AS reports`, [text]);
      expect(row.trigger).toBe(row.reports);
    }
  });
});
