// "Sources": where the filtered dialogues come from, one row per chat × channel (by chat name,
// web before facebook), with their messages by author and how many went to an operator.
// "Transferred" = the dialogue has a transfer time (answered or not).
import type { SqlRunner } from '../../db/sql-runner.js';
import { dialogFilterSql } from '../../db/dialog-filter-sql.js';
import { channelLabel } from '../channel-label.js';
import type { ReportColumn, ReportDefinition, ReportOptions, ReportRow } from '../report-definition.js';

const COLUMNS: ReportColumn[] = [
  { key: 'chat', header: 'Chat', type: 'string', width: 28 },
  { key: 'channel', header: 'Channel', type: 'string', width: 10 },
  { key: 'dialogues', header: 'Dialogues', type: 'integer', width: 11 },
  { key: 'botMessages', header: 'Bot messages', type: 'integer', width: 11 },
  { key: 'operatorMessages', header: 'Operator messages', type: 'integer', width: 11 },
  { key: 'clientMessages', header: 'Client messages', type: 'integer', width: 11 },
  { key: 'transferred', header: 'Transferred to an operator', type: 'integer', width: 14 },
];

interface SourceRecord {
  chat: string;
  channel: string;
  dialogues: number;
  bot_messages: number;
  operator_messages: number;
  client_messages: number;
  transferred: number;
}

function rowsQuery(options: ReportOptions) {
  const where = dialogFilterSql(options.filter, 'd', 1);
  return {
    params: where.params,
    sql: `
    WITH filtered AS (
      SELECT d.id, d.chat_id, d.channel, d.transferred_at FROM dialogs d WHERE ${where.sql}
    ),
    dialog_counts AS (
      SELECT f.chat_id, f.channel, count(*) AS dialogues, count(f.transferred_at) AS transferred
      FROM filtered f GROUP BY f.chat_id, f.channel
    ),
    message_counts AS (
      SELECT f.chat_id, f.channel,
        count(*) FILTER (WHERE m.author_type = 'bot') AS bot_messages,
        count(*) FILTER (WHERE m.author_type = 'operator') AS operator_messages,
        count(*) FILTER (WHERE m.author_type = 'client') AS client_messages
      FROM filtered f JOIN messages m ON m.dialog_id = f.id
      GROUP BY f.chat_id, f.channel
    )
    SELECT c.name AS chat, dc.channel::text AS channel, dc.dialogues::int,
      COALESCE(mc.bot_messages, 0)::int AS bot_messages,
      COALESCE(mc.operator_messages, 0)::int AS operator_messages,
      COALESCE(mc.client_messages, 0)::int AS client_messages,
      dc.transferred::int
    FROM dialog_counts dc
    JOIN chats c ON c.id = dc.chat_id
    LEFT JOIN message_counts mc ON mc.chat_id = dc.chat_id AND mc.channel = dc.channel
    ORDER BY c.name COLLATE "C", c.id, dc.channel`,
  };
}

async function countRows(sql: SqlRunner, options: ReportOptions): Promise<number> {
  const where = dialogFilterSql(options.filter, 'd', 1);
  const [row] = await sql.query<{ n: number }>(
    `SELECT count(DISTINCT (d.chat_id, d.channel))::int AS n FROM dialogs d WHERE ${where.sql}`, where.params);
  return row.n;
}

async function* rows(sql: SqlRunner, options: ReportOptions): AsyncIterable<ReportRow[]> {
  const query = rowsQuery(options);
  for await (const batch of sql.cursor<SourceRecord>(query.sql, query.params)) {
    yield batch.map((r) => ({
      chat: r.chat,
      channel: channelLabel(r.channel),
      dialogues: r.dialogues,
      botMessages: r.bot_messages,
      operatorMessages: r.operator_messages,
      clientMessages: r.client_messages,
      transferred: r.transferred,
    }));
  }
}

export const sourcesReport: ReportDefinition = {
  type: 'sources',
  title: 'Sources',
  adminOnly: false,
  holdsClientData: false,
  columns: () => COLUMNS,
  countRows,
  rows,
};
