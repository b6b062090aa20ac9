// List totals through the real AdminJS API on 10,500 dialogues: exact up to the limit (10,000;
// 1,000 with a text search), above it only "more than the limit" (never a made-up exact number),
// and paging still reaches the last dialogue, where the total becomes exact again.
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { createUser, loginAs, startTestApp } from '../support/http.js';
import { EXACT_COUNT_LIMIT, TEXT_COUNT_LIMIT } from '../../src/admin/capped-total.js';

type Agent = Awaited<ReturnType<typeof loginAs>>;
const DIALOGS = '/admin/api/resources/Dialog/actions/list';
const MESSAGES = '/admin/api/resources/Message/actions/list';
const TOTAL = 10_500;

describeEachDatabase('list totals', (kind) => {
  let db: TestDatabase;
  let admin: Agent;
  let small = 0;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const built = await startTestApp(db);
    await createUser(db, 'admin');
    admin = await loginAs(built.app, 'admin@example.com');
    // chat 1: 10,450 dialogues; chat 2: 50. One message each; "refund" in 1,500, "Возврат 5%" in 30.
    await db.sql.exec(`
      INSERT INTO chats (name, public_key, updated_at) VALUES ('big', 'totals-big', now()), ('small', 'totals-small', now());
      INSERT INTO clients (chat_id, channel, external_id) VALUES (1, 'web', 'big'), (2, 'web', 'small');
      INSERT INTO dialogs (id, chat_id, client_id, channel, created_at)
      SELECT ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, CASE WHEN i <= 50 THEN 2 ELSE 1 END,
             CASE WHEN i <= 50 THEN 2 ELSE 1 END, 'web', TIMESTAMPTZ '2026-01-01Z' + i * interval '1 minute'
      FROM generate_series(1, ${TOTAL}) i;
      INSERT INTO messages (dialog_id, author_type, text, sent_at)
      SELECT id, CASE WHEN n % 500 = 0 THEN 'operator' ELSE 'client' END::"AuthorType",
             CASE WHEN n % 7 = 0 AND n <= 10500 THEN 'I want a REFUND' WHEN n % 350 = 1 THEN 'Возврат 5% скидки' ELSE 'hello' END,
             created_at + interval '10 seconds'
      FROM (SELECT id, created_at, row_number() OVER (ORDER BY created_at) AS n FROM dialogs) d;`);
    small = 2;
  }, 120_000);
  afterAll(() => db?.drop());

  const list = async (url: string, query: Record<string, string> = {}) => {
    const response = await admin.get(url).query(query);
    expect(response.status).toBe(200);
    return response.body as { meta: { total: number; page: number; perPage: number }; records: { id: string }[] };
  };

  it('says "more than 10,000" on a big list, and counts a small one exactly', async () => {
    expect((await list(DIALOGS)).meta.total).toBe(EXACT_COUNT_LIMIT + 1);
    expect((await list(DIALOGS, { 'filters.chat': String(small) })).meta.total).toBe(50);
    expect((await list(MESSAGES)).meta.total).toBe(EXACT_COUNT_LIMIT + 1);
    expect((await list(MESSAGES, { 'filters.authorType': 'operator' })).meta.total).toBe(21);
  });

  it('counts a text search exactly up to 1,000, % literal, in both lists', async () => {
    expect((await list(DIALOGS, { 'filters.text': 'refund' })).meta.total).toBe(TEXT_COUNT_LIMIT + 1);
    expect((await list(MESSAGES, { 'filters.text': 'refund' })).meta.total).toBe(TEXT_COUNT_LIMIT + 1);
    expect((await list(DIALOGS, { 'filters.text': 'возврат 5%' })).meta.total).toBe(30);
    expect((await list(MESSAGES, { 'filters.text': 'возврат 5%' })).meta.total).toBe(30);
    expect((await list(DIALOGS, { 'filters.text': 'возврат 5%', 'filters.chat': String(small) })).meta.total).toBe(1);
    expect((await list(DIALOGS, { 'filters.text': '5_' })).meta.total).toBe(0);
  });

  // The total is counted in SQL, the page by Prisma: on small results both give the same rows.
  it.each([
    [DIALOGS, { 'filters.chat': '2' }], [DIALOGS, { 'filters.text': 'ВОЗВРАТ' }], [DIALOGS, { 'filters.text': 'refund', 'filters.chat': '2' }],
    [DIALOGS, { 'filters.createdAt~~from': '2026-01-01T00:30:00Z', 'filters.createdAt~~to': '2026-01-01T03:00:00Z' }],
    [DIALOGS, { 'filters.status': 'closed' }],
    [MESSAGES, { 'filters.authorType': 'operator' }], [MESSAGES, { 'filters.text': 'возврат 5%' }],
    [MESSAGES, { 'filters.dialog': '00000000-0000-4000-8000-000000000007' }],
    [MESSAGES, { 'filters.sentAt~~from': '2026-01-01T00:30:00Z', 'filters.sentAt~~to': '2026-01-01T03:00:00Z', 'filters.text': 'refund' }],
  ])('%s %j: the total is the number of listed rows', async (url, query) => {
    const body = await list(url, { ...query, perPage: '500' });
    expect(body.records.length).toBeLessThan(500);
    expect(body.meta.total).toBe(body.records.length);
  });

  it('pages past the limit to the last dialogue, the total exact once the end is in reach', async () => {
    const past = await list(DIALOGS, { page: '1001', perPage: '10' });
    expect(past.records).toHaveLength(10);
    // one page more is offered while more rows exist
    expect(past.meta.total).toBe(10_011);
    const last = await list(DIALOGS, { page: String(TOTAL / 10), perPage: '10' });
    expect(last.records).toHaveLength(10);
    expect(last.meta.total).toBe(TOTAL);
    // the oldest dialogue is the last one of the last page (newest first)
    expect(last.records[9].id).toBe('00000000-0000-4000-8000-000000000001');
    expect((await list(DIALOGS, { page: String(TOTAL / 10 + 1), perPage: '10' })).records).toHaveLength(0);
  });
});
