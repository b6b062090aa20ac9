// The five aggregate reports on the hand-made fixture (test/reports/fixtures/aggregate-fixture.ts).
// Every expected row is written out by hand, with the arithmetic in comments; nothing here is
// computed by the code under test. Rows stay plain data so they can be compared with a workbook
// read back later.
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { expectWorkbookHoldsRows } from '../support/xlsx-readback.js';
import type { DialogFilter } from '../../src/domain/dialog-filter.js';
import type { ReportDefinition, ReportRow } from '../../src/reports/report-definition.js';
import { billingReport } from '../../src/reports/definitions/billing.js';
import { sourcesReport } from '../../src/reports/definitions/sources.js';
import { operatorMetricsReport } from '../../src/reports/definitions/operator-metrics.js';
import { productivityReport } from '../../src/reports/definitions/productivity.js';
import { popularPhrasesReport } from '../../src/reports/definitions/popular-phrases.js';
import { responseTimes } from '../../src/domain/response-times.js';
import { DIALOGS, at, insertAggregateFixture, type DialogName, type FixtureIds } from './fixtures/aggregate-fixture.js';

const OLGA = 'Olga Ivanova';
const PAVEL = 'pavel@example.com'; // no name: the e-mail is shown

describeEachDatabase('aggregate reports', (kind) => {
  let db: TestDatabase;
  let ids: FixtureIds;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    ids = await insertAggregateFixture(db.prisma);
  });
  afterAll(() => db.drop());

  async function run(report: ReportDefinition, filter: DialogFilter = {}): Promise<ReportRow[]> {
    const options = { filter, withTime: false, timeZone: 'UTC', dialogUrlBase: 'http://admin/dialogs' };
    const rows: ReportRow[] = [];
    for await (const batch of report.rows(db.sql, options)) rows.push(...batch);
    const keys = report.columns(options).map((c) => c.key).sort();
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(keys);
    const count = await report.countRows(db.sql, options);
    if (count !== null) expect(count).toBe(rows.length);
    await expectWorkbookHoldsRows(db.sql, report, options, rows); // the file holds exactly these rows
    return rows;
  }

  describe('billing', () => {
    it('one row per chat × channel, then one total per currency', async () => {
      expect(billingReport.adminOnly).toBe(true);
      expect(await run(billingReport)).toEqual([
        // d1 (13 messages, 6 paid, 0.1200) + d7 (no messages)
        { chat: 'Alpha Shop', channel: 'Web', dialogues: 2, messages: 13, paidMessages: 6, price: '0.0200', cost: '0.1200', currency: 'USD' },
        { chat: 'Alpha Shop', channel: 'Facebook', dialogues: 1, messages: 6, paidMessages: 3, price: '0.0350', cost: '0.1050', currency: 'USD' },
        { chat: 'Beta Help', channel: 'Web', dialogues: 1, messages: 5, paidMessages: 2, price: '0.0500', cost: '0.1000', currency: 'EUR' },
        { chat: 'Beta Help', channel: 'Facebook', dialogues: 1, messages: 4, paidMessages: 2, price: '0.1000', cost: '0.2000', currency: 'EUR' },
        { chat: 'Gamma Store', channel: 'Web', dialogues: 1, messages: 6, paidMessages: 3, price: '0.0100', cost: '0.0300', currency: 'USD' },
        // current price 0.0300; the 4 messages were billed at 0.0250 → 0.1000
        { chat: 'Gamma Store', channel: 'Facebook', dialogues: 1, messages: 8, paidMessages: 4, price: '0.0300', cost: '0.1000', currency: 'USD' },
        // EUR: 1+1 dialogues, 5+4 messages, 2+2 paid, 0.1000+0.2000
        { chat: 'Total', channel: null, dialogues: 2, messages: 9, paidMessages: 4, price: null, cost: '0.3000', currency: 'EUR' },
        // USD: 2+1+1+1 dialogues, 13+6+6+8 messages, 6+3+3+4 paid, 0.1200+0.1050+0.0300+0.1000
        { chat: 'Total', channel: null, dialogues: 5, messages: 33, paidMessages: 16, price: null, cost: '0.3550', currency: 'USD' },
      ]);
    });

    it('cost equals the sum of the stored dialogue costs, per currency', async () => {
      const sums = await db.sql.query<{ currency: string; cost: string }>(`
        SELECT c.currency, sum(d.cost)::text AS cost FROM dialogs d JOIN chats c ON c.id = d.chat_id
        GROUP BY c.currency ORDER BY c.currency`);
      expect(sums).toEqual([{ currency: 'EUR', cost: '0.3000' }, { currency: 'USD', cost: '0.3550' }]);
    });

    it('follows the chat filter (one currency, one total)', async () => {
      expect(await run(billingReport, { chatId: ids.chats.beta })).toEqual([
        { chat: 'Beta Help', channel: 'Web', dialogues: 1, messages: 5, paidMessages: 2, price: '0.0500', cost: '0.1000', currency: 'EUR' },
        { chat: 'Beta Help', channel: 'Facebook', dialogues: 1, messages: 4, paidMessages: 2, price: '0.1000', cost: '0.2000', currency: 'EUR' },
        { chat: 'Total', channel: null, dialogues: 2, messages: 9, paidMessages: 4, price: null, cost: '0.3000', currency: 'EUR' },
      ]);
    });

    it('follows the marker filter (lead: d1 and d4)', async () => {
      expect(await run(billingReport, { markerId: ids.lead })).toEqual([
        { chat: 'Alpha Shop', channel: 'Web', dialogues: 1, messages: 13, paidMessages: 6, price: '0.0200', cost: '0.1200', currency: 'USD' },
        { chat: 'Beta Help', channel: 'Facebook', dialogues: 1, messages: 4, paidMessages: 2, price: '0.1000', cost: '0.2000', currency: 'EUR' },
        { chat: 'Total', channel: null, dialogues: 1, messages: 4, paidMessages: 2, price: null, cost: '0.2000', currency: 'EUR' },
        { chat: 'Total', channel: null, dialogues: 1, messages: 13, paidMessages: 6, price: null, cost: '0.1200', currency: 'USD' },
      ]);
    });

    it('follows the operator filter; a line without messages costs 0.0000 (pavel: d2, d7)', async () => {
      expect(await run(billingReport, { operatorId: ids.operators.pavel })).toEqual([
        { chat: 'Alpha Shop', channel: 'Web', dialogues: 1, messages: 0, paidMessages: 0, price: '0.0200', cost: '0.0000', currency: 'USD' },
        { chat: 'Alpha Shop', channel: 'Facebook', dialogues: 1, messages: 6, paidMessages: 3, price: '0.0350', cost: '0.1050', currency: 'USD' },
        { chat: 'Total', channel: null, dialogues: 2, messages: 6, paidMessages: 3, price: null, cost: '0.1050', currency: 'USD' },
      ]);
    });

    it('is empty when no dialogue matches', async () => {
      expect(await run(billingReport, { createdFrom: at('2027-01-01T00:00:00') })).toEqual([]);
    });
  });

  describe('sources', () => {
    it('counts messages by author and transfers per chat × channel', async () => {
      expect(await run(sourcesReport)).toEqual([
        // d1: bot 2, operator 4, client 6, transferred; d7: transferred, no messages
        { chat: 'Alpha Shop', channel: 'Web', dialogues: 2, botMessages: 2, operatorMessages: 4, clientMessages: 6, transferred: 2 },
        { chat: 'Alpha Shop', channel: 'Facebook', dialogues: 1, botMessages: 1, operatorMessages: 2, clientMessages: 2, transferred: 1 },
        { chat: 'Beta Help', channel: 'Web', dialogues: 1, botMessages: 1, operatorMessages: 1, clientMessages: 2, transferred: 1 },
        { chat: 'Beta Help', channel: 'Facebook', dialogues: 1, botMessages: 2, operatorMessages: 0, clientMessages: 2, transferred: 0 },
        { chat: 'Gamma Store', channel: 'Web', dialogues: 1, botMessages: 1, operatorMessages: 2, clientMessages: 3, transferred: 0 },
        { chat: 'Gamma Store', channel: 'Facebook', dialogues: 1, botMessages: 1, operatorMessages: 3, clientMessages: 3, transferred: 1 },
      ]);
    });

    it('follows the status filter (closed: d1, d3, d5)', async () => {
      expect(await run(sourcesReport, { status: 'closed' })).toEqual([
        { chat: 'Alpha Shop', channel: 'Web', dialogues: 1, botMessages: 2, operatorMessages: 4, clientMessages: 6, transferred: 1 },
        { chat: 'Beta Help', channel: 'Web', dialogues: 1, botMessages: 1, operatorMessages: 1, clientMessages: 2, transferred: 1 },
        { chat: 'Gamma Store', channel: 'Web', dialogues: 1, botMessages: 1, operatorMessages: 2, clientMessages: 3, transferred: 0 },
      ]);
    });
  });

  describe('operator metrics', () => {
    const d = (name: DialogName) => ids.dialogs[name];

    it('one row per dialogue handled by an operator, oldest first', async () => {
      expect(await run(operatorMetricsReport)).toEqual([
        // waits: transfer 10:01:00 → 10:03:30 = 150 s (first); 10:03:40 follows an operator
        // message: no response; client 10:05:00 → 10:06:00 = 60 s; 10:06:10 follows an operator
        // message again: no response; "Thank you" never answered.
        // average (150 + 60) / 2 = 105
        { sessionId: d('d1'), chat: 'Alpha Shop', operator: OLGA, transferredAt: at('2026-03-02T10:01:00'), firstReplyAt: at('2026-03-02T10:03:30'),
          firstResponseTime: 150, averageResponseTime: 105, maxResponseTime: 150, operatorMessages: 4, clientMessages: 6 },
        // 09:00:20 → 09:00:50 = 30 s; 09:01:00 → 09:01:45 = 45 s; average 37.5
        { sessionId: d('d2'), chat: 'Alpha Shop', operator: PAVEL, transferredAt: at('2026-03-03T09:00:20'), firstReplyAt: at('2026-03-03T09:00:50'),
          firstResponseTime: 30, averageResponseTime: 37.5, maxResponseTime: 45, operatorMessages: 2, clientMessages: 2 },
        // Olga wrote at 12:00:07, before the 12:00:10 transfer: not a reply
        { sessionId: d('d3'), chat: 'Beta Help', operator: OLGA, transferredAt: at('2026-03-04T12:00:10'), firstReplyAt: null,
          firstResponseTime: null, averageResponseTime: null, maxResponseTime: null, operatorMessages: 1, clientMessages: 2 },
        // no transfer, nobody assigned: pavel joined at 08:03:00 (no first response time);
        // then client 08:04:00 → 08:04:40 = 40 s
        { sessionId: d('d5'), chat: 'Gamma Store', operator: PAVEL, transferredAt: null, firstReplyAt: at('2026-03-06T08:03:00'),
          firstResponseTime: null, averageResponseTime: 40, maxResponseTime: 40, operatorMessages: 2, clientMessages: 3 },
        // 11:00:30 → 11:01:00 = 30 s (Olga); client 11:02:00 → pavel 11:02:00 = 0 s (stored after
        // it); client 11:03:00 → 11:04:30 = 90 s; average (30 + 0 + 90) / 3 = 40
        { sessionId: d('d6'), chat: 'Gamma Store', operator: OLGA, transferredAt: at('2026-03-07T11:00:30'), firstReplyAt: at('2026-03-07T11:01:00'),
          firstResponseTime: 30, averageResponseTime: 40, maxResponseTime: 90, operatorMessages: 3, clientMessages: 3 },
        { sessionId: d('d7'), chat: 'Alpha Shop', operator: PAVEL, transferredAt: at('2026-03-08T10:00:00'), firstReplyAt: null,
          firstResponseTime: null, averageResponseTime: null, maxResponseTime: null, operatorMessages: 0, clientMessages: 0 },
      ]);
    });

    it('follows the operator filter (assigned to pavel: d2, d7)', async () => {
      const rows = await run(operatorMetricsReport, { operatorId: ids.operators.pavel });
      expect(rows.map((r) => r.sessionId)).toEqual([d('d2'), d('d7')]);
    });

    it('agrees with the TypeScript reference on every handled dialogue', async () => {
      const rows = await run(operatorMetricsReport);
      for (const row of rows) {
        const name = (Object.keys(ids.dialogs) as DialogName[]).find((n) => ids.dialogs[n] === row.sessionId) as DialogName;
        const dialog = DIALOGS[name];
        const reference = responseTimes(
          'transferredAt' in dialog ? at(dialog.transferredAt) : null,
          dialog.messages.map((m) => ({ authorType: m.author, sentAt: at(m.time) })),
        );
        const { responses } = reference;
        expect([row.firstResponseTime, row.maxResponseTime]).toEqual([reference.first, responses.length ? Math.max(...responses) : null]);
        expect(row.averageResponseTime).toEqual(responses.length ? responses.reduce((a, b) => a + b, 0) / responses.length : null);
      }
    });
  });

  describe('productivity', () => {
    it('one row per operator, by name', async () => {
      expect(await run(productivityReport)).toEqual([
        // handled d1, d3, d6 (assigned); sent 4 + 1 + 1 = 6; clients 6 + 2 + 3 = 11
        // responses 150, 60 (d1), 30 (d6): average 240 / 3 = 80, max 150; first 150, 30 → 90
        // without response: d3
        { operator: OLGA, dialogues: 3, operatorMessages: 6, clientMessages: 11, averageResponseTime: 80,
          maxResponseTime: 150, averageFirstResponseTime: 90, withoutResponse: 1 },
        // handled d2, d7 (assigned), d5, d6 (wrote); sent 2 + 2 + 2 = 6; clients 2 + 0 + 3 + 3 = 8
        // responses 30, 45 (d2), 40 (d5), 0, 90 (d6): average 205 / 5 = 41, max 90; first 30
        // without response: d7 (transferred, nothing after)
        { operator: PAVEL, dialogues: 4, operatorMessages: 6, clientMessages: 8, averageResponseTime: 41,
          maxResponseTime: 90, averageFirstResponseTime: 30, withoutResponse: 1 },
      ]);
    });

    it('follows the channel filter (facebook: d2, d4, d6)', async () => {
      expect(await run(productivityReport, { channel: 'facebook' })).toEqual([
        // d6: sent 1, clients 3, response 30 (first)
        { operator: OLGA, dialogues: 1, operatorMessages: 1, clientMessages: 3, averageResponseTime: 30,
          maxResponseTime: 30, averageFirstResponseTime: 30, withoutResponse: 0 },
        // d2, d6: sent 2 + 2, clients 2 + 3; responses 30, 45, 0, 90: 165 / 4 = 41.25; first 30
        { operator: PAVEL, dialogues: 2, operatorMessages: 4, clientMessages: 5, averageResponseTime: 41.25,
          maxResponseTime: 90, averageFirstResponseTime: 30, withoutResponse: 0 },
      ]);
    });

    it('follows the "no operator response" status (d3, d7)', async () => {
      expect(await run(productivityReport, { status: 'no_operator_response' })).toEqual([
        { operator: OLGA, dialogues: 1, operatorMessages: 1, clientMessages: 2, averageResponseTime: null,
          maxResponseTime: null, averageFirstResponseTime: null, withoutResponse: 1 },
        { operator: PAVEL, dialogues: 1, operatorMessages: 0, clientMessages: 0, averageResponseTime: null,
          maxResponseTime: null, averageFirstResponseTime: null, withoutResponse: 1 },
      ]);
    });
  });

  describe('popular phrases', () => {
    it('groups normalized client phrases, most frequent first', async () => {
      // 18 client messages; "?!." normalizes to nothing: no row, but it counts in the total
      expect(await run(popularPhrasesReport)).toEqual([
        // "Hello!" d1 10:00:00, "hello?" d1, "Hello" d6, "hello." d6 11:02:00
        { phrase: 'hello', count: 4, share: 4 / 18, firstSeen: at('2026-03-02T10:00:00'), lastSeen: at('2026-03-07T11:02:00') },
        // "Price?" d4 15:00:00, "price?" d5, "PRICE  ?" d5 08:01:00
        { phrase: 'price', count: 3, share: 3 / 18, firstSeen: at('2026-03-05T15:00:00'), lastSeen: at('2026-03-06T08:01:00') },
        // "h" (U+0068) sorts before "п" (U+043F)
        { phrase: 'hello world', count: 2, share: 2 / 18, firstSeen: at('2026-03-04T12:00:00'), lastSeen: at('2026-03-04T12:02:00') },
        { phrase: 'привет', count: 2, share: 2 / 18, firstSeen: at('2026-03-03T09:00:00'), lastSeen: at('2026-03-03T09:01:00') },
        { phrase: 'i need a refund', count: 1, share: 1 / 18, firstSeen: at('2026-03-02T10:00:30'), lastSeen: at('2026-03-02T10:00:30') },
        { phrase: 'ok 👍', count: 1, share: 1 / 18, firstSeen: at('2026-03-07T11:03:00'), lastSeen: at('2026-03-07T11:03:00') },
        { phrase: 'order 12345', count: 1, share: 1 / 18, firstSeen: at('2026-03-02T10:05:00'), lastSeen: at('2026-03-02T10:05:00') },
        { phrase: 'please hurry', count: 1, share: 1 / 18, firstSeen: at('2026-03-02T10:05:20'), lastSeen: at('2026-03-02T10:05:20') },
        // "Thank\tyou\n"; " " sorts before "s"
        { phrase: 'thank you', count: 1, share: 1 / 18, firstSeen: at('2026-03-02T10:07:00'), lastSeen: at('2026-03-02T10:07:00') },
        { phrase: 'thanks', count: 1, share: 1 / 18, firstSeen: at('2026-03-06T08:04:00'), lastSeen: at('2026-03-06T08:04:00') },
      ]);
    });

    it('follows the date range (d3, d4, d5: 7 client messages)', async () => {
      const filter = { createdFrom: at('2026-03-04T00:00:00'), createdTo: at('2026-03-06T23:59:59') };
      expect(await run(popularPhrasesReport, filter)).toEqual([
        { phrase: 'price', count: 3, share: 3 / 7, firstSeen: at('2026-03-05T15:00:00'), lastSeen: at('2026-03-06T08:01:00') },
        { phrase: 'hello world', count: 2, share: 2 / 7, firstSeen: at('2026-03-04T12:00:00'), lastSeen: at('2026-03-04T12:02:00') },
        { phrase: 'thanks', count: 1, share: 1 / 7, firstSeen: at('2026-03-06T08:04:00'), lastSeen: at('2026-03-06T08:04:00') },
      ]);
    });

    it('follows the text search (dialogues mentioning "refund": d1 only)', async () => {
      const rows = await run(popularPhrasesReport, { text: 'refund' });
      expect(rows.map((r) => [r.phrase, r.count, r.share])).toEqual([
        ['hello', 2, 2 / 6], ['i need a refund', 1, 1 / 6], ['order 12345', 1, 1 / 6],
        ['please hurry', 1, 1 / 6], ['thank you', 1, 1 / 6],
      ]);
    });
  });
});
