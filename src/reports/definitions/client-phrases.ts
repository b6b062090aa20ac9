// "Client phrases": every message written by a client in the filtered dialogues, dialogue by
// dialogue in list order, each dialogue's messages in time order. The time column exists only
// with "With time in dialogs".
import type { SqlRunner } from '../../db/sql-runner.js';
import { dialogFilterSql } from '../../db/dialog-filter-sql.js';
import type { ReportColumn, ReportDefinition, ReportOptions, ReportRow } from '../report-definition.js';

const BATCH_SIZE = 2000;

interface PhraseRecord { id: string; chat: string; client_external_id: string; sent_at: Date; text: string }

function columns(options: ReportOptions): ReportColumn[] {
  return [
    { key: 'sessionId', header: 'Session id', type: 'string', width: 38 },
    { key: 'chat', header: 'Chat', type: 'string', width: 24 },
    { key: 'clientId', header: 'Client id', type: 'string', width: 24 },
    ...(options.withTime ? [{ key: 'time', header: 'Time', type: 'date', width: 20 } as const] : []),
    { key: 'text', header: 'Text', type: 'text', width: 80 },
  ];
}

// Dialogues are walked in list order and each one's client messages read through the
// messages (dialog_id, sent_at) index, so the rows stream without sorting all messages.
function rowsQuery(options: ReportOptions) {
  const where = dialogFilterSql(options.filter, 'd', 1);
  return {
    sql: `
      SELECT d.id, c.name AS chat, cl.external_id AS client_external_id, m.sent_at, m.text
      FROM dialogs d
      JOIN chats c ON c.id = d.chat_id
      JOIN clients cl ON cl.id = d.client_id
      JOIN messages m ON m.dialog_id = d.id AND m.author_type = 'client'
      WHERE ${where.sql}
      ORDER BY d.created_at, d.id, m.sent_at, m.id`,
    params: where.params,
  };
}

async function countRows(sql: SqlRunner, options: ReportOptions): Promise<number> {
  const where = dialogFilterSql(options.filter, 'd', 1);
  const [row] = await sql.query<{ n: number }>(`
    SELECT count(*)::int AS n
    FROM dialogs d JOIN messages m ON m.dialog_id = d.id AND m.author_type = 'client'
    WHERE ${where.sql}`, where.params);
  return row.n;
}

async function* rows(sql: SqlRunner, options: ReportOptions): AsyncIterable<ReportRow[]> {
  const query = rowsQuery(options);
  for await (const batch of sql.cursor<PhraseRecord>(query.sql, query.params, BATCH_SIZE)) {
    yield batch.map((r) => ({
      sessionId: r.id,
      chat: r.chat,
      clientId: r.client_external_id,
      ...(options.withTime ? { time: r.sent_at } : {}),
      text: r.text,
    }));
  }
}

export const clientPhrasesReport: ReportDefinition = {
  type: 'client_phrases',
  title: 'Client phrases',
  adminOnly: false,
  holdsClientData: true,
  columns,
  countRows,
  rows,
};
