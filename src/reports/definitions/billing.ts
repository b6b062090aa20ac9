// "Chat sessions billing format": one row per chat × channel of the filtered dialogues (by chat
// name, web before facebook), then one "Total" row per currency: chats may bill in different
// currencies and a sum across them would mean nothing.
// Cost = sum of the stored message costs (each fixed at its time's price, PRODUCT.md "Money"),
// which equals the sum of dialogue costs; price = the chat's current price for that channel, so
// cost ≠ paid messages × price after a price change. Money leaves SQL as NUMERIC text, 4 places.
import type { SqlRunner } from '../../db/sql-runner.js';
import { dialogFilterSql } from '../../db/dialog-filter-sql.js';
import { channelLabel } from '../channel-label.js';
import type { ReportColumn, ReportDefinition, ReportOptions, ReportRow } from '../report-definition.js';

export const TOTAL_LABEL = 'Total';

const COLUMNS: ReportColumn[] = [
  { key: 'chat', header: 'Chat', type: 'string', width: 28 },
  { key: 'channel', header: 'Channel', type: 'string', width: 10 },
  { key: 'dialogues', header: 'Dialogues', type: 'integer', width: 11 },
  { key: 'messages', header: 'Messages', type: 'integer', width: 11 },
  { key: 'paidMessages', header: 'Paid messages', type: 'integer', width: 11 },
  { key: 'price', header: 'Price', type: 'money', width: 10 },
  { key: 'cost', header: 'Cost', type: 'money', width: 12 },
  { key: 'currency', header: 'Currency', type: 'string', width: 9 },
];

interface BillingRecord {
  is_total: boolean;
  chat: string | null;
  channel: string | null;
  dialogues: number;
  messages: number;
  paid_messages: number;
  price: string | null;
  cost: string;
  currency: string;
}

// GROUPING SETS gives the chat × channel lines and the per-currency totals in one pass; the
// messages are read once, joined to the filtered dialogues.
function rowsQuery(options: ReportOptions) {
  const where = dialogFilterSql(options.filter, 'd', 1);
  return {
    params: where.params,
    sql: `
    WITH filtered AS (
      SELECT d.id, d.chat_id, d.channel FROM dialogs d WHERE ${where.sql}
    ),
    dialog_counts AS (
      SELECT f.chat_id, f.channel, count(*) AS dialogues FROM filtered f GROUP BY f.chat_id, f.channel
    ),
    message_counts AS (
      SELECT f.chat_id, f.channel, count(*) AS messages, count(*) FILTER (WHERE m.is_paid) AS paid_messages,
        sum(m.cost) AS cost
      FROM filtered f JOIN messages m ON m.dialog_id = f.id
      GROUP BY f.chat_id, f.channel
    ),
    lines AS (
      SELECT c.id AS chat_id, c.name, dc.channel, c.currency,
        CASE dc.channel WHEN 'web' THEN c.price_web ELSE c.price_facebook END AS price,
        dc.dialogues, COALESCE(mc.messages, 0) AS messages, COALESCE(mc.paid_messages, 0) AS paid_messages,
        COALESCE(mc.cost, 0) AS cost
      FROM dialog_counts dc
      JOIN chats c ON c.id = dc.chat_id
      LEFT JOIN message_counts mc ON mc.chat_id = dc.chat_id AND mc.channel = dc.channel
    )
    SELECT GROUPING(l.chat_id) = 1 AS is_total, l.name AS chat, l.channel::text AS channel,
      sum(l.dialogues)::int AS dialogues, sum(l.messages)::int AS messages,
      sum(l.paid_messages)::int AS paid_messages,
      round(l.price, 4)::text AS price, round(sum(l.cost), 4)::text AS cost, l.currency
    FROM lines l
    GROUP BY GROUPING SETS ((l.currency, l.chat_id, l.name, l.channel, l.price), (l.currency))
    ORDER BY GROUPING(l.chat_id), l.name COLLATE "C", l.chat_id, l.channel, l.currency COLLATE "C"`,
  };
}

async function countRows(sql: SqlRunner, options: ReportOptions): Promise<number> {
  const where = dialogFilterSql(options.filter, 'd', 1);
  const [row] = await sql.query<{ n: number }>(`
    SELECT (count(DISTINCT (d.chat_id, d.channel)) + count(DISTINCT c.currency))::int AS n
    FROM dialogs d JOIN chats c ON c.id = d.chat_id WHERE ${where.sql}`, where.params);
  return row.n;
}

async function* rows(sql: SqlRunner, options: ReportOptions): AsyncIterable<ReportRow[]> {
  const query = rowsQuery(options);
  for await (const batch of sql.cursor<BillingRecord>(query.sql, query.params)) {
    yield batch.map((r) => ({
      chat: r.is_total ? TOTAL_LABEL : r.chat,
      channel: r.is_total || r.channel === null ? null : channelLabel(r.channel),
      dialogues: r.dialogues,
      messages: r.messages,
      paidMessages: r.paid_messages,
      price: r.is_total ? null : r.price,
      cost: r.cost,
      currency: r.currency,
    }));
  }
}

export const billingReport: ReportDefinition = {
  type: 'billing',
  title: 'Chat sessions billing format',
  adminOnly: true,
  holdsClientData: false,
  columns: () => COLUMNS,
  countRows,
  rows,
};
