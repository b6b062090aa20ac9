// "Productivity": one row per operator over the filtered dialogues, by operator name.
// Decisions where PRODUCT.md is silent:
// - an operator handled a dialogue if it is assigned to them or they wrote in it (a dialogue
//   passed between two operators counts for both, with all its client messages);
// - an operator message counts for its author, else (author deleted) for the dialogue's operator;
// - a response time counts for the operator who answered; averages are over all of that
//   operator's responses (not an average of per-dialogue averages);
// - "left without response" counts the dialogues assigned to the operator that were transferred
//   and got no operator message after the transfer (from anyone). Unassigned dialogues have no
//   operator row.
import type { SqlRunner } from '../../db/sql-runner.js';
import type { ReportColumn, ReportDefinition, ReportOptions, ReportRow } from '../report-definition.js';
import { noOperatorResponseSql } from '../../domain/dialog-status.js';
import { responseTimesCtes, roundSeconds } from '../sql/response-times.sql.js';

const COLUMNS: ReportColumn[] = [
  { key: 'operator', header: 'Operator', type: 'string', width: 28 },
  { key: 'dialogues', header: 'Dialogues handled', type: 'integer', width: 12 },
  { key: 'operatorMessages', header: 'Messages sent', type: 'integer', width: 12 },
  { key: 'clientMessages', header: 'Client messages', type: 'integer', width: 12 },
  { key: 'averageResponseTime', header: 'Average response time', type: 'duration', width: 12 },
  { key: 'maxResponseTime', header: 'Maximum response time', type: 'duration', width: 12 },
  { key: 'averageFirstResponseTime', header: 'Average first response time', type: 'duration', width: 12 },
  { key: 'withoutResponse', header: 'Dialogues left without response', type: 'integer', width: 14 },
];

interface ProductivityRecord {
  operator: string;
  dialogues: number;
  operator_messages: number;
  client_messages: number;
  average_response: number | null;
  max_response: number | null;
  average_first_response: number | null;
  without_response: number;
}

function rowsQuery(options: ReportOptions) {
  const ctes = responseTimesCtes(options.filter, 1);
  return {
    params: ctes.params,
    sql: `
    WITH ${ctes.sql},
    per_dialog AS (
      SELECT t.dialog_id, min(t.assigned_operator_id) AS assigned_operator_id,
        min(t.transferred_at) AS transferred_at,
        -- the first operator message at/after the transfer, so that the stored-facts rule applies as is
        min(t.sent_at) FILTER (WHERE t.is_reply) AS first_operator_reply_at,
        count(*) FILTER (WHERE t.author_type = 'client') AS client_messages
      FROM timeline t GROUP BY t.dialog_id
    ),
    sent AS (
      SELECT t.dialog_id, t.operator_id, count(*) AS messages
      FROM timeline t WHERE t.author_type = 'operator' AND t.operator_id IS NOT NULL
      GROUP BY t.dialog_id, t.operator_id
    ),
    participation AS (
      SELECT pd.dialog_id, pd.assigned_operator_id AS operator_id FROM per_dialog pd
      WHERE pd.assigned_operator_id IS NOT NULL
      UNION
      SELECT s.dialog_id, s.operator_id FROM sent s
    ),
    workload AS (
      SELECT p.operator_id, count(*) AS dialogues,
        COALESCE(sum(s.messages), 0) AS operator_messages, sum(pd.client_messages) AS client_messages
      FROM participation p
      JOIN per_dialog pd ON pd.dialog_id = p.dialog_id
      LEFT JOIN sent s ON s.dialog_id = p.dialog_id AND s.operator_id = p.operator_id
      GROUP BY p.operator_id
    ),
    times AS (
      SELECT t.operator_id, avg(t.response_seconds) AS average_response, max(t.response_seconds) AS max_response,
        avg(t.response_seconds) FILTER (WHERE t.is_first_reply) AS average_first_response
      FROM timeline t WHERE t.response_seconds IS NOT NULL AND t.operator_id IS NOT NULL
      GROUP BY t.operator_id
    ),
    unanswered AS (
      SELECT pd.assigned_operator_id AS operator_id, count(*) AS dialogues
      FROM per_dialog pd
      WHERE pd.assigned_operator_id IS NOT NULL AND ${noOperatorResponseSql('pd')}
      GROUP BY pd.assigned_operator_id
    )
    SELECT COALESCE(u.name, u.email) AS operator, w.dialogues::int,
      w.operator_messages::int, w.client_messages::int,
      ${roundSeconds('t.average_response')} AS average_response, t.max_response,
      ${roundSeconds('t.average_first_response')} AS average_first_response,
      COALESCE(un.dialogues, 0)::int AS without_response
    FROM workload w
    JOIN chat_operators u ON u.id = w.operator_id
    LEFT JOIN times t ON t.operator_id = w.operator_id
    LEFT JOIN unanswered un ON un.operator_id = w.operator_id
    ORDER BY COALESCE(u.name, u.email) COLLATE "C", u.id`,
  };
}

async function* rows(sql: SqlRunner, options: ReportOptions): AsyncIterable<ReportRow[]> {
  const query = rowsQuery(options);
  for await (const batch of sql.cursor<ProductivityRecord>(query.sql, query.params)) {
    yield batch.map((r) => ({
      operator: r.operator,
      dialogues: r.dialogues,
      operatorMessages: r.operator_messages,
      clientMessages: r.client_messages,
      averageResponseTime: r.average_response,
      maxResponseTime: r.max_response,
      averageFirstResponseTime: r.average_first_response,
      withoutResponse: r.without_response,
    }));
  }
}

export const productivityReport: ReportDefinition = {
  type: 'productivity',
  title: 'Productivity',
  adminOnly: false,
  holdsClientData: false,
  columns: () => COLUMNS,
  // one row per operator: a handful, and knowing them costs the whole query
  countRows: async () => null,
  rows,
};
