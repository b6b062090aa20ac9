// The dashboard's numbers on a hand-made fixture (dashboard.fixture.ts), every expected value
// worked out by hand from the fixture's table.
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { loadDashboard } from '../../src/dashboard/dashboard-queries.js';
import { DashboardInputError } from '../../src/dashboard/dashboard-input.js';
import { loadDashboardFixture } from './dashboard.fixture.js';

const PERIOD = { from: '2026-03-01', to: '2026-03-03' };

describeEachDatabase('dashboard queries', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await loadDashboardFixture(db.sql);
  });
  afterAll(() => db.drop());

  describe('all chats, UTC', () => {
    let data: Awaited<ReturnType<typeof loadDashboard>>;
    beforeAll(async () => { data = await loadDashboard(db.sql, { ...PERIOD, timeZone: 'UTC' }); });

    it('counts dialogues per day of their chat date; D4 (22:30Z) is on 03-01, D8 on 03-03, D7 is before', () => {
      expect(data.days).toEqual([
        // D1 closed, D2 active, D3 closed, D4 active; all four transferred, D4 never answered
        { day: '2026-03-01', active: 2, closed: 2, transfers: 4, noOperatorResponse: 1 },
        // D5 closed + transferred, D6 closed, D9 active + transferred
        { day: '2026-03-02', active: 1, closed: 2, transfers: 2, noOperatorResponse: 0 },
        // D8 active
        { day: '2026-03-03', active: 1, closed: 0, transfers: 0, noOperatorResponse: 0 },
      ]);
    });

    it('counts messages per day of sending, by author type, including D7 (begun before the period)', () => {
      expect(data.messagesPerDay).toEqual([
        // client: D1 ×3, D2 ×2, D3, D4 ×2, D7 08:00 = 9; bot: D1; operator: D1, D2, D3; system: D1, D4
        { day: '2026-03-01', client: 9, bot: 1, operator: 3, system: 2 },
        // client: D5, D6, D9; bot: D5, D6; operator: D5, D9; system: D9
        { day: '2026-03-02', client: 3, bot: 2, operator: 2, system: 1 },
        { day: '2026-03-03', client: 1, bot: 0, operator: 0, system: 0 },
      ]);
    });

    it('computes the first response median and p90 per day of transfer', () => {
      expect(data.firstResponse).toEqual([
        // 60, 120, 300 (D4 unanswered is left out): median 120;
        // p90 at position 0.9 × (3 − 1) = 1.8 → 120 + 0.8 × (300 − 120) = 264
        { day: '2026-03-01', answered: 3, medianSeconds: 120, p90Seconds: 264 },
        // D5 600 s, D9 45 s: median (45 + 600) / 2 = 322.5; p90 at 0.9 → 45 + 0.9 × 555 = 544.5
        { day: '2026-03-02', answered: 2, medianSeconds: 322.5, p90Seconds: 544.5 },
        // no transfer that day: no median rather than a misleading 0
        { day: '2026-03-03', answered: 0, medianSeconds: null, p90Seconds: null },
      ]);
    });

    it('adds up the totals', () => {
      // dialogues 4 + 3 + 1; transfers 4 + 2; messages 15 + 8 + 1
      expect(data.totals).toEqual({ dialogues: 8, transfers: 6, noOperatorResponse: 1, messages: 24 });
    });

    it('ranks markers of the period\'s dialogues, ties in code point order', () => {
      // lead: D1, D2, D4 (D7 is before the period); order: D1, D6; complaint: D3, D8
      expect(data.topMarkers).toEqual([
        { name: 'lead', count: 3 },
        { name: 'complaint', count: 2 },
        { name: 'order', count: 2 },
      ]);
    });

    it('ranks normalized client phrases; "?!" is no phrase, bot and operator texts are not counted', () => {
      expect(data.topPhrases).toEqual([
        { phrase: 'hello', count: 3 }, // D1 "Hello!", D4 "hello", D7 at 08:00 "hello" (D7's 02-28 one is before)
        { phrase: 'thank you', count: 3 }, // D1 "thank you", D2 "Thank you!!", D8 "thank you."
        { phrase: 'where is my order', count: 3 }, // "  Where is my   ORDER? ", "where is my order", "Where is my order?!"
        { phrase: 'price', count: 2 }, // "Price?", "price"
        { phrase: 'anyone there', count: 1 },
      ]);
    });
  });

  describe('all chats, Europe/Moscow (UTC+3)', () => {
    let data: Awaited<ReturnType<typeof loadDashboard>>;
    beforeAll(async () => { data = await loadDashboard(db.sql, { ...PERIOD, timeZone: 'Europe/Moscow' }); });

    it('moves D4 (2026-03-01T22:30Z = 03-02 01:30 MSK) to 03-02 and D8 out of the period', () => {
      expect(data.days).toEqual([
        { day: '2026-03-01', active: 1, closed: 2, transfers: 3, noOperatorResponse: 0 }, // D1, D2, D3
        { day: '2026-03-02', active: 2, closed: 2, transfers: 3, noOperatorResponse: 1 }, // D4, D5, D6, D9 (23:50 MSK)
        { day: '2026-03-03', active: 0, closed: 0, transfers: 0, noOperatorResponse: 0 },
      ]);
      expect(data.totals).toEqual({ dialogues: 7, transfers: 6, noOperatorResponse: 1, messages: 23 });
    });

    it('buckets messages by the Moscow day', () => {
      expect(data.messagesPerDay).toEqual([
        // D1 (6), D2 (3), D3 (2), D7 08:00Z; D4's messages are after midnight MSK
        { day: '2026-03-01', client: 7, bot: 1, operator: 3, system: 1 },
        // D4 client ×2 + system, D5 (3), D6 (2), D9 client 20:50Z = 23:50 MSK
        { day: '2026-03-02', client: 5, bot: 2, operator: 1, system: 1 },
        // D9 system 21:10Z and operator 21:10:45Z are 00:10 MSK; D8 21:30Z is 03-04 00:30 MSK
        { day: '2026-03-03', client: 0, bot: 0, operator: 1, system: 1 },
      ]);
    });

    it('buckets first responses by the Moscow day of the transfer', () => {
      expect(data.firstResponse).toEqual([
        { day: '2026-03-01', answered: 3, medianSeconds: 120, p90Seconds: 264 }, // 60, 120, 300
        { day: '2026-03-02', answered: 1, medianSeconds: 600, p90Seconds: 600 }, // D5
        { day: '2026-03-03', answered: 1, medianSeconds: 45, p90Seconds: 45 }, // D9 transferred 00:10 MSK
      ]);
    });

    it('leaves D8 out of markers and phrases', () => {
      expect(data.topMarkers).toEqual([{ name: 'lead', count: 3 }, { name: 'order', count: 2 }, { name: 'complaint', count: 1 }]);
      expect(data.topPhrases).toEqual([
        { phrase: 'hello', count: 3 },
        { phrase: 'where is my order', count: 3 },
        { phrase: 'price', count: 2 },
        { phrase: 'thank you', count: 2 },
        { phrase: 'anyone there', count: 1 },
      ]);
    });
  });

  it('shows one chat only (chat 1: D1, D2, D4, D6, and D7\'s message in the period)', async () => {
    const data = await loadDashboard(db.sql, { ...PERIOD, timeZone: 'UTC', chatId: 1 });
    expect(data.days).toEqual([
      { day: '2026-03-01', active: 2, closed: 1, transfers: 3, noOperatorResponse: 1 },
      { day: '2026-03-02', active: 0, closed: 1, transfers: 0, noOperatorResponse: 0 },
      { day: '2026-03-03', active: 0, closed: 0, transfers: 0, noOperatorResponse: 0 },
    ]);
    expect(data.messagesPerDay).toEqual([
      { day: '2026-03-01', client: 8, bot: 1, operator: 2, system: 2 },
      { day: '2026-03-02', client: 1, bot: 1, operator: 0, system: 0 },
      { day: '2026-03-03', client: 0, bot: 0, operator: 0, system: 0 },
    ]);
    expect(data.firstResponse).toEqual([
      // 60, 120: median 90; p90 at 0.9 → 60 + 0.9 × 60 = 114
      { day: '2026-03-01', answered: 2, medianSeconds: 90, p90Seconds: 114 },
      { day: '2026-03-02', answered: 0, medianSeconds: null, p90Seconds: null },
      { day: '2026-03-03', answered: 0, medianSeconds: null, p90Seconds: null },
    ]);
    expect(data.totals).toEqual({ dialogues: 4, transfers: 3, noOperatorResponse: 1, messages: 15 });
    expect(data.topMarkers).toEqual([{ name: 'lead', count: 3 }, { name: 'order', count: 2 }]);
    expect(data.topPhrases).toEqual([
      { phrase: 'hello', count: 3 },
      { phrase: 'thank you', count: 2 },
      { phrase: 'where is my order', count: 2 },
      { phrase: 'anyone there', count: 1 },
      { phrase: 'price', count: 1 },
    ]);
  });

  it('gives every day of an empty period its zeros', async () => {
    const data = await loadDashboard(db.sql, { from: '2025-12-31', to: '2026-01-01', timeZone: 'UTC' });
    expect(data.days).toEqual([
      { day: '2025-12-31', active: 0, closed: 0, transfers: 0, noOperatorResponse: 0 },
      { day: '2026-01-01', active: 0, closed: 0, transfers: 0, noOperatorResponse: 0 },
    ]);
    expect(data.messagesPerDay.map((d) => d.client + d.bot + d.operator + d.system)).toEqual([0, 0]);
    expect(data.totals).toEqual({ dialogues: 0, transfers: 0, noOperatorResponse: 0, messages: 0 });
    expect(data.topMarkers).toEqual([]);
    expect(data.topPhrases).toEqual([]);
  });

  it('follows daylight saving time: 2026-03-08 is 23 hours long in New York', async () => {
    // 04:30Z = 23:30 EST on 03-07; 03:30Z next day = 23:30 EDT on 03-08 (UTC−4 from 03-08 02:00)
    await db.sql.query(`INSERT INTO messages (dialog_id, author_type, text, sent_at) VALUES
      ($1, 'client', 'late', '2026-03-08T04:30:00Z'), ($1, 'client', 'late', '2026-03-09T03:30:00Z')`, ['00000000-0000-4000-8000-000000000006']);
    const newYork = await loadDashboard(db.sql, { from: '2026-03-07', to: '2026-03-08', timeZone: 'America/New_York' });
    expect(newYork.messagesPerDay.map((d) => [d.day, d.client])).toEqual([['2026-03-07', 1], ['2026-03-08', 1]]);
    const utc = await loadDashboard(db.sql, { from: '2026-03-07', to: '2026-03-09', timeZone: 'UTC' });
    expect(utc.messagesPerDay.map((d) => [d.day, d.client])).toEqual([['2026-03-07', 0], ['2026-03-08', 1], ['2026-03-09', 1]]);
  });

  it('refuses bad input before querying', async () => {
    await expect(loadDashboard(db.sql, { from: '2026-03-05', to: '2026-03-01', timeZone: 'UTC' })).rejects.toThrow(DashboardInputError);
    await expect(loadDashboard(db.sql, { ...PERIOD, timeZone: 'Mars/Olympus' })).rejects.toThrow('Unknown time zone "Mars/Olympus"');
  });
});
