// Every filter and sort the Dialog and Message lists offer has an index: the plan of each list
// query shape (page and capped count), with sequential scans priced out (enable_seqscan off: a
// sequential scan then only appears where no index can serve), never reads a big table whole.
// The tables hold some 20,000 dialogues and 80,000 messages, so that the planner's estimates are
// those of a real table (on an empty one it sorts everything, as that costs nothing).
// The shapes are the list's: the DialogFilter in SQL (held to the list's Prisma `where` by
// dialog-filter.test.ts), the list's orders with their id tie-breaker, the count capped as in
// src/admin/capped-total.ts.
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { dialogFilterSql } from '../../src/db/dialog-filter-sql.js';
import type { DialogFilter } from '../../src/domain/dialog-filter.js';
import { escapeLike } from '../../src/db/like-pattern.js';
import { countCap } from '../../src/admin/capped-total.js';

const BIG_TABLES = ['dialogs', 'messages', 'dialog_markers', 'clients'];

interface PlanNode {
  'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string;
  'Sort Key'?: string[]; 'Presorted Key'?: string[]; Plans?: PlanNode[];
}
const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

/** A value as an SQL literal (the test's own fixed values only). */
function literal(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return `'${value.toISOString()}'`;
  return `'${String(value).replace(/'/g, "''")}'`;
}
const inline = (sql: string, params: unknown[]) => sql.replace(/\$(\d+)/g, (_, n: string) => literal(params[Number(n) - 1]));

const DIALOG_FILTERS: [string, DialogFilter][] = [
  ['no filter', {}],
  ['status active', { status: 'active' }],
  ['status closed', { status: 'closed' }],
  ['no operator response', { status: 'no_operator_response' }],
  ['chat', { chatId: 1 }],
  ['channel', { channel: 'facebook' }],
  ['operator', { operatorId: 1 }],
  ['marker', { markerId: 1 }],
  ['client', { clientId: 1 }],
  ['date range', { createdFrom: new Date('2026-01-01T00:00:00Z'), createdTo: new Date('2026-02-01T00:00:00Z') }],
  ['text', { text: 'refund' }],
];
const DIALOG_ORDERS = [
  'd.created_at DESC, d.id DESC',
  'd.created_at ASC, d.id ASC',
  'd.cost DESC, d.id DESC',
  'd.cost ASC, d.id ASC',
  // waiting first (src/domain/dialog-status.ts waitingFirstOrder), both directions
  'd.status ASC, d.first_operator_reply_at DESC NULLS FIRST, d.transferred_at ASC NULLS LAST, d.created_at DESC, d.id DESC',
  'd.status DESC, d.first_operator_reply_at ASC NULLS LAST, d.transferred_at DESC NULLS FIRST, d.created_at ASC, d.id ASC',
];

const textCondition = (alias: string, text: string) => `${alias}.text ILIKE ${literal(`%${escapeLike(text)}%`)}`;
const MESSAGE_FILTERS: [string, string][] = [
  ['no filter', 'TRUE'],
  ['dialogue', `m.dialog_id = '00000000-0000-4000-8000-000000000001'`],
  ['author type', `m.author_type = 'operator'`],
  ['sent at', `m.sent_at >= '2026-01-01T00:00:00Z' AND m.sent_at <= '2026-02-01T00:00:00Z'`],
  ['text', textCondition('m', 'refund')],
  ['russian text', textCondition('m', 'возврат')],
  ['delivery status', `m.delivery_status = 'failed'`],
];
const MESSAGE_ORDERS = ['m.sent_at DESC, m.id DESC', 'm.sent_at ASC, m.id ASC', 'm.cost DESC, m.id DESC', 'm.cost ASC, m.id ASC'];

describeEachDatabase('list query plans', (kind) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    // SET LOCAL inside one call: the setting and the EXPLAIN share the transaction (and connection)
    await db.sql.exec(`CREATE FUNCTION test_plan_without_seqscan(query text) RETURNS json LANGUAGE plpgsql AS $$
      DECLARE plan json;
      BEGIN
        SET LOCAL enable_seqscan = off;
        EXECUTE 'EXPLAIN (FORMAT JSON) ' || query INTO plan;
        RETURN plan;
      END $$`);
    await db.sql.exec(`
      INSERT INTO chats (name, public_key, updated_at) SELECT 'chat ' || i, 'plans-' || i, now() FROM generate_series(1, 4) i;
      INSERT INTO clients (chat_id, channel, external_id) SELECT 1 + i % 4, (ARRAY['web', 'facebook'])[1 + i % 2]::"Channel", 'c' || i FROM generate_series(1, 5000) i;
      INSERT INTO markers (name) SELECT 'marker ' || i FROM generate_series(1, 5) i;
      INSERT INTO dialogs (id, chat_id, client_id, channel, status, transferred_at, first_operator_reply_at, cost, created_at)
      SELECT ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, c.chat_id, c.id, c.channel,
             (CASE WHEN i % 10 = 0 THEN 'active' ELSE 'closed' END)::"DialogStatus",
             CASE WHEN i % 3 = 0 THEN t END, CASE WHEN i % 6 = 0 THEN t + interval '2 minutes' END, (i % 50) / 100.0, t
      FROM generate_series(1, 20000) i
      JOIN clients c ON c.id = 1 + i % 5000
      CROSS JOIN LATERAL (SELECT TIMESTAMPTZ '2026-01-01 00:00Z' + i * interval '17 minutes' AS t) x;
      INSERT INTO messages (dialog_id, author_type, text, sent_at, cost, delivery_status)
      SELECT ('00000000-0000-4000-8000-' || lpad((1 + i % 20000)::text, 12, '0'))::uuid,
             (ARRAY['client', 'bot', 'operator', 'system'])[1 + i % 4]::"AuthorType",
             (ARRAY['Where is my order?', 'I want a refund', 'Хочу возврат денег', 'Thank you', 'Price?', 'hello there'])[1 + i % 6] || ' #' || i,
             TIMESTAMPTZ '2026-01-01 00:00Z' + i * interval '4 minutes', (i % 3) / 100.0,
             CASE WHEN i % 40 = 0 THEN 'sent'::"DeliveryStatus" END
      FROM generate_series(1, 80000) i;
      INSERT INTO dialog_markers (dialog_id, marker_id) SELECT id, 1 + abs(hashtext(id::text)) % 5 FROM dialogs WHERE created_at < TIMESTAMPTZ '2026-04-01Z';
      ANALYZE;`);
  }, 120_000);
  afterAll(() => db?.drop());

  async function plan(query: string): Promise<PlanNode[]> {
    const [row] = await db.sql.query<{ plan: unknown }>('SELECT test_plan_without_seqscan($1) AS plan', [query]);
    const json = (typeof row.plan === 'string' ? JSON.parse(row.plan) : row.plan) as { Plan: PlanNode }[];
    return nodes(json[0].Plan);
  }
  const seqScans = (plan: PlanNode[]) => plan.filter((n) => n['Node Type'] === 'Seq Scan' && BIG_TABLES.includes(n['Relation Name'] ?? '')).map((n) => n['Relation Name']);
  const usesIndex = (plan: PlanNode[], index: string) => plan.some((n) => n['Index Name'] === index);

  // The rows come in index order: no Sort, and an Incremental Sort only for the id tie-breaker.
  const sortsInIndexOrder = (plan: PlanNode[]) => plan.every((n) => n['Node Type'] !== 'Sort'
    && (n['Node Type'] !== 'Incremental Sort' || (n['Sort Key'] ?? []).length - (n['Presorted Key'] ?? []).length <= 1));

  it.each(DIALOG_ORDERS)('Dialog list without a filter, ORDER BY %s: read in index order', async (order) => {
    expect(sortsInIndexOrder(await plan(`SELECT d.id FROM dialogs d ORDER BY ${order} LIMIT 10`))).toBe(true);
  });

  it.each(MESSAGE_ORDERS)('Message list without a filter, ORDER BY %s: read in index order', async (order) => {
    expect(sortsInIndexOrder(await plan(`SELECT m.id FROM messages m ORDER BY ${order} LIMIT 10`))).toBe(true);
  });

  const dialogCases = DIALOG_FILTERS.flatMap(([name, filter]) => DIALOG_ORDERS.map((order) => [name, order, filter] as const));
  it.each(dialogCases)('Dialog list, %s, ORDER BY %s: no sequential scan', async (_name, order, filter) => {
    const { sql, params } = dialogFilterSql(filter);
    expect(seqScans(await plan(`SELECT d.id FROM dialogs d WHERE ${inline(sql, params)} ORDER BY ${order} LIMIT 10`))).toEqual([]);
  });

  it.each(DIALOG_FILTERS)('Dialog list total, %s: no sequential scan', async (_name, filter: DialogFilter) => {
    const { sql, params } = dialogFilterSql(filter);
    expect(seqScans(await plan(`SELECT count(*) FROM (SELECT 1 FROM dialogs d WHERE ${inline(sql, params)} LIMIT ${countCap(10)}) c`))).toEqual([]);
  });

  const messageCases = MESSAGE_FILTERS.flatMap(([name, where]) => MESSAGE_ORDERS.map((order) => [name, order, where] as const));
  it.each(messageCases)('Message list, %s, ORDER BY %s: no sequential scan', async (_name, order, where) => {
    expect(seqScans(await plan(`SELECT m.id FROM messages m WHERE ${where} ORDER BY ${order} LIMIT 10`))).toEqual([]);
  });

  it.each(MESSAGE_FILTERS)('Message list total, %s: no sequential scan', async (_name, where: string) => {
    expect(seqScans(await plan(`SELECT count(*) FROM (SELECT 1 FROM messages m WHERE ${where} LIMIT ${countCap(10)}) c`))).toEqual([]);
  });

  it('finds text through the trigram index, in the message list and for the dialogues\' text filter', async () => {
    expect(usesIndex(await plan(`SELECT count(*) FROM messages m WHERE ${textCondition('m', 'refund')}`), 'messages_text_trgm_idx')).toBe(true);
    expect(usesIndex(await plan(`SELECT count(*) FROM messages m WHERE ${textCondition('m', 'Возврат_50%')}`), 'messages_text_trgm_idx')).toBe(true);
    const { sql, params } = dialogFilterSql({ text: 'refund' });
    expect(usesIndex(await plan(`SELECT count(*) FROM dialogs d WHERE ${inline(sql, params)}`), 'messages_text_trgm_idx')).toBe(true);
  });

  it('notices a missing index: without the trigram index the text search reads all messages', async () => {
    // the last test of this database: the index is not put back
    await db.sql.exec('DROP INDEX messages_text_trgm_idx');
    expect(seqScans(await plan(`SELECT count(*) FROM messages m WHERE ${textCondition('m', 'refund')}`))).toEqual(['messages']);
  });
});
