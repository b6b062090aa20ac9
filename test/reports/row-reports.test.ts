// The four row reports (all sessions, with markers, client phrases, web pages) on a hand-made
// fixture: exact rows, every list filter, "with time", time zones, and a very long dialogue.
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { expectWorkbookHoldsRows } from '../support/xlsx-readback.js';
import type { DialogFilter } from '../../src/domain/dialog-filter.js';
import type { ReportDefinition, ReportOptions, ReportRow } from '../../src/reports/report-definition.js';
import { allSessionsReport } from '../../src/reports/definitions/all-sessions.js';
import { sessionsWithMarkersReport } from '../../src/reports/definitions/sessions-with-markers.js';
import { clientPhrasesReport } from '../../src/reports/definitions/client-phrases.js';
import { webPagesReport } from '../../src/reports/definitions/web-pages.js';
import { D1, D2, D3, D4, D5, seedRowReportsFixture, type RowFixture } from './fixtures/row-reports-fixture.js';
import {
  ALL_SESSIONS, CLIENT_PHRASES, CLIENT_PHRASES_WITH_TIME, COLUMN_KEYS, D2_TRANSCRIPT_WITH_TIME_MOSCOW, DIALOG_URL_BASE,
  SESSIONS_WITH_MARKERS, TRANSCRIPTS_WITH_TIME_UTC, WEB_PAGES,
} from './fixtures/row-reports-expected.js';

const options = (filter: DialogFilter = {}, more: Partial<ReportOptions> = {}): ReportOptions =>
  ({ filter, withTime: false, timeZone: 'UTC', dialogUrlBase: DIALOG_URL_BASE, ...more });

/** The report's rows; the same rows are also checked cell by cell in an exported workbook. */
async function collect(db: TestDatabase, report: ReportDefinition, opts: ReportOptions): Promise<ReportRow[]> {
  const rows: ReportRow[] = [];
  for await (const batch of report.rows(db.sql, opts)) rows.push(...batch);
  if (rows.length <= 200) await expectWorkbookHoldsRows(db.sql, report, opts, rows);
  return rows;
}

const keys = (report: ReportDefinition, opts: ReportOptions) => report.columns(opts).map((c) => c.key);

describe('row report definitions', () => {
  it('have their titles, types and no admin restriction', () => {
    expect([allSessionsReport, sessionsWithMarkersReport, clientPhrasesReport, webPagesReport]
      .map((r) => [r.type, r.title, r.adminOnly])).toEqual([
      ['all_sessions', 'All chat sessions', false],
      ['sessions_with_markers', 'All chat sessions with markers', false],
      ['client_phrases', 'Client phrases', false],
      ['web_pages', 'Web pages', false],
    ]);
  });

  it('declare the columns the rows carry; markers first in the markers report, time only with the option', () => {
    expect(keys(allSessionsReport, options())).toEqual(COLUMN_KEYS.allSessions);
    expect(keys(sessionsWithMarkersReport, options())).toEqual(COLUMN_KEYS.sessionsWithMarkers);
    expect(keys(clientPhrasesReport, options())).toEqual(COLUMN_KEYS.clientPhrases);
    expect(keys(clientPhrasesReport, options({}, { withTime: true }))).toEqual(COLUMN_KEYS.clientPhrasesWithTime);
    expect(clientPhrasesReport.columns(options({}, { withTime: true })).find((c) => c.key === 'time')?.type).toBe('date');
    expect(keys(webPagesReport, options())).toEqual(COLUMN_KEYS.webPages);
  });
});

describeEachDatabase('row reports', (kind) => {
  let db: TestDatabase;
  let fx: RowFixture;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    fx = await seedRowReportsFixture(db.prisma);
  });
  afterAll(() => db.drop());

  describe('exact rows without a filter', () => {
    it('all chat sessions', async () => {
      expect(await collect(db, allSessionsReport, options())).toEqual(ALL_SESSIONS);
      expect(await allSessionsReport.countRows(db.sql, options())).toBe(5);
    });
    it('all chat sessions with markers', async () => {
      expect(await collect(db, sessionsWithMarkersReport, options())).toEqual(SESSIONS_WITH_MARKERS);
      expect(await sessionsWithMarkersReport.countRows(db.sql, options())).toBe(3);
    });
    it('client phrases', async () => {
      expect(await collect(db, clientPhrasesReport, options())).toEqual(CLIENT_PHRASES);
      expect(await clientPhrasesReport.countRows(db.sql, options())).toBe(6);
    });
    it('web pages', async () => {
      expect(await collect(db, webPagesReport, options())).toEqual(WEB_PAGES);
      expect(await webPagesReport.countRows(db.sql, options())).toBe(5);
    });
    it('rows carry exactly the declared column keys', async () => {
      for (const report of [allSessionsReport, sessionsWithMarkersReport, clientPhrasesReport, webPagesReport]) {
        for (const withTime of [false, true]) {
          const opts = options({}, { withTime });
          for (const row of await collect(db, report, opts)) expect(Object.keys(row).sort()).toEqual(keys(report, opts).sort());
        }
      }
    });
  });

  describe('with time in dialogs', () => {
    it('changes only the transcripts of the session reports', async () => {
      const withTime = await collect(db, allSessionsReport, options({}, { withTime: true }));
      expect(withTime).toEqual(ALL_SESSIONS.map((row) => ({ ...row, transcript: TRANSCRIPTS_WITH_TIME_UTC[row.sessionId] })));
      const marked = await collect(db, sessionsWithMarkersReport, options({}, { withTime: true }));
      expect(marked).toEqual(SESSIONS_WITH_MARKERS.map((row) => ({ ...row, transcript: TRANSCRIPTS_WITH_TIME_UTC[row.sessionId] })));
    });
    it('adds the time column to client phrases and changes nothing else', async () => {
      expect(await collect(db, clientPhrasesReport, options({}, { withTime: true }))).toEqual(CLIENT_PHRASES_WITH_TIME);
    });
    it('does not change web pages', async () => {
      expect(await collect(db, webPagesReport, options({}, { withTime: true }))).toEqual(WEB_PAGES);
    });
  });

  describe('time zone', () => {
    it('shows transcript times in the report zone: Europe/Moscow is 3 h ahead of UTC', async () => {
      const moscow = await collect(db, allSessionsReport, options({}, { withTime: true, timeZone: 'Europe/Moscow' }));
      expect(moscow.find((r) => r.sessionId === D2)?.transcript).toBe(D2_TRANSCRIPT_WITH_TIME_MOSCOW);
      const stamp = /^\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\] /;
      for (const row of moscow) {
        const utcLines = (TRANSCRIPTS_WITH_TIME_UTC[row.sessionId as string] ?? '').split('\n').filter(Boolean);
        const moscowLines = ((row.transcript as string | null) ?? '').split('\n').filter(Boolean);
        expect(moscowLines).toHaveLength(utcLines.length);
        moscowLines.forEach((line, i) => {
          const shown = (text: string) => Date.parse(`${stamp.exec(text)![1].replace(' ', 'T')}Z`);
          expect(shown(line) - shown(utcLines[i])).toBe(3 * 3600_000);
          expect(line.replace(stamp, '')).toBe(utcLines[i].replace(stamp, ''));
        });
      }
    });
    it('leaves date values as UTC instants (the writer shows them in the zone) and transcripts without time alone', async () => {
      expect(await collect(db, allSessionsReport, options({}, { timeZone: 'Europe/Moscow' }))).toEqual(ALL_SESSIONS);
      expect(await collect(db, clientPhrasesReport, options({}, { withTime: true, timeZone: 'Europe/Moscow' }))).toEqual(CLIENT_PHRASES_WITH_TIME);
    });
  });

  // Every list filter on all four reports: session ids (sessions, marked), phrase texts, page URLs.
  const PRICING = 'https://acme.test/pricing';
  const CONTACT = 'https://acme.test/contact';
  const ORDERS = 'https://acme.test/orders?id=42';
  const ORDER_STATUS = 'https://acme.test/orders?id=42#status';
  const ROMASHKA = 'https://romashka.test/';
  const D1_PHRASES = ['Hello', '=SUM(A1)', 'Thanks'];
  interface FilterCase { sessions: string[]; marked: string[]; phrases: string[]; pages: string[] }
  const filterCases: [string, () => DialogFilter, FilterCase][] = [
    ['status active', () => ({ status: 'active' }),
      { sessions: [D2, D5], marked: [D2], phrases: ['Где мой заказ?'], pages: [ORDERS, ORDER_STATUS] }],
    ['status closed', () => ({ status: 'closed' }),
      { sessions: [D1, D3, D4], marked: [D1, D4], phrases: [...D1_PHRASES, 'Do you ship to Berlin?', 'I need a human'], pages: [PRICING, CONTACT, ROMASHKA] }],
    ['status no operator response (open and closed)', () => ({ status: 'no_operator_response' }),
      { sessions: [D2, D4], marked: [D2, D4], phrases: ['Где мой заказ?', 'I need a human'], pages: [ORDERS, ORDER_STATUS] }],
    ['chat', () => ({ chatId: fx.chatRomashka }),
      { sessions: [D3, D4], marked: [D4], phrases: ['Do you ship to Berlin?', 'I need a human'], pages: [ROMASHKA] }],
    ['channel', () => ({ channel: 'facebook' }),
      { sessions: [D2, D4], marked: [D2, D4], phrases: ['Где мой заказ?', 'I need a human'], pages: [ORDERS, ORDER_STATUS] }],
    ['operator with a name', () => ({ operatorId: fx.anna }),
      { sessions: [D1], marked: [D1], phrases: D1_PHRASES, pages: [PRICING, CONTACT] }],
    ['operator without a name', () => ({ operatorId: fx.bob }),
      { sessions: [D2], marked: [D2], phrases: ['Где мой заказ?'], pages: [ORDERS, ORDER_STATUS] }],
    ['marker', () => ({ markerId: fx.lead }),
      { sessions: [D1, D4], marked: [D1, D4], phrases: [...D1_PHRASES, 'I need a human'], pages: [PRICING, CONTACT] }],
    ['date range', () => ({ createdFrom: new Date('2026-01-11T00:00:00Z'), createdTo: new Date('2026-01-12T23:59:59Z') }),
      { sessions: [D2, D3], marked: [D2], phrases: ['Где мой заказ?', 'Do you ship to Berlin?'], pages: [ORDERS, ORDER_STATUS, ROMASHKA] }],
    ['client', () => ({ clientId: fx.clientCookie111 }),
      { sessions: [D1, D5], marked: [D1], phrases: D1_PHRASES, pages: [PRICING, CONTACT] }],
    ['text, case-insensitive, in a client message', () => ({ text: 'sum(a1' }),
      { sessions: [D1], marked: [D1], phrases: D1_PHRASES, pages: [PRICING, CONTACT] }],
    ['text in Cyrillic', () => ({ text: 'заказ' }),
      { sessions: [D2], marked: [D2], phrases: ['Где мой заказ?'], pages: [ORDERS, ORDER_STATUS] }],
    ['text in a bot message selects the dialogue, phrases stay the client\'s', () => ({ text: 'ship across' }),
      { sessions: [D3], marked: [], phrases: ['Do you ship to Berlin?'], pages: [ROMASHKA] }],
    ['combined', () => ({ status: 'closed', chatId: fx.chatAcme }),
      { sessions: [D1], marked: [D1], phrases: D1_PHRASES, pages: [PRICING, CONTACT] }],
  ];

  it.each(filterCases)('filter: %s', async (_name, makeFilter, want) => {
    const opts = options(makeFilter());
    const sessions = await collect(db, allSessionsReport, opts);
    const marked = await collect(db, sessionsWithMarkersReport, opts);
    const phrases = await collect(db, clientPhrasesReport, opts);
    const pages = await collect(db, webPagesReport, opts);
    expect(sessions.map((r) => r.sessionId)).toEqual(want.sessions);
    expect(marked.map((r) => r.sessionId)).toEqual(want.marked);
    expect(phrases.map((r) => r.text)).toEqual(want.phrases);
    expect(pages.map((r) => r.url)).toEqual(want.pages);
    // a filter selects rows, it never changes a row's values (e.g. all of D1's markers stay)
    expect(sessions).toEqual(ALL_SESSIONS.filter((r) => want.sessions.includes(r.sessionId)));
    expect(await allSessionsReport.countRows(db.sql, opts)).toBe(want.sessions.length);
    expect(await sessionsWithMarkersReport.countRows(db.sql, opts)).toBe(want.marked.length);
    expect(await clientPhrasesReport.countRows(db.sql, opts)).toBe(want.phrases.length);
    expect(await webPagesReport.countRows(db.sql, opts)).toBe(want.pages.length);
  });

  it('builds the link from a base URL given with a trailing slash', async () => {
    const [row] = await collect(db, allSessionsReport, options({ clientId: fx.clientCookie111 }, { dialogUrlBase: `${DIALOG_URL_BASE}/` }));
    expect(row.link).toEqual(ALL_SESSIONS[0].link);
  });
});

describeEachDatabase('row reports on a 1,200-message dialogue', (kind) => {
  const COUNT = 1200;
  const BIG = '66666666-6666-4666-8666-666666666666';
  let db: TestDatabase;
  const start = Date.parse('2026-02-01T00:00:00.000Z');
  // even: client, odd: bot; one second apart; stored newest first so id order opposes time order
  const author = (i: number) => (i % 2 === 0 ? 'Client' : 'Bot');
  const text = (i: number) => `message ${String(i).padStart(4, '0')}`;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const chatId = (await db.prisma.chat.create({ data: { name: 'Big', publicKey: 'big' } })).id;
    const clientId = (await db.prisma.client.create({ data: { chatId, channel: 'web', externalId: 'big-client' } })).id;
    await db.prisma.dialog.create({ data: { id: BIG, chatId, clientId, channel: 'web', createdAt: new Date(start) } });
    const indexes = Array.from({ length: COUNT }, (_, i) => COUNT - 1 - i);
    await db.prisma.message.createMany({ data: indexes.map((i) => ({
      dialogId: BIG, authorType: i % 2 === 0 ? 'client' as const : 'bot' as const, text: text(i), sentAt: new Date(start + i * 1000),
    })) });
  });
  afterAll(() => db.drop());

  it('has the whole transcript, in time order', async () => {
    const [row] = await collect(db, allSessionsReport, options());
    const lines = (row.transcript as string).split('\n');
    expect(lines).toHaveLength(COUNT);
    expect(lines).toEqual(Array.from({ length: COUNT }, (_, i) => `${author(i)}: ${text(i)}`));
    expect([row.clientMessages, row.botMessages, row.operatorMessages]).toEqual([600, 600, 0]);
  });

  it('with time, the first and last lines carry their times', async () => {
    const [row] = await collect(db, allSessionsReport, options({}, { withTime: true }));
    const lines = (row.transcript as string).split('\n');
    expect(lines).toHaveLength(COUNT);
    expect(lines[0]).toBe('[2026-02-01 00:00:00] Client: message 0000');
    expect(lines[COUNT - 1]).toBe('[2026-02-01 00:19:59] Bot: message 1199');
  });

  it('streams the client phrases in time order', async () => {
    const phrases = await collect(db, clientPhrasesReport, options());
    expect(phrases.map((r) => r.text)).toEqual(Array.from({ length: COUNT / 2 }, (_, k) => text(2 * k)));
    expect(await clientPhrasesReport.countRows(db.sql, options())).toBe(COUNT / 2);
  });
});
