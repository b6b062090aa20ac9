// Removing dialogues' content (retention and erasure share it): the texts, page visits, marker
// links and client identifiers are gone from every table, while the billing, sources,
// productivity and operator-metrics reports and the dashboard's counts for the period are
// exactly what they were; the dashboard still equals the scan of the raw rows.
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { seedDemoData } from '../../src/app/demo/seed.js';
import { DEMO_DEFAULTS } from '../../src/app/demo/load-demo.js';
import { removeDialogContent } from '../../src/privacy/content-removal.js';
import { billingReport } from '../../src/reports/definitions/billing.js';
import { sourcesReport } from '../../src/reports/definitions/sources.js';
import { productivityReport } from '../../src/reports/definitions/productivity.js';
import { operatorMetricsReport } from '../../src/reports/definitions/operator-metrics.js';
import type { ReportDefinition, ReportRow } from '../../src/reports/report-definition.js';
import { loadDashboard } from '../../src/dashboard/dashboard-queries.js';
import { loadDashboardFromPeriodScan } from '../dashboard/period-scan-queries.js';
import { todayIn } from '../../src/dashboard/dashboard-input.js';

const NOW = new Date('2026-11-20T09:40:00Z');
const PERIOD = { from: '2026-08-01', to: todayIn('UTC', NOW), timeZone: 'Asia/Kathmandu' };

describeEachDatabase('removing dialogues\' content', (kind) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seedDemoData(db, { dialogs: 400, days: DEMO_DEFAULTS.days, seed: DEMO_DEFAULTS.seed, now: NOW });
  }, 120_000);
  afterAll(() => db?.drop());

  async function rowsOf(report: ReportDefinition): Promise<ReportRow[]> {
    const rows: ReportRow[] = [];
    for await (const batch of report.rows(db.sql, { filter: {}, withTime: false, timeZone: 'UTC', dialogUrlBase: 'http://admin/dialogs' })) rows.push(...batch);
    return rows;
  }
  const reports = async () => Object.fromEntries(await Promise.all(
    [billingReport, sourcesReport, productivityReport, operatorMetricsReport].map(async (r) => [r.type, await rowsOf(r)] as const)));

  it('removes texts, visits, markers and identifiers, and leaves billing and the dashboard\'s counts as they were', async () => {
    const [chat] = await db.prisma.chat.findMany({ orderBy: { id: 'asc' }, take: 1 });
    const targets = await db.prisma.dialog.findMany({
      where: { chatId: chat.id, status: 'closed', OR: [{ markers: { some: {} } }, { pageVisits: { some: {} } }, { messages: { some: {} } }] },
      select: { id: true, clientId: true }, orderBy: { createdAt: 'asc' }, take: 60,
    });
    const ids = targets.map((d) => d.id);
    const before = { reports: await reports(), dashboard: await loadDashboard(db.sql, PERIOD) };
    const present = {
      messages: await db.prisma.message.count({ where: { dialogId: { in: ids } } }),
      visits: await db.prisma.pageVisit.count({ where: { dialogId: { in: ids } } }),
      markers: await db.prisma.dialogMarker.count({ where: { dialogId: { in: ids } } }),
    };
    expect(present.messages).toBeGreaterThan(100);
    expect(present.markers).toBeGreaterThan(0);
    expect(before.dashboard.topPhrases.length).toBeGreaterThan(0);

    const removed = await removeDialogContent(db.sql, ids, 'erasure');
    expect(removed).toMatchObject({ dialogs: ids.length, messages: present.messages, pageVisits: present.visits, markers: present.markers });
    expect(removed.clients).toBeGreaterThan(0);

    // gone from every table
    expect(await db.prisma.message.count({ where: { dialogId: { in: ids }, NOT: { text: '' } } })).toBe(0);
    expect(await db.prisma.message.count({ where: { dialogId: { in: ids }, NOT: { externalId: null } } })).toBe(0);
    expect(await db.prisma.pageVisit.count({ where: { dialogId: { in: ids } } })).toBe(0);
    expect(await db.prisma.dialogMarker.count({ where: { dialogId: { in: ids } } })).toBe(0);
    const dialogs = await db.prisma.dialog.findMany({ where: { id: { in: ids } }, select: { contentRemovedAt: true, contentRemovedReason: true, client: { select: { externalId: true } } } });
    expect(dialogs.every((d) => d.contentRemovedAt !== null && d.contentRemovedReason === 'erasure')).toBe(true);
    // a client with other dialogues keeping content keeps their id until those go too
    for (const { clientId } of targets) {
      const client = await db.prisma.client.findUniqueOrThrow({ where: { id: clientId }, include: { dialogs: { select: { contentRemovedAt: true } } } });
      expect(client.externalId.startsWith('removed:')).toBe(client.dialogs.every((d) => d.contentRemovedAt !== null));
    }

    // the numbers people are billed by and judge by are unchanged
    const after = { reports: await reports(), dashboard: await loadDashboard(db.sql, PERIOD) };
    expect(after.reports).toEqual(before.reports);
    const { topPhrases: phrasesAfter, ...countsAfter } = after.dashboard;
    const { topPhrases: phrasesBefore, ...countsBefore } = before.dashboard;
    expect(countsAfter).toEqual(countsBefore);
    expect(phrasesAfter).not.toEqual(phrasesBefore); // the removed texts' phrases went with them
    // the phrases left are those of the texts left (the raw rows' scan; its markers would count
    // the removed links out, which the aggregates deliberately do not)
    for (const chatId of [undefined, chat.id]) {
      const query = { ...PERIOD, ...(chatId === undefined ? {} : { chatId }) };
      expect((await loadDashboard(db.sql, query)).topPhrases).toEqual((await loadDashboardFromPeriodScan(db.sql, query)).topPhrases);
    }

    // twice is once
    expect(await removeDialogContent(db.sql, ids, 'retention')).toEqual({ dialogs: 0, messages: 0, pageVisits: 0, markers: 0, clients: 0 });
  }, 120_000);
});
