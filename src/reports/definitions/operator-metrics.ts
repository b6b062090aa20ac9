// "Chat sessions with operator metrics": one row per filtered dialogue handled by an operator
// (assigned, or with at least one operator message), oldest first, with its response times
// (rules: src/domain/response-times.ts; SQL: src/reports/sql/response-times.sql.ts).
// The operator is the assigned one, else the author of the first operator reply. Message counts
// cover the whole dialogue, before the transfer too.
import type { SqlRunner } from '../../db/sql-runner.js';
import { dialogFilterSql } from '../../db/dialog-filter-sql.js';
import type { ReportColumn, ReportDefinition, ReportOptions, ReportRow } from '../report-definition.js';
import { handledDialogsSql, responseTimesCtes, roundSeconds } from '../sql/response-times.sql.js';

const BATCH_SIZE = 2000;

const COLUMNS: ReportColumn[] = [
  { key: 'sessionId', header: 'Session id', type: 'string', width: 38 },
  { key: 'chat', header: 'Chat', type: 'string', width: 24 },
  { key: 'operator', header: 'Operator', type: 'string', width: 24 },
  { key: 'transferredAt', header: 'Transferred at', type: 'date', width: 20 },
  { key: 'firstReplyAt', header: 'First operator reply at', type: 'date', width: 20 },
  { key: 'firstResponseTime', header: 'First response time', type: 'duration', width: 12 },
  { key: 'averageResponseTime', header: 'Average response time', type: 'duration', width: 12 },
  { key: 'maxResponseTime', header: 'Maximum response time', type: 'duration', width: 12 },
  { key: 'operatorMessages', header: 'Operator messages', type: 'integer', width: 10 },
  { key: 'clientMessages', header: 'Client messages', type: 'integer', width: 10 },
];

interface MetricsRecord {
  id: string;
  chat: string;
  operator: string | null;
  transferred_at: Date | null;
  first_reply_at: Date | null;
  first_response: number | null;
  average_response: number | null;
  max_response: number | null;
  operator_messages: number;
  client_messages: number;
}

function rowsQuery(options: ReportOptions) {
  const ctes = responseTimesCtes(options.filter, 1);
  return {
    params: ctes.params,
    sql: `
    WITH ${ctes.sql},
    per_dialog AS (
      SELECT t.dialog_id, min(t.chat_id) AS chat_id, min(t.created_at) AS created_at,
        min(t.assigned_operator_id) AS assigned_operator_id, min(t.transferred_at) AS transferred_at,
        count(*) FILTER (WHERE t.author_type = 'client') AS client_messages,
        count(*) FILTER (WHERE t.author_type = 'operator') AS operator_messages,
        min(t.sent_at) FILTER (WHERE t.is_first_reply) AS first_reply_at,
        min(t.operator_id) FILTER (WHERE t.is_first_reply) AS first_reply_by,
        min(t.response_seconds) FILTER (WHERE t.is_first_reply) AS first_response,
        avg(t.response_seconds) AS average_response, max(t.response_seconds) AS max_response
      FROM timeline t GROUP BY t.dialog_id
    )
    SELECT p.dialog_id AS id, c.name AS chat, COALESCE(u.name, u.email) AS operator, p.transferred_at,
      p.first_reply_at,
      p.first_response, ${roundSeconds('p.average_response')} AS average_response, p.max_response,
      p.operator_messages::int, p.client_messages::int
    FROM per_dialog p
    JOIN chats c ON c.id = p.chat_id
    LEFT JOIN chat_operators u ON u.id = COALESCE(p.assigned_operator_id, p.first_reply_by)
    ORDER BY p.created_at, p.dialog_id`,
  };
}

async function countRows(sql: SqlRunner, options: ReportOptions): Promise<number> {
  const where = dialogFilterSql(options.filter, 'd', 1);
  const [row] = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (${handledDialogsSql(where)}) handled`, where.params);
  return row.n;
}

async function* rows(sql: SqlRunner, options: ReportOptions): AsyncIterable<ReportRow[]> {
  const query = rowsQuery(options);
  for await (const batch of sql.cursor<MetricsRecord>(query.sql, query.params, BATCH_SIZE)) {
    yield batch.map((r) => ({
      sessionId: r.id,
      chat: r.chat,
      operator: r.operator,
      transferredAt: r.transferred_at,
      firstReplyAt: r.first_reply_at,
      firstResponseTime: r.first_response,
      averageResponseTime: r.average_response,
      maxResponseTime: r.max_response,
      operatorMessages: r.operator_messages,
      clientMessages: r.client_messages,
    }));
  }
}

export const operatorMetricsReport: ReportDefinition = {
  type: 'operator_metrics',
  title: 'Chat sessions with operator metrics',
  adminOnly: false,
  holdsClientData: false,
  columns: () => COLUMNS,
  countRows,
  rows,
};
